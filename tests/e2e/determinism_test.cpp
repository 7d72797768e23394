// The determinism contract: virtual time from --epoch advancing only by sleeps, randomness from
// --seed, fixed identity, byte-identical runs.
#include "process.h"

#include <catch2/catch.hpp>

namespace {

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> result;
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
        result.push_back(text.substr(start, end - start));
    return result;
}

} // namespace

TEST_CASE("time starts at the epoch and advances exactly by sleeps")
{
    auto libc = GENERATE(as<std::string> {}, "glibc", "musl");
    auto run = run_zeroos({ guest_path(host_build("determinism", libc)) });
    REQUIRE(run.status == 0);
    CHECK(run.err == "");
    auto output = lines(run.out);
    REQUIRE(output.size() >= 2);
    CHECK(output[0] == "start: realtime 0.000000000 monotonic 0.000000000 gettimeofday 0.000000 time 0");
    CHECK(output[1] == "after 1.5 s sleep: realtime 1.500000000 monotonic 1.500000000 gettimeofday 1.500000 time 1");

    auto later = run_zeroos({ "--epoch", "1700000000", guest_path(host_build("determinism", libc)) });
    auto later_output = lines(later.out);
    REQUIRE(later_output.size() >= 2);
    CHECK(later_output[0] == "start: realtime 1700000000.000000000 monotonic 0.000000000 gettimeofday 1700000000.000000 time 1700000000");
}

TEST_CASE("two runs with the same seed are byte-identical; another seed changes only randomness")
{
    auto libc = GENERATE(as<std::string> {}, "glibc", "musl");
    std::string guest = guest_path(host_build("determinism", libc));
    auto first = run_zeroos({ guest });
    auto second = run_zeroos({ guest });
    REQUIRE(first.status == 0);
    CHECK(first.out == second.out);
    CHECK(first.err == second.err);

    auto reseeded = run_zeroos({ "--seed", "1", guest });
    REQUIRE(reseeded.status == 0);
    auto a = lines(first.out), b = lines(reseeded.out);
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        bool random_line = a[i].rfind("getrandom:", 0) == 0 || a[i].rfind("AT_RANDOM:", 0) == 0 || a[i].rfind("/dev/urandom:", 0) == 0;
        if (random_line)
            CHECK(a[i] != b[i]);
        else
            CHECK(a[i] == b[i]);
    }
}

TEST_CASE("the guest is pid 1, child of nobody, running as root")
{
    auto run = run_zeroos({ guest_path("determinism") });
    CHECK(run.out.find("\npid 1 ppid 0 uid 0\n") != std::string::npos);
}

TEST_CASE("rdtsc reads the virtual clock, and is trapped only when the guest can execute it")
{
    // The exec-time scan finds an rdtsc in the program's text.
    auto text = run_zeroos({ "-v", guest_path("rdtsc_text") });
    CHECK(text.status == 0);
    CHECK(text.out.ends_with(", within the monotonic clock\n"));
    CHECK(text.err.find("rdtsc trapping is on: the bytes of rdtsc or rdtscp are at 0x") != std::string::npos);
    CHECK(run_zeroos({ guest_path("rdtsc_text") }).out == text.out);

    // No rdtsc at exec: off, until the guest makes memory executable and runs one it wrote.
    auto written = run_zeroos({ "-v", guest_path("rdtsc_jit") });
    CHECK(written.status == 0);
    CHECK(written.out.ends_with(", within the monotonic clock\n"));
    auto off = written.err.find("rdtsc trapping is off: the guest's executable mappings (");
    auto on = written.err.find("rdtsc trapping is on: the guest made memory executable (mmap or mprotect with PROT_EXEC)\n");
    CHECK(off != std::string::npos);
    CHECK(on != std::string::npos);
    CHECK(off < on);

    // A program that never maps code stays at the ptrace floor the whole run.
    auto plain = run_zeroos({ "-v", guest_path("determinism") });
    CHECK(plain.status == 0);
    CHECK(plain.err.find("rdtsc trapping is off") != std::string::npos);
    CHECK(plain.err.find("rdtsc trapping is on") == std::string::npos);
}
