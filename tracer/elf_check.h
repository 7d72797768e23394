#pragma once

#include <string>

namespace zeroos::tracer {

// Whether zeroos-run can run a program file, decided from its ELF header before anything is spawned.
struct ProgramCheck {
    bool runnable = false;
    int exit_status = 0; // when not runnable
    std::string message; // one line, without "zeroos-run: ", when not runnable
    bool riscv = false; // a 64-bit RISC-V executable: a vApp for qemu (riscv_launcher.h)
};

// Runnable: an existing, executable, 64-bit x86-64 ELF executable without PT_INTERP (static or
// static-pie), or a 64-bit RISC-V executable (riscv set).
ProgramCheck check_program(const std::string& path);

} // namespace zeroos::tracer
