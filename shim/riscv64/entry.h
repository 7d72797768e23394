#pragma once

#include "syscalls.h"

namespace zeroos::riscv64 {

// What the trap vector saves on an ecall: the registers the C++ calling convention does not
// preserve, plus the guest's sp and the trapping pc. Callee-saved registers stay live in the
// registers themselves (the kernel's code preserves them), which keeps the syscall path short.
// The order is the one riscv/trap.S stores them in.
struct TrapFrame {
    u64 ra;
    u64 t0, t1, t2;
    u64 a0, a1, a2, a3, a4, a5, a6, a7;
    u64 t3, t4, t5, t6;
    u64 sp; // the guest's
    u64 mepc;
};
static_assert(sizeof(TrapFrame) == 18 * 8);

// Serves the ecall in `frame` (a7 = number in asm-generic numbering, a0-a5 = arguments), puts
// the result in a0 and steps mepc past the ecall, unless the run ends.
SyscallOutcome serve_syscall(Kernel&, TrapFrame&);

} // namespace zeroos::riscv64
