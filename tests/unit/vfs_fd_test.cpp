#include "vfs_helpers.h"

#include <catch2/catch.hpp>

using namespace zeroos;
using namespace vfs_test;

TEST_CASE("vfs: dup shares the offset and status flags; dup3 and fcntl close-on-exec")
{
    KernelFixture f;
    REQUIRE(make_file(f, "/tmp/d", "abcdef") == 0);
    long fd = open(f, "/tmp/d", abi::o_rdwr);
    REQUIRE(fd == 3);
    long copy = f.call("dup", fd);
    CHECK(copy == 4);
    CHECK(read_text(f, fd, 2) == "ab");
    CHECK(read_text(f, copy, 2) == "cd");
    CHECK(f.call("fcntl", copy, abi::f_setfl, abi::o_append | abi::o_nonblock) == 0);
    CHECK(f.call("fcntl", fd, abi::f_getfl) == (abi::o_rdwr | abi::o_append | abi::o_nonblock | abi::o_largefile));

    CHECK(f.call("dup3", fd, 10, abi::o_cloexec) == 10);
    CHECK(f.call("fcntl", 10, abi::f_getfd) == abi::fd_cloexec);
    CHECK(f.call("fcntl", fd, abi::f_getfd) == 0);
    CHECK(f.call("fcntl", 10, abi::f_setfd, 0) == 0);
    CHECK(f.call("fcntl", 10, abi::f_getfd) == 0);
    CHECK(f.call("dup3", fd, fd, 0) == -EINVAL);
    CHECK(f.call("dup3", fd, 11, 1) == -EINVAL);
    CHECK(f.call("dup3", 50, 11, 0) == -EBADF);
    CHECK(f.call("dup3", fd, 100000, 0) == -EBADF);
    CHECK(f.call("dup", 50) == -EBADF);
    // dup3 onto an open fd replaces it.
    REQUIRE(make_file(f, "/tmp/other", "zz") == 0);
    long other = open(f, "/tmp/other", abi::o_rdonly);
    CHECK(f.call("dup3", other, 10, 0) == 10);
    CHECK(read_text(f, 10, 5) == "zz");

    CHECK(f.call("fcntl", fd, abi::f_dupfd, 20) == 20);
    CHECK(f.call("fcntl", fd, abi::f_dupfd_cloexec, 20) == 21);
    CHECK(f.call("fcntl", 21, abi::f_getfd) == abi::fd_cloexec);
    CHECK(f.call("fcntl", fd, abi::f_dupfd, -1) == -EINVAL);
    CHECK(f.call("fcntl", 77, abi::f_getfd) == -EBADF);
    long cloexec = open(f, "/tmp/d", abi::o_rdonly | abi::o_cloexec);
    CHECK(f.call("fcntl", cloexec, abi::f_getfd) == abi::fd_cloexec);
    CHECK(f.call("fcntl", cloexec, abi::f_getfl) == (abi::o_rdonly | abi::o_largefile));
    // The lowest free fd is reused.
    CHECK(f.call("close", 4) == 0);
    CHECK(open(f, "/tmp/d", abi::o_rdonly) == 4);
}

TEST_CASE("vfs: fcntl advisory locks in a single process")
{
    KernelFixture f;
    long fd = open(f, "/tmp/l", abi::o_creat | abi::o_rdwr);
    abi::Flock lock {};
    lock.type = abi::f_wrlck;
    lock.whence = abi::seek_set;
    lock.length = 10;
    uint64_t pointer = f.put_bytes(&lock, sizeof(lock));
    CHECK(f.call("fcntl", fd, abi::f_setlk, pointer) == 0);
    CHECK(f.call("fcntl", fd, abi::f_setlkw, pointer) == 0);
    CHECK(f.call("fcntl", fd, abi::f_getlk, pointer) == 0);
    CHECK(f.read<abi::Flock>(pointer).type == abi::f_unlck);
    lock.type = 7;
    CHECK(f.call("fcntl", fd, abi::f_setlk, f.put_bytes(&lock, sizeof(lock))) == -EINVAL);
    lock.type = abi::f_wrlck;
    long read_only = open(f, "/tmp/l", abi::o_rdonly);
    CHECK(f.call("fcntl", read_only, abi::f_setlk, f.put_bytes(&lock, sizeof(lock))) == -EBADF);
    CHECK(f.call("fcntl", fd, abi::f_setlk, fake::kUnmapped) == -EFAULT);
    f.call("fcntl", fd, 1024 /* F_SETLEASE */, 0);
    CHECK(f.exited());
}

