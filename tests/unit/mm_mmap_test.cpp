#include "fake_platform.h"
#include "mm/linux_abi.h"

#include <catch2/catch.hpp>

using namespace zeroos;

namespace {

constexpr uint64_t kPage = 4096;
constexpr uint64_t kAnon = abi::map_private | abi::map_anonymous;
constexpr uint64_t kRw = abi::prot_read | abi::prot_write;
constexpr uint64_t kNoFd = static_cast<uint64_t>(-1);

uint8_t* host(uint64_t address, size_t length = 1) { return static_cast<uint8_t*>(fake::host_address(address, length)); }

bool all_zero(uint64_t address, size_t length)
{
    uint8_t* bytes = host(address, length);
    for (size_t i = 0; i < length; ++i)
        if (bytes[i])
            return false;
    return true;
}

long map(KernelFixture& f, uint64_t length, uint64_t flags = kAnon, uint64_t address = 0)
{
    return f.call("mmap", address, length, kRw, flags, kNoFd, 0);
}

} // namespace

TEST_CASE("anonymous mmap returns zeroed, page-aligned memory inside the arena")
{
    KernelFixture f;
    long address = map(f, 10000);
    REQUIRE(address > 0);
    CHECK(address % kPage == 0);
    CHECK(uint64_t(address) >= fake::kArenaBase);
    CHECK(uint64_t(address) + 3 * kPage <= fake::kArenaBase + fake::kArenaSize);
    CHECK(all_zero(address, 3 * kPage));
    long shared = map(f, kPage, abi::map_shared | abi::map_anonymous | abi::map_noreserve | abi::map_populate | abi::map_stack);
    CHECK(shared > 0);
    CHECK(shared != address);
}

TEST_CASE("mmap rejects what Linux rejects")
{
    KernelFixture f;
    CHECK(map(f, 0) == -EINVAL);
    CHECK(f.call("mmap", 0, kPage, kRw, kAnon, kNoFd, 100) == -EINVAL);
    CHECK(map(f, kPage, abi::map_anonymous) == -EINVAL);
    CHECK(map(f, kPage, abi::map_anonymous | 0x0f) == -EINVAL);
    CHECK(map(f, kPage, abi::map_shared_validate | abi::map_anonymous) == -EINVAL);
    CHECK(map(f, kPage, kAnon | abi::map_fixed, fake::kArenaBase + 100) == -EINVAL);
    CHECK(map(f, ~uint64_t(0) - 10) == -ENOMEM);
    CHECK_FALSE(f.exited());
}

TEST_CASE("mmap fails fast on modes ZeroOS does not implement")
{
    SECTION("MAP_GROWSDOWN")
    {
        KernelFixture f;
        map(f, kPage, kAnon | abi::map_growsdown);
        CHECK(f.exited());
        CHECK(f.kernel().process().exit_status() == 70);
        REQUIRE(fake::reports().size() == 1);
        CHECK(fake::reports()[0].find("MAP_GROWSDOWN") != std::string::npos);
    }
    SECTION("MAP_HUGETLB")
    {
        KernelFixture f;
        map(f, kPage, kAnon | abi::map_hugetlb);
        CHECK(f.exited());
        CHECK(fake::reports()[0].find("MAP_HUGETLB") != std::string::npos);
    }
    SECTION("MAP_FIXED outside the arena")
    {
        KernelFixture f;
        map(f, kPage, kAnon | abi::map_fixed, 0x1000);
        CHECK(f.exited());
        CHECK(fake::reports()[0].find("MAP_FIXED outside the guest arena") != std::string::npos);
    }
    SECTION("MAP_SHARED of a file")
    {
        KernelFixture f;
        f.call("mmap", 0, kPage, abi::prot_read, abi::map_shared, 3, 0);
        CHECK(f.exited());
        CHECK(fake::reports()[0].find("MAP_SHARED") != std::string::npos);
    }
}

TEST_CASE("the arena runs out with ENOMEM, not a crash")
{
    KernelFixture f;
    CHECK(map(f, fake::kArenaSize + kPage) == -ENOMEM);
    long big = map(f, fake::kArenaSize - 4 * kPage);
    REQUIRE(big > 0);
    CHECK(map(f, 8 * kPage) == -ENOMEM);
    long last = map(f, 4 * kPage);
    CHECK(last > 0);
    CHECK(map(f, kPage) == -ENOMEM);
    CHECK(f.call("munmap", last, 4 * kPage) == 0);
    CHECK(map(f, 4 * kPage) == last);
    CHECK_FALSE(f.exited());
}

TEST_CASE("memory freed by munmap reads as zero when mapped again")
{
    KernelFixture f;
    long address = map(f, 4 * kPage);
    REQUIRE(address > 0);
    std::memset(host(address, 4 * kPage), 0xab, 4 * kPage);
    CHECK(f.call("munmap", address, 4 * kPage) == 0);
    long again = map(f, 4 * kPage);
    CHECK(again == address);
    CHECK(all_zero(again, 4 * kPage));
}

