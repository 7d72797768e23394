#pragma once

// What the boot sequence (riscv/boot.cpp) shares with the rest of the boot: the tape reader
// (tape.cpp) and the file system import (file_import.cpp).
namespace zeroos {
class Kernel;
}

namespace zeroos::riscv {

// The kernel, constructed in place in zeroos_kernel_area at boot.
extern Kernel* g_kernel;

// Reports "zeroos: boot failed: <what>" and ends the run with status 70.
void boot_failure(const char* what);

} // namespace zeroos::riscv
