#include "time/clocks.h"

#include "kernel.h"

namespace zeroos {

namespace {

    // Negative ids name the CPU clock of a process or thread: ~pid << 3 | per-thread << 2 | type.
    constexpr int kCpuClockTypeMask = 3;
    constexpr int kCpuClockTypeInvalid = 3;
    constexpr int kCpuClockPerThread = 4;

    ErrorOr<ClockInfo> cpu_clock_info(int clock_id)
    {
        if ((clock_id & kCpuClockTypeMask) == kCpuClockTypeInvalid)
            return Error::from_errno(EINVAL);
        int pid = ~(clock_id >> 3);
        // Only this process (0 or its pid) and its one thread (tid 1) exist.
        if (pid != 0 && pid != ProcessState::kPid)
            return Error::from_errno(EINVAL);
        return ClockInfo { ClockKind::Elapsed, (clock_id & kCpuClockPerThread) ? EINVAL : 0 };
    }

} // namespace

ErrorOr<ClockInfo> clock_info(int clock_id)
{
    if (clock_id < 0)
        return cpu_clock_info(clock_id);
    switch (clock_id) {
    case abi::clock_realtime:
    case abi::clock_realtime_alarm:
    case abi::clock_tai: // TAI offset 0, as on a Linux machine where nothing set it
        return ClockInfo { ClockKind::Realtime, 0 };
    case abi::clock_realtime_coarse:
        return ClockInfo { ClockKind::Realtime, EOPNOTSUPP };
    case abi::clock_monotonic:
    case abi::clock_boottime:
    case abi::clock_boottime_alarm:
    case abi::clock_process_cputime_id:
        return ClockInfo { ClockKind::Elapsed, 0 };
    case abi::clock_monotonic_raw:
    case abi::clock_monotonic_coarse:
        return ClockInfo { ClockKind::Elapsed, EOPNOTSUPP };
    case abi::clock_thread_cputime_id:
        return ClockInfo { ClockKind::Elapsed, EINVAL };
    }
    return Error::from_errno(EINVAL);
}

i64 clock_now_ns(Kernel& kernel, ClockKind kind)
{
    if (kind == ClockKind::Realtime)
        return kernel.clock().realtime_ns();
    return static_cast<i64>(kernel.clock().monotonic_ns());
}

} // namespace zeroos
