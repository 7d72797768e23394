// Bad pointers, unsupported calls, 32-bit gates, host files: the guest is stopped or answered, the
// tracer survives, nothing of the host leaks in.
#include "process.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

TEST_CASE("bad guest pointers give EFAULT and the tracer keeps serving")
{
    auto libc = GENERATE(as<std::string> {}, "glibc", "musl");
    auto run = run_zeroos({ guest_path(host_build("bad_pointers", libc)) });
    CHECK(run.err == "");
    CHECK(run.status == 0);
    CHECK(run.out
        == "write from NULL: EFAULT\n"
           "write from kernel half: EFAULT\n"
           "openat bad path: EFAULT\n"
           "stat into bad buffer: EFAULT\n"
           "clock_gettime into bad buffer: EFAULT\n"
           "getrandom into bad buffer: EFAULT\n"
           "uname into bad buffer: EFAULT\n"
           "pipe2 into bad buffer: EFAULT\n"
           "pipe after faults: ok\n"
           "read past the end of a mapping: EFAULT\n"
           "read into a good buffer: 16\n"
           "still alive\n");
}

TEST_CASE("an unsupported syscall stops the guest with one line naming it and a backtrace")
{
    auto run = run_zeroos({ guest_path("unsupported-glibc") });
    CHECK(run.status == 70);
    CHECK(run.out == "before\n");
    CHECK(run.err.rfind("zeroos: unsupported syscall io_setup(", 0) == 0);
    std::string first_line = run.err.substr(0, run.err.find('\n'));
    CHECK(first_line.find(" at pc 0x") != std::string::npos);
    CHECK(run.err.find("\nzeroos-run: guest backtrace:\n  #0  0x") != std::string::npos);
    CHECK(run.err.find(" in main") != std::string::npos);
}

TEST_CASE("with --on-unsupported=enosys the guest carries on")
{
    auto run = run_zeroos({ "--on-unsupported=enosys", guest_path("unsupported") });
    CHECK(run.status == 0);
    CHECK(run.out == "before\nafter: -1\n");
    CHECK(run.err.find("io_setup") != std::string::npos);
}

TEST_CASE("a 32-bit int 0x80 system call never reaches the host")
{
    auto run = run_zeroos({ guest_path("int80-glibc") });
    CHECK(run.status == 70);
    CHECK(run.out == "trying int 0x80\n");
    CHECK(run.err.find("int 0x80") != std::string::npos);
}

TEST_CASE("host files are invisible unless mounted")
{
    auto run = run_zeroos({ guest_path("files"), "cat", "/etc/passwd" });
    CHECK(run.status == 1);
    CHECK(run.out == "open: ENOENT\n");
    // The user is told once which --mount would make the path visible.
    CHECK(run.err.find("--mount") != std::string::npos);
}

TEST_CASE("mounts copy a host tree in and ro refuses writes while rw writes back at exit")
{
    TemporaryDirectory directory;
    write_host_file(directory.path() + "/a.txt", "alpha\n");
    write_host_file(directory.path() + "/b.txt", "beta\n");

    auto listing = run_zeroos({ "--mount", directory.path() + ":/data", guest_path("files"), "ls", "/data" });
    CHECK(listing.out == ".\n..\na.txt\nb.txt\n");

    auto read = run_zeroos({ "--mount", directory.path() + ":/data:ro", guest_path("files-glibc"), "cat", "/data/a.txt" });
    CHECK(read.out == "alpha\n");
    CHECK(read.status == 0);

    auto refused = run_zeroos({ "--mount", directory.path() + ":/data:ro", guest_path("files"), "write", "/data/a.txt", "changed" });
    CHECK(refused.out == "open: EROFS\n");
    CHECK(read_host_file(directory.path() + "/a.txt") == "alpha\n");

    auto written = run_zeroos({ "--mount", directory.path() + ":/data:rw", guest_path("files"), "write", "/data/a.txt", "changed" });
    CHECK(written.status == 0);
    CHECK(read_host_file(directory.path() + "/a.txt") == "changed");
    CHECK(read_host_file(directory.path() + "/b.txt") == "beta\n");
}

