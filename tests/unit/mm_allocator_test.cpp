// One set of tests for every guest-arena allocator, whichever one the build selected: each case
// runs for the free list, the buddy allocator and the bump allocator. The bump allocator never
// hands freed memory out again, and the cases assert that too.

#include "fake_platform.h"
#include "mm/linux_abi.h"
#include "mm/memory_manager_impl.h"
#include "mm/range_allocator.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <type_traits>

using namespace zeroos;

namespace {

constexpr u64 kBase = 0x100000;
constexpr u64 kSize = 0x100000; // 256 pages
constexpr u64 kPage = 0x1000;

void boot_heap()
{
    fake::reset();
    auto heap = platform::kernel_heap_region();
    kernel_heap().init(reinterpret_cast<void*>(heap.base), heap.size);
}

template<typename A> struct AllocatorFixture {
    AllocatorFixture()
    {
        boot_heap();
        REQUIRE_FALSE(allocator.init(kBase, kSize).is_error());
    }
    A allocator;
};

template<typename A> struct MemoryFixture {
    MemoryFixture()
    {
        boot_heap();
        REQUIRE_FALSE(memory.init({ fake::kArenaBase, kArenaSize }).is_error());
    }
    static constexpr u64 kArenaSize = 1 << 20;
    MemoryManagerOf<A> memory;
};

u8* host(u64 address, size_t length) { return static_cast<u8*>(fake::host_address(address, length)); }

bool disjoint(u64 a, u64 a_length, u64 b, u64 b_length) { return a + a_length <= b || b + b_length <= a; }

bool all_bytes(u64 address, size_t length, u8 value)
{
    const u8* bytes = host(address, length);
    for (size_t i = 0; i < length; ++i)
        if (bytes[i] != value)
            return false;
    return true;
}

} // namespace

TEST_CASE("the configured allocator is the one ZEROOS_ALLOCATOR names")
{
    std::string name = ZEROOS_ALLOCATOR_NAME;
    if (name == "freelist")
        CHECK(std::is_same_v<RangeAllocator, FreeListAllocator>);
    else if (name == "buddy")
        CHECK(std::is_same_v<RangeAllocator, BuddyAllocator>);
    else if (name == "bump")
        CHECK(std::is_same_v<RangeAllocator, BumpAllocator>);
    else
        FAIL("unknown allocator " << name);
}

TEMPLATE_TEST_CASE(
    "allocations come from the top of the domain and aligned", "[allocator]", FreeListAllocator, BuddyAllocator, BumpAllocator)
{
    AllocatorFixture<TestType> f;
    auto first = f.allocator.allocate(kPage, kPage);
    REQUIRE_FALSE(first.is_error());
    CHECK(first.value() == kBase + kSize - kPage);
    auto aligned = f.allocator.allocate(0x3000, 0x10000);
    REQUIRE_FALSE(aligned.is_error());
    CHECK(aligned.value() == kBase + kSize - 0x10000);
    CHECK_FALSE(f.allocator.is_free(aligned.value(), 0x3000));
    if constexpr (TestType::kReusesMemory) {
        CHECK(f.allocator.free_bytes() == kSize - 0x4000);
        CHECK(f.allocator.is_free(aligned.value() + 0x3000, 0xc000));
    } else {
        CHECK(f.allocator.free_bytes() == kSize - 0x10000); // what alignment skipped is lost
    }
    CHECK(f.allocator.allocate(kPage, 3).error().code() == EINVAL);
    CHECK(f.allocator.allocate(0, kPage).error().code() == EINVAL);
}

