#pragma once

#include "base/types.h"
#include "tape.h"

// The stack the program's _start finds, as Linux's execve leaves it (riscv/initial_stack.cpp).
namespace zeroos::riscv {

// Builds argc, argv, envp and auxv (with AT_RANDOM's 16 bytes and the program header table the
// libc reads for the TLS image) at the top of RAM, and returns the stack pointer for _start.
u64 build_initial_stack(const Tape& tape, const u8 random_bytes[16]);

} // namespace zeroos::riscv
