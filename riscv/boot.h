#pragma once

// What the boot sequence (riscv/boot.cpp) shares with the rest of the boot: the tape reader.
namespace zeroos::riscv {

// Reports "zeroos: boot failed: <what>" and ends the run with status 70.
void boot_failure(const char* what);

} // namespace zeroos::riscv
