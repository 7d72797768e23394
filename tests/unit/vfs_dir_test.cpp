#include "vfs_helpers.h"

#include <catch2/catch.hpp>

#include <utility>
#include <vector>

using namespace zeroos;
using namespace vfs_test;

namespace {

// getdents64 of a whole directory as (name, d_type) pairs, in the order returned.
std::vector<std::pair<std::string, int>> list(KernelFixture& f, const std::string& path, size_t buffer_size = 4096)
{
    std::vector<std::pair<std::string, int>> names;
    long fd = open(f, path, abi::o_rdonly | abi::o_directory);
    if (fd < 0)
        return { { "<open failed>", static_cast<int>(fd) } };
    uint64_t buffer = f.reserve(buffer_size);
    while (true) {
        long got = f.call("getdents64", fd, buffer, buffer_size);
        if (got <= 0) {
            if (got < 0)
                names.push_back({ "<errno>", static_cast<int>(-got) });
            break;
        }
        for (long at = 0; at < got;) {
            auto header = f.read<abi::Dirent64Header>(buffer + at);
            names.push_back({ f.read_string(buffer + at + sizeof(header), header.reclen - sizeof(header)).c_str(), header.type });
            at += header.reclen;
        }
    }
    f.call("close", fd);
    return names;
}

std::string cwd(KernelFixture& f)
{
    uint64_t buffer = f.reserve(4096);
    long length = f.call("getcwd", buffer, 4096);
    return length < 0 ? "<errno " + std::to_string(-length) + ">" : f.read_string(buffer, static_cast<size_t>(length - 1));
}

long symlink(KernelFixture& f, const std::string& target, const std::string& path)
{
    return f.call("symlinkat", f.put_string(target), kAtFdcwd, f.put_string(path));
}

long unlink(KernelFixture& f, const std::string& path, uint64_t flags = 0)
{
    return f.call("unlinkat", kAtFdcwd, f.put_string(path), flags);
}

long rename(KernelFixture& f, const std::string& from, const std::string& to, uint64_t flags = 0)
{
    return f.call("renameat2", kAtFdcwd, f.put_string(from), kAtFdcwd, f.put_string(to), flags);
}

std::string readlink(KernelFixture& f, const std::string& path)
{
    uint64_t buffer = f.reserve(256);
    long length = f.call("readlinkat", kAtFdcwd, f.put_string(path), buffer, 256);
    return length < 0 ? "<errno " + std::to_string(-length) + ">" : f.read_string(buffer, static_cast<size_t>(length));
}

} // namespace

TEST_CASE("vfs: the boot tree")
{
    KernelFixture f;
    using Listing = std::vector<std::pair<std::string, int>>;
    CHECK(list(f, "/")
        == Listing {
            { ".", abi::dt_dir }, { "..", abi::dt_dir }, { "tmp", abi::dt_dir }, { "dev", abi::dt_dir }, { "proc", abi::dt_dir } });
    CHECK(list(f, "/dev")
        == Listing { { ".", abi::dt_dir }, { "..", abi::dt_dir }, { "null", abi::dt_chr }, { "zero", abi::dt_chr },
            { "random", abi::dt_chr }, { "urandom", abi::dt_chr } });
    CHECK(statx(f, "/tmp").stx.mode == (abi::s_ifdir | 01777));
    CHECK(statx(f, "/").stx.mode == (abi::s_ifdir | 0755));
    CHECK(statx(f, "/").stx.ino == 1);
    CHECK(cwd(f) == "/");
}

TEST_CASE("vfs: /proc/self/exe names the program")
{
    BootConfig config;
    config.program_path = "/bin/app";
    KernelFixture f(config);
    CHECK(readlink(f, "/proc/self/exe") == "/bin/app");
    CHECK(readlink(f, "/tmp") == "<errno 22>");
}

