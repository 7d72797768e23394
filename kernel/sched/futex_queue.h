#pragma once

#include "sched/thread.h"

namespace zeroos {

// Every thread blocked in FUTEX_WAIT, in the order they started waiting: wakes take the oldest
// matching waiters first, so who wakes is a function of the guest's own actions.
class FutexQueue {
public:
    void enqueue(Thread& thread)
    {
        thread.futex_next = nullptr;
        thread.futex_previous = tail_;
        if (tail_)
            tail_->futex_next = &thread;
        else
            head_ = &thread;
        tail_ = &thread;
    }

    void remove(Thread& thread)
    {
        if (thread.futex_previous)
            thread.futex_previous->futex_next = thread.futex_next;
        else
            head_ = thread.futex_next;
        if (thread.futex_next)
            thread.futex_next->futex_previous = thread.futex_previous;
        else
            tail_ = thread.futex_previous;
        thread.futex_previous = thread.futex_next = nullptr;
    }

    Thread* first() const { return head_; }

private:
    Thread* head_ = nullptr;
    Thread* tail_ = nullptr;
};

} // namespace zeroos
