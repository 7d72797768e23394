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

// True when [start, start + length) wraps around the address space.
constexpr bool range_overflows(u64 start, u64 length) { return start + length < start; }

} // namespace zeroos
