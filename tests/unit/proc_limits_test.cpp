#include "fake_platform.h"
#include "proc/linux_abi.h"

#include <catch2/catch.hpp>

using namespace zeroos;

namespace {

LinuxRlimit get_limit(KernelFixture& f, int resource)
{
    uint64_t out = f.reserve(sizeof(LinuxRlimit), 0xff);
    REQUIRE(f.call("prlimit64", 0, resource, 0, out) == 0);
    return f.read<LinuxRlimit>(out);
}

uint64_t put_limit(KernelFixture& f, uint64_t soft, uint64_t hard)
{
    LinuxRlimit value { soft, hard };
    return f.put_bytes(&value, sizeof(value));
}

} // namespace

TEST_CASE("default resource limits")
{
    BootConfig config;
    config.max_fds = 256;
    KernelFixture f(config);
    CHECK(get_limit(f, abi::rlimit_nofile).rlim_cur == 256);
    CHECK(get_limit(f, abi::rlimit_nofile).rlim_max == 256);
    CHECK(get_limit(f, abi::rlimit_stack).rlim_cur == 8ull << 20);
    CHECK(get_limit(f, abi::rlimit_stack).rlim_max == abi::rlim_infinity);
    CHECK(get_limit(f, abi::rlimit_as).rlim_cur == fake::kArenaSize);
    CHECK(get_limit(f, abi::rlimit_data).rlim_max == fake::kArenaSize);
    CHECK(get_limit(f, abi::rlimit_cpu).rlim_cur == abi::rlim_infinity);
    CHECK(get_limit(f, abi::rlimit_core).rlim_max == abi::rlim_infinity);
    uint64_t out = f.reserve(sizeof(LinuxRlimit));
    CHECK(f.call("getrlimit", abi::rlimit_nofile, out) == 0);
    CHECK(f.read<LinuxRlimit>(out).rlim_cur == 256);
}

TEST_CASE("setting limits stores them and reports the old value")
{
    KernelFixture f;
    uint64_t old = f.reserve(sizeof(LinuxRlimit));
    CHECK(f.call("prlimit64", 1, abi::rlimit_stack, put_limit(f, 1 << 20, 2 << 20), old) == 0);
    CHECK(f.read<LinuxRlimit>(old).rlim_cur == 8ull << 20);
    CHECK(get_limit(f, abi::rlimit_stack).rlim_cur == 1 << 20);
    CHECK(get_limit(f, abi::rlimit_stack).rlim_max == 2 << 20);
    CHECK(f.call("setrlimit", abi::rlimit_nofile, put_limit(f, 100, 1024)) == 0);
    CHECK(get_limit(f, abi::rlimit_nofile).rlim_cur == 100);
    CHECK(f.kernel().process().limit(abi::rlimit_nofile).rlim_cur == 100);
}

TEST_CASE("limit errors")
{
    KernelFixture f; // max_fds 1024
    CHECK(f.call("prlimit64", 0, abi::rlim_nlimits, 0, f.reserve(16)) == -EINVAL);
    CHECK(f.call("prlimit64", 0, uint32_t(-1), 0, f.reserve(16)) == -EINVAL);
    CHECK(f.call("prlimit64", 2, abi::rlimit_stack, 0, f.reserve(16)) == -ESRCH);
    CHECK(f.call("prlimit64", 0, abi::rlimit_stack, put_limit(f, 10, 5), 0) == -EINVAL);
    CHECK(f.call("prlimit64", 0, abi::rlimit_nofile, put_limit(f, 10, 1025), 0) == -EPERM);
    CHECK(f.call("prlimit64", 0, abi::rlimit_nofile, fake::kUnmapped, 0) == -EFAULT);
    CHECK(f.call("prlimit64", 0, abi::rlimit_nofile, 0, fake::kUnmapped) == -EFAULT);
    CHECK(f.call("getrlimit", 99, f.reserve(16)) == -EINVAL);
    CHECK(f.call("getrlimit", abi::rlimit_nofile, fake::kUnmapped) == -EFAULT);
    CHECK(f.call("setrlimit", abi::rlimit_nofile, put_limit(f, 2000, 2000)) == -EPERM);
    CHECK(get_limit(f, abi::rlimit_nofile).rlim_max == 1024);
}

TEST_CASE("getrusage answers zeros for every valid target")
{
    KernelFixture f;
    f.kernel().clock().advance(5'000'000'000);
    uint64_t out = f.reserve(sizeof(LinuxRusage), 0xff);
    for (int who : { abi::rusage_self, abi::rusage_children, abi::rusage_thread }) {
        CHECK(f.call("getrusage", uint32_t(who), out) == 0);
        auto usage = f.read<LinuxRusage>(out);
        CHECK(usage.ru_utime[0] == 0);
        CHECK(usage.counters[13] == 0);
    }
    CHECK(f.call("getrusage", 5, out) == -EINVAL);
    CHECK(f.call("getrusage", abi::rusage_self, fake::kUnmapped) == -EFAULT);
}

TEST_CASE("prctl names the task and keeps the dumpable flag")
{
    BootConfig config;
    config.program_path = "/usr/local/bin/a-rather-long-program-name";
    KernelFixture f(config);
    uint64_t name = f.reserve(16, 0xff);
    CHECK(f.call("prctl", abi::pr_get_name, name) == 0);
    CHECK(f.read_string(name, 16) == std::string("a-rather-long-p\0", 16));
    CHECK(f.call("prctl", abi::pr_set_name, f.put_string("worker")) == 0);
    CHECK(f.call("prctl", abi::pr_get_name, name) == 0);
    CHECK(f.read_string(name, 16) == std::string("worker\0\0\0\0\0\0\0\0\0\0", 16));
    CHECK(f.call("prctl", abi::pr_set_name, f.put_string("0123456789abcdefghij")) == 0);
    CHECK(f.call("prctl", abi::pr_get_name, name) == 0);
    CHECK(f.read_string(name, 16) == std::string("0123456789abcde\0", 16));
    CHECK(f.call("prctl", abi::pr_set_name, fake::kUnmapped) == -EFAULT);
    CHECK(f.call("prctl", abi::pr_get_name, fake::kUnmapped) == -EFAULT);

    CHECK(f.call("prctl", abi::pr_get_dumpable) == 1);
    CHECK(f.call("prctl", abi::pr_set_dumpable, 0) == 0);
    CHECK(f.call("prctl", abi::pr_get_dumpable) == 0);
    CHECK(f.call("prctl", abi::pr_set_dumpable, 2) == -EINVAL);
    CHECK_FALSE(f.exited());
}

TEST_CASE("other prctl options fail fast, naming the option")
{
    KernelFixture f;
    f.call("prctl", abi::pr_set_no_new_privs, 1);
    CHECK(f.exited());
    REQUIRE(fake::reports().size() == 1);
    CHECK(fake::reports()[0].find("PR_SET_NO_NEW_PRIVS") != std::string::npos);
}