TEST_CASE("vfs: getdents64 lists names and types and survives unlinks between calls")
{
    KernelFixture f;
    REQUIRE(mkdir(f, "/tmp/d") == 0);
    REQUIRE(mkdir(f, "/tmp/d/sub") == 0);
    REQUIRE(make_file(f, "/tmp/d/file", "x") == 0);
    REQUIRE(symlink(f, "file", "/tmp/d/link") == 0);
    using Listing = std::vector<std::pair<std::string, int>>;
    Listing expected { { ".", abi::dt_dir }, { "..", abi::dt_dir }, { "sub", abi::dt_dir }, { "file", abi::dt_reg },
        { "link", abi::dt_lnk } };
    CHECK(list(f, "/tmp/d") == expected);
    CHECK(list(f, "/tmp/d", 32) == expected); // one record per call

    // Read two entries, remove one already seen, continue: nothing is skipped or repeated.
    for (int i = 0; i < 20; ++i)
        REQUIRE(make_file(f, "/tmp/d/n" + std::to_string(i), "") == 0);
    long fd = open(f, "/tmp/d", abi::o_rdonly | abi::o_directory);
    uint64_t buffer = f.reserve(64);
    std::vector<std::string> seen;
    long got;
    while ((got = f.call("getdents64", fd, buffer, 64)) > 0) {
        for (long at = 0; at < got;) {
            auto header = f.read<abi::Dirent64Header>(buffer + at);
            std::string name = f.read_string(buffer + at + sizeof(header), header.reclen - sizeof(header)).c_str();
            seen.push_back(name);
            if (name[0] == 'n')
                CHECK(unlink(f, "/tmp/d/" + name) == 0);
            at += header.reclen;
        }
    }
    CHECK(got == 0);
    CHECK(seen.size() == 25);
    CHECK(f.call("getdents64", fd, buffer, 10) == 0); // at the end already
    CHECK(f.call("lseek", fd, 0, abi::seek_set) == 0);
    CHECK(f.call("getdents64", fd, buffer, 10) == -EINVAL); // too small for one record
    CHECK(f.call("getdents64", fd, fake::kUnmapped, 64) == -EFAULT);
    long file_fd = open(f, "/tmp/d/file", abi::o_rdonly);
    CHECK(f.call("getdents64", file_fd, buffer, 64) == -ENOTDIR);
    CHECK(f.call("getdents64", 99, buffer, 64) == -EBADF);
}

TEST_CASE("vfs: mkdir, rmdir and unlink errors")
{
    KernelFixture f;
    CHECK(mkdir(f, "/tmp/a") == 0);
    CHECK(mkdir(f, "/tmp/a") == -EEXIST);
    CHECK(mkdir(f, "/tmp/a/") == -EEXIST);
    CHECK(mkdir(f, "/") == -EEXIST);
    CHECK(mkdir(f, "/tmp/missing/b") == -ENOENT);
    CHECK(mkdir(f, "") == -ENOENT);
    CHECK(mkdir(f, "/tmp/b/") == 0); // a trailing slash is fine for a directory
    CHECK(statx(f, "/tmp/a").stx.mode == (abi::s_ifdir | 0755));
    CHECK(statx(f, "/tmp").stx.nlink == 4);
    REQUIRE(make_file(f, "/tmp/a/f", "data") == 0);
    CHECK(mkdir(f, "/tmp/a/f/g") == -ENOTDIR);
    CHECK(unlink(f, "/tmp/a", abi::at_removedir) == -ENOTEMPTY);
    CHECK(unlink(f, "/tmp/a") == -EISDIR);
    CHECK(unlink(f, "/tmp/a/f", abi::at_removedir) == -ENOTDIR);
    CHECK(unlink(f, "/tmp/a/f/") == -ENOTDIR);
    CHECK(unlink(f, "/tmp/a/nothing") == -ENOENT);
    CHECK(unlink(f, "/tmp/a/.", abi::at_removedir) == -EINVAL);
    CHECK(unlink(f, "/tmp/a/..", abi::at_removedir) == -ENOTEMPTY);
    CHECK(unlink(f, "/", abi::at_removedir) == -EBUSY);
    CHECK(unlink(f, "/tmp/a/f", 1) == -EINVAL);

    long fd = open(f, "/tmp/a/f", abi::o_rdonly);
    CHECK(unlink(f, "/tmp/a/f") == 0);
    CHECK(open(f, "/tmp/a/f", abi::o_rdonly) == -ENOENT);
    CHECK(read_text(f, fd, 10) == "data"); // still readable through the open fd
    uint64_t buffer = f.reserve(256);
    CHECK(f.call("fstat", fd, buffer) == 0);
    CHECK(unlink(f, "/tmp/a", abi::at_removedir) == 0);
    CHECK(statx(f, "/tmp").stx.nlink == 3);
}

