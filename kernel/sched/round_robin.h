#pragma once

#include "sched/thread.h"

namespace zeroos {

// The cooperative round-robin policy: runnable threads wait in one FIFO queue; a thread that
// yields or is woken goes to the back, the front one runs next.
class RoundRobinPolicy {
public:
    static constexpr const char* kName = "roundrobin";

    void enqueue(Thread& thread)
    {
        thread.run_next = nullptr;
        if (tail_)
            tail_->run_next = &thread;
        else
            head_ = &thread;
        tail_ = &thread;
    }

    Thread* dequeue()
    {
        Thread* thread = head_;
        if (!thread)
            return nullptr;
        head_ = thread->run_next;
        if (!head_)
            tail_ = nullptr;
        thread->run_next = nullptr;
        return thread;
    }

    bool empty() const { return head_ == nullptr; }

private:
    Thread* head_ = nullptr;
    Thread* tail_ = nullptr;
};

} // namespace zeroos
