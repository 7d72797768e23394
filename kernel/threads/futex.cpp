// futex(2): wait queues on guest words. A waiter blocks its thread (the scheduler runs another);
// FUTEX_WAKE* and FUTEX_*REQUEUE act on the queue in waiting order; timeouts are deadlines on the
// virtual clock, reached when no thread can run.
#include "threads/futex.h"

#include "core/timespec.h"
#include "kernel.h"
#include "sched/linux_abi.h"
#include "syscalls.h"

namespace zeroos {

namespace {

    constexpr int kCommandMask = ~(abi::futex_private_flag | abi::futex_clock_realtime);
    constexpr u32 kMaxCount = 0x7fffffff; // the kernel reads val and val2 as int

    ErrorOr<u32> read_futex_word(UserPtr<u32> address)
    {
        if (address.address() % 4 != 0)
            return Error::from_errno(EINVAL);
        return read_from_user(address);
    }

    ErrorOr<void> check_aligned(UserPtr<u32> address)
    {
        if (address.address() % 4 != 0)
            return Error::from_errno(EINVAL);
        return {};
    }

    // Linux finds a shared futex by the page behind its address, so a shared call fails with EFAULT
    // where no page is; a private one (FUTEX_PRIVATE_FLAG, what libcs use for threads) only needs the
    // address itself.
    ErrorOr<void> check_key(UserPtr<u32> address, bool shared)
    {
        TRY(check_aligned(address));
        if (shared)
            TRY(read_futex_word(address));
        return {};
    }

    // A negative count wakes nobody on Linux (it is read as int).
    u32 count_argument(u32 count) { return static_cast<i32>(count) < 0 ? 0 : min(count, kMaxCount); }

    // Applies FUTEX_WAKE_OP's operation to the word at uaddr2 and returns whether its comparison
    // with the old value holds (see futex(2): op, cmp and their arguments packed into val3).
    ErrorOr<bool> apply_wake_op(UserPtr<u32> address, u32 encoded)
    {
        u32 operation = (encoded >> 28) & 7;
        bool shift_argument = (encoded >> 31) & 1;
        u32 comparison = (encoded >> 24) & 15;
        u32 argument = (encoded >> 12) & 0xfff;
        u32 comparand = encoded & 0xfff;
        if (shift_argument)
            argument = argument < 32 ? 1u << argument : 0;
        u32 old_value = TRY(read_futex_word(address));
        u32 new_value;
        switch (operation) {
        case 0: // SET
            new_value = argument;
            break;
        case 1: // ADD
            new_value = old_value + argument;
            break;
        case 2: // OR
            new_value = old_value | argument;
            break;
        case 3: // ANDN
            new_value = old_value & ~argument;
            break;
        case 4: // XOR
            new_value = old_value ^ argument;
            break;
        default:
            return Error::from_errno(ENOSYS);
        }
        TRY(write_to_user(address, new_value));
        i32 old_signed = static_cast<i32>(old_value), comparand_signed = static_cast<i32>(comparand);
        switch (comparison) {
        case 0:
            return old_signed == comparand_signed;
        case 1:
            return old_signed != comparand_signed;
        case 2:
            return old_signed < comparand_signed;
        case 3:
            return old_signed <= comparand_signed;
        case 4:
            return old_signed > comparand_signed;
        case 5:
            return old_signed >= comparand_signed;
        default:
            return Error::from_errno(ENOSYS);
        }
    }

    // The monotonic deadline of a wait: FUTEX_WAIT's timeout is relative, FUTEX_WAIT_BITSET's is
    // absolute on CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME.
    ErrorOr<u64> wait_deadline(Kernel& kernel, UserPtr<Timespec> pointer, bool absolute, bool realtime)
    {
        i64 requested = TRY(read_timespec_ns(pointer));
        auto& clock = kernel.clock();
        i64 clock_now = realtime ? clock.realtime_ns() : static_cast<i64>(clock.monotonic_ns());
        return monotonic_deadline(clock.monotonic_ns(), requested, absolute, clock_now);
    }

