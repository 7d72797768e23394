#include "fake_platform.h"
#include "vfs/file_pages.h"

#include <catch2/catch.hpp>

using namespace zeroos;

TEST_CASE("file pages: holes read as missing, a far page costs one path of table nodes")
{
    KernelFixture fixture; // the kernel heap
    FileSpace space;
    {
        FilePages pages(space);
        CHECK(pages.find(0) == nullptr);
        u64 far = (256ull << 30) / kPageSize;
        auto page = pages.find_or_allocate(far);
        REQUIRE_FALSE(page.is_error());
        CHECK(page.value()[0] == 0);
        CHECK(page.value()[kPageSize - 1] == 0);
        CHECK(pages.find(far) == page.value());
        CHECK(pages.find(far - 1) == nullptr);
        CHECK(pages.find(far + 1) == nullptr);
        CHECK(pages.data_pages() == 1);
        CHECK(space.used_pages() == 3); // the page, its leaf and its middle node
        CHECK(pages.find_or_allocate(far + 1).value() != page.value());
        CHECK(space.used_pages() == 4);
    }
    CHECK(space.used_pages() == 0); // the destructor gives everything back
}

TEST_CASE("file pages: free_from keeps the pages below the cut and the nodes they need")
{
    KernelFixture fixture; // the kernel heap
    FileSpace space;
    FilePages pages(space);
    // 1200 pages: three leaves (512 pages each) under one middle node.
    for (u64 index = 0; index < 1200; ++index)
        REQUIRE_FALSE(pages.find_or_allocate(index).is_error());
    CHECK(space.used_pages() == 1200 + 3 + 1);
    pages.free_from(600); // keeps leaf 0 and part of leaf 1
    CHECK(pages.data_pages() == 600);
    CHECK(space.used_pages() == 600 + 2 + 1);
    CHECK(pages.find(599) != nullptr);
    CHECK(pages.find(600) == nullptr);
    CHECK(pages.find(1199) == nullptr);
    pages.free_from(0);
    CHECK(pages.data_pages() == 0);
    CHECK(space.used_pages() == 0);
    CHECK(pages.find(0) == nullptr);
}

TEST_CASE("file pages: a full file space gives ENOSPC and charges nothing for the failed page")
{
    KernelFixture fixture; // the kernel heap
    FileSpace space;
    space.set_limit_pages(4);
    FilePages pages(space);
    CHECK_FALSE(pages.find_or_allocate(0).is_error()); // page + leaf + middle
    CHECK_FALSE(pages.find_or_allocate(1).is_error());
    CHECK(space.used_pages() == 4);
    auto refused = pages.find_or_allocate(2);
    REQUIRE(refused.is_error());
    CHECK(refused.error().code() == ENOSPC);
    CHECK(space.used_pages() == 4);
    // A page in another leaf needs a new leaf first: refused too, with nothing left behind.
    CHECK(pages.find_or_allocate(5000).error().code() == ENOSPC);
    CHECK(space.used_pages() == 4);
    pages.free_from(1);
    CHECK(space.used_pages() == 3);
    CHECK_FALSE(pages.find_or_allocate(7).is_error());
}