TEST_CASE("partial munmap splits a mapping and the hole can be mapped again")
{
    KernelFixture f;
    long address = map(f, 4 * kPage);
    REQUIRE(address > 0);
    std::memset(host(address, 4 * kPage), 0x5a, 4 * kPage);
    CHECK(f.call("munmap", address + kPage, 2 * kPage) == 0);
    // The outer pages are still mapped, the middle ones are not.
    CHECK(f.call("mprotect", address, kPage, abi::prot_read) == 0);
    CHECK(f.call("mprotect", address + 3 * kPage, kPage, abi::prot_read) == 0);
    CHECK(f.call("mprotect", address + kPage, kPage, abi::prot_read) == -ENOMEM);
    CHECK(f.call("msync", address, 4 * kPage, abi::ms_sync) == -ENOMEM);
    long hole = map(f, kPage, kAnon | abi::map_fixed_noreplace, address + kPage);
    CHECK(hole == address + long(kPage));
    CHECK(all_zero(hole, kPage));
    CHECK(host(address)[0] == 0x5a);
    CHECK(host(address + 3 * kPage)[0] == 0x5a);
    CHECK(map(f, kPage, kAnon | abi::map_fixed_noreplace, address) == -EEXIST);
}

TEST_CASE("munmap validates like Linux and accepts never-mapped pages")
{
    KernelFixture f;
    CHECK(f.call("munmap", fake::kArenaBase + 10, kPage) == -EINVAL);
    CHECK(f.call("munmap", fake::kArenaBase, 0) == -EINVAL);
    CHECK(f.call("munmap", fake::kArenaBase + 16 * kPage, 8 * kPage) == 0);
    CHECK_FALSE(f.exited());
}

TEST_CASE("MAP_FIXED replaces what was mapped with zeroed memory")
{
    KernelFixture f;
    long address = map(f, 2 * kPage);
    std::memset(host(address, 2 * kPage), 0x11, 2 * kPage);
    CHECK(map(f, kPage, kAnon | abi::map_fixed, address + kPage) == address + long(kPage));
    CHECK(host(address)[0] == 0x11);
    CHECK(all_zero(address + kPage, kPage));
}

TEST_CASE("MAP_FIXED over pages of the break keeps them the guest's (musl's PROT_NONE guard page)")
{
    KernelFixture f;
    long start = f.call("brk", 0);
    REQUIRE(f.call("brk", start + 2 * kPage) == start + long(2 * kPage));
    std::memset(host(start, 2 * kPage), 0x33, 2 * kPage);
    CHECK(f.call("mmap", start, kPage, abi::prot_none, kAnon | abi::map_fixed, -1, 0) == start);
    CHECK(all_zero(start, kPage));
    CHECK(host(start + kPage)[0] == 0x33);
    // Still mapped: munmap and mprotect accept it, and the break above is untouched.
    CHECK(f.call("mprotect", start, kPage, abi::prot_read | abi::prot_write) == 0);
    CHECK(f.call("brk", start + 3 * kPage) == start + long(3 * kPage));
}

TEST_CASE("brk starts at the arena base, grows, shrinks and fails by answering the old break")
{
    KernelFixture f;
    long start = f.call("brk", 0);
    CHECK(uint64_t(start) == fake::kArenaBase);
    CHECK(f.call("brk", start + 100) == start + 100);
    CHECK(all_zero(start, kPage));
    std::memset(host(start, 3 * kPage), 0x77, kPage);
    CHECK(f.call("brk", start + 3 * kPage) == start + long(3 * kPage));
    CHECK(all_zero(start + kPage, 2 * kPage));
    CHECK(f.call("brk", start + 10) == start + 10);
    std::memset(host(start + kPage, kPage), 0x77, kPage); // stale bytes must not come back
    CHECK(f.call("brk", start + 2 * kPage) == start + long(2 * kPage));
    CHECK(all_zero(start + kPage, kPage));
    CHECK(f.call("brk", start - kPage) == start + long(2 * kPage));
    CHECK(f.call("brk", start + fake::kArenaSize + kPage) == start + long(2 * kPage));
    // An mmap sitting right above the break stops it.
    CHECK(map(f, kPage, kAnon | abi::map_fixed, start + 4 * kPage) == start + long(4 * kPage));
    CHECK(f.call("brk", start + 5 * kPage) == start + long(2 * kPage));
    CHECK(f.call("brk", start + 4 * kPage) == start + long(4 * kPage));
}

