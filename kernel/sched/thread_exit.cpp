#include "sched/thread_exit.h"

#include "kernel.h"
#include "platform.h"
#include "sched/linux_abi.h"
#include "threads/futex.h"

namespace zeroos {

namespace {

    // Wakes one waiter on a futex word. Without the threads feature there is one thread and no
    // futex code: nobody can be waiting.
    void wake_one(Kernel& kernel, u64 address)
    {
#if ZEROOS_FEATURE_THREADS
        futex_wake(kernel, address, 1, abi::futex_bitset_match_any);
#else
        (void)kernel;
        (void)address;
#endif
    }

    struct RobustListHead {
        u64 next; // struct robust_list *: the first entry, or the head itself when empty
        i64 futex_offset; // from an entry to its futex word
        u64 pending; // list_op_pending: an entry being added or removed
    };
    static_assert(sizeof(RobustListHead) == 24);

    // The futex word of a lock the exiting thread still holds: mark its owner dead and wake one
    // waiter so it can recover the lock (pthread_mutex_consistent). Bad pointers end the walk
    // silently, as on Linux.
    bool release_robust_futex(Kernel& kernel, u64 word_address, int tid)
    {
        auto word_pointer = UserPtr<u32>(word_address);
        if (word_address % 4 != 0)
            return false;
        auto word = read_from_user(word_pointer);
        if (word.is_error())
            return false;
        if ((word.value() & abi::futex_tid_mask) != static_cast<u32>(tid))
            return true;
        u32 released = (word.value() & abi::futex_waiters) | abi::futex_owner_died;
        if (write_to_user(word_pointer, released).is_error())
            return false;
        if (word.value() & abi::futex_waiters)
            wake_one(kernel, word_address);
        return true;
    }

    void release_robust_list(Kernel& kernel, const Thread& thread)
    {
        if (!thread.robust_list_head)
            return;
        auto head = read_from_user(UserPtr<RobustListHead>(thread.robust_list_head));
        if (head.is_error())
            return;
        // Bit 0 of an entry pointer marks a PI futex; the address is the rest.
        u64 pending = head.value().pending & ~u64(1);
        u64 entry = head.value().next & ~u64(1);
        for (int count = 0; entry != thread.robust_list_head && count < abi::robust_list_limit; ++count) {
            auto next = read_from_user(UserPtr<u64>(entry));
            if (next.is_error())
                return;
            if (entry != pending && !release_robust_futex(kernel, entry + static_cast<u64>(head.value().futex_offset), thread.tid))
                return;
            entry = next.value() & ~u64(1);
        }
        if (pending)
            release_robust_futex(kernel, pending + static_cast<u64>(head.value().futex_offset), thread.tid);
    }

} // namespace

void exit_thread(Kernel& kernel, int status)
{
    auto& threads = kernel.threads();
    Thread& thread = threads.current();
    release_robust_list(kernel, thread);
    if (thread.clear_child_tid) {
        if (!write_to_user(UserPtr<u32>(thread.clear_child_tid), u32(0)).is_error())
            wake_one(kernel, thread.clear_child_tid);
    }
    if (threads.live_count() == 1) {
        kernel.process().exit(status);
        return;
    }
    platform::thread_destroy(thread.tid);
    threads.exit_current();
}

} // namespace zeroos
