#pragma once

#include "syscalls.h"

namespace zeroos {

// One guest thread as the kernel sees it. Its registers belong to the platform (thread_create); the
// kernel keeps what Linux keeps per task: identity, whether it can run, what it waits for, the
// result its blocked syscall will return, and the addresses libc registered for its exit.
struct Thread {
    enum class State { Runnable, Blocked, Exited };
    // What a blocked thread waits for (the deadlock report names it).
    enum class Wait { None, Futex, Sleep, PipeRead, PipeWrite, Poll };

    int tid = 0;
    State state = State::Runnable;
    Wait wait = Wait::None;
    u64 wait_address = 0; // the futex word, or an identity of the pipe waited on
    u32 wait_bitset = 0; // FUTEX_WAIT_BITSET's mask (all ones for FUTEX_WAIT)
    bool has_deadline = false;
    u64 deadline_ns = 0; // on CLOCK_MONOTONIC; kept after the wake for restartable_deadline
    long timeout_result = 0; // what reaching the deadline returns (-ETIMEDOUT, 0)
    long pending_result = 0; // what its syscall returns when it next runs
    u64 blocked_pc = 0; // guest pc of the syscall it blocked in

    // A blocked syscall that runs again when the thread is woken (a pipe read finding data); its
    // deadline, if any, is the one it first computed.
    struct Restart {
        SyscallHandler handler = nullptr;
        SyscallArgs args;
        const char* name = nullptr;
        const ArgumentList* arguments = nullptr;
    } restart;
    bool restarting = false; // running the Restart's syscall again now
    u64 restart_progress = 0; // bytes a blocked pipe write had written before it blocked

    u64 clear_child_tid = 0; // set_tid_address / CLONE_CHILD_CLEARTID
    u64 robust_list_head = 0; // set_robust_list

    // Links of the run queue and of the futex wait queue (intrusive: queuing never allocates).
    Thread* run_next = nullptr;
    Thread* futex_previous = nullptr;
    Thread* futex_next = nullptr;
};

} // namespace zeroos
