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
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_ALARM:
    case CLOCK_TAI: // TAI offset 0, as on a Linux machine where nothing set it
        return ClockInfo { ClockKind::Realtime, 0 };
    case CLOCK_REALTIME_COARSE:
        return ClockInfo { ClockKind::Realtime, EOPNOTSUPP };
    case CLOCK_MONOTONIC:
    case CLOCK_BOOTTIME:
    case CLOCK_BOOTTIME_ALARM:
    case CLOCK_PROCESS_CPUTIME_ID:
        return ClockInfo { ClockKind::Elapsed, 0 };
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
        return ClockInfo { ClockKind::Elapsed, EOPNOTSUPP };
    case CLOCK_THREAD_CPUTIME_ID:
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