TEST_CASE("vfs: path resolution corner cases")
{
    KernelFixture f;
    REQUIRE(mkdir(f, "/tmp/a") == 0);
    REQUIRE(mkdir(f, "/tmp/a/b") == 0);
    REQUIRE(make_file(f, "/tmp/a/b/file", "hi") == 0);
    long ino = static_cast<long>(statx(f, "/tmp/a/b/file").stx.ino);
    for (const char* path :
        { "/tmp/a/b/file", "//tmp///a/./b/file", "/tmp/a/b/../b/file", "/../../tmp/a/b/file", "/tmp/./a/../a/b/./file" })
        CHECK(statx(f, path).stx.ino == static_cast<uint64_t>(ino));
    CHECK(statx(f, "/..").stx.ino == 1);
    CHECK(stat_errno(f, "/tmp/a/b/file/") == -ENOTDIR);
    CHECK(stat_errno(f, "/tmp/a/b/file/.") == -ENOTDIR);
    CHECK(stat_errno(f, "/tmp/a/b/file/x") == -ENOTDIR);
    CHECK(stat_errno(f, "/tmp/a/nope/file") == -ENOENT);
    CHECK(stat_errno(f, "/tmp/a/b/") == 0);

    // Names: NAME_MAX bytes are fine, one more is ENAMETOOLONG; any byte but '/' and NUL works.
    std::string longest(255, 'n');
    CHECK(make_file(f, "/tmp/" + longest, "") == 0);
    CHECK(open(f, "/tmp/" + longest + "n", abi::o_creat | abi::o_wronly) == -ENAMETOOLONG);
    CHECK(stat_errno(f, "/tmp/" + longest + "n/x") == -ENAMETOOLONG);
    std::string odd = "\x01\xff strange\tname";
    CHECK(make_file(f, "/tmp/" + odd, "") == 0);
    CHECK(stat_errno(f, "/tmp/" + odd) == 0);
    std::string too_long(5000, 'a');
    CHECK(stat_errno(f, too_long) == -ENAMETOOLONG);

    // Symlinks: relative to their directory, absolute, chains, loops.
    REQUIRE(symlink(f, "b/file", "/tmp/a/rel") == 0);
    REQUIRE(symlink(f, "/tmp/a/b", "/tmp/abs") == 0);
    REQUIRE(symlink(f, "../../a/b/../rel", "/tmp/a/b/up") == 0);
    CHECK(statx(f, "/tmp/a/rel").stx.ino == static_cast<uint64_t>(ino));
    CHECK(statx(f, "/tmp/abs/file").stx.ino == static_cast<uint64_t>(ino));
    CHECK(statx(f, "/tmp/abs/up").stx.ino == static_cast<uint64_t>(ino));
    CHECK(stat_errno(f, "/tmp/abs/") == 0);
    CHECK(stat_errno(f, "/tmp/a/rel/") == -ENOTDIR);
    REQUIRE(symlink(f, "loop2", "/tmp/loop1") == 0);
    REQUIRE(symlink(f, "loop1", "/tmp/loop2") == 0);
    CHECK(stat_errno(f, "/tmp/loop1") == -ELOOP);
    CHECK(stat_errno(f, "/tmp/loop1/x") == -ELOOP);
    CHECK(stat_errno(f, "/tmp/loop1", abi::at_symlink_nofollow) == 0);
    REQUIRE(symlink(f, "/nowhere/x", "/tmp/dangling") == 0);
    CHECK(stat_errno(f, "/tmp/dangling") == -ENOENT);
    // A chain of 40 links resolves, 41 is ELOOP.
    REQUIRE(symlink(f, "/tmp/a/b/file", "/tmp/c0") == 0);
    for (int i = 1; i <= 40; ++i) {
        std::string target = "c", path = "/tmp/c";
        REQUIRE(symlink(f, target.append(std::to_string(i - 1)), path.append(std::to_string(i))) == 0);
    }
    CHECK(statx(f, "/tmp/c39").stx.ino == static_cast<uint64_t>(ino));
    CHECK(stat_errno(f, "/tmp/c40") == -ELOOP);
    // O_CREAT through a dangling relative symlink creates its target.
    REQUIRE(symlink(f, "made", "/tmp/to-made") == 0);
    long fd = open(f, "/tmp/to-made", abi::o_creat | abi::o_wronly);
    CHECK(fd >= 0);
    CHECK(stat_errno(f, "/tmp/made") == 0);
}

