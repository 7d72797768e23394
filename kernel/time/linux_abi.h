#pragma once

#include "core/timespec.h"

// The Linux time ABI ZeroOS serves (struct timespec and timeval: core/timespec.h), named as
// core/linux_abi.h says. struct tms is made of 64-bit longs on both x86-64 and riscv64, so one
// layout serves both.

namespace zeroos::abi {

inline constexpr int clock_realtime = 0;
inline constexpr int clock_monotonic = 1;
inline constexpr int clock_process_cputime_id = 2;
inline constexpr int clock_thread_cputime_id = 3;
inline constexpr int clock_monotonic_raw = 4;
inline constexpr int clock_realtime_coarse = 5;
inline constexpr int clock_monotonic_coarse = 6;
inline constexpr int clock_boottime = 7;
inline constexpr int clock_realtime_alarm = 8;
inline constexpr int clock_boottime_alarm = 9;
inline constexpr int clock_tai = 11;
inline constexpr int timer_abstime = 1;

} // namespace zeroos::abi

namespace zeroos {

constexpr i64 kClockTicksPerSecond = 100; // USER_HZ, what times() counts in

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

} // namespace zeroos
