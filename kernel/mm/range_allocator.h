#pragma once

// The guest-arena allocator, chosen at configure time (-DZEROOS_ALLOCATOR=freelist|bump|buddy sets
// ZEROOS_ALLOCATOR_<NAME>). Every implementation offers the same members, checked below; there is
// no virtual dispatch.

#include "base/result.h"

#if defined(ZEROOS_ALLOCATOR_FREELIST) || !defined(ZEROOS_ALLOCATOR_NAME)
#include "mm/freelist_allocator.h"
namespace zeroos {
using RangeAllocator = FreeListAllocator;
}
#else
#error "ZEROOS_ALLOCATOR names an allocator that is not implemented"
#endif

namespace zeroos {

template<typename A>
concept RangeAllocatorInterface = requires(A allocator, const A constant, u64 value)
{
    allocator.init(value, value);
    allocator.allocate(value, value);
    allocator.allocate_fixed(value, value);
    allocator.free(value, value);
    constant.is_free(value, value);
    constant.free_bytes();
};
static_assert(RangeAllocatorInterface<RangeAllocator>);

} // namespace zeroos
