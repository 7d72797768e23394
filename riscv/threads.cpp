#include "threads.h"

#include "base/heap.h"
#include "base/memory.h"
#include "base/vector.h"
#include "platform.h"
#include "syscalls.h"
#include "trap_layout.h"

namespace zeroos::riscv {

// What trap.S assumes (trap_layout.h).
static_assert(sizeof(riscv64::TrapFrame) == ZEROOS_TRAP_FRAME_SIZE);
static_assert(__builtin_offsetof(riscv64::TrapFrame, args) == ZEROOS_TRAP_FRAME_ARGS);
static_assert(__builtin_offsetof(riscv64::TrapFrame, sp) == ZEROOS_TRAP_FRAME_GUEST_SP);
static_assert(__builtin_offsetof(riscv64::TrapFrame, mepc) == ZEROOS_TRAP_FRAME_MEPC);
static_assert((1l << ZEROOS_TRAP_NUMBER_LIMIT_BITS) == kSyscallNumberLimit);
static_assert(ZEROOS_TRAP_ERRNO_LIMIT == Error::kErrnoLimit);
static_assert(__builtin_offsetof(ThreadContext, pc) == ZEROOS_TRAP_CONTEXT_PC);

namespace {

    // Register numbers (the RISC-V psABI names).
    constexpr int kRa = 1, kSp = 2, kTp = 4, kT0 = 5, kA0 = 10, kT3 = 28;

    constexpr int kInitialThread = 1;

    // Contexts by tid; grown as threads are created.
    Vector<ThreadContext*>* g_contexts = nullptr;
    int g_current = kInitialThread;
    SwitchPlan g_plan;

    // Where thread `tid`'s context pointer lives; nullptr when the table cannot grow.
    ThreadContext** slot(int tid)
    {
        if (!g_contexts)
            g_contexts = make<Vector<ThreadContext*>>();
        if (!g_contexts || tid < 0)
            return nullptr;
        if (static_cast<size_t>(tid) >= g_contexts->size() && !g_contexts->resize(static_cast<size_t>(tid) + 1))
            return nullptr;
        return &(*g_contexts)[static_cast<size_t>(tid)];
    }

    // The context of `tid`, allocated on first use; nullptr when memory is short.
    ThreadContext* context_of(int tid)
    {
        ThreadContext** where = slot(tid);
        if (!where)
            return nullptr;
        if (!*where)
            *where = static_cast<ThreadContext*>(kmalloc(sizeof(ThreadContext)));
        return *where;
    }

    // The kernel never changes tp (it has no thread-local data): it still holds the guest's.
    u64 guest_thread_pointer()
    {
        u64 thread_pointer;
        asm volatile("mv %0, tp" : "=r"(thread_pointer));
        return thread_pointer;
    }

    // The caller-saved registers, sp and the resume pc of the trapping thread, from its frame.
    void copy_frame(ThreadContext& context, const riscv64::TrapFrame& frame, u64 resume_pc)
    {
        context.regs[kRa] = frame.ra;
        context.regs[kSp] = frame.sp;
        context.regs[kT0] = frame.t0;
        context.regs[kT0 + 1] = frame.t1;
        context.regs[kT0 + 2] = frame.t2;
        for (int i = 0; i < 6; ++i)
            context.regs[kA0 + i] = frame.args.raw[i];
        context.regs[kA0 + 6] = frame.a6;
        context.regs[kA0 + 7] = frame.a7;
        context.regs[kT3] = frame.t3;
        context.regs[kT3 + 1] = frame.t4;
        context.regs[kT3 + 2] = frame.t5;
        context.regs[kT3 + 3] = frame.t6;
        context.pc = resume_pc;
    }

} // namespace

SyscallInFlight g_in_flight;

SwitchPlan* plan_switch(riscv64::TrapFrame& frame, const SyscallOutcome& outcome)
{
    SyscallInFlight in_flight = g_in_flight;
    g_in_flight = {};
    if (outcome.kind != SyscallOutcome::Kind::Switch) {
        g_plan = SwitchPlan { { in_flight.cloned, nullptr }, nullptr };
        return &g_plan;
    }
    ThreadContext* saved = nullptr;
    if (!in_flight.current_destroyed) {
        saved = context_of(g_current);
        if (saved) {
            copy_frame(*saved, frame, frame.mepc + 4); // its result is written when it resumes
            saved->regs[kTp] = guest_thread_pointer();
        }
    }
    ThreadContext** next_slot = slot(outcome.resume_tid);
    ThreadContext* next = next_slot ? *next_slot : nullptr;
    if (!next) {
        platform::report("zeroos: the scheduler resumed a thread with no saved context");
        return nullptr;
    }
    next->regs[kA0] = static_cast<u64>(outcome.value);
    g_current = outcome.resume_tid;
    g_plan = SwitchPlan { { saved, in_flight.cloned }, next };
    return &g_plan;
}

} // namespace zeroos::riscv

namespace zeroos::platform {

bool thread_create(int tid, u64 stack, bool set_tls, u64 tls)
{
    using namespace riscv;
    riscv64::TrapFrame* frame = &trap_frame();
    ThreadContext* context = context_of(tid);
    if (!context)
        return false;
    mem_set(context, 0, sizeof(ThreadContext));
    copy_frame(*context, *frame, frame->mepc + 4);
    context->regs[kTp] = set_tls ? tls : guest_thread_pointer();
    if (stack)
        context->regs[kSp] = stack;
    context->regs[kA0] = 0; // clone returns 0 in the child
    g_in_flight.cloned = context; // trap.S adds s0-s11 and gp on the way out
    return true;
}

void thread_destroy(int tid)
{
    using namespace riscv;
    if (ThreadContext** where = slot(tid)) {
        kfree(*where);
        *where = nullptr;
    }
    if (tid == g_current)
        g_in_flight.current_destroyed = true;
}

} // namespace zeroos::platform
