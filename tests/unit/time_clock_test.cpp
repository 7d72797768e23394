#include "fake_platform.h"
#include "time/linux_abi.h"

#include <catch2/catch.hpp>

using namespace zeroos;

namespace {

Timespec read_timespec(KernelFixture& f, uint64_t address) { return f.read<Timespec>(address); }

uint64_t put_timespec(KernelFixture& f, int64_t seconds, int64_t nanoseconds)
{
    Timespec value { seconds, nanoseconds };
    return f.put_bytes(&value, sizeof(value));
}

} // namespace

TEST_CASE("clocks start at the epoch from BootConfig and at zero")
{
    BootConfig config;
    config.epoch_seconds = 1700000000;
    KernelFixture f(config);
    uint64_t out = f.reserve(sizeof(Timespec), 0xff);
    for (int clock : { abi::clock_realtime, abi::clock_realtime_coarse, abi::clock_tai }) {
        CHECK(f.call("clock_gettime", clock, out) == 0);
        CHECK(read_timespec(f, out).tv_sec == 1700000000);
        CHECK(read_timespec(f, out).tv_nsec == 0);
    }
    for (int clock : { abi::clock_monotonic, abi::clock_monotonic_raw, abi::clock_monotonic_coarse, abi::clock_boottime,
             abi::clock_process_cputime_id, abi::clock_thread_cputime_id }) {
        CHECK(f.call("clock_gettime", clock, out) == 0);
        CHECK(read_timespec(f, out).tv_sec == 0);
        CHECK(read_timespec(f, out).tv_nsec == 0);
    }
}

TEST_CASE("clock_gettime and clock_getres reject unknown clocks and bad pointers")
{
    KernelFixture f;
    uint64_t out = f.reserve(sizeof(Timespec));
    CHECK(f.call("clock_gettime", 10, out) == -EINVAL);
    CHECK(f.call("clock_gettime", 100, out) == -EINVAL);
    CHECK(f.call("clock_gettime", abi::clock_monotonic, fake::kUnmapped) == -EFAULT);
    CHECK(f.call("clock_getres", 10, out) == -EINVAL);
    CHECK(f.call("clock_getres", abi::clock_monotonic, fake::kUnmapped) == -EFAULT);
    CHECK(f.call("clock_getres", abi::clock_monotonic, 0) == 0);
    CHECK(f.call("clock_getres", abi::clock_realtime, out) == 0);
    CHECK(read_timespec(f, out).tv_sec == 0);
    CHECK(read_timespec(f, out).tv_nsec == 1);
}

TEST_CASE("the CPU clock of this process, encoded as Linux encodes it, is readable")
{
    KernelFixture f;
    uint64_t out = f.reserve(sizeof(Timespec));
    auto cpu_clock = [](int pid, int type, bool thread) { return static_cast<uint32_t>((~pid << 3) | (thread ? 4 : 0) | type); };
    CHECK(f.call("clock_gettime", cpu_clock(0, 2, false), out) == 0);
    CHECK(f.call("clock_gettime", cpu_clock(1, 2, true), out) == 0);
    CHECK(f.call("clock_gettime", cpu_clock(42, 2, false), out) == -EINVAL);
    CHECK(f.call("clock_gettime", cpu_clock(0, 3, false), out) == -EINVAL);
}

