#pragma once

#include <stddef.h>
#include <stdint.h>

namespace zeroos {

using u8 = uint8_t;
using u16 = uint16_t;
using u32 = uint32_t;
using u64 = uint64_t;
using i32 = int32_t;
using i64 = int64_t;

constexpr u64 kPageSize = 4096;

constexpr u64 align_up(u64 value, u64 alignment) { return (value + alignment - 1) & ~(alignment - 1); }
constexpr u64 align_down(u64 value, u64 alignment) { return value & ~(alignment - 1); }

template<typename T> constexpr T min(T a, T b) { return a < b ? a : b; }
template<typename T> constexpr T max(T a, T b) { return a < b ? b : a; }

// seconds + nanoseconds as i64 nanoseconds, clamped to what i64 holds (years 1678 to 2262): a guest
// may pass any seconds value, and the kernel never overflows on it.
constexpr i64 kNanosecondsPerSecondValue = 1'000'000'000;
constexpr i64 seconds_to_ns_saturating(i64 seconds, i64 nanoseconds)
{
    constexpr i64 limit = INT64_MAX / kNanosecondsPerSecondValue - 1;
    if (seconds > limit)
        return limit * kNanosecondsPerSecondValue;
    if (seconds < -limit)
        return -limit * kNanosecondsPerSecondValue;
    return seconds * kNanosecondsPerSecondValue + nanoseconds;
}

// True when [start, start + length) wraps around the address space.
constexpr bool range_overflows(u64 start, u64 length) { return start + length < start; }

} // namespace zeroos
