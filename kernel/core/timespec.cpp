#include "core/timespec.h"

namespace zeroos {

ErrorOr<i64> timespec_to_ns(const Timespec& value, NegativeSeconds negative_seconds)
{
    if (value.tv_nsec < 0 || value.tv_nsec >= kNanosecondsPerSecond)
        return Error::from_errno(EINVAL);
    if (value.tv_sec < 0 && negative_seconds == NegativeSeconds::Refused)
        return Error::from_errno(EINVAL);
    return seconds_to_ns_saturating(value.tv_sec, value.tv_nsec);
}

ErrorOr<i64> timeval_to_ns(const Timeval& value)
{
    if (value.tv_usec < 0 || value.tv_usec >= 1'000'000)
        return Error::from_errno(EINVAL);
    return timespec_to_ns({ value.tv_sec, value.tv_usec * 1000 });
}

ErrorOr<i64> read_timespec_ns(UserPtr<Timespec> source)
{
    auto value = TRY(read_from_user(source));
    return timespec_to_ns(value);
}

u64 monotonic_deadline(u64 monotonic_now_ns, i64 requested, bool absolute, i64 clock_now_ns)
{
    i64 now = static_cast<i64>(monotonic_now_ns);
    if (!absolute)
        return monotonic_now_ns + static_cast<u64>(requested);
    i64 deadline = requested - (clock_now_ns - now); // the same instant on CLOCK_MONOTONIC
    return static_cast<u64>(deadline > now ? deadline : now);
}

} // namespace zeroos
