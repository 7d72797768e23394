#include "fake_platform.h"
#include "proc/linux_abi.h"

#include <catch2/catch.hpp>

using namespace zeroos;

TEST_CASE("identity: pid 1, no parent, root, one thread")
{
    KernelFixture f;
    CHECK(f.call("getpid") == 1);
    CHECK(f.call("getppid") == 0);
    CHECK(f.call("gettid") == 1);
    CHECK(f.call("getuid") == 0);
    CHECK(f.call("geteuid") == 0);
    CHECK(f.call("getgid") == 0);
    CHECK(f.call("getegid") == 0);
    uint64_t list = f.reserve(16, 0xaa);
    CHECK(f.call("getgroups", 4, list) == 0);
    CHECK(f.read<uint8_t>(list) == 0xaa);
    CHECK(f.call("getgroups", 0, 0) == 0);
    CHECK(f.call("getgroups", uint32_t(-1), list) == -EINVAL);
}

TEST_CASE("process groups and sessions: the process leads its own session")
{
    KernelFixture f;
    CHECK(f.call("getpgid", 0) == 1);
    CHECK(f.call("getpgid", 1) == 1);
    CHECK(f.call("getpgid", 2) == -ESRCH);
    CHECK(f.call("setsid") == -EPERM);
    CHECK(f.call("setpgid", 0, 0) == -EPERM);
    CHECK(f.call("setpgid", 5, 0) == -ESRCH);
    CHECK(f.call("setpgid", 0, uint32_t(-1)) == -EINVAL);
}

TEST_CASE("exit and exit_group end the run with the status's low byte")
{
    {
        KernelFixture f;
        f.call("exit_group", 3);
        CHECK(f.exited());
        CHECK(f.kernel().process().exit_status() == 3);
    }
    {
        KernelFixture f;
        f.call("exit", 0x1ff);
        CHECK(f.exited());
        CHECK(f.kernel().process().exit_status() == 0xff);
    }
}

TEST_CASE("wait4 has no children; execve fails fast")
{
    KernelFixture f;
    CHECK(f.call("wait4", uint32_t(-1), 0, 0, 0) == -ECHILD);
    f.call("execve", f.put_string("/bin/sh"), 0, 0);
    CHECK(f.exited());
    CHECK(f.kernel().process().exit_status() == 70);
    CHECK(fake::reports().at(0).find("execve") != std::string::npos);
}

TEST_CASE("uname describes ZeroOS")
{
    KernelFixture f;
    uint64_t buffer = f.reserve(sizeof(LinuxUtsname), 0xff);
    CHECK(f.call("uname", buffer) == 0);
    auto name = f.read<LinuxUtsname>(buffer);
    CHECK(std::string(name.sysname) == "Linux");
    CHECK(std::string(name.nodename) == "zeroos");
    CHECK(std::string(name.release) == "6.1.0-zeroos");
    CHECK(std::string(name.version) == "#1 ZeroOS");
    CHECK(std::string(name.machine) == "x86_64");
    CHECK(std::string(name.domainname) == "(none)");
    CHECK(name.sysname[64] == 0);
    CHECK(name.domainname[64] == 0);
    CHECK(f.call("uname", fake::kUnmapped) == -EFAULT);
}

TEST_CASE("sysinfo is deterministic: virtual uptime, arena memory")
{
    KernelFixture f;
    f.kernel().clock().advance(1'500'000'000);
    long mapped = f.call("mmap", 0, 8192, 3, 0x22, uint64_t(-1), 0);
    REQUIRE(mapped > 0);
    uint64_t buffer = f.reserve(sizeof(LinuxSysinfo), 0xff);
    CHECK(f.call("sysinfo", buffer) == 0);
    auto info = f.read<LinuxSysinfo>(buffer);
    CHECK(info.uptime == 2);
    CHECK(info.loads[0] == 0);
    CHECK(info.totalram == fake::kArenaSize);
    CHECK(info.freeram == fake::kArenaSize - 8192);
    CHECK(info.totalswap == 0);
    CHECK(info.procs == 1);
    CHECK(info.mem_unit == 1);
    CHECK(f.call("sysinfo", fake::kUnmapped) == -EFAULT);
}

TEST_CASE("set_tid_address returns the tid; set_robust_list checks the head size")
{
    KernelFixture f;
    CHECK(f.call("set_tid_address", 0x1234) == 1);
    CHECK(f.kernel().threads().current().clear_child_tid == 0x1234);
    CHECK(f.call("set_robust_list", 0x5678, 24) == 0);
    CHECK(f.kernel().threads().current().robust_list_head == 0x5678);
    CHECK(f.call("set_robust_list", 0x5678, 16) == -EINVAL);
}

TEST_CASE("sched: one CPU")
{
    KernelFixture f;
    uint64_t mask = f.reserve(16, 0xff);
    CHECK(f.call("sched_getaffinity", 0, 16, mask) == 8);
    CHECK(f.read<uint64_t>(mask) == 1);
    CHECK(f.read<uint64_t>(mask + 8) == ~uint64_t(0)); // only cpumask_size bytes are written
    CHECK(f.call("sched_getaffinity", 1, 8, mask) == 8);
    CHECK(f.call("sched_getaffinity", 0, 0, mask) == -EINVAL);
    CHECK(f.call("sched_getaffinity", 0, 4, mask) == -EINVAL);
    CHECK(f.call("sched_getaffinity", 7, 8, mask) == -ESRCH);
    CHECK(f.call("sched_getaffinity", 0, 8, fake::kUnmapped) == -EFAULT);
    uint64_t one = 1, three = 3, two = 2;
    CHECK(f.call("sched_setaffinity", 0, 8, f.put_bytes(&one, 8)) == 0);
    CHECK(f.call("sched_setaffinity", 0, 8, f.put_bytes(&three, 8)) == 0);
    CHECK(f.call("sched_setaffinity", 0, 8, f.put_bytes(&two, 8)) == -EINVAL);
    CHECK(f.call("sched_setaffinity", 9, 8, f.put_bytes(&one, 8)) == -ESRCH);
    CHECK(f.call("sched_setaffinity", 0, 8, fake::kUnmapped) == -EFAULT);
    CHECK(f.call("sched_yield") == 0);
}
