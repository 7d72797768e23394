#pragma once

#include "base/result.h"

namespace zeroos {

// The simplest allocator: memory is never reused. The never-used part of the domain is one range
// [low, high); mmap takes from its top, brk and other fixed allocations from whichever end they
// are nearer (the space skipped over is lost). Free only checks its arguments. Cheap and
// predictable, for vApps that allocate once and exit; a program that maps and unmaps in a loop
// runs out of memory.
class BumpAllocator {
public:
    static constexpr bool kReusesMemory = false;

    ErrorOr<void> init(u64 base, u64 size);
    ErrorOr<u64> allocate(u64 length, u64 alignment);
    ErrorOr<void> allocate_fixed(u64 address, u64 length);
    ErrorOr<void> free(u64 address, u64 length);

    bool is_free(u64 address, u64 length) const;
    u64 free_bytes() const { return high_ - low_; }

private:
    u64 base_ = 0;
    u64 end_ = 0;
    u64 low_ = 0;
    u64 high_ = 0;
};

} // namespace zeroos
