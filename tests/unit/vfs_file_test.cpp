#include "vfs_helpers.h"

#include <catch2/catch.hpp>

using namespace zeroos;
using namespace vfs_test;

TEST_CASE("vfs: create, write, read back and seek a regular file")
{
    KernelFixture f;
    long fd = open(f, "/tmp/a.txt", abi::o_creat | abi::o_rdwr, 0666);
    REQUIRE(fd == 3);
    CHECK(write_text(f, fd, "hello world") == 11);
    CHECK(f.call("lseek", fd, 0, abi::seek_cur) == 11);
    CHECK(f.call("lseek", fd, 6, abi::seek_set) == 6);
    CHECK(read_text(f, fd, 100) == "world");
    CHECK(read_text(f, fd, 100) == "");
    CHECK(f.call("lseek", fd, -5, abi::seek_end) == 6);
    CHECK(f.call("lseek", fd, -100, abi::seek_end) == -EINVAL);
    CHECK(f.call("lseek", fd, 0, 17) == -EINVAL);
    CHECK(f.call("close", fd) == 0);
    CHECK(f.call("close", fd) == -EBADF);

    auto st = statx(f, "/tmp/a.txt");
    REQUIRE(st.rc == 0);
    CHECK(st.stx.size == 11);
    CHECK(st.stx.mode == (abi::s_ifreg | 0644)); // umask 022
    CHECK(st.stx.nlink == 1);
    CHECK(st.stx.blksize == 4096);
    CHECK(st.stx.blocks == 8);
}

TEST_CASE("vfs: open flags O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW")
{
    KernelFixture f;
    REQUIRE(make_file(f, "/tmp/f", "0123456789") == 0);
    CHECK(open(f, "/tmp/f", abi::o_creat | abi::o_excl | abi::o_wronly) == -EEXIST);
    CHECK(open(f, "/tmp/missing", abi::o_rdonly) == -ENOENT);
    CHECK(open(f, "/tmp/f", abi::o_rdonly | abi::o_directory) == -ENOTDIR);
    CHECK(open(f, "/tmp", abi::o_wronly) == -EISDIR);
    CHECK(open(f, "/tmp/new/", abi::o_creat | abi::o_wronly) == -EISDIR);
    CHECK(open(f, "/tmp/f/x", abi::o_rdonly) == -ENOTDIR);

    long fd = open(f, "/tmp/f", abi::o_wronly | abi::o_append);
    REQUIRE(fd >= 0);
    CHECK(f.call("lseek", fd, 0, abi::seek_set) == 0);
    CHECK(write_text(f, fd, "ab") == 2);
    CHECK(f.call("lseek", fd, 0, abi::seek_cur) == 12);
    CHECK(read_text(f, fd, 4) == "<errno 9>"); // write-only: EBADF
    f.call("close", fd);

    fd = open(f, "/tmp/f", abi::o_rdonly);
    CHECK(read_text(f, fd, 100) == "0123456789ab");
    CHECK(write_text(f, fd, "x") == -EBADF);
    f.call("close", fd);

    fd = open(f, "/tmp/f", abi::o_rdwr | abi::o_trunc);
    CHECK(statx(f, "/tmp/f").stx.size == 0);
    f.call("close", fd);

    CHECK(f.call("symlinkat", f.put_string("/tmp/f"), kAtFdcwd, f.put_string("/tmp/link")) == 0);
    CHECK(open(f, "/tmp/link", abi::o_rdonly | abi::o_nofollow) == -ELOOP);
    long path_fd = open(f, "/tmp/link", abi::o_path | abi::o_nofollow);
    CHECK(path_fd >= 0);
    CHECK(read_text(f, path_fd, 1) == "<errno 9>");
    CHECK(open(f, "/tmp/link", abi::o_creat | abi::o_excl | abi::o_wronly) == -EEXIST);
    CHECK(open(f, "/tmp/x", abi::o_rdwr | abi::o_wronly) == -EINVAL);
}

TEST_CASE("vfs: unsupported open flags fail fast")
{
    KernelFixture f;
    f.call("openat", kAtFdcwd, f.put_string("/tmp"), 020200000 | abi::o_rdwr, 0600);
    CHECK(f.exited());
    REQUIRE(fake::reports().size() == 1);
    CHECK(fake::reports()[0].find("O_TMPFILE") != std::string::npos);
}