TEST_CASE("vfs: EMFILE at the descriptor limit")
{
    BootConfig config;
    config.max_fds = 8;
    KernelFixture f(config);
    for (int i = 3; i < 8; ++i)
        REQUIRE(open(f, "/dev/null", abi::o_rdonly) == i);
    CHECK(open(f, "/dev/null", abi::o_rdonly) == -EMFILE);
    CHECK(f.call("dup", 0) == -EMFILE);
    CHECK(make_pipe(f).rc == -EMFILE);
    CHECK(f.call("fcntl", 0, abi::f_dupfd, 8) == -EINVAL);
    CHECK(f.call("dup3", 0, 8, 0) == -EBADF);
    f.call("close", 7);
    CHECK(make_pipe(f).rc == -EMFILE); // one fd free, a pipe needs two: nothing leaks
    CHECK(f.call("dup", 0) == 7);
}

TEST_CASE("vfs: devices")
{
    KernelFixture f;
    long null = open(f, "/dev/null", abi::o_rdwr);
    CHECK(write_text(f, null, "gone") == 4);
    CHECK(read_text(f, null, 10) == "");
    long zero = open(f, "/dev/zero", abi::o_rdonly);
    uint64_t buffer = f.reserve(100, 0x55);
    CHECK(f.call("read", zero, buffer, 100) == 100);
    CHECK(f.read_string(buffer, 100) == std::string(100, '\0'));
    auto st = statx(f, "/dev/zero");
    CHECK(st.stx.mode == (abi::s_ifchr | 0666));
    CHECK(st.stx.rdev_major == 1);
    CHECK(st.stx.rdev_minor == 5);
    CHECK(f.call("read", zero, fake::kUnmapped, 10) == -EFAULT);
}

TEST_CASE("vfs: /dev/urandom and /dev/random read the seeded stream")
{
    auto bytes = [](uint64_t seed, const char* device) {
        BootConfig config;
        config.seed = seed;
        KernelFixture f(config);
        long fd = open(f, device, abi::o_rdonly);
        return read_text(f, fd, 64);
    };
    std::string a = bytes(1, "/dev/urandom");
    CHECK(a.size() == 64);
    CHECK(a == bytes(1, "/dev/urandom"));
    CHECK(a == bytes(1, "/dev/random"));
    CHECK(a != bytes(2, "/dev/urandom"));
    CHECK(a != std::string(64, '\0'));
}

TEST_CASE("vfs: pipes move data and report EOF and EPIPE and EAGAIN and deadlocks")
{
    KernelFixture f;
    auto p = make_pipe(f);
    REQUIRE(p.rc == 0);
    CHECK(p.read_end == 3);
    CHECK(p.write_end == 4);
    CHECK(write_text(f, p.write_end, "through the pipe") == 16);
    uint64_t count = f.reserve(4);
    CHECK(f.call("ioctl", p.read_end, abi::fionread, count) == 0);
    CHECK(f.read<int>(count) == 16);
    CHECK(read_text(f, p.read_end, 7) == "through");
    CHECK(read_text(f, p.read_end, 100) == " the pipe");
    CHECK(f.call("lseek", p.read_end, 0, abi::seek_set) == -ESPIPE);
    CHECK(f.call("pread64", p.read_end, f.reserve(1), 1, 0) == -ESPIPE);
    CHECK(read_text(f, p.write_end, 1) == "<errno 9>");
    CHECK(write_text(f, p.read_end, "x") == -EBADF);
    uint64_t buffer = f.reserve(256);
    CHECK(f.call("fstat", p.read_end, buffer) == 0);

    // Wrap around the 64 KiB ring a few times.
    std::string chunk(40000, 'w');
    for (int i = 0; i < 4; ++i) {
        chunk[0] = static_cast<char>('0' + i);
        CHECK(write_text(f, p.write_end, chunk) == 40000);
        CHECK(read_text(f, p.read_end, 40000) == chunk);
    }

    CHECK(f.call("close", p.write_end) == 0);
    CHECK(read_text(f, p.read_end, 10) == ""); // EOF: no writers

    auto q = make_pipe(f, abi::o_nonblock | abi::o_cloexec);
    CHECK(f.call("fcntl", q.read_end, abi::f_getfd) == abi::fd_cloexec);
    CHECK(f.call("fcntl", q.read_end, abi::f_getfl) == (abi::o_rdonly | abi::o_nonblock));
    CHECK(read_text(f, q.read_end, 10) == "<errno 11>");
    std::string full(65536, 'f');
    CHECK(write_text(f, q.write_end, full) == 65536);
    CHECK(write_text(f, q.write_end, "x") == -EAGAIN);
    CHECK(f.call("fcntl", q.write_end, 1032 /* F_GETPIPE_SZ */) == 65536);
    CHECK(f.call("close", q.read_end) == 0);
    CHECK(write_text(f, q.write_end, "x") == -EPIPE);
    CHECK(make_pipe(f, 0x1).rc == -EINVAL);
    CHECK(f.call("pipe2", fake::kUnmapped, 0) == -EFAULT);
    CHECK(open(f, "/dev/null", abi::o_rdonly) == 4); // the failed pipe2 released fds 4 and 6

    auto r = make_pipe(f);
    read_text(f, r.read_end, 1);
    CHECK(f.exited());
    REQUIRE(fake::reports().size() == 2);
    CHECK(fake::reports()[0] == "zeroos: deadlock: every thread is blocked and no timeout is pending (1 thread)");
    CHECK(fake::reports()[1].find("zeroos:   thread 1 waits on read of pipe (inode ") == 0);
}