TEMPLATE_TEST_CASE("freed neighbours coalesce into the whole domain again", "[allocator]", FreeListAllocator, BuddyAllocator, BumpAllocator)
{
    AllocatorFixture<TestType> f;
    u64 a = f.allocator.allocate(kPage, kPage).value();
    u64 b = f.allocator.allocate(0x3000, kPage).value();
    u64 c = f.allocator.allocate(kPage, kPage).value();
    CHECK(disjoint(a, kPage, b, 0x3000));
    CHECK(disjoint(a, kPage, c, kPage));
    CHECK(disjoint(b, 0x3000, c, kPage));
    REQUIRE_FALSE(f.allocator.free(b, 0x3000).is_error());
    REQUIRE_FALSE(f.allocator.free(a, kPage).is_error());
    REQUIRE_FALSE(f.allocator.free(c, kPage).is_error());
    if constexpr (TestType::kReusesMemory) {
        CHECK(f.allocator.free_bytes() == kSize);
        CHECK(f.allocator.is_free(kBase, kSize));
        CHECK(f.allocator.allocate(kSize, kPage).value() == kBase);
    } else {
        CHECK(f.allocator.free_bytes() == kSize - 0x5000);
        CHECK_FALSE(f.allocator.is_free(b, kPage));
        CHECK(f.allocator.allocate(kSize, kPage).error().code() == ENOMEM);
    }
}

TEMPLATE_TEST_CASE("freeing the middle of an allocation splits it", "[allocator]", FreeListAllocator, BuddyAllocator, BumpAllocator)
{
    AllocatorFixture<TestType> f;
    u64 x = f.allocator.allocate(0x8000, kPage).value();
    REQUIRE_FALSE(f.allocator.free(x + 0x2000, 0x3000).is_error());
    CHECK_FALSE(f.allocator.is_free(x + 0x1000, kPage));
    CHECK_FALSE(f.allocator.is_free(x + 0x5000, kPage));
    if constexpr (TestType::kReusesMemory) {
        CHECK(f.allocator.is_free(x + 0x2000, 0x3000));
        CHECK(f.allocator.free_bytes() == kSize - 0x5000);
        REQUIRE_FALSE(f.allocator.allocate_fixed(x + 0x3000, kPage).is_error());
        CHECK(f.allocator.is_free(x + 0x2000, kPage));
        CHECK(f.allocator.is_free(x + 0x4000, kPage));
        CHECK_FALSE(f.allocator.is_free(x + 0x3000, kPage));
    } else {
        CHECK_FALSE(f.allocator.is_free(x + 0x2000, kPage));
        CHECK(f.allocator.allocate_fixed(x + 0x3000, kPage).error().code() == ENOMEM);
    }
}

TEMPLATE_TEST_CASE(
    "freeing a range that is partly free already is harmless", "[allocator]", FreeListAllocator, BuddyAllocator, BumpAllocator)
{
    AllocatorFixture<TestType> f;
    REQUIRE_FALSE(f.allocator.allocate_fixed(kBase + 0x2000, 0x2000).is_error());
    REQUIRE_FALSE(f.allocator.free(kBase, 0x10000).is_error());
    if constexpr (TestType::kReusesMemory) {
        CHECK(f.allocator.free_bytes() == kSize);
        CHECK(f.allocator.is_free(kBase, kSize));
    } else {
        CHECK(f.allocator.free_bytes() == kSize - 0x4000);
    }
    CHECK(f.allocator.free(kBase - kPage, kPage).error().code() == EINVAL);
    CHECK(f.allocator.free(kBase + kSize - kPage, 2 * kPage).error().code() == EINVAL);
}

TEMPLATE_TEST_CASE("fixed allocations take exactly the range asked for and only when free", "[allocator]", FreeListAllocator,
    BuddyAllocator, BumpAllocator)
{
    AllocatorFixture<TestType> f;
    REQUIRE_FALSE(f.allocator.allocate_fixed(kBase + 0x5000, 0x2000).is_error());
    CHECK_FALSE(f.allocator.is_free(kBase + 0x5000, kPage));
    CHECK_FALSE(f.allocator.is_free(kBase + 0x6000, kPage));
    CHECK(f.allocator.is_free(kBase + 0x7000, kSize - 0x7000));
    CHECK(f.allocator.allocate_fixed(kBase + 0x6000, 0x2000).error().code() == ENOMEM);
    CHECK(f.allocator.allocate_fixed(kBase + kSize - kPage, 0x2000).error().code() == ENOMEM);
    CHECK(f.allocator.allocate_fixed(kBase - kPage, kPage).error().code() == ENOMEM);
    if constexpr (TestType::kReusesMemory) {
        CHECK(f.allocator.is_free(kBase, 0x5000));
        CHECK(f.allocator.free_bytes() == kSize - 0x2000);
    } else {
        CHECK_FALSE(f.allocator.is_free(kBase, kPage)); // below a fixed allocation near the bottom
        CHECK(f.allocator.free_bytes() == kSize - 0x7000);
    }
}

