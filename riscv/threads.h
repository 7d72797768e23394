#pragma once

#include "base/types.h"
#include "riscv64/entry.h"
#include "syscalls.h"

// Guest threads on bare metal: each thread's full register context, kept here while it does not
// run. An ecall saves only the registers the C++ calling convention may clobber (TrapFrame); the
// callee-saved ones stay live in the CPU through the kernel and are stored by trap.S only when the
// scheduler switches threads or a clone needs them for the child.
namespace zeroos::riscv {

// A whole register file by register number (x0 unused) and the pc to resume at. trap.S knows
// this layout.
struct ThreadContext {
    u64 regs[32];
    u64 pc;
};
static_assert(sizeof(ThreadContext) == 33 * 8);

// What trap.S does on the way back to the guest, when the syscall did more than return: store the
// live callee-saved registers (s0-s11, gp) into up to two contexts (the thread that trapped, a
// thread it just cloned), then resume `load` instead of the trapping thread. Null fields are skipped;
// with `load` null the trapping thread resumes from its frame as usual.
struct SwitchPlan {
    ThreadContext* store_callee_saved[2];
    ThreadContext* load;
};

// The frame of the syscall being served: trap.S stores it just below the kernel stack's top.
riscv64::TrapFrame& trap_frame();

// What thread_create and thread_destroy did during the syscall being served; plan_switch consumes
// it and leaves it empty for the next one.
struct SyscallInFlight {
    ThreadContext* cloned; // created during this syscall: needs the callee-saved registers
    bool current_destroyed;
};
extern SyscallInFlight g_in_flight;

// finish_syscall returns the plan for trap.S, or nullptr for a plain return; inline, as the
// plain-return case is every slow-path syscall's.
SwitchPlan* plan_switch(riscv64::TrapFrame&, const SyscallOutcome&);
inline SwitchPlan* finish_syscall(riscv64::TrapFrame& frame, const SyscallOutcome& outcome)
{
    if (outcome.kind == SyscallOutcome::Kind::Return && !g_in_flight.cloned)
        return nullptr;
    return plan_switch(frame, outcome);
}

} // namespace zeroos::riscv