TEST_CASE("vfs: ioctl answers")
{
    KernelFixture f;
    uint64_t buffer = f.reserve(64);
    CHECK(f.call("ioctl", 0, abi::tcgets, buffer) == -ENOTTY);
    CHECK(f.call("ioctl", 1, abi::tiocgwinsz, buffer) == -ENOTTY);
    CHECK(f.call("ioctl", 1, abi::fionread, buffer) == -ENOTTY);
    CHECK(f.call("ioctl", 42, abi::tcgets, buffer) == -EBADF);
    REQUIRE(make_file(f, "/tmp/i", "12345") == 0);
    long fd = open(f, "/tmp/i", abi::o_rdonly);
    CHECK(f.call("ioctl", fd, abi::tcgets, buffer) == -ENOTTY);
    read_text(f, fd, 2);
    CHECK(f.call("ioctl", fd, abi::fionread, buffer) == 0);
    CHECK(f.read<int>(buffer) == 3);
    CHECK(f.call("ioctl", fd, abi::fionread, fake::kUnmapped) == -EFAULT);
    CHECK(f.call("ioctl", fd, abi::fioclex, 0) == 0);
    CHECK(f.call("fcntl", fd, abi::f_getfd) == abi::fd_cloexec);
    CHECK(f.call("ioctl", fd, abi::fionclex, 0) == 0);
    CHECK(f.call("fcntl", fd, abi::f_getfd) == 0);
    f.call("ioctl", fd, 0x1234, 0);
    CHECK(f.exited());
}

