#pragma once

#include "base/types.h"

// The Linux time ABI ZeroOS serves. struct timespec, timeval and tms are made of 64-bit longs on
// both x86-64 and riscv64, so one layout serves both.

#ifndef CLOCK_REALTIME
#define CLOCK_REALTIME 0
#endif
#ifndef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC 1
#endif
#ifndef CLOCK_PROCESS_CPUTIME_ID
#define CLOCK_PROCESS_CPUTIME_ID 2
#endif
#ifndef CLOCK_THREAD_CPUTIME_ID
#define CLOCK_THREAD_CPUTIME_ID 3
#endif
#ifndef CLOCK_MONOTONIC_RAW
#define CLOCK_MONOTONIC_RAW 4
#endif
#ifndef CLOCK_REALTIME_COARSE
#define CLOCK_REALTIME_COARSE 5
#endif
#ifndef CLOCK_MONOTONIC_COARSE
#define CLOCK_MONOTONIC_COARSE 6
#endif
#ifndef CLOCK_BOOTTIME
#define CLOCK_BOOTTIME 7
#endif
#ifndef CLOCK_REALTIME_ALARM
#define CLOCK_REALTIME_ALARM 8
#endif
#ifndef CLOCK_BOOTTIME_ALARM
#define CLOCK_BOOTTIME_ALARM 9
#endif
#ifndef CLOCK_TAI
#define CLOCK_TAI 11
#endif
#ifndef TIMER_ABSTIME
#define TIMER_ABSTIME 1
#endif

namespace zeroos {

constexpr i64 kNanosecondsPerSecond = 1'000'000'000;
constexpr i64 kClockTicksPerSecond = 100; // USER_HZ, what times() counts in

struct LinuxTimespec {
    i64 tv_sec;
    i64 tv_nsec;
};
static_assert(sizeof(LinuxTimespec) == 16);

struct LinuxTimeval {
    i64 tv_sec;
    i64 tv_usec;
};
static_assert(sizeof(LinuxTimeval) == 16);

struct LinuxTimezone {
    i32 tz_minuteswest;
    i32 tz_dsttime;
};

struct LinuxTms {
    i64 tms_utime;
    i64 tms_stime;
    i64 tms_cutime;
    i64 tms_cstime;
};

inline LinuxTimespec timespec_from_ns(i64 ns)
{
    i64 seconds = ns / kNanosecondsPerSecond;
    i64 rest = ns % kNanosecondsPerSecond;
    if (rest < 0)
        rest += kNanosecondsPerSecond, --seconds;
    return { seconds, rest };
}

} // namespace zeroos