TEST_CASE("vfs: dirfds, AT_FDCWD, chdir, fchdir and getcwd")
{
    KernelFixture f;
    REQUIRE(mkdir(f, "/tmp/w") == 0);
    REQUIRE(mkdir(f, "/tmp/w/x") == 0);
    long dirfd = open(f, "/tmp/w", abi::o_rdonly | abi::o_directory);
    REQUIRE(dirfd >= 0);
    long fd = f.call("openat", dirfd, f.put_string("x/../rel.txt"), abi::o_creat | abi::o_wronly, 0600);
    CHECK(fd >= 0);
    CHECK(statx(f, "/tmp/w/rel.txt").stx.mode == (abi::s_ifreg | 0600));
    CHECK(f.call("openat", fd, f.put_string("x"), abi::o_rdonly, 0) == -ENOTDIR);
    CHECK(f.call("openat", 99, f.put_string("x"), abi::o_rdonly, 0) == -EBADF);
    CHECK(f.call("openat", 99, f.put_string("/tmp"), abi::o_rdonly, 0) >= 0); // absolute: dirfd unused

    CHECK(f.call("chdir", f.put_string("/tmp/w/x")) == 0);
    CHECK(cwd(f) == "/tmp/w/x");
    CHECK(stat_errno(f, "../rel.txt") == 0);
    CHECK(f.call("chdir", f.put_string("../rel.txt")) == -ENOTDIR);
    CHECK(f.call("chdir", f.put_string("missing")) == -ENOENT);
    CHECK(f.call("fchdir", dirfd) == 0);
    CHECK(cwd(f) == "/tmp/w");
    CHECK(f.call("fchdir", fd) == -ENOTDIR);
    uint64_t small = f.reserve(4);
    CHECK(f.call("getcwd", small, 4) == -ERANGE);
    CHECK(f.call("getcwd", fake::kUnmapped, 100) == -EFAULT);
    CHECK(f.call("chdir", f.put_string("x")) == 0);
    CHECK(unlink(f, "/tmp/w/x", abi::at_removedir) == 0);
    CHECK(cwd(f) == "<errno 2>");
    CHECK(open(f, "new", abi::o_creat | abi::o_wronly) == -ENOENT); // nothing is created in a removed directory
    CHECK(mkdir(f, "sub") == -ENOENT);
    CHECK(list(f, ".").size() == 1); // getdents of a removed directory: ENOENT
}

TEST_CASE("vfs: umask applies to creations")
{
    KernelFixture f;
    CHECK(f.call("umask", 077) == 022);
    REQUIRE(make_file(f, "/tmp/u", "") == 0);
    CHECK(statx(f, "/tmp/u").stx.mode == (abi::s_ifreg | 0600));
    CHECK(mkdir(f, "/tmp/ud", 0777) == 0);
    CHECK(statx(f, "/tmp/ud").stx.mode == (abi::s_ifdir | 0700));
    CHECK(f.call("umask", 0) == 077);
}

