#include "mm/bump_allocator.h"

namespace zeroos {

ErrorOr<void> BumpAllocator::init(u64 base, u64 size)
{
    base_ = end_ = low_ = high_ = base;
    if (range_overflows(base, size))
        return Error::from_errno(EINVAL);
    end_ = high_ = base + size;
    return {};
}

bool BumpAllocator::is_free(u64 address, u64 length) const
{
    return length != 0 && !range_overflows(address, length) && address >= low_ && address + length <= high_;
}

ErrorOr<u64> BumpAllocator::allocate(u64 length, u64 alignment)
{
    if (length == 0 || alignment == 0 || (alignment & (alignment - 1)) != 0)
        return Error::from_errno(EINVAL);
    if (length > high_ - low_)
        return Error::from_errno(ENOMEM);
    u64 start = align_down(high_ - length, alignment);
    if (start < low_)
        return Error::from_errno(ENOMEM);
    high_ = start;
    return start;
}

ErrorOr<void> BumpAllocator::allocate_fixed(u64 address, u64 length)
{
    if (!is_free(address, length))
        return Error::from_errno(ENOMEM);
    if (address - low_ <= high_ - (address + length))
        low_ = address + length;
    else
        high_ = address;
    return {};
}

ErrorOr<void> BumpAllocator::free(u64 address, u64 length)
{
    if (length != 0 && (range_overflows(address, length) || address < base_ || address + length > end_))
        return Error::from_errno(EINVAL);
    return {};
}

} // namespace zeroos