TEST_CASE("mremap grows in place, moves with MREMAP_MAYMOVE keeping the contents, and shrinks")
{
    KernelFixture f;
    long address = map(f, 3 * kPage);
    REQUIRE(address > 0);
    std::memset(host(address, 2 * kPage), 0x42, 2 * kPage);
    CHECK(f.call("munmap", address + kPage, 2 * kPage) == 0);
    // The page above is free again: grow in place.
    CHECK(f.call("mremap", address, kPage, 2 * kPage, 0) == address);
    CHECK(host(address)[kPage - 1] == 0x42);
    CHECK(all_zero(address + kPage, kPage));
    // Block the way up, then grow: without MAYMOVE it fails, with it the contents move.
    REQUIRE(map(f, kPage, kAnon | abi::map_fixed, address + 2 * kPage) > 0);
    CHECK(f.call("mremap", address, 2 * kPage, 4 * kPage, 0) == -ENOMEM);
    long moved = f.call("mremap", address, 2 * kPage, 4 * kPage, abi::mremap_maymove);
    // The pages below were free: the mapping slid down into them.
    CHECK(moved == address - long(2 * kPage));
    CHECK(host(moved)[0] == 0x42);
    CHECK(host(moved)[kPage - 1] == 0x42);
    CHECK(all_zero(moved + kPage, 3 * kPage));
    CHECK(f.call("mremap", moved, 4 * kPage, kPage, 0) == moved);
    CHECK(f.call("mprotect", moved + kPage, kPage, abi::prot_read) == -ENOMEM);
}

TEST_CASE("mremap copies to a new place when both neighbours are taken")
{
    KernelFixture f;
    long above = map(f, kPage);
    long address = map(f, kPage);
    long below = map(f, kPage);
    REQUIRE(above == address + long(kPage));
    REQUIRE(below == address - long(kPage));
    std::memset(host(address, kPage), 0x24, kPage);
    long moved = f.call("mremap", address, kPage, 3 * kPage, abi::mremap_maymove);
    REQUIRE(moved > 0);
    CHECK(moved != address);
    CHECK(host(moved)[0] == 0x24);
    CHECK(host(moved)[kPage - 1] == 0x24);
    CHECK(all_zero(moved + kPage, 2 * kPage));
    CHECK(f.call("mprotect", address, kPage, abi::prot_read) == -ENOMEM);
    CHECK(f.kernel().memory().free_bytes() == fake::kArenaSize - 5 * kPage);
}

TEST_CASE("mremap rejects bad requests")
{
    KernelFixture f;
    long address = map(f, kPage);
    CHECK(f.call("mremap", address + 1, kPage, 2 * kPage, abi::mremap_maymove) == -EINVAL);
    CHECK(f.call("mremap", address, kPage, 0, abi::mremap_maymove) == -EINVAL);
    CHECK(f.call("mremap", address, kPage, 2 * kPage, 0x80) == -EINVAL);
    CHECK(f.call("mremap", address, kPage, 2 * kPage, abi::mremap_fixed) == -EINVAL);
    CHECK(f.call("mremap", fake::kArenaBase + kPage, kPage, 2 * kPage, abi::mremap_maymove) == -EFAULT);
    CHECK(f.call("mremap", address, 2 * kPage, 3 * kPage, abi::mremap_maymove) == -EFAULT);
}

TEST_CASE("mprotect, madvise and msync validate their arguments")
{
    KernelFixture f;
    long address = map(f, 2 * kPage);
    CHECK(f.call("mprotect", address, 2 * kPage, abi::prot_none) == 0);
    CHECK(f.call("mprotect", address, 2 * kPage, abi::prot_read | abi::prot_exec) == 0);
    CHECK(f.call("mprotect", address + 1, kPage, abi::prot_read) == -EINVAL);
    CHECK(f.call("mprotect", address, kPage, 0x100) == -EINVAL);
    CHECK(f.call("mprotect", address, 0, abi::prot_read) == 0);
    // Outside the arena (the program image, here the scratch region): accepted when mapped.
    CHECK(f.call("mprotect", fake::kScratchBase, kPage, abi::prot_read) == 0);
    CHECK(f.call("mprotect", fake::kUnmapped, kPage, abi::prot_read) == -ENOMEM);
    CHECK(f.call("msync", fake::kScratchBase, 2 * kPage, abi::ms_async) == 0);
    CHECK(f.call("msync", fake::kUnmapped, kPage, abi::ms_async) == -ENOMEM);
    CHECK(f.call("msync", fake::kScratchBase + fake::kScratchSize - kPage, 2 * kPage, abi::ms_async) == -ENOMEM);
    CHECK(f.call("madvise", fake::kScratchBase, kPage, abi::madv_willneed) == 0);
    CHECK(f.call("madvise", fake::kUnmapped, kPage, abi::madv_willneed) == -ENOMEM);
    CHECK(f.call("madvise", address, 2 * kPage, 1000) == -EINVAL);
    CHECK(f.call("madvise", address + 1, kPage, abi::madv_normal) == -EINVAL);
    CHECK(f.call("madvise", address, 2 * kPage, abi::madv_willneed) == 0);
    CHECK(f.call("madvise", fake::kArenaBase, kPage, abi::madv_willneed) == -ENOMEM);
    CHECK(f.call("msync", address, 2 * kPage, abi::ms_async | abi::ms_sync) == -EINVAL);
    CHECK(f.call("msync", address, 2 * kPage, 0x10) == -EINVAL);
    CHECK(f.call("msync", address + 1, kPage, abi::ms_sync) == -EINVAL);
    CHECK(f.call("msync", address, 2 * kPage, abi::ms_sync) == 0);
}

