// futex(2) for a guest with one thread. Nothing else can change a futex word or wake a waiter, so
// a wait either returns at once (EAGAIN), times out on the virtual clock (which jumps to the
// deadline, as it does whenever every thread is blocked), or can never end: a deadlock, which
// stops the guest. The threads issue replaces this with wait queues.
#include "kernel.h"
#include "syscalls.h"

namespace zeroos {

namespace {

    constexpr int kFutexWait = 0;
    constexpr int kFutexWake = 1;
    constexpr int kFutexRequeue = 3;
    constexpr int kFutexCmpRequeue = 4;
    constexpr int kFutexWakeOp = 5;
    constexpr int kFutexWaitBitset = 9;
    constexpr int kFutexWakeBitset = 10;
    constexpr int kFutexPrivateFlag = 128;
    constexpr int kFutexClockRealtime = 256;
    constexpr int kFutexCommandMask = ~(kFutexPrivateFlag | kFutexClockRealtime);

    struct Timespec {
        i64 seconds;
        i64 nanoseconds;
    };

    ErrorOr<u32> read_futex_word(UserPtr<u32> address)
    {
        if (address.address() % 4 != 0)
            return Error::from_errno(EINVAL);
        return read_from_user(address);
    }

    // Applies FUTEX_WAKE_OP's operation to the word at uaddr2 (see futex(2): op, cmp and their
    // arguments packed into val3).
    ErrorOr<void> apply_wake_op(UserPtr<u32> address, u32 encoded)
    {
        u32 operation = (encoded >> 28) & 7;
        bool shift_argument = (encoded >> 31) & 1;
        u32 argument = (encoded >> 12) & 0xfff;
        if (shift_argument)
            argument = argument < 32 ? 1u << argument : 0;
        u32 old_value = TRY(read_futex_word(address));
        u32 new_value;
        switch (operation) {
        case 0:
            new_value = argument;
            break; // SET
        case 1:
            new_value = old_value + argument;
            break; // ADD
        case 2:
            new_value = old_value | argument;
            break; // OR
        case 3:
            new_value = old_value & ~argument;
            break; // ANDN
        case 4:
            new_value = old_value ^ argument;
            break; // XOR
        default:
            return Error::from_errno(ENOSYS);
        }
        return write_to_user(address, new_value);
    }

    SyscallResult wait(Kernel& kernel, const SyscallArgs& args, int command)
    {
        auto address = args.pointer<u32>(0);
        u32 expected = args.uint32(2);
        if (command == kFutexWaitBitset && args.uint32(5) == 0)
            return Error::from_errno(EINVAL);
        u32 value = TRY(read_futex_word(address));
        if (value != expected)
            return Error::from_errno(EAGAIN);
        auto timeout_pointer = args.pointer<Timespec>(3);
        if (timeout_pointer.is_null())
            return Error::unsupported("deadlock: the guest's only thread waits on a futex nobody can wake");
        auto timeout = TRY(read_from_user(timeout_pointer));
        if (timeout.seconds < 0 || timeout.nanoseconds < 0 || timeout.nanoseconds >= 1'000'000'000)
            return Error::from_errno(EINVAL);
        u64 requested = static_cast<u64>(timeout.seconds) * 1'000'000'000 + static_cast<u64>(timeout.nanoseconds);
        auto& clock = kernel.clock();
        if (command == kFutexWaitBitset) {
            // An absolute deadline on CLOCK_MONOTONIC, or CLOCK_REALTIME with the flag.
            bool realtime = args.int32(1) & kFutexClockRealtime;
            i64 now = realtime ? clock.realtime_ns() : static_cast<i64>(clock.monotonic_ns());
            if (static_cast<i64>(requested) > now)
                clock.advance(requested - static_cast<u64>(now));
        } else {
            clock.advance(requested);
        }
        return Error::from_errno(ETIMEDOUT);
    }

} // namespace

SyscallResult sys_futex(Kernel& kernel, const SyscallArgs& args)
{
    int operation = args.int32(1);
    int command = operation & kFutexCommandMask;
    if ((operation & kFutexClockRealtime) && command != kFutexWaitBitset && command != kFutexWait)
        return Error::from_errno(ENOSYS);
    switch (command) {
    case kFutexWait:
    case kFutexWaitBitset:
        return wait(kernel, args, command);
    case kFutexWake:
    case kFutexWakeBitset:
        if (args.pointer<u32>(0).address() % 4 != 0)
            return Error::from_errno(EINVAL);
        return 0; // nobody else can be waiting
    case kFutexRequeue:
        return 0;
    case kFutexCmpRequeue: {
        u32 value = TRY(read_futex_word(args.pointer<u32>(0)));
        if (value != args.uint32(5))
            return Error::from_errno(EAGAIN);
        return 0;
    }
    case kFutexWakeOp:
        TRY(apply_wake_op(args.pointer<u32>(4), args.uint32(5)));
        return 0;
    default:
        return Error::unsupported("only WAIT, WAKE, WAIT_BITSET, WAKE_BITSET, REQUEUE, CMP_REQUEUE and WAKE_OP are served");
    }
}

} // namespace zeroos
