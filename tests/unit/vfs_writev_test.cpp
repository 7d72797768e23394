#include "fake_platform.h"

#include <catch2/catch.hpp>

namespace {
struct IoVec {
    uint64_t base, length;
};
} // namespace

TEST_CASE("vfs: writev to the console is one write of the gathered pieces")
{
    KernelFixture f;
    uint64_t ready = f.put_string("ready"), newline = f.put_string("\n");
    IoVec pieces[3] = { { ready, 5 }, { 0, 0 }, { newline, 1 } };
    uint64_t iov = f.put_bytes(pieces, sizeof pieces);
    CHECK(f.call("writev", 1, iov, 3) == 6);
    CHECK(fake::stdout_text() == "ready\n");
    CHECK(fake::console_writes() == 1);
}

TEST_CASE("vfs: writev to a pipe with a bad second piece writes the first")
{
    KernelFixture f;
    uint64_t fds = f.reserve(8);
    REQUIRE(f.call("pipe2", fds, 0) == 0);
    int write_end = f.read<int>(fds + 4), read_end = f.read<int>(fds);
    uint64_t text = f.put_string("abc");
    IoVec pieces[2] = { { text, 3 }, { fake::kUnmapped, 4 } };
    uint64_t iov = f.put_bytes(pieces, sizeof pieces);
    CHECK(f.call("writev", write_end, iov, 2) == 3);
    uint64_t buffer = f.reserve(8);
    CHECK(f.call("read", read_end, buffer, 8) == 3);
    CHECK(f.read_string(buffer, 3) == "abc");

    IoVec only_bad[1] = { { fake::kUnmapped, 4 } };
    CHECK(f.call("writev", write_end, f.put_bytes(only_bad, sizeof only_bad), 1) == -EFAULT);
}