TEST_CASE("vfs: ppoll reports readiness, POLLNVAL, and timeouts advance the virtual clock")
{
    KernelFixture f;
    auto p = make_pipe(f);
    REQUIRE(make_file(f, "/tmp/p", "") == 0);
    long file = open(f, "/tmp/p", abi::o_rdonly);
    abi::PollFd fds[6] = {
        { 0, abi::pollin, 0 },
        { 1, abi::pollout | abi::pollin, 0 },
        { p.read_end, abi::pollin, 0 },
        { p.write_end, abi::pollout, 0 },
        { 99, abi::pollin, 0 },
        { -1, abi::pollin, 0 },
    };
    uint64_t pointer = f.put_bytes(fds, sizeof(fds));
    CHECK(f.call("ppoll", pointer, 6, 0, 0, 8) == 4);
    auto revents = [&](int i) { return f.read<abi::PollFd>(pointer + i * sizeof(abi::PollFd)).revents; };
    CHECK(revents(0) == abi::pollin);
    CHECK(revents(1) == abi::pollout);
    CHECK(revents(2) == 0);
    CHECK(revents(3) == abi::pollout);
    CHECK(revents(4) == abi::pollnval);
    CHECK(revents(5) == 0);

    // Nothing ready: the timeout passes on the virtual clock.
    abi::PollFd only_pipe { p.read_end, abi::pollin, 0 };
    Timespec timeout { 2, 500 };
    uint64_t timeout_pointer = f.put_bytes(&timeout, sizeof(timeout));
    uint64_t before = f.kernel().clock().monotonic_ns();
    CHECK(f.call("ppoll", f.put_bytes(&only_pipe, sizeof(only_pipe)), 1, timeout_pointer, 0, 8) == 0);
    CHECK(f.kernel().clock().monotonic_ns() - before == 2'000'000'500);
    CHECK(f.read<Timespec>(timeout_pointer).tv_sec == 0);

    write_text(f, p.write_end, "x");
    abi::PollFd file_and_pipe[2] = { { static_cast<int>(file), abi::pollin | abi::pollout, 0 }, { p.read_end, abi::pollin, 0 } };
    pointer = f.put_bytes(file_and_pipe, sizeof(file_and_pipe));
    CHECK(f.call("ppoll", pointer, 2, 0, 0, 8) == 2);
    CHECK(revents(0) == (abi::pollin | abi::pollout));
    CHECK(revents(1) == abi::pollin);
    f.call("close", p.write_end);
    read_text(f, p.read_end, 1);
    CHECK(f.call("ppoll", pointer, 2, 0, 0, 8) == 2);
    CHECK(revents(1) == abi::pollhup);

    timeout = { 0, 1'000'000'000 };
    CHECK(f.call("ppoll", pointer, 2, f.put_bytes(&timeout, sizeof(timeout)), 0, 8) == -EINVAL);
    CHECK(f.call("ppoll", fake::kUnmapped, 1, 0, 0, 8) == -EFAULT);
    CHECK(f.call("ppoll", pointer, 100000, 0, 0, 8) == -EINVAL);

    auto q = make_pipe(f);
    abi::PollFd never { q.read_end, abi::pollin, 0 };
    f.call("ppoll", f.put_bytes(&never, sizeof(never)), 1, 0, 0, 8);
    CHECK(f.exited());
    REQUIRE(fake::reports().size() == 2);
    CHECK(fake::reports()[1] == "zeroos:   thread 1 waits on poll/select at pc 0x1000");
}

TEST_CASE("vfs: pselect6 sets, EBADF and timeouts")
{
    KernelFixture f;
    auto p = make_pipe(f); // fds 3 and 4
    uint64_t read_set = f.reserve(8), write_set = f.reserve(8);
    auto set = [&](uint64_t address, uint64_t bits) { *static_cast<uint64_t*>(fake::host_address(address, 8)) = bits; };
    set(read_set, (1 << 0) | (1 << 3));
    set(write_set, (1 << 1) | (1 << 4));
    CHECK(f.call("pselect6", 5, read_set, write_set, 0, 0, 0) == 3);
    CHECK(f.read<uint64_t>(read_set) == (1 << 0));
    CHECK(f.read<uint64_t>(write_set) == ((1 << 1) | (1 << 4)));

    set(read_set, 1 << 3);
    Timespec timeout { 1, 0 };
    uint64_t before = f.kernel().clock().monotonic_ns();
    CHECK(f.call("pselect6", 4, read_set, 0, 0, f.put_bytes(&timeout, sizeof(timeout)), 0) == 0);
    CHECK(f.kernel().clock().monotonic_ns() - before == 1'000'000'000);
    CHECK(f.read<uint64_t>(read_set) == 0);

    set(read_set, 1 << 9);
    CHECK(f.call("pselect6", 10, read_set, 0, 0, 0, 0) == -EBADF);
    CHECK(f.call("pselect6", -1, 0, 0, 0, 0, 0) == -EINVAL);
    CHECK(f.call("pselect6", 10, fake::kUnmapped, 0, 0, 0, 0) == -EFAULT);
    (void)p;
}

TEST_CASE("vfs: the shared pread seam for mmap")
{
    KernelFixture f;
    REQUIRE(make_file(f, "/tmp/m", "mapped contents") == 0);
    long fd = open(f, "/tmp/m", abi::o_rdonly);
    uint64_t buffer = f.reserve(6);
    auto got = vfs_pread_to_user(f.kernel(), static_cast<int>(fd), UserPtr<void>(buffer), 6, 7);
    REQUIRE_FALSE(got.is_error());
    CHECK(got.value() == 6);
    CHECK(f.read_string(buffer, 6) == "conten");
    CHECK(f.call("lseek", fd, 0, abi::seek_cur) == 0);
    CHECK(vfs_pread_to_user(f.kernel(), 77, UserPtr<void>(buffer), 6, 0).error().code() == EBADF);
    CHECK(vfs_pread_to_user(f.kernel(), 1, UserPtr<void>(buffer), 6, 0).error().code() == EACCES);
    CHECK(vfs_pread_to_user(f.kernel(), 0, UserPtr<void>(buffer), 6, 0).error().code() == ENODEV);
}
