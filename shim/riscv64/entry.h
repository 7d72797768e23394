#pragma once

#include "syscalls.h"

namespace zeroos::riscv64 {

// What the trap vector saves on an ecall: the registers the C++ calling convention does not
// preserve, plus the guest's sp and the trapping pc. Callee-saved registers stay live in the
// registers themselves (the kernel's code preserves them), which keeps the syscall path short.
// The order is the one riscv/trap.S stores them in: a0-a5 sit where a SyscallArgs would, so
// handlers read the arguments straight from the frame.
struct TrapFrame {
    u64 ra;
    u64 t0, t1, t2;
    SyscallArgs args; // a0-a5
    u64 a6, a7;
    u64 t3, t4, t5, t6;
    u64 sp; // the guest's; stored only when the fast path does not serve the call
    u64 mepc; // likewise
};
static_assert(sizeof(TrapFrame) == 18 * 8);
static_assert(__builtin_offsetof(TrapFrame, args) == 4 * 8, "trap.S passes sp + 32 as the SyscallArgs");

// The handlers trap.S calls itself, by generic syscall number; null where the kernel's full
// dispatcher must serve the call. clone is left to the dispatcher: the child's context needs the
// callee-saved registers, which only the slow path stores.
struct FastHandlers {
    SyscallHandler by_number[kSyscallNumberLimit];
};
extern "C" const FastHandlers zeroos_riscv64_fast_handlers;

// Serves the ecall in `frame` (a7 = number in asm-generic numbering, a0-a5 = arguments), puts
// the result in a0 and steps mepc past the ecall, unless the run ends.
SyscallOutcome serve_syscall(Kernel&, TrapFrame&);
// The rest of a call whose handler trap.S already ran (from zeroos_riscv64_fast_handlers) and
// whose result it could not apply alone: an unsupported request, a thread switch, the end of the
// run. Applies the outcome to the frame as serve_syscall does.
SyscallOutcome finish_fast_syscall(Kernel&, TrapFrame&, const SyscallResult&);

} // namespace zeroos::riscv64
