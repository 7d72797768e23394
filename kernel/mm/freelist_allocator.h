#pragma once

#include "base/result.h"
#include "base/vector.h"

namespace zeroos {

// Hands out address ranges of one domain (the guest arena) first-fit from a free list. The list
// lives on the kernel heap, never in the memory it describes, so a guest scribbling over its own
// memory cannot corrupt it. Ranges are byte-granular; the memory manager passes whole pages.
class FreeListAllocator {
public:
    static constexpr bool kReusesMemory = true;

    ErrorOr<void> init(u64 base, u64 size);

    // A free range of `length` bytes aligned to `alignment` (a power of two), or ENOMEM. The search
    // runs from the top of the domain down, as Linux lays out mmap, so brk can grow up from the base.
    ErrorOr<u64> allocate(u64 length, u64 alignment);
    // Takes exactly [address, address + length): ENOMEM unless every byte of it is free.
    ErrorOr<void> allocate_fixed(u64 address, u64 length);
    // Returns [address, address + length) to the free list, merging with its neighbours. Parts that
    // are already free stay free (munmap of never-mapped pages is legal). EINVAL outside the domain;
    // ENOMEM when the list cannot grow (nothing changes then).
    ErrorOr<void> free(u64 address, u64 length);

    bool is_free(u64 address, u64 length) const;
    u64 free_bytes() const { return free_bytes_; }
    u64 base() const { return base_; }
    u64 size() const { return size_; }
    // Number of separate free ranges (tests check coalescing with it).
    size_t free_range_count() const { return free_.size(); }

private:
    struct Range {
        u64 start;
        u64 end; // exclusive
    };
    // The index of the first free range whose end is above `address`.
    size_t first_ending_after(u64 address) const;
    bool in_domain(u64 address, u64 length) const;

    Vector<Range> free_; // sorted by address, disjoint, never adjacent
    u64 base_ = 0;
    u64 size_ = 0;
    u64 free_bytes_ = 0;
};

} // namespace zeroos
