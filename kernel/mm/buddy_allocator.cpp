#include "mm/buddy_allocator.h"

namespace zeroos {

namespace {

    constexpr u64 pages_for(u64 length) { return (length + kPageSize - 1) / kPageSize; }

    // The smallest order whose blocks hold `pages` pages.
    unsigned order_for(u64 pages)
    {
        unsigned order = 0;
        while ((u64(1) << order) < pages)
            ++order;
        return order;
    }

} // namespace

ErrorOr<void> BuddyAllocator::init(u64 base, u64 size)
{
    bits_.clear();
    base_ = base;
    pages_ = orders_ = 0;
    free_pages_ = 0;
    for (auto& count : free_count_)
        count = 0;
    if (range_overflows(base, size) || base % kPageSize != 0)
        return Error::from_errno(EINVAL);
    u64 pages = size / kPageSize;
    unsigned orders = 0;
    u64 words = 0;
    while (orders < kMaxOrders && (pages >> orders) != 0) {
        word_offset_[orders] = words;
        words += ((pages >> orders) + 63) / 64;
        ++orders;
    }
    if (!bits_.resize(static_cast<size_t>(words)))
        return Error::from_errno(ENOMEM);
    for (auto& word : bits_)
        word = 0;
    pages_ = pages;
    orders_ = orders;
    release(0, pages);
    free_pages_ = pages;
    return {};
}

bool BuddyAllocator::is_set(unsigned order, u64 index) const
{
    return (bits_[static_cast<size_t>(word_offset_[order] + index / 64)] >> (index % 64)) & 1;
}

void BuddyAllocator::set(unsigned order, u64 index, bool value)
{
    u64& word = bits_[static_cast<size_t>(word_offset_[order] + index / 64)];
    u64 bit = u64(1) << (index % 64);
    if (value) {
        word |= bit;
        ++free_count_[order];
    } else {
        word &= ~bit;
        --free_count_[order];
    }
}

u64 BuddyAllocator::free_block_count() const
{
    u64 total = 0;
    for (unsigned order = 0; order < orders_; ++order)
        total += free_count_[order];
    return total;
}

bool BuddyAllocator::covering_block(u64 page, Block& block) const
{
    for (unsigned order = 0; order < orders_; ++order) {
        u64 index = page >> order;
        if (index >= blocks_at(order))
            return false;
        if (is_set(order, index)) {
            block = { index << order, order };
            return true;
        }
    }
    return false;
}

void BuddyAllocator::release_block(u64 page, unsigned order)
{
    while (order + 1 < orders_) {
        u64 buddy = (page >> order) ^ 1;
        if (buddy >= blocks_at(order) || !is_set(order, buddy))
            break;
        set(order, buddy, false);
        page = min(page, buddy << order);
        ++order;
    }
    set(order, page >> order, true);
}

void BuddyAllocator::release(u64 first, u64 end)
{
    while (first < end) {
        unsigned order = 0;
        while (order + 1 < orders_ && first % (u64(2) << order) == 0 && first + (u64(2) << order) <= end)
            ++order;
        release_block(first, order);
        first += u64(1) << order;
    }
}

void BuddyAllocator::take(const Block& block, u64 first, u64 end)
{
    u64 block_end = block.page + (u64(1) << block.order);
    set(block.order, block.page >> block.order, false);
    if (block.page < first)
        release(block.page, first);
    if (end < block_end)
        release(end, block_end);
}

bool BuddyAllocator::page_range(u64 address, u64 length, u64& first, u64& end) const
{
    if (address % kPageSize != 0 || address < base_ || range_overflows(address, length))
        return false;
    first = (address - base_) / kPageSize;
    end = first + pages_for(length);
    return end <= pages_ && end >= first;
}

bool BuddyAllocator::is_free(u64 address, u64 length) const
{
    u64 page = 0, end = 0;
    if (length == 0 || !page_range(address, length, page, end))
        return false;
    while (page < end) {
        Block block {};
        if (!covering_block(page, block))
            return false;
        page = block.page + (u64(1) << block.order);
    }
    return true;
}

bool BuddyAllocator::find_in_order(unsigned order, u64 pages, u64 alignment, u64& address) const
{
    u64 length = pages * kPageSize;
    u64 words = (blocks_at(order) + 63) / 64;
    for (u64 w = words; w-- > 0;) {
        u64 word = bits_[static_cast<size_t>(word_offset_[order] + w)];
        while (word) {
            unsigned bit = 63 - static_cast<unsigned>(__builtin_clzll(word));
            word &= ~(u64(1) << bit);
            u64 start = base_ + ((w * 64 + bit) << order) * kPageSize;
            u64 end = start + (kPageSize << order);
            u64 candidate = align_down(end - length, alignment);
            if (candidate >= start) {
                address = candidate;
                return true;
            }
        }
    }
    return false;
}

bool BuddyAllocator::find_in_runs(u64 pages, u64 alignment, u64& address) const
{
    u64 length = pages * kPageSize;
    for (u64 page = pages_; page-- > 0;) {
        Block block {};
        if (!covering_block(page, block))
            continue;
        u64 run_end = block.page + (u64(1) << block.order);
        u64 run_start = block.page;
        while (run_start > 0 && covering_block(run_start - 1, block))
            run_start = block.page;
        u64 start = base_ + run_start * kPageSize;
        u64 end = base_ + run_end * kPageSize;
        if (end - start >= length && align_down(end - length, alignment) >= start) {
            address = align_down(end - length, alignment);
            return true;
        }
        page = run_start;
    }
    return false;
}

ErrorOr<u64> BuddyAllocator::allocate(u64 length, u64 alignment)
{
    if (length == 0 || alignment == 0 || (alignment & (alignment - 1)) != 0)
        return Error::from_errno(EINVAL);
    u64 pages = pages_for(length);
    alignment = max(alignment, kPageSize);
    // The highest place among the orders that fit, so mmap stays away from the brk end.
    bool found = false;
    u64 best = 0;
    for (unsigned order = order_for(pages); order < orders_; ++order) {
        u64 address;
        if (free_count_[order] != 0 && find_in_order(order, pages, alignment, address) && (!found || address > best)) {
            best = address;
            found = true;
        }
    }
    // No single block is big enough: neighbouring free blocks of different sizes may still be.
    if (!found && !find_in_runs(pages, alignment, best))
        return Error::from_errno(ENOMEM);
    TRY(allocate_fixed(best, length));
    return best;
}

ErrorOr<void> BuddyAllocator::allocate_fixed(u64 address, u64 length)
{
    if (address % kPageSize != 0)
        return Error::from_errno(EINVAL);
    if (!is_free(address, length))
        return Error::from_errno(ENOMEM);
    u64 first = 0, end = 0;
    (void)page_range(address, length, first, end);
    for (u64 page = first; page < end;) {
        Block block {};
        (void)covering_block(page, block);
        page = block.page + (u64(1) << block.order);
        take(block, first, end);
    }
    free_pages_ -= end - first;
    return {};
}

ErrorOr<void> BuddyAllocator::free(u64 address, u64 length)
{
    if (length == 0)
        return {};
    u64 first = 0, end = 0;
    if (!page_range(address, length, first, end))
        return Error::from_errno(EINVAL);
    // Free blocks overlapping the range come out whole; then the union goes back in one piece.
    u64 low = first, high = end, already_free = 0;
    for (u64 page = first; page < end;) {
        Block block {};
        if (!covering_block(page, block)) {
            ++page;
            continue;
        }
        u64 block_end = block.page + (u64(1) << block.order);
        already_free += min(block_end, end) - page;
        set(block.order, block.page >> block.order, false);
        low = min(low, block.page);
        high = max(high, block_end);
        page = block_end;
    }
    release(low, high);
    free_pages_ += (end - first) - already_free;
    return {};
}

} // namespace zeroos