    // FUTEX_WAIT, or FUTEX_WAIT_BITSET (an absolute deadline, and the bitset in val3).
    SyscallResult wait(
        Kernel& kernel, UserPtr<u32> address, u32 expected, UserPtr<Timespec> timeout, bool bitset_wait, u32 val3, bool realtime)
    {
        u32 bitset = bitset_wait ? val3 : abi::futex_bitset_match_any;
        if (bitset == 0)
            return Error::from_errno(EINVAL);
        u32 value = TRY(read_futex_word(address));
        if (value != expected)
            return Error::from_errno(EAGAIN);
        u64 deadline = 0;
        if (!timeout.is_null())
            deadline = TRY(wait_deadline(kernel, timeout, bitset_wait, realtime));
        auto& threads = kernel.threads();
        threads.block_on_futex(address.address(), bitset);
        if (!timeout.is_null())
            threads.set_deadline(threads.current(), deadline, -ETIMEDOUT);
        return 0; // the result comes from the wake or the deadline
    }

    // Wakes up to `wake_count` waiters on uaddr and moves up to `requeue_count` more to uaddr2.
    long requeue(Kernel& kernel, u64 from, u64 to, u32 wake_count, u32 requeue_count)
    {
        long woken = futex_wake(kernel, from, wake_count, abi::futex_bitset_match_any);
        long moved = 0;
        for (Thread* thread = kernel.threads().futex_waiters().first(); thread && static_cast<u32>(moved) < requeue_count;
             thread = thread->futex_next) {
            if (thread->wait_address == from) {
                thread->wait_address = to;
                ++moved;
            }
        }
        return woken + moved;
    }

} // namespace

long futex_wake(Kernel& kernel, u64 address, u32 count, u32 bitset)
{
    auto& threads = kernel.threads();
    long woken = 0;
    Thread* thread = threads.futex_waiters().first();
    while (thread && static_cast<u32>(woken) < count) {
        Thread* next = thread->futex_next;
        if (thread->wait_address == address && (thread->wait_bitset & bitset)) {
            threads.wake(*thread, 0);
            ++woken;
        }
        thread = next;
    }
    return woken;
}

SyscallResult sys_futex(Kernel& kernel, Ptr<u32> address, Int operation, Uint val, Ptr<> timeout, Ptr<u32> second, Uint val3)
{
    int command = operation & kCommandMask;
    bool shared = !(operation & abi::futex_private_flag);
    if ((operation & abi::futex_clock_realtime) && command != abi::futex_wait_bitset && command != abi::futex_wait)
        return Error::from_errno(ENOSYS);
    u32 val2 = static_cast<u32>(timeout.address()); // the requeue and wake-op count travels in the timeout register
    switch (command) {
    case abi::futex_wait:
    case abi::futex_wait_bitset:
        return wait(
            kernel, address, val, timeout.cast<Timespec>(), command == abi::futex_wait_bitset, val3, operation & abi::futex_clock_realtime);
    case abi::futex_wake:
    case abi::futex_wake_bitset: {
        u32 bitset = command == abi::futex_wake_bitset ? val3 : abi::futex_bitset_match_any;
        if (bitset == 0)
            return Error::from_errno(EINVAL);
        TRY(check_key(address, shared));
        return futex_wake(kernel, address.address(), count_argument(val), bitset);
    }
    case abi::futex_requeue:
    case abi::futex_cmp_requeue: {
        TRY(check_key(address, shared));
        TRY(check_key(second, shared));
        if (command == abi::futex_cmp_requeue && TRY(read_futex_word(address)) != val3)
            return Error::from_errno(EAGAIN);
        return requeue(kernel, address.address(), second.address(), count_argument(val), count_argument(val2));
    }
    case abi::futex_wake_op: {
        TRY(check_key(address, shared));
        bool condition = TRY(apply_wake_op(second, val3));
        long woken = futex_wake(kernel, address.address(), count_argument(val), abi::futex_bitset_match_any);
        if (condition)
            woken += futex_wake(kernel, second.address(), count_argument(val2), abi::futex_bitset_match_any);
        return woken;
    }
    default:
        if (command >= abi::futex_lock_pi)
            return Error::unsupported("priority-inheritance futexes (FUTEX_*_PI) are not supported");
        return Error::from_errno(ENOSYS);
    }
}

} // namespace zeroos