TEST_CASE("MADV_DONTNEED zeroes private anonymous memory")
{
    KernelFixture f;
    long address = map(f, 3 * kPage);
    std::memset(host(address, 3 * kPage), 0x99, 3 * kPage);
    CHECK(f.call("madvise", address + kPage, kPage, abi::madv_dontneed) == 0);
    CHECK(host(address)[kPage - 1] == 0x99);
    CHECK(all_zero(address + kPage, kPage));
    CHECK(host(address + 2 * kPage)[0] == 0x99);
}

TEST_CASE("sysinfo-visible free memory follows mappings")
{
    KernelFixture f;
    uint64_t before = f.kernel().memory().free_bytes();
    CHECK(before == fake::kArenaSize);
    long address = map(f, 5 * kPage);
    CHECK(f.kernel().memory().free_bytes() == before - 5 * kPage);
    f.call("munmap", address, 5 * kPage);
    CHECK(f.kernel().memory().free_bytes() == before);
}

// The file-backed private mapping goes through vfs_pread_to_user, which the vfs branch provides;
// in this branch it is a placeholder, so the copy itself is covered by integration tests.
TEST_CASE("a private file mapping reaches the vfs read seam")
{
    KernelFixture f;
    f.call("mmap", 0, kPage, abi::prot_read, abi::map_private, 3, 0);
    CHECK(f.kernel().memory().free_bytes() == fake::kArenaSize);
}

TEST_CASE("mprotect records protections per page range and merges them back")
{
    KernelFixture f;
    long address = map(f, 4 * kPage);
    auto& mappings = f.kernel().memory().mappings();
    size_t before = mappings.count();
    CHECK(f.call("mprotect", address + kPage, kPage, abi::prot_read) == 0);
    REQUIRE(mappings.find(address + kPage) != nullptr);
    CHECK(mappings.find(address + kPage)->prot == abi::prot_read);
    CHECK(mappings.find(address)->prot == kRw);
    CHECK(mappings.find(address + 2 * kPage)->prot == kRw);
    CHECK(mappings.count() == before + 2);
    CHECK(f.call("mprotect", address + kPage, kPage, kRw) == 0);
    CHECK(mappings.count() == before);
    CHECK(mappings.find(address)->end == uint64_t(address) + 4 * kPage);
}

TEST_CASE("every change of the guest's protections is passed to the platform, unmapping as PROT_NONE")
{
    using Change = fake::ProtectionChange;
    KernelFixture f;
    uint64_t start = fake::protection_changes().size();
    long address = map(f, 3 * kPage);
    REQUIRE(address > 0);
    uint64_t base = uint64_t(address);
    CHECK(
        f.call("mprotect", base + kPage, kPage, abi::prot_read | abi::prot_growsdown) == -EINVAL); // not a stack mapping: Linux says EINVAL
    CHECK(f.call("mprotect", base + kPage, kPage, abi::prot_read) == 0);
    CHECK(f.call("mprotect", base, kPage, abi::prot_none) == 0);
    CHECK(f.call("munmap", base + 2 * kPage, kPage) == 0);
    CHECK(f.call("mprotect", base + 2 * kPage, kPage, abi::prot_read) == -ENOMEM); // unmapped: no change told
    long brk_start = f.call("brk", 0);
    CHECK(f.call("brk", brk_start + 2 * kPage) == brk_start + 2 * long(kPage));
    CHECK(f.call("brk", brk_start + kPage) == brk_start + long(kPage));
    std::vector<Change> changes(fake::protection_changes().begin() + long(start), fake::protection_changes().end());
    std::vector<Change> expected = {
        { base, 3 * kPage, abi::prot_read | abi::prot_write },
        { base + kPage, kPage, abi::prot_read },
        { base, kPage, abi::prot_none },
        { base + 2 * kPage, kPage, abi::prot_none },
        { uint64_t(brk_start), 2 * kPage, abi::prot_read | abi::prot_write },
        { uint64_t(brk_start) + kPage, kPage, abi::prot_none },
    };
    CHECK(changes == expected);
}
