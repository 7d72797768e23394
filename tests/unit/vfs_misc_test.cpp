#include "vfs/getdents.h"
#include "vfs/poll.h"
#include "vfs_helpers.h"

#include <catch2/catch.hpp>

using namespace zeroos;
using namespace vfs_test;

TEST_CASE("vfs: every vfs syscall is implemented except the few left on purpose")
{
    size_t count = 0;
    const SyscallInfo* list = syscall_list(count);
    size_t vfs_calls = 0;
    for (size_t i = 0; i < count; ++i) {
        if (list[i].group != SyscallGroup::vfs)
            continue;
        ++vfs_calls;
        std::string name = list[i].name;
        INFO(name);
        if (name == "copy_file_range")
            CHECK(list[i].support == SyscallSupport::QUIET_ENOSYS);
        else if (name == "fallocate")
            CHECK(list[i].support == SyscallSupport::FAILFAST);
        else
            CHECK((list[i].support == SyscallSupport::IMPLEMENTED && list[i].handler != nullptr));
    }
    CHECK(vfs_calls == 40);
}

TEST_CASE("vfs: the console's fd calls are core so a kernel without the vfs still has them")
{
    for (const char* name : { "read", "write", "readv", "writev", "close", "fstat", "ioctl" }) {
        INFO(name);
        const SyscallInfo* info = syscall_info_by_name(name);
        REQUIRE(info);
        CHECK(info->group == SyscallGroup::core);
        CHECK(info->handler != nullptr);
        CHECK(info->missing_feature == nullptr);
    }
}

TEST_CASE("vfs: failing lookups tell the platform the absolute path")
{
    KernelFixture f;
    REQUIRE(mkdir(f, "/tmp/w") == 0);
    CHECK(open(f, "/etc/hosts", abi::o_rdonly) == -ENOENT);
    CHECK(f.call("chdir", f.put_string("/tmp/w")) == 0);
    CHECK(stat_errno(f, "data/input.csv") == -ENOENT);
    CHECK(f.call("faccessat", kAtFdcwd, f.put_string("../x"), abi::f_ok) == -ENOENT);
    long dirfd = open(f, "/tmp", abi::o_rdonly | abi::o_directory);
    CHECK(f.call("newfstatat", dirfd, f.put_string("y"), f.reserve(256), 0) == -ENOENT);
    CHECK(open(f, "/tmp/w/new", abi::o_creat | abi::o_wronly) >= 0); // created: nothing to report
    CHECK(f.call("unlinkat", kAtFdcwd, f.put_string("nothing"), 0) == -ENOENT); // not a lookup the host can help with
    CHECK(fake::missing_paths() == std::vector<std::string> { "/etc/hosts", "/tmp/w/data/input.csv", "/tmp/w/../x", "/tmp/y" });
}

TEST_CASE("vfs: the legacy getdents format puts d_type in the last byte")
{
    KernelFixture f;
    REQUIRE(mkdir(f, "/tmp/g") == 0);
    REQUIRE(make_file(f, "/tmp/g/file", "") == 0);
    long fd = open(f, "/tmp/g", abi::o_rdonly | abi::o_directory);
    uint64_t buffer = f.reserve(512);
    auto got = do_getdents(f.kernel(), static_cast<int>(fd), UserPtr<void>(buffer), 512, DirentFormat::LegacyDirent);
    REQUIRE_FALSE(got.is_error());
    CHECK(got.value() == 24 + 24 + 24);
    auto third = f.read<abi::LegacyDirentHeader>(buffer + 48);
    CHECK(third.reclen == 24);
    CHECK(third.ino == statx(f, "/tmp/g/file").stx.ino);
    CHECK(f.read_string(buffer + 48 + 18, 5) == std::string("file\0", 5));
    CHECK(f.read<uint8_t>(buffer + 48 + 23) == abi::dt_reg);
    CHECK(f.read<uint8_t>(buffer + 23) == abi::dt_dir);
}

