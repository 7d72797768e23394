#include "kernel.h"
#include "syscalls.h"
#include "time/clocks.h"

// Reading the virtual clock: clock_gettime, clock_getres, gettimeofday, times. Nothing of the host's
// time is ever visible.
namespace zeroos {

SyscallResult sys_clock_gettime(Kernel& kernel, ClockId clockid, Ptr<Timespec> tp)
{
    auto info = TRY(clock_info(clockid));
    TRY(write_to_user(tp, timespec_from_ns(clock_now_ns(kernel, info.kind))));
    return 0;
}

SyscallResult sys_clock_getres(Kernel&, ClockId clockid, Ptr<Timespec> destination)
{
    TRY(clock_info(clockid));
    if (!destination.is_null())
        TRY(write_to_user(destination, Timespec { 0, 1 }));
    return 0;
}

SyscallResult sys_gettimeofday(Kernel& kernel, Ptr<Timeval> time, Ptr<LinuxTimezone> zone)
{
    if (!time.is_null()) {
        auto now = timespec_from_ns(kernel.clock().realtime_ns());
        TRY(write_to_user(time, Timeval { now.tv_sec, now.tv_nsec / 1000 }));
    }
    if (!zone.is_null())
        TRY(write_to_user(zone, LinuxTimezone { 0, 0 }));
    return 0;
}

// The process has used as much CPU as time has passed (the same rule as CLOCK_PROCESS_CPUTIME_ID),
// all of it in user mode; there are no children.
SyscallResult sys_times(Kernel& kernel, Ptr<LinuxTms> destination)
{
    i64 ticks = static_cast<i64>(kernel.clock().monotonic_ns() / (kNanosecondsPerSecond / kClockTicksPerSecond));
    if (!destination.is_null())
        TRY(write_to_user(destination, LinuxTms { ticks, 0, 0, 0 }));
    return ticks;
}

} // namespace zeroos