TEST_CASE("vfs: holes read as zeros and only written pages count as blocks")
{
    KernelFixture f;
    long fd = open(f, "/tmp/sparse", abi::o_creat | abi::o_rdwr);
    REQUIRE(fd >= 0);
    CHECK(f.call("lseek", fd, 1 << 20, abi::seek_set) == 1 << 20);
    CHECK(write_text(f, fd, "end") == 3);
    auto st = statx(f, "/tmp/sparse");
    CHECK(st.stx.size == (1 << 20) + 3);
    CHECK(st.stx.blocks == 8);
    uint64_t buffer = f.reserve(8192, 0xaa);
    CHECK(f.call("pread64", fd, buffer, 8192, 4096) == 8192);
    CHECK(f.read_string(buffer, 8192) == std::string(8192, '\0'));
    CHECK(f.call("pread64", fd, buffer, 10, (1 << 20) - 2) == 5);
    CHECK(f.read_string(buffer, 5) == std::string("\0\0end", 5));

    // ftruncate down then up again: the cut tail stays zero.
    CHECK(f.call("ftruncate", fd, (1 << 20) + 1) == 0);
    CHECK(f.call("ftruncate", fd, (1 << 20) + 3) == 0);
    CHECK(f.call("pread64", fd, buffer, 3, 1 << 20) == 3);
    CHECK(f.read_string(buffer, 3) == std::string("e\0\0", 3));
    CHECK(f.call("ftruncate", fd, 0) == 0);
    CHECK(statx(f, "/tmp/sparse").stx.blocks == 0);
    CHECK(f.call("ftruncate", fd, -1) == -EINVAL);
    CHECK(f.call("pwrite64", fd, f.put_string("x"), 1, 1ull << 41) == -EFBIG);
}

TEST_CASE("vfs: readv, writev, pread64 and pwrite64")
{
    KernelFixture f;
    long fd = open(f, "/tmp/v", abi::o_creat | abi::o_rdwr);
    abi::IoVec iov[3] = { { f.put_bytes("abc", 3), 3 }, { 0, 0 }, { f.put_bytes("defg", 4), 4 } };
    CHECK(f.call("writev", fd, f.put_bytes(iov, sizeof(iov)), 3) == 7);
    CHECK(f.call("pwrite64", fd, f.put_bytes("XY", 2), 2, 1) == 2);
    CHECK(f.call("lseek", fd, 0, abi::seek_cur) == 7);
    uint64_t a = f.reserve(2), b = f.reserve(10);
    abi::IoVec out[2] = { { a, 2 }, { b, 10 } };
    CHECK(f.call("pread64", fd, a, 2, 5) == 2);
    CHECK(f.read_string(a, 2) == "fg");
    CHECK(f.call("lseek", fd, 0, abi::seek_set) == 0);
    CHECK(f.call("readv", fd, f.put_bytes(out, sizeof(out)), 2) == 7);
    CHECK(f.read_string(a, 2) == "aX");
    CHECK(f.read_string(b, 5) == "Ydefg");
    CHECK(f.call("readv", fd, f.put_bytes(out, sizeof(out)), -1) == -EINVAL);
    CHECK(f.call("readv", fd, fake::kUnmapped, 1) == -EFAULT);
    CHECK(f.call("pread64", fd, a, 2, -1) == -EINVAL);
}

TEST_CASE("vfs: EFAULT on unmapped and straddling buffers")
{
    KernelFixture f;
    long fd = open(f, "/tmp/e", abi::o_creat | abi::o_rdwr);
    CHECK(f.call("write", fd, fake::kUnmapped, 10) == -EFAULT);
    CHECK(write_text(f, fd, std::string(100, 'z')) == 100);
    CHECK(f.call("pread64", fd, fake::kUnmapped, 10, 0) == -EFAULT);
    uint64_t edge = fake::kScratchBase + fake::kScratchSize - 10;
    // The copy covers 100 bytes of one page, of which 90 are unmapped: nothing moves.
    CHECK(f.call("pread64", fd, edge, 100, 0) == -EFAULT);
    CHECK(f.call("pread64", fd, edge, 10, 0) == 10);
    CHECK(f.call("pwrite64", fd, edge, 100, 0) == -EFAULT);
    CHECK(f.call("openat", kAtFdcwd, fake::kUnmapped, abi::o_rdonly, 0) == -EFAULT);
    CHECK(f.call("fstat", fd, fake::kUnmapped) == -EFAULT);
    CHECK(f.call("read", 0, fake::kUnmapped, 10) == 0); // empty stdin: nothing to copy
    CHECK(f.call("write", 1, edge, 100) == -EFAULT);
    CHECK(f.call("read", 99, f.reserve(1), 1) == -EBADF);
    CHECK(f.call("statx", kAtFdcwd, f.put_string("/tmp/e"), 0, abi::statx_basic_stats, fake::kScratchBase + fake::kScratchSize - 100)
        == -EFAULT);
    CHECK(f.call("getdents64", open(f, "/tmp", abi::o_rdonly), edge, 100) == -EFAULT);
    uint64_t path_at_edge = fake::kScratchBase + fake::kScratchSize - 4;
    std::memcpy(fake::host_address(path_at_edge, 4), "/tmp", 4); // no NUL before the unmapped page
    CHECK(f.call("openat", kAtFdcwd, path_at_edge, abi::o_rdonly, 0) == -EFAULT);
    CHECK(f.call("read", -1, f.reserve(1), 1) == -EBADF);
}

