#pragma once

// The guest-arena allocator, chosen at configure time (-DZEROOS_ALLOCATOR=freelist|bump|buddy sets
// ZEROOS_ALLOCATOR_<NAME>). Every implementation offers the same members, checked below; there is
// no virtual dispatch. All three always compile (the unit tests run each of them); the binaries
// link only the configured one.

#include "base/result.h"
#include "mm/buddy_allocator.h"
#include "mm/bump_allocator.h"
#include "mm/freelist_allocator.h"

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
    // Whether freed memory is handed out again (false: the bump allocator).
    static_cast<bool>(A::kReusesMemory);
};

#if defined(ZEROOS_ALLOCATOR_FREELIST) || !defined(ZEROOS_ALLOCATOR_NAME)
using RangeAllocator = FreeListAllocator;
#elif defined(ZEROOS_ALLOCATOR_BUDDY)
using RangeAllocator = BuddyAllocator;
#elif defined(ZEROOS_ALLOCATOR_BUMP)
using RangeAllocator = BumpAllocator;
#else
#error "ZEROOS_ALLOCATOR names an allocator that is not implemented"
#endif

static_assert(RangeAllocatorInterface<FreeListAllocator>);
static_assert(RangeAllocatorInterface<BuddyAllocator>);
static_assert(RangeAllocatorInterface<BumpAllocator>);

} // namespace zeroos