TEST_CASE("vfs: rename, renameat2 flags and hard links")
{
    KernelFixture f;
    REQUIRE(make_file(f, "/tmp/a", "A") == 0);
    REQUIRE(make_file(f, "/tmp/b", "B") == 0);
    REQUIRE(mkdir(f, "/tmp/d") == 0);
    REQUIRE(mkdir(f, "/tmp/e") == 0);
    REQUIRE(make_file(f, "/tmp/e/inside", "") == 0);

    CHECK(rename(f, "/tmp/a", "/tmp/b", abi::rename_noreplace) == -EEXIST);
    CHECK(rename(f, "/tmp/a", "/tmp/b") == 0); // over an existing file
    CHECK(stat_errno(f, "/tmp/a") == -ENOENT);
    long fd = open(f, "/tmp/b", abi::o_rdonly);
    CHECK(read_text(f, fd, 10) == "A");
    CHECK(rename(f, "/tmp/b", "/tmp/d") == -EISDIR);
    CHECK(rename(f, "/tmp/d", "/tmp/b") == -ENOTDIR);
    CHECK(rename(f, "/tmp/d", "/tmp/e") == -ENOTEMPTY);
    CHECK(rename(f, "/tmp/d", "/tmp/d/sub") == -EINVAL);
    CHECK(rename(f, "/tmp/missing", "/tmp/x") == -ENOENT);
    CHECK(rename(f, "/tmp/b", "/tmp/x/") == -ENOTDIR);
    CHECK(rename(f, "/tmp/.", "/tmp/x") == -EBUSY);
    CHECK(rename(f, "/tmp/b", "/tmp/b") == 0);
    CHECK(rename(f, "/tmp/b", "/tmp/c", abi::rename_noreplace | abi::rename_exchange) == -EINVAL);

    // Moving a directory updates link counts and "..".
    CHECK(rename(f, "/tmp/d", "/tmp/e/d") == 0);
    CHECK(statx(f, "/tmp/e").stx.nlink == 3);
    CHECK(statx(f, "/tmp/e/d/..").stx.ino == statx(f, "/tmp/e").stx.ino);
    CHECK(f.call("renameat", kAtFdcwd, f.put_string("/tmp/e/d"), kAtFdcwd, f.put_string("/tmp/d")) == 0);

    // RENAME_EXCHANGE swaps two names.
    uint64_t b_ino = statx(f, "/tmp/b").stx.ino, d_ino = statx(f, "/tmp/d").stx.ino;
    CHECK(rename(f, "/tmp/b", "/tmp/d", abi::rename_exchange) == 0);
    CHECK(statx(f, "/tmp/b").stx.ino == d_ino);
    CHECK(statx(f, "/tmp/d").stx.ino == b_ino);
    CHECK(rename(f, "/tmp/d", "/tmp/none", abi::rename_exchange) == -ENOENT);

    // Hard links share the inode and count names.
    CHECK(f.call("linkat", kAtFdcwd, f.put_string("/tmp/d"), kAtFdcwd, f.put_string("/tmp/h"), 0) == 0);
    CHECK(statx(f, "/tmp/h").stx.ino == b_ino);
    CHECK(statx(f, "/tmp/h").stx.nlink == 2);
    CHECK(f.call("linkat", kAtFdcwd, f.put_string("/tmp/d"), kAtFdcwd, f.put_string("/tmp/h"), 0) == -EEXIST);
    CHECK(f.call("linkat", kAtFdcwd, f.put_string("/tmp/e"), kAtFdcwd, f.put_string("/tmp/h2"), 0) == -EPERM);
    CHECK(f.call("linkat", kAtFdcwd, f.put_string("/tmp/d"), kAtFdcwd, f.put_string("/tmp/h2"), 0x8) == -EINVAL);
    CHECK(unlink(f, "/tmp/d") == 0);
    CHECK(statx(f, "/tmp/h").stx.nlink == 1);
    // linkat without AT_SYMLINK_FOLLOW links the symlink itself.
    REQUIRE(symlink(f, "/tmp/h", "/tmp/s") == 0);
    CHECK(f.call("linkat", kAtFdcwd, f.put_string("/tmp/s"), kAtFdcwd, f.put_string("/tmp/s2"), 0) == 0);
    CHECK(readlink(f, "/tmp/s2") == "/tmp/h");
    CHECK(f.call("linkat", kAtFdcwd, f.put_string("/tmp/s"), kAtFdcwd, f.put_string("/tmp/s3"), abi::at_symlink_follow) == 0);
    CHECK(statx(f, "/tmp/s3").stx.nlink == 2);
    CHECK(symlink(f, "x", "/tmp/s") == -EEXIST);
    CHECK(symlink(f, "", "/tmp/empty") == -ENOENT);
    CHECK(f.call("readlinkat", kAtFdcwd, f.put_string("/tmp/s"), f.reserve(4), 0) == -EINVAL);
    uint64_t small = f.reserve(3);
    CHECK(f.call("readlinkat", kAtFdcwd, f.put_string("/tmp/s"), small, 3) == 3);
    CHECK(f.read_string(small, 3) == "/tm");

    f.call("renameat2", kAtFdcwd, f.put_string("/tmp/h"), kAtFdcwd, f.put_string("/tmp/w"), abi::rename_whiteout);
    CHECK(f.exited());
}