TEST_CASE("nanosleep advances the virtual clock by exactly the request")
{
    BootConfig config;
    config.epoch_seconds = 1000;
    KernelFixture f(config);
    uint64_t request = put_timespec(f, 2, 500);
    uint64_t remaining = f.reserve(sizeof(Timespec), 0xee);
    CHECK(f.call("nanosleep", request, remaining) == 0);
    CHECK(f.kernel().clock().monotonic_ns() == 2'000'000'500);
    CHECK(f.read<uint8_t>(remaining) == 0xee); // rem untouched: nothing interrupts a sleep
    uint64_t out = f.reserve(sizeof(Timespec));
    f.call("clock_gettime", abi::clock_realtime, out);
    CHECK(read_timespec(f, out).tv_sec == 1002);
    CHECK(read_timespec(f, out).tv_nsec == 500);
    CHECK(f.call("nanosleep", put_timespec(f, 0, 0), 0) == 0);
    CHECK(f.kernel().clock().monotonic_ns() == 2'000'000'500);
}

TEST_CASE("nanosleep validates the request")
{
    KernelFixture f;
    CHECK(f.call("nanosleep", put_timespec(f, 0, 1'000'000'000), 0) == -EINVAL);
    CHECK(f.call("nanosleep", put_timespec(f, 0, -1), 0) == -EINVAL);
    CHECK(f.call("nanosleep", put_timespec(f, -1, 0), 0) == -EINVAL);
    CHECK(f.call("nanosleep", fake::kUnmapped, 0) == -EFAULT);
    CHECK(f.kernel().clock().monotonic_ns() == 0);
}

TEST_CASE("clock_nanosleep sleeps relative or until an absolute time")
{
    BootConfig config;
    config.epoch_seconds = 5000;
    KernelFixture f(config);
    CHECK(f.call("clock_nanosleep", abi::clock_monotonic, 0, put_timespec(f, 1, 0), 0) == 0);
    CHECK(f.kernel().clock().monotonic_ns() == 1'000'000'000);
    CHECK(f.call("clock_nanosleep", abi::clock_monotonic, abi::timer_abstime, put_timespec(f, 3, 25), 0) == 0);
    CHECK(f.kernel().clock().monotonic_ns() == 3'000'000'025);
    // An absolute time in the past returns at once.
    CHECK(f.call("clock_nanosleep", abi::clock_monotonic, abi::timer_abstime, put_timespec(f, 1, 0), 0) == 0);
    CHECK(f.kernel().clock().monotonic_ns() == 3'000'000'025);
    CHECK(f.call("clock_nanosleep", abi::clock_realtime, abi::timer_abstime, put_timespec(f, 5010, 0), 0) == 0);
    CHECK(f.kernel().clock().realtime_ns() == 5010'000'000'000);
    CHECK(f.call("clock_nanosleep", abi::clock_monotonic, 0, put_timespec(f, 0, 2'000'000'000), 0) == -EINVAL);
    CHECK(f.call("clock_nanosleep", 10, 0, put_timespec(f, 1, 0), 0) == -EINVAL);
    CHECK(f.call("clock_nanosleep", abi::clock_thread_cputime_id, 0, put_timespec(f, 1, 0), 0) == -EINVAL);
    CHECK(f.call("clock_nanosleep", abi::clock_monotonic_raw, 0, put_timespec(f, 1, 0), 0) == -EOPNOTSUPP);
    CHECK(f.call("clock_nanosleep", abi::clock_monotonic, 0, fake::kUnmapped, 0) == -EFAULT);
    CHECK(f.kernel().clock().realtime_ns() == 5010'000'000'000);
}

TEST_CASE("an enormous sleep saturates instead of wrapping")
{
    KernelFixture f;
    uint64_t forever = put_timespec(f, INT64_MAX, 999'999'999);
    CHECK(f.call("nanosleep", forever, 0) == 0);
    CHECK(f.call("nanosleep", forever, 0) == 0);
    CHECK(f.kernel().clock().realtime_ns() > 0);
    CHECK(f.kernel().clock().monotonic_ns() >= uint64_t(INT64_MAX) / 2);
}

TEST_CASE("gettimeofday reads the realtime clock and accepts NULL pointers")
{
    BootConfig config;
    config.epoch_seconds = 86400;
    KernelFixture f(config);
    f.kernel().clock().advance(1'234'567'891);
    uint64_t tv = f.reserve(sizeof(Timeval));
    uint64_t tz = f.reserve(sizeof(LinuxTimezone), 0xff);
    CHECK(f.call("gettimeofday", tv, tz) == 0);
    CHECK(f.read<Timeval>(tv).tv_sec == 86401);
    CHECK(f.read<Timeval>(tv).tv_usec == 234567);
    CHECK(f.read<LinuxTimezone>(tz).tz_minuteswest == 0);
    CHECK(f.read<LinuxTimezone>(tz).tz_dsttime == 0);
    CHECK(f.call("gettimeofday", tv, 0) == 0);
    CHECK(f.call("gettimeofday", 0, 0) == 0);
    CHECK(f.call("gettimeofday", fake::kUnmapped, 0) == -EFAULT);
    CHECK(f.call("gettimeofday", tv, fake::kUnmapped) == -EFAULT);
}

TEST_CASE("times counts clock ticks of the virtual clock")
{
    KernelFixture f;
    uint64_t buffer = f.reserve(sizeof(LinuxTms), 0xff);
    CHECK(f.call("times", buffer) == 0);
    CHECK(f.read<LinuxTms>(buffer).tms_utime == 0);
    f.kernel().clock().advance(2'500'000'000);
    CHECK(f.call("times", buffer) == 250);
    CHECK(f.read<LinuxTms>(buffer).tms_utime == 250);
    CHECK(f.read<LinuxTms>(buffer).tms_stime == 0);
    CHECK(f.read<LinuxTms>(buffer).tms_cutime == 0);
    CHECK(f.read<LinuxTms>(buffer).tms_cstime == 0);
    CHECK(f.call("times", 0) == 250);
    CHECK(f.call("times", fake::kUnmapped) == -EFAULT);
}
