#include "core/chacha20.h"
#include "fake_platform.h"

#include <catch2/catch.hpp>

using namespace zeroos;

namespace {

std::string random_bytes(uint64_t seed, size_t length)
{
    BootConfig config;
    config.seed = seed;
    KernelFixture f(config);
    uint64_t buffer = f.reserve(length);
    REQUIRE(f.call("getrandom", buffer, length, 0) == long(length));
    return f.read_string(buffer, length);
}

} // namespace

TEST_CASE("ChaCha20 matches the RFC 8439 section 2.3.2 block test vector")
{
    u32 key[8];
    for (u32 i = 0; i < 8; ++i)
        key[i] = (4 * i) | (4 * i + 1) << 8 | (4 * i + 2) << 16 | (4 * i + 3) << 24;
    const u32 nonce[3] = { 0x09000000, 0x4a000000, 0x00000000 };
    u8 block[64];
    chacha20_block_rfc8439(key, 1, nonce, block);
    const u8 expected[64] = {
        0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4, //
        0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03, 0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e, //
        0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2, //
        0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e, //
    };
    CHECK(std::memcmp(block, expected, 64) == 0);
}

TEST_CASE("the stream block function equals the RFC one with a zero nonce")
{
    u32 key[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    const u32 nonce[3] = { 0, 0, 0 };
    u8 ours[64], rfc[64];
    chacha20_block(key, 7, ours);
    chacha20_block_rfc8439(key, 7, nonce, rfc);
    CHECK(std::memcmp(ours, rfc, 64) == 0);
}

TEST_CASE("getrandom: same seed same bytes, different seed different bytes")
{
    std::string a = random_bytes(42, 1000);
    CHECK(a == random_bytes(42, 1000));
    CHECK(a != random_bytes(43, 1000));
    CHECK(a != std::string(1000, '\0'));
}

TEST_CASE("getrandom continues the stream across calls")
{
    std::string whole = random_bytes(7, 300);
    KernelFixture f(BootConfig { 7 });
    uint64_t first = f.reserve(100), second = f.reserve(200);
    CHECK(f.call("getrandom", first, 100, 0) == 100);
    CHECK(f.call("getrandom", second, 200, 0) == 200);
    CHECK(f.read_string(first, 100) + f.read_string(second, 200) == whole);
}

TEST_CASE("getrandom flags and faults")
{
    KernelFixture f;
    uint64_t buffer = f.reserve(64);
    CHECK(f.call("getrandom", buffer, 64, 1) == 64); // GRND_NONBLOCK
    CHECK(f.call("getrandom", buffer, 64, 2) == 64); // GRND_RANDOM
    CHECK(f.call("getrandom", buffer, 64, 4) == 64); // GRND_INSECURE
    CHECK(f.call("getrandom", buffer, 64, 6) == -EINVAL);
    CHECK(f.call("getrandom", buffer, 64, 8) == -EINVAL);
    CHECK(f.call("getrandom", fake::kUnmapped, 16, 0) == -EFAULT);
    CHECK(f.call("getrandom", buffer, 0, 0) == 0);
    // A buffer running into unmapped memory: the bytes before the fault count.
    uint64_t edge = fake::kScratchBase + fake::kScratchSize - 256;
    CHECK(f.call("getrandom", edge, 1000, 0) == 256);
}