TEST_CASE("vfs: chmod, chown, utimensat, access and truncate")
{
    BootConfig config;
    config.epoch_seconds = 500;
    KernelFixture f(config);
    REQUIRE(make_file(f, "/tmp/m", "12345") == 0);
    CHECK(f.call("fchmodat", kAtFdcwd, f.put_string("/tmp/m"), 04751) == 0);
    CHECK(statx(f, "/tmp/m").stx.mode == (abi::s_ifreg | 04751));
    long fd = open(f, "/tmp/m", abi::o_rdwr);
    CHECK(f.call("fchmod", fd, 0600) == 0);
    CHECK(statx(f, "/tmp/m").stx.mode == (abi::s_ifreg | 0600));
    CHECK(f.call("fchown", fd, 12, static_cast<uint64_t>(-1)) == 0);
    CHECK(statx(f, "/tmp/m").stx.uid == 12);
    CHECK(statx(f, "/tmp/m").stx.gid == 0);
    CHECK(f.call("fchownat", kAtFdcwd, f.put_string("/tmp/m"), 0, 0, 0) == 0);
    CHECK(statx(f, "/tmp/m").stx.uid == 0);
    CHECK(f.call("fchownat", kAtFdcwd, f.put_string("/tmp/m"), 0, 0, 0x4) == -EINVAL);

    CHECK(f.call("faccessat", kAtFdcwd, f.put_string("/tmp/m"), abi::r_ok | abi::w_ok) == 0);
    CHECK(f.call("faccessat", kAtFdcwd, f.put_string("/tmp/m"), abi::x_ok) == -EACCES);
    CHECK(f.call("faccessat", kAtFdcwd, f.put_string("/tmp"), abi::x_ok) == 0);
    CHECK(f.call("faccessat", kAtFdcwd, f.put_string("/tmp/none"), abi::f_ok) == -ENOENT);
    CHECK(f.call("faccessat", kAtFdcwd, f.put_string("/tmp/m"), 8) == -EINVAL);
    CHECK(f.call("faccessat2", kAtFdcwd, f.put_string("/tmp/m"), abi::r_ok, abi::at_eaccess) == 0);
    CHECK(f.call("faccessat2", kAtFdcwd, f.put_string("/tmp/m"), abi::r_ok, 0x1) == -EINVAL);

    Timespec times[2] = { { 7, 5 }, { 0, abi::utime_omit } };
    f.kernel().clock().advance(3'000'000'000);
    CHECK(f.call("utimensat", kAtFdcwd, f.put_string("/tmp/m"), f.put_bytes(times, sizeof(times)), 0) == 0);
    auto st = statx(f, "/tmp/m");
    CHECK(st.stx.atime.seconds == 7);
    CHECK(st.stx.atime.nanoseconds == 5);
    CHECK(st.stx.mtime.seconds == 500);
    CHECK(st.stx.ctime.seconds == 503);
    times[0] = { 0, abi::utime_now };
    times[1] = { 1, 2 };
    CHECK(f.call("utimensat", fd, 0, f.put_bytes(times, sizeof(times)), 0) == 0);
    st = statx(f, "/tmp/m");
    CHECK(st.stx.atime.seconds == 503);
    CHECK(st.stx.mtime.seconds == 1);
    times[1] = { 0, 1'000'000'000 };
    CHECK(f.call("utimensat", fd, 0, f.put_bytes(times, sizeof(times)), 0) == -EINVAL);
    CHECK(f.call("utimensat", kAtFdcwd, f.put_string("/tmp/m"), 0, 0) == 0);
    CHECK(statx(f, "/tmp/m").stx.mtime.seconds == 503);

    CHECK(f.call("truncate", f.put_string("/tmp/m"), 2) == 0);
    CHECK(statx(f, "/tmp/m").stx.size == 2);
    CHECK(f.call("truncate", f.put_string("/tmp"), 2) == -EISDIR);
    CHECK(f.call("truncate", f.put_string("/tmp/m"), -1) == -EINVAL);
    long ro = open(f, "/tmp/m", abi::o_rdonly);
    CHECK(f.call("ftruncate", ro, 0) == -EINVAL);
    CHECK(f.call("fsync", fd) == 0);
    CHECK(f.call("fdatasync", fd) == 0);
    CHECK(f.call("fsync", 55) == -EBADF);
}