TEST_CASE("writes to the guest file system never reach the host")
{
    TemporaryDirectory directory;
    auto run = run_zeroos({ guest_path("files"), "write", directory.path() + "/leak.txt", "secret" });
    CHECK(run.out == "open: ENOENT\n");
    auto inside = run_zeroos({ guest_path("files"), "write", "/tmp/inside.txt", "stays in the guest" });
    CHECK(inside.status == 0);
    CHECK_FALSE(std::filesystem::exists("/tmp/inside.txt"));
}

TEST_CASE("the guest starts with an empty environment plus --env, in / of its own file system")
{
    auto run = run_zeroos({ "--env", "GREETING=hello", "--env", "EMPTY=", "/bin/busybox", "env" });
    CHECK(run.status == 0);
    CHECK(run.out == "GREETING=hello\nEMPTY=\n");
    auto cwd = run_zeroos({ "/bin/busybox", "pwd" });
    CHECK(cwd.out == "/\n");
}

TEST_CASE("a rootfs tar becomes the guest's file system")
{
    TemporaryDirectory directory;
    std::filesystem::create_directories(directory.path() + "/tree/etc");
    write_host_file(directory.path() + "/tree/etc/motd", "from the archive\n");
    std::filesystem::create_symlink("motd", directory.path() + "/tree/etc/link");
    auto packed = run_program({ "/bin/tar", "-C", directory.path() + "/tree", "-cf", directory.path() + "/root.tar", "." });
    REQUIRE(packed.status == 0);

    auto run = run_zeroos({ "--rootfs", directory.path() + "/root.tar", guest_path("files"), "cat", "/etc/link" });
    CHECK(run.status == 0);
    CHECK(run.out == "from the archive\n");
    auto listing = run_zeroos({ "--rootfs", directory.path() + "/root.tar", guest_path("files-glibc"), "ls", "/etc" });
    CHECK(listing.out == ".\n..\nlink\nmotd\n");

    write_host_file(directory.path() + "/broken.tar", "this is not a tar archive");
    auto broken = run_zeroos({ "--rootfs", directory.path() + "/broken.tar", guest_path("files"), "ls", "/" });
    CHECK(broken.status == 2);
    CHECK(broken.err.rfind("zeroos-run: ", 0) == 0);
    CHECK(std::count(broken.err.begin(), broken.err.end(), '\n') == 1);
}

TEST_CASE("a mounted tree lists in name order with the same inode numbers whatever order the host created it in")
{
    // Two copies of one tree, created in opposite orders: the host lists them differently
    // (ext4 by hash, tmpfs newest first), the guest must not.
    const std::vector<std::string> names { "zeta", "alpha", "mid", "beta", "sub/y", "sub/x", "Upper" };
    auto listing_of = [&](bool reversed) {
        TemporaryDirectory directory;
        std::vector<std::string> order = names;
        if (reversed)
            std::reverse(order.begin(), order.end());
        std::filesystem::create_directories(directory.path() + "/sub");
        for (const auto& name : order)
            write_host_file(directory.path() + "/" + name, name);
        auto run
            = run_zeroos({ "--mount", directory.path() + ":/data", guest_path("hostile_paths"), "inodes", "/data", "inodes", "/data/sub" });
        CHECK(run.status == 0);
        return run.out;
    };
    std::string forward = listing_of(false);
    CHECK(forward == listing_of(true));
    // Bytewise name order, uppercase first, and numbers given as the kernel created the nodes.
    static const std::regex sorted(
        R"(inodes /data: Upper=(\d+) alpha=\d+ beta=\d+ mid=\d+ sub=\d+ zeta=\d+\ninodes /data/sub: x=\d+ y=\d+\n)");
    CHECK(std::regex_match(forward, sorted));
}