TEST_CASE("vfs: do_poll with milliseconds from the legacy poll")
{
    KernelFixture f;
    abi::PollFd console[2] = { { 0, abi::pollin, 0 }, { 2, abi::pollout, 0 } };
    uint64_t pointer = f.put_bytes(console, sizeof(console));
    auto ready = do_poll(f.kernel(), UserPtr<void>(pointer), 2, 5'000'000);
    REQUIRE_FALSE(ready.is_error());
    CHECK(ready.value() == 2);
    CHECK(f.kernel().clock().monotonic_ns() == 0);
    auto forever = do_poll(f.kernel(), UserPtr<void>(pointer), 0, -1);
    CHECK(forever.value() == 0);
    CHECK(f.kernel().threads().switch_requested()); // blocked: run_handler would switch threads
}

TEST_CASE("vfs: the kernel heap running out is ENOSPC, never a crash")
{
    KernelFixture f;
    long fd = open(f, "/tmp/big", abi::o_creat | abi::o_rdwr);
    REQUIRE(fd >= 0);
    // The fake heap is 512 MiB; the scratch buffer is written again and again until it is full.
    std::string chunk(256 * 1024, 'h');
    uint64_t buffer = f.put_bytes(chunk.data(), chunk.size());
    long result = 0;
    uint64_t total = 0;
    for (int i = 0; i < 4096 && result >= 0; ++i) {
        result = f.call("write", fd, buffer, chunk.size());
        if (result > 0)
            total += static_cast<uint64_t>(result);
    }
    CHECK(result == -ENOSPC);
    CHECK(total > 256ull * 1024 * 1024);
    CHECK(statx(f, "/tmp/big").stx.size == total);
    // Freeing the file gives the memory back.
    CHECK(f.call("ftruncate", fd, 0) == 0);
    CHECK(mkdir(f, "/tmp/d") == 0);
    CHECK(write_text(f, fd, "again") == 5);
}

TEST_CASE("vfs: sendfile between files, to the console and into pipes")
{
    KernelFixture f;
    std::string text(100000, 's');
    text[99999] = 'E';
    REQUIRE(make_file(f, "/tmp/src", text) == 0);
    long in = open(f, "/tmp/src", abi::o_rdonly);
    long out = open(f, "/tmp/dst", abi::o_creat | abi::o_wronly);
    CHECK(f.call("sendfile", out, in, 0, 200000) == 100000);
    CHECK(f.call("lseek", in, 0, abi::seek_cur) == 100000);
    CHECK(statx(f, "/tmp/dst").stx.size == 100000);

    // With an offset pointer the input position stays and the pointer advances.
    int64_t offset = 99990;
    uint64_t offset_pointer = f.put_bytes(&offset, sizeof(offset));
    CHECK(f.call("lseek", in, 5, abi::seek_set) == 5);
    CHECK(f.call("sendfile", 1, in, offset_pointer, 100) == 10);
    CHECK(f.read<int64_t>(offset_pointer) == 100000);
    CHECK(f.call("lseek", in, 0, abi::seek_cur) == 5);
    CHECK(fake::stdout_text() == "sssssssssE");

    uint64_t pair = f.reserve(8);
    REQUIRE(f.call("pipe2", pair, abi::o_nonblock) == 0);
    int read_end = f.read<int>(pair), write_end = f.read<int>(pair + 4);
    CHECK(f.call("sendfile", write_end, in, 0, 70000) == 65536); // the pipe takes what fits
    CHECK(f.call("lseek", in, 0, abi::seek_cur) == 5 + 65536);
    CHECK(f.call("sendfile", out, read_end, 0, 10) == -EINVAL); // input must be a regular file
    CHECK(f.call("sendfile", in, in, 0, 10) == -EBADF);
    CHECK(f.call("sendfile", out, in, fake::kUnmapped, 10) == -EFAULT);
    offset = -1;
    CHECK(f.call("sendfile", out, in, f.put_bytes(&offset, sizeof(offset)), 10) == -EINVAL);
}