TEST_CASE("vfs: console fds and big writes go through in bounded chunks")
{
    KernelFixture f;
    fake::set_stdin("input");
    CHECK(read_text(f, 0, 100) == "input");
    CHECK(read_text(f, 0, 100) == "");
    std::string big(200 * 1024, 'q');
    big[150000] = 'X';
    CHECK(write_text(f, 1, big) == static_cast<long>(big.size()));
    CHECK(fake::stdout_text() == big);
    CHECK(write_text(f, 2, "err") == 3);
    CHECK(fake::stderr_text() == "err");
    CHECK(write_text(f, 0, "no") == -EBADF);
    CHECK(f.call("lseek", 1, 0, abi::seek_cur) == -ESPIPE);
}

TEST_CASE("vfs: stat and fstat agree; AT_EMPTY_PATH and AT_SYMLINK_NOFOLLOW")
{
    KernelFixture f;
    REQUIRE(make_file(f, "/tmp/s", "1234") == 0);
    CHECK(f.call("symlinkat", f.put_string("s"), kAtFdcwd, f.put_string("/tmp/l")) == 0);
    auto target = statx(f, "/tmp/l");
    auto link = statx(f, "/tmp/l", abi::at_symlink_nofollow);
    CHECK(target.stx.size == 4);
    CHECK((link.stx.mode & abi::s_ifmt) == abi::s_iflnk);
    CHECK(link.stx.size == 1);
    CHECK(link.stx.ino == target.stx.ino + 1);

    long fd = open(f, "/tmp/s", abi::o_rdonly);
    auto by_fd = statx(f, "", abi::at_empty_path, fd);
    CHECK(by_fd.rc == 0);
    CHECK(by_fd.stx.ino == target.stx.ino);
    CHECK(statx(f, "").rc == -ENOENT);
    CHECK(statx(f, "/tmp/s", 0x1).rc == -EINVAL);

    uint64_t buffer = f.reserve(256);
    CHECK(f.call("newfstatat", kAtFdcwd, f.put_string("/tmp/s"), buffer, 0) == 0);
    CHECK(f.call("newfstatat", kAtFdcwd, f.put_string("/nope"), buffer, 0) == -ENOENT);
    CHECK(f.call("newfstatat", kAtFdcwd, f.put_string("/tmp/s"), buffer, 0x4) == -EINVAL);
    CHECK(f.call("fstat", fd, buffer) == 0);
    CHECK(f.call("fstat", 77, buffer) == -EBADF);
    CHECK(f.call("statfs", f.put_string("/"), buffer) == 0);
    CHECK(f.read<int64_t>(buffer) == abi::tmpfs_magic);
    CHECK(f.call("fstatfs", fd, buffer) == 0);
}

TEST_CASE("vfs: timestamps follow the virtual clock")
{
    BootConfig config;
    config.epoch_seconds = 1000;
    KernelFixture f(config);
    REQUIRE(make_file(f, "/tmp/t", "x") == 0);
    auto st = statx(f, "/tmp/t");
    CHECK(st.stx.mtime.seconds == 1000);
    CHECK(st.stx.mtime.nanoseconds == 0);
    f.kernel().clock().advance(2'500'000'000);
    long fd = open(f, "/tmp/t", abi::o_wronly);
    write_text(f, fd, "y");
    st = statx(f, "/tmp/t");
    CHECK(st.stx.mtime.seconds == 1002);
    CHECK(st.stx.mtime.nanoseconds == 500'000'000);
    CHECK(st.stx.atime.seconds == 1000);
}
