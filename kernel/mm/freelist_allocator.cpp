#include "mm/freelist_allocator.h"

namespace zeroos {

ErrorOr<void> FreeListAllocator::init(u64 base, u64 size)
{
    free_.clear();
    base_ = base;
    size_ = size;
    free_bytes_ = 0;
    if (range_overflows(base, size))
        return Error::from_errno(EINVAL);
    if (size == 0)
        return {};
    if (!free_.push_back({ base, base + size }))
        return Error::from_errno(ENOMEM);
    free_bytes_ = size;
    return {};
}

bool FreeListAllocator::in_domain(u64 address, u64 length) const
{
    return !range_overflows(address, length) && address >= base_ && address + length <= base_ + size_;
}

size_t FreeListAllocator::first_ending_after(u64 address) const
{
    size_t low = 0, high = free_.size();
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (free_[middle].end <= address)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

ErrorOr<u64> FreeListAllocator::allocate(u64 length, u64 alignment)
{
    if (length == 0 || alignment == 0 || (alignment & (alignment - 1)) != 0)
        return Error::from_errno(EINVAL);
    for (size_t i = free_.size(); i-- > 0;) {
        Range range = free_[i];
        if (range.end - range.start < length)
            continue;
        u64 start = align_down(range.end - length, alignment);
        if (start < range.start)
            continue;
        TRY(allocate_fixed(start, length));
        return start;
    }
    return Error::from_errno(ENOMEM);
}

ErrorOr<void> FreeListAllocator::allocate_fixed(u64 address, u64 length)
{
    if (length == 0 || !in_domain(address, length))
        return Error::from_errno(ENOMEM);
    u64 end = address + length;
    size_t i = first_ending_after(address);
    // Free ranges are never adjacent, so a wholly free request lies inside a single one.
    if (i == free_.size() || free_[i].start > address || free_[i].end < end)
        return Error::from_errno(ENOMEM);
    Range range = free_[i];
    bool keeps_left = range.start < address;
    bool keeps_right = end < range.end;
    if (keeps_left && keeps_right) {
        if (!free_.insert(i + 1, { end, range.end }))
            return Error::from_errno(ENOMEM);
        free_[i].end = address;
    } else if (keeps_left) {
        free_[i].end = address;
    } else if (keeps_right) {
        free_[i].start = end;
    } else {
        free_.remove(i);
    }
    free_bytes_ -= length;
    return {};
}

ErrorOr<void> FreeListAllocator::free(u64 address, u64 length)
{
    if (length == 0)
        return {};
    if (!in_domain(address, length))
        return Error::from_errno(EINVAL);
    u64 start = address;
    u64 end = address + length;
    // Every free range that overlaps or touches [start, end) merges into one.
    size_t first = first_ending_after(start == 0 ? 0 : start - 1);
    size_t last = first;
    u64 already_free = 0;
    while (last < free_.size() && free_[last].start <= end) {
        u64 overlap_start = max(start, free_[last].start);
        u64 overlap_end = min(end, free_[last].end);
        if (overlap_end > overlap_start)
            already_free += overlap_end - overlap_start;
        start = min(start, free_[last].start);
        end = max(end, free_[last].end);
        ++last;
    }
    if (first == last) {
        if (!free_.insert(first, { start, end }))
            return Error::from_errno(ENOMEM);
    } else {
        free_[first] = { start, end };
        for (size_t i = last - 1; i > first; --i)
            free_.remove(i);
    }
    free_bytes_ += length - already_free;
    return {};
}

bool FreeListAllocator::is_free(u64 address, u64 length) const
{
    if (length == 0 || !in_domain(address, length))
        return false;
    size_t i = first_ending_after(address);
    return i < free_.size() && free_[i].start <= address && free_[i].end >= address + length;
}

} // namespace zeroos