TEMPLATE_TEST_CASE("exhaustion is ENOMEM and freeing makes room again", "[allocator]", FreeListAllocator, BuddyAllocator, BumpAllocator)
{
    AllocatorFixture<TestType> f;
    CHECK(f.allocator.allocate(kSize + kPage, kPage).error().code() == ENOMEM);
    CHECK(f.allocator.allocate(kSize, kPage).value() == kBase);
    CHECK(f.allocator.free_bytes() == 0);
    CHECK(f.allocator.allocate(kPage, kPage).error().code() == ENOMEM);
    REQUIRE_FALSE(f.allocator.free(kBase + 0x8000, kPage).is_error());
    CHECK(f.allocator.allocate(0x2000, kPage).error().code() == ENOMEM);
    if constexpr (TestType::kReusesMemory)
        CHECK(f.allocator.allocate(kPage, kPage).value() == kBase + 0x8000);
    else
        CHECK(f.allocator.allocate(kPage, kPage).error().code() == ENOMEM);
}

TEMPLATE_TEST_CASE("mremap growth keeps the contents in place or moved", "[allocator]", FreeListAllocator, BuddyAllocator, BumpAllocator)
{
    MemoryFixture<TestType> f;
    u64 base = f.memory.arena().base;
    // In place: the brk end of the arena has room above.
    REQUIRE(f.memory.map_fixed(base, 0x2000, abi::prot_read | abi::prot_write, false).value() == base);
    std::memset(host(base, 0x2000), 0x5a, 0x2000);
    REQUIRE(f.memory.remap(base, 0x2000, 0x5000, false).value() == base);
    CHECK(all_bytes(base, 0x2000, 0x5a));
    CHECK(all_bytes(base + 0x2000, 0x3000, 0));
    // Moved: the top mapping has the end of the arena above it.
    u64 top = f.memory.map_anywhere(0x2000, abi::prot_read).value();
    CHECK(top == base + f.kArenaSize - 0x2000);
    std::memset(host(top, 0x2000), 0xc3, 0x2000);
    CHECK(f.memory.remap(top, 0x2000, 0x4000, false).error().code() == ENOMEM);
    u64 moved = f.memory.remap(top, 0x2000, 0x4000, true).value();
    CHECK(moved == top - 0x2000); // slid down into the free pages below
    CHECK(all_bytes(moved, 0x2000, 0xc3));
    CHECK(all_bytes(moved + 0x2000, 0x2000, 0));
    CHECK(f.memory.is_mapped(moved, 0x4000));
    // Moved elsewhere: the space below is taken now.
    REQUIRE(f.memory.map_fixed(moved - 0x8000, 0x8000, abi::prot_read, false).value() == moved - 0x8000);
    u64 far = f.memory.remap(moved, 0x4000, 0x6000, true).value();
    CHECK(far + 0x6000 <= moved - 0x8000);
    CHECK(all_bytes(far, 0x2000, 0xc3));
    CHECK(all_bytes(far + 0x2000, 0x4000, 0));
    CHECK_FALSE(f.memory.is_mapped(moved, kPage));
}

