#include "auxv.h"

#include <catch2/catch.hpp>
#include <elf.h>

using namespace zeroos::tracer;

TEST_CASE("the auxv is found past argv and envp")
{
    // argc=2, argv[2], NULL, envp[1], NULL, auxv: SYSINFO_EHDR, PAGESZ, RANDOM, NULL
    std::vector<std::uint64_t> stack
        = { 2, 0x1000, 0x1008, 0, 0x2000, 0, AT_SYSINFO_EHDR, 0x7fff0000, AT_PAGESZ, 4096, AT_RANDOM, 0x3000, AT_NULL, 0, 0xdead };
    auto position = find_auxv(stack);
    REQUIRE(position);
    CHECK(position->first_word == 6);
    CHECK(position->word_count == 8);

    std::uint64_t random_address = patch_auxv(stack.data() + position->first_word, position->word_count);
    CHECK(random_address == 0x3000);
    CHECK(stack[6] == AT_IGNORE);
    CHECK(stack[8] == AT_PAGESZ);
    CHECK(stack[14] == 0xdead);
}

TEST_CASE("a stack cut off before AT_NULL has no auxv yet")
{
    CHECK_FALSE(find_auxv({}));
    CHECK_FALSE(find_auxv({ 1, 0x1000, 0, 0 }));
    CHECK_FALSE(find_auxv({ 1, 0x1000, 0, 0, AT_PAGESZ, 4096 }));
    CHECK_FALSE(find_auxv({ 1000, 0 })); // argc larger than what was read
}

TEST_CASE("an auxv without AT_RANDOM yields no address")
{
    std::vector<std::uint64_t> auxv = { AT_PAGESZ, 4096, AT_NULL, 0 };
    CHECK(patch_auxv(auxv.data(), auxv.size()) == 0);
}

TEST_CASE("the auxv carries ZeroOS's ids and sizes, not the host's")
{
    std::vector<std::uint64_t> auxv = { AT_UID, 65534, AT_EUID, 65534, AT_GID, 65534, AT_EGID, 65534, AT_SECURE, 1, AT_HWCAP2, 2, 51, 11952,
        27, 28, 28, 32, AT_PAGESZ, 4096, AT_NULL, 0 };
    patch_auxv(auxv.data(), auxv.size());
    CHECK(auxv
        == std::vector<std::uint64_t> { AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_SECURE, 0, AT_HWCAP2, 0, 51, 16384, AT_IGNORE, 28,
            AT_IGNORE, 32, AT_PAGESZ, 4096, AT_NULL, 0 });
}
