#include "sched/threads.h"

#include "base/format.h"
#include "kernel.h"
#include "platform.h"

namespace zeroos {

ThreadTable::~ThreadTable()
{
    for (Thread* thread : threads_)
        destroy(thread);
}

ErrorOr<void> ThreadTable::init(u32 max_threads)
{
    max_threads_ = max_threads;
    current_ = TRY(create()); // running, so not in the run queue
    return {};
}

Thread* ThreadTable::find(int tid)
{
    for (Thread* thread : threads_)
        if (thread->tid == tid)
            return thread->state == Thread::State::Exited ? nullptr : thread;
    return nullptr;
}

ErrorOr<Thread*> ThreadTable::create()
{
    if (live_ >= max_threads_)
        return Error::from_errno(EAGAIN);
    Thread* thread = make<Thread>();
    if (!thread)
        return Error::from_errno(EAGAIN);
    if (!threads_.push_back(thread)) {
        destroy(thread);
        return Error::from_errno(EAGAIN);
    }
    thread->tid = next_tid_++;
    ++live_;
    return thread;
}

void ThreadTable::start(Thread& thread) { policy_.enqueue(thread); }

void ThreadTable::cancel_created(Thread& thread)
{
    for (size_t i = 0; i < threads_.size(); ++i) {
        if (threads_[i] == &thread) {
            threads_.remove(i);
            break;
        }
    }
    destroy(&thread);
    --live_;
    --next_tid_;
}

void ThreadTable::block_current(Thread::Wait wait, u64 address)
{
    current_->state = Thread::State::Blocked;
    current_->wait = wait;
    current_->wait_address = address;
    current_->has_deadline = false;
    request_switch();
}

void ThreadTable::block_on_futex(u64 address, u32 bitset)
{
    block_current(Thread::Wait::Futex, address);
    current_->wait_bitset = bitset;
    futex_waiters_.enqueue(*current_);
}

void ThreadTable::set_deadline(Thread& thread, u64 deadline_ns, long result)
{
    thread.has_deadline = true;
    thread.deadline_ns = deadline_ns;
    thread.timeout_result = result;
}

void ThreadTable::wake(Thread& thread, long result)
{
    if (thread.state != Thread::State::Blocked)
        return;
    if (thread.wait == Thread::Wait::Futex)
        futex_waiters_.remove(thread);
    thread.state = Thread::State::Runnable;
    thread.wait = Thread::Wait::None;
    thread.has_deadline = false;
    thread.pending_result = result;
    policy_.enqueue(thread);
}

void ThreadTable::unblock_current()
{
    if (current_->state != Thread::State::Blocked)
        return;
    if (current_->wait == Thread::Wait::Futex)
        futex_waiters_.remove(*current_);
    current_->state = Thread::State::Runnable;
    current_->wait = Thread::Wait::None;
    current_->has_deadline = false;
    switch_requested_ = false;
}

void ThreadTable::wake_all(Thread::Wait wait, u64 address)
{
    for (Thread* thread : threads_)
        if (thread->state == Thread::State::Blocked && thread->wait == wait && thread->wait_address == address)
            wake(*thread, 0);
}

void ThreadTable::yield_current(long result)
{
    current_->pending_result = result;
    request_switch();
}

void ThreadTable::exit_current()
{
    current_->state = Thread::State::Exited;
    --live_;
    request_switch();
}

void ThreadTable::wake_expired(u64 now)
{
    for (Thread* thread : threads_)
        if (thread->state == Thread::State::Blocked && thread->has_deadline && thread->deadline_ns <= now)
            wake(*thread, thread->timeout_result);
}

void ThreadTable::release_exited()
{
    for (size_t i = 0; i < threads_.size();) {
        if (threads_[i]->state == Thread::State::Exited && threads_[i] != current_) {
            destroy(threads_[i]);
            threads_.remove(i);
        } else {
            ++i;
        }
    }
}

Thread* ThreadTable::schedule(Kernel& kernel)
{
    switch_requested_ = false;
    if (current_->state == Thread::State::Runnable)
        policy_.enqueue(*current_);
    auto& clock = kernel.clock();
    u64 now = clock.monotonic_ns();
    for (;;) {
        wake_expired(now);
        if (Thread* next = policy_.dequeue()) {
            current_ = next;
            release_exited();
            return next;
        }
        bool any = false;
        u64 earliest = 0;
        for (Thread* thread : threads_) {
            if (thread->state == Thread::State::Blocked && thread->has_deadline && (!any || thread->deadline_ns < earliest)) {
                earliest = thread->deadline_ns;
                any = true;
            }
        }
        if (!any)
            return nullptr;
        clock.advance(earliest - clock.monotonic_ns());
        now = earliest; // even where the clock saturated short of it
    }
}

namespace {

    const char* describe_wait(Thread::Wait wait)
    {
        switch (wait) {
        case Thread::Wait::Futex:
            return "futex";
        case Thread::Wait::Sleep:
            return "sleep";
        case Thread::Wait::PipeRead:
            return "read of pipe";
        case Thread::Wait::PipeWrite:
            return "write to pipe";
        case Thread::Wait::Poll:
            return "poll/select";
        case Thread::Wait::None:
            break;
        }
        return "nothing";
    }

} // namespace

void ThreadTable::report_deadlock() const
{
    char buffer[160];
    LineBuilder header(buffer, sizeof(buffer));
    header.text("zeroos: deadlock: every thread is blocked and no timeout is pending (")
        .unsigned_decimal(live_)
        .text(live_ == 1 ? " thread)" : " threads)");
    platform::report(buffer);
    for (const Thread* thread : threads_) {
        if (thread->state != Thread::State::Blocked)
            continue;
        LineBuilder line(buffer, sizeof(buffer));
        line.text("zeroos:   thread ").decimal(thread->tid).text(" waits on ").text(describe_wait(thread->wait));
        if (thread->wait == Thread::Wait::Futex)
            line.character(' ').hex(thread->wait_address);
        else if (thread->wait == Thread::Wait::PipeRead || thread->wait == Thread::Wait::PipeWrite)
            line.text(" (inode ").unsigned_decimal(thread->wait_address).character(')');
        line.text(" at pc ").hex(thread->blocked_pc);
        platform::report(buffer);
    }
}

} // namespace zeroos
