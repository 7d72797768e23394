#include "fake_platform.h"
#include "mm/range_allocator.h"

#include <catch2/catch.hpp>

using namespace zeroos;

namespace {

constexpr u64 kBase = 0x100000;
constexpr u64 kSize = 0x100000; // 256 pages

struct AllocatorFixture {
    AllocatorFixture()
    {
        fake::reset();
        auto heap = platform::kernel_heap_region();
        kernel_heap().init(reinterpret_cast<void*>(heap.base), heap.size);
        REQUIRE_FALSE(allocator.init(kBase, kSize).is_error());
    }
    RangeAllocator allocator;
};

} // namespace

TEST_CASE("the configured allocator is the free list by default")
{
#ifdef ZEROOS_ALLOCATOR_FREELIST
    CHECK(std::string(ZEROOS_ALLOCATOR_NAME) == "freelist");
#else
    FAIL("ZEROOS_ALLOCATOR_FREELIST is not defined");
#endif
}

TEST_CASE("allocations come from the top of the domain, aligned")
{
    AllocatorFixture f;
    auto first = f.allocator.allocate(0x1000, 0x1000);
    REQUIRE_FALSE(first.is_error());
    CHECK(first.value() == kBase + kSize - 0x1000);
    auto aligned = f.allocator.allocate(0x3000, 0x10000);
    REQUIRE_FALSE(aligned.is_error());
    CHECK(aligned.value() % 0x10000 == 0);
    CHECK(aligned.value() + 0x3000 <= first.value());
    CHECK(f.allocator.free_bytes() == kSize - 0x4000);
    CHECK(f.allocator.allocate(0x1000, 3).error().code == EINVAL);
    CHECK(f.allocator.allocate(0, 0x1000).error().code == EINVAL);
}

TEST_CASE("freeing coalesces neighbours back into one range")
{
    AllocatorFixture f;
    u64 a = f.allocator.allocate(0x1000, 0x1000).value();
    u64 b = f.allocator.allocate(0x1000, 0x1000).value();
    u64 c = f.allocator.allocate(0x1000, 0x1000).value();
    CHECK(f.allocator.free_range_count() == 1);
    REQUIRE_FALSE(f.allocator.free(b, 0x1000).is_error());
    CHECK(f.allocator.free_range_count() == 2);
    REQUIRE_FALSE(f.allocator.free(a, 0x1000).is_error());
    CHECK(f.allocator.free_range_count() == 2);
    REQUIRE_FALSE(f.allocator.free(c, 0x1000).is_error());
    CHECK(f.allocator.free_range_count() == 1);
    CHECK(f.allocator.free_bytes() == kSize);
    CHECK(f.allocator.is_free(kBase, kSize));
}

TEST_CASE("freeing a range that is partly free already is harmless")
{
    AllocatorFixture f;
    REQUIRE_FALSE(f.allocator.allocate_fixed(kBase + 0x2000, 0x2000).is_error());
    REQUIRE_FALSE(f.allocator.free(kBase, 0x10000).is_error());
    CHECK(f.allocator.free_bytes() == kSize);
    CHECK(f.allocator.free_range_count() == 1);
    CHECK(f.allocator.free(kBase - 0x1000, 0x1000).error().code == EINVAL);
}

TEST_CASE("fixed allocations take exactly the range asked for, only when free")
{
    AllocatorFixture f;
    REQUIRE_FALSE(f.allocator.allocate_fixed(kBase + 0x5000, 0x2000).is_error());
    CHECK_FALSE(f.allocator.is_free(kBase + 0x5000, 0x1000));
    CHECK(f.allocator.is_free(kBase + 0x4000, 0x1000));
    CHECK(f.allocator.is_free(kBase + 0x7000, 0x1000));
    CHECK(f.allocator.free_range_count() == 2);
    CHECK(f.allocator.allocate_fixed(kBase + 0x6000, 0x2000).error().code == ENOMEM);
    CHECK(f.allocator.allocate_fixed(kBase + kSize - 0x1000, 0x2000).error().code == ENOMEM);
    CHECK(f.allocator.allocate_fixed(kBase - 0x1000, 0x1000).error().code == ENOMEM);
    CHECK(f.allocator.free_bytes() == kSize - 0x2000);
}

TEST_CASE("exhaustion is ENOMEM and freeing makes room again")
{
    AllocatorFixture f;
    u64 all = f.allocator.allocate(kSize, 0x1000).value();
    CHECK(all == kBase);
    CHECK(f.allocator.free_bytes() == 0);
    CHECK(f.allocator.allocate(0x1000, 0x1000).error().code == ENOMEM);
    REQUIRE_FALSE(f.allocator.free(kBase + 0x8000, 0x1000).is_error());
    CHECK(f.allocator.allocate(0x2000, 0x1000).error().code == ENOMEM);
    CHECK(f.allocator.allocate(0x1000, 0x1000).value() == kBase + 0x8000);
}
