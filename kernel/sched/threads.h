#pragma once

#include "base/attention.h"
#include "base/vector.h"
#include "sched/futex_queue.h"
#include "sched/scheduler.h"
#include "sched/thread.h"

namespace zeroos {

class Kernel;

// The guest's threads and who runs. Scheduling is cooperative: the running thread keeps the CPU
// until it blocks (futex wait, sleep, a pipe or poll that cannot proceed), yields or exits; only
// then does dispatch_syscall ask schedule() for the next thread. With nothing runnable the virtual
// clock jumps to the earliest deadline; with no deadline either, the guest is deadlocked.
class ThreadTable {
public:
    explicit ThreadTable(Attention& attention)
        : attention_(attention)
    {
    }
    ThreadTable(const ThreadTable&) = delete;
    ThreadTable& operator=(const ThreadTable&) = delete;
    ~ThreadTable();

    // Creates the main thread (tid 1, the pid), running.
    ErrorOr<void> init(u32 max_threads);

    Thread& current() { return *current_; }
    int current_tid() const { return current_->tid; }
    Thread* find(int tid);
    size_t live_count() const { return live_; }

    // A new thread with the next tid, not yet runnable; EAGAIN beyond --max-threads or without
    // memory. start() makes it runnable; cancel_created() forgets it (its clone failed).
    ErrorOr<Thread*> create();
    void start(Thread&);
    void cancel_created(Thread&);

    // The running thread stops until woken (wake) or until its deadline (set_deadline).
    void block_current(Thread::Wait, u64 address);
    // Blocks the running thread on the futex word at `address`; FUTEX_WAKE* with a matching bitset
    // wakes it.
    void block_on_futex(u64 address, u32 bitset);
    // The blocked thread also wakes with `result` once CLOCK_MONOTONIC reaches `deadline_ns`.
    void set_deadline(Thread&, u64 deadline_ns, long result);
    // Makes a blocked thread runnable; its syscall returns `result`.
    void wake(Thread&, long result);
    // Wakes every thread blocked in `wait` on `address` (their syscalls run again).
    void wake_all(Thread::Wait, u64 address);
    // The deadline of a restartable wait that lasts `timeout_ns` from now: when the running thread
    // is running its syscall again after a wake, the one it computed the first time.
    u64 restartable_deadline(u64 now, u64 timeout_ns) const { return current_->restarting ? current_->deadline_ns : now + timeout_ns; }
    // Takes back a block_current of this syscall: the running thread goes on running (a caller
    // that made progress before a pipe became full returns what it did instead).
    void unblock_current();
    // The running thread gives way to the others, and its syscall returns `result` when it runs.
    void yield_current(long result);
    // The running thread is gone; it never runs again.
    void exit_current();

    // Whether the running thread blocked, yielded or exited during this syscall.
    bool switch_requested() const { return switch_requested_; }
    // Chooses the thread to run next (maybe the same one), moving the clock to the earliest
    // deadline when nothing is runnable. nullptr when nothing can ever run again: a deadlock.
    Thread* schedule(Kernel&);
    // One header line and one line per blocked thread, through platform::report.
    void report_deadlock() const;

    FutexQueue& futex_waiters() { return futex_waiters_; }

private:
    void wake_expired(u64 now);
    void release_exited();

    Vector<Thread*> threads_; // live ones, in tid order
    SchedulerPolicy policy_;
    FutexQueue futex_waiters_;
    Thread* current_ = nullptr;
    size_t live_ = 0;
    u32 max_threads_ = 0;
    int next_tid_ = 1;
    void request_switch()
    {
        switch_requested_ = true;
        attention_.raise();
    }

    bool switch_requested_ = false;
    Attention& attention_; // raised with switch_requested_
};

} // namespace zeroos
