#include "kernel.h"
#include "syscalls.h"
#include "time/clocks.h"

// Sleeping advances the virtual clock by exactly the time asked for: nothing else runs meanwhile
// (one thread for now), and no signal can interrupt it, so `rem` is never written.
namespace zeroos {

SyscallResult sys_nanosleep(Kernel& kernel, const SyscallArgs& args)
{
    i64 duration = TRY(read_timespec_ns(args.pointer<LinuxTimespec>(0)));
    kernel.clock().advance(static_cast<u64>(duration));
    return 0;
}

SyscallResult sys_clock_nanosleep(Kernel& kernel, const SyscallArgs& args)
{
    auto info = TRY(clock_info(args.int32(0)));
    if (info.sleep_errno)
        return Error::from_errno(info.sleep_errno);
    bool absolute = args.int32(1) & TIMER_ABSTIME;
    i64 requested = TRY(read_timespec_ns(args.pointer<LinuxTimespec>(2)));
    if (absolute) {
        i64 now = clock_now_ns(kernel, info.kind);
        if (requested > now)
            kernel.clock().advance(static_cast<u64>(requested - now));
    } else {
        kernel.clock().advance(static_cast<u64>(requested));
    }
    return 0;
}

} // namespace zeroos