TEMPLATE_TEST_CASE("memory handed out again reads as zeros", "[allocator]", FreeListAllocator, BuddyAllocator, BumpAllocator)
{
    MemoryFixture<TestType> f;
    u64 first = f.memory.map_anywhere(0x3000, abi::prot_read | abi::prot_write).value();
    std::memset(host(first, 0x3000), 0xee, 0x3000);
    REQUIRE_FALSE(f.memory.unmap(first, 0x3000).is_error());
    u64 second = f.memory.map_anywhere(0x3000, abi::prot_read | abi::prot_write).value();
    if constexpr (TestType::kReusesMemory)
        CHECK(second == first);
    else
        CHECK(second == first - 0x3000);
    CHECK(all_bytes(second, 0x3000, 0));

    u64 start = f.memory.brk(0);
    CHECK(f.memory.brk(start + 0x4000) == start + 0x4000);
    std::memset(host(start, 0x4000), 0x77, 0x4000);
    CHECK(f.memory.brk(start + 0x1000) == start + 0x1000);
    if constexpr (TestType::kReusesMemory) {
        CHECK(f.memory.brk(start + 0x4000) == start + 0x4000);
        CHECK(all_bytes(start, 0x1000, 0x77));
        CHECK(all_bytes(start + 0x1000, 0x3000, 0));
    } else {
        CHECK(f.memory.brk(start + 0x4000) == start + 0x1000); // the pages given back are gone
    }
}

TEST_CASE("the free list keeps one range per gap")
{
    AllocatorFixture<FreeListAllocator> f;
    u64 a = f.allocator.allocate(kPage, kPage).value();
    u64 b = f.allocator.allocate(kPage, kPage).value();
    (void)f.allocator.allocate(kPage, kPage).value();
    CHECK(f.allocator.free_range_count() == 1);
    REQUIRE_FALSE(f.allocator.free(b, kPage).is_error());
    CHECK(f.allocator.free_range_count() == 2);
    REQUIRE_FALSE(f.allocator.free(a, kPage).is_error());
    CHECK(f.allocator.free_range_count() == 2);
}

TEST_CASE("the buddy allocator splits blocks and merges buddies back")
{
    AllocatorFixture<BuddyAllocator> f;
    CHECK(f.allocator.free_block_count() == 1); // 256 pages: one block of order 8
    u64 page = f.allocator.allocate(kPage, kPage).value();
    CHECK(f.allocator.free_block_count() == 8); // orders 0 to 7, one each
    u64 three = f.allocator.allocate(0x3000, kPage).value();
    CHECK(three == page - 0x6000); // the top of the free four-page block, pages 248 to 251
    CHECK(f.allocator.is_free(page - 0x7000, kPage));
    CHECK(f.allocator.is_free(page - 0x3000, 0x3000));
    REQUIRE_FALSE(f.allocator.free(page, kPage).is_error());
    REQUIRE_FALSE(f.allocator.free(three, 0x3000).is_error());
    CHECK(f.allocator.free_block_count() == 1);
    CHECK(f.allocator.allocate(0x1000, 3).error().code() == EINVAL);
    CHECK(f.allocator.allocate_fixed(kBase + 0x800, kPage).error().code() == EINVAL);
}

TEST_CASE("the buddy allocator covers a domain that is not a power of two")
{
    boot_heap();
    BuddyAllocator allocator;
    REQUIRE_FALSE(allocator.init(kBase, 7 * kPage).is_error());
    CHECK(allocator.free_block_count() == 3); // 4 + 2 + 1 pages
    CHECK(allocator.allocate(4 * kPage, kPage).value() == kBase);
    CHECK(allocator.allocate(2 * kPage, kPage).value() == kBase + 4 * kPage);
    CHECK(allocator.allocate(kPage, kPage).value() == kBase + 6 * kPage);
    CHECK(allocator.allocate(kPage, kPage).error().code() == ENOMEM);
    REQUIRE_FALSE(allocator.free(kBase, 7 * kPage).is_error());
    // Five pages fit in no single block (4 + 2 + 1), but in the neighbouring blocks at the top.
    CHECK(allocator.allocate(5 * kPage, kPage).value() == kBase + 2 * kPage);
    CHECK(allocator.allocate(3 * kPage, kPage).error().code() == ENOMEM);
    REQUIRE_FALSE(allocator.free(kBase + 2 * kPage, 5 * kPage).is_error());
    CHECK(allocator.free_bytes() == 7 * kPage);
    CHECK(allocator.free_block_count() == 3);
}
