#pragma once

#include "base/result.h"
#include "base/vector.h"

namespace zeroos {

// Hands out page ranges of one domain from binary buddy blocks: free space is kept as maximal
// blocks of 2^order pages, aligned to their size relative to the domain base, and a freed block
// merges with its buddy whenever both are free. Requests need not be powers of two: the allocator
// takes the free block that fits at the highest address (so brk can grow up from the base) and
// hands back the part of it that it does not use. Fixed allocations and frees of any page range split
// blocks as needed, which serves MAP_FIXED, brk, partial munmap and mremap growth in place.
//
// The free blocks are one bitmap per order on the kernel heap, never in the memory they describe.
// Addresses must be page-aligned (EINVAL otherwise); lengths are rounded up to whole pages.
class BuddyAllocator {
public:
    static constexpr bool kReusesMemory = true;

    BuddyAllocator() = default;
    BuddyAllocator(const BuddyAllocator&) = delete;
    BuddyAllocator& operator=(const BuddyAllocator&) = delete;

    ErrorOr<void> init(u64 base, u64 size);
    ErrorOr<u64> allocate(u64 length, u64 alignment);
    ErrorOr<void> allocate_fixed(u64 address, u64 length);
    // Parts already free stay free; EINVAL outside the domain. Never fails for lack of memory.
    ErrorOr<void> free(u64 address, u64 length);

    bool is_free(u64 address, u64 length) const;
    u64 free_bytes() const { return free_pages_ * kPageSize; }
    // Number of free blocks of every order (tests check merging with it).
    u64 free_block_count() const;

private:
    static constexpr unsigned kMaxOrders = 52;
    struct Block {
        u64 page; // first page, relative to the domain base
        unsigned order;
    };

    u64 blocks_at(unsigned order) const { return pages_ >> order; }
    bool is_set(unsigned order, u64 index) const;
    void set(unsigned order, u64 index, bool);
    // The free block holding `page`, if any.
    bool covering_block(u64 page, Block&) const;
    // Marks the pages [first, end) free, merging with free buddies.
    void release(u64 first, u64 end);
    void release_block(u64 page, unsigned order);
    // Takes a free block out and gives back the parts of it outside [first, end).
    void take(const Block&, u64 first, u64 end);
    // The highest page in a free block of `order` where `pages` pages aligned to `alignment` fit.
    bool find_in_order(unsigned order, u64 pages, u64 alignment, u64& address) const;
    // The same over runs of neighbouring free blocks, for requests no single block can hold.
    bool find_in_runs(u64 pages, u64 alignment, u64& address) const;
    bool page_range(u64 address, u64 length, u64& first, u64& end) const;

    Vector<u64> bits_; // every order's bitmap, one after the other
    u64 word_offset_[kMaxOrders] = {};
    u64 free_count_[kMaxOrders] = {};
    unsigned orders_ = 0;
    u64 base_ = 0;
    u64 pages_ = 0;
    u64 free_pages_ = 0;
};

} // namespace zeroos
