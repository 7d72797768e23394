#pragma once

#include "base/result.h"
#include "uaccess.h"

// Time values as the Linux ABI carries them, and the rules every syscall that takes one applies.
// struct timespec and struct timeval are two 64-bit longs on both x86-64 and riscv64.
namespace zeroos {

constexpr i64 kNanosecondsPerSecond = 1'000'000'000;

struct Timespec {
    i64 tv_sec;
    i64 tv_nsec;
};
static_assert(sizeof(Timespec) == 16);

struct Timeval {
    i64 tv_sec;
    i64 tv_usec;
};
static_assert(sizeof(Timeval) == 16);

// seconds + nanoseconds as i64 nanoseconds, clamped to what i64 holds (years 1678 to 2262): a guest
// may pass any seconds value, and the kernel never overflows on it.
constexpr i64 seconds_to_ns_saturating(i64 seconds, i64 nanoseconds)
{
    constexpr i64 limit = INT64_MAX / kNanosecondsPerSecond - 1;
    if (seconds > limit)
        return limit * kNanosecondsPerSecond;
    if (seconds < -limit)
        return -limit * kNanosecondsPerSecond;
    return seconds * kNanosecondsPerSecond + nanoseconds;
}

// Whole seconds and the nanoseconds past them, rounding towards minus infinity (as struct stat
// and clock_gettime report times before 1970).
constexpr Timespec timespec_from_ns(i64 ns)
{
    i64 seconds = ns / kNanosecondsPerSecond;
    i64 rest = ns % kNanosecondsPerSecond;
    if (rest < 0)
        rest += kNanosecondsPerSecond, --seconds;
    return { seconds, rest };
}

enum class NegativeSeconds { Refused, Allowed };

// A guest timespec as nanoseconds, checked as Linux checks it: EINVAL unless 0 <= tv_nsec < 10^9,
// and for a duration or a deadline (NegativeSeconds::Refused) unless tv_sec >= 0.
ErrorOr<i64> timespec_to_ns(const Timespec&, NegativeSeconds = NegativeSeconds::Refused);
ErrorOr<i64> timeval_to_ns(const Timeval&);
// Reads and checks a guest timespec: EFAULT, or timespec_to_ns's answer.
ErrorOr<i64> read_timespec_ns(UserPtr<Timespec>);

// The CLOCK_MONOTONIC deadline of a wait of `requested` nanoseconds: from now, or (`absolute`) an
// instant on a clock that reads `clock_now_ns` at this moment, moved onto CLOCK_MONOTONIC and
// never before now.
u64 monotonic_deadline(u64 monotonic_now_ns, i64 requested, bool absolute, i64 clock_now_ns);

} // namespace zeroos
