// Threads end to end: pthreads (glibc, musl) and C++ threads print under zeroos-run what they
// print natively, twice the same bytes; timed waits end at exact virtual times; what cannot work
// (pthread_cancel's signal, a deadlock) stops the guest with a clear report and status 70.
#include "process.h"

#include <catch2/catch.hpp>
#include <regex>

namespace {

struct Guest {
    const char* name;
    std::vector<std::string> arguments;
};

std::vector<std::string> command(const std::string& binary, const std::vector<std::string>& arguments)
{
    std::vector<std::string> argv { binary };
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return argv;
}

} // namespace

TEST_CASE("threaded guests print their native output under zeroos-run twice the same")
{
    auto guest = GENERATE(Guest { "threads_pthread-glibc", {} }, Guest { "threads_pthread", {} }, Guest { "threads_cpp-glibc", {} },
        Guest { "threads_cpp", {} }, Guest { "threads_timedwait-glibc", {} }, Guest { "threads_timedwait", {} },
        Guest { "threads_cancel-glibc", {} }, Guest { "threads_main_exit-glibc", {} }, Guest { "threads_main_exit", {} });
    auto argv = command(guest_path(guest.name), guest.arguments);
    CAPTURE(argv);
    auto native = run_program(argv);
    REQUIRE(native.status == 0);
    REQUIRE_FALSE(native.out.empty());
    auto first = run_zeroos(argv);
    CHECK(first.err == "");
    CHECK(first.out == native.out);
    CHECK(first.status == 0);
    auto second = run_zeroos(argv);
    CHECK(second.out == first.out);
    CHECK(second.err == first.err);
    CHECK(second.status == first.status);
}

TEST_CASE("the pthread guest prints exactly this")
{
    auto run = run_zeroos({ guest_path("threads_pthread") });
    CHECK(run.status == 0);
    CHECK(run.out
        == "mutex: counter 40000, join values sum 64\n"
           "condition variable: consumer summed 5050\n"
           "rwlock: 0 torn reads, final pair 500 500\n"
           "barrier: every worker saw 30\n"
           "semaphores:\n"
           "  ping 0\n  pong 0\n  ping 1\n  pong 1\n  ping 2\n  pong 2\n"
           "once ran 1 time(s); 4 of 4 threads kept their __thread value and key; destructors got 10\n"
           "detached thread ran; main thread's __thread value is still 7\n"
           "pipe: 200000 bytes, checksum 252021, writer returned 0\n"
           "rounding modes kept across switches: 6 of 6, main thread's is to nearest\n");
}

TEST_CASE("timed waits return ETIMEDOUT at exactly their virtual deadline")
{
    auto libc = GENERATE(as<std::string> {}, "glibc", "musl");
    auto run = run_zeroos({ "--epoch", "1700000000", guest_path(host_build("threads_timedwait", libc)), "exact" });
    CHECK(run.err == "");
    CHECK(run.status == 0);
    CHECK(run.out
        == "sleeper woke after 100 ms\n"
           "pthread_cond_timedwait (CLOCK_MONOTONIC): ETIMEDOUT after 250000000 ns\n"
           "sem_timedwait (CLOCK_REALTIME): ETIMEDOUT after 250000000 ns\n");
}

namespace {

// A fail-fast report, without the guest backtrace that follows it (tests/e2e/debugging_test.cpp
// checks those).
std::string report_of(const std::string& err)
{
    size_t backtrace = err.find("zeroos-run: guest backtrace:\n");
    return backtrace == std::string::npos ? err : err.substr(0, backtrace);
}

} // namespace

TEST_CASE("pthread_cancel by signal fails fast with one clear line")
{
    auto guest = GENERATE(Guest { "threads_cancel", {} }, Guest { "threads_cancel-glibc", { "async" } });
    auto argv = command(guest_path(guest.name), guest.arguments);
    CAPTURE(argv);
    auto run = run_zeroos(argv);
    CHECK(run.status == 70);
    CHECK(run.out == "cancelling\n");
    static const std::regex line(
        R"(zeroos: unsupported syscall [a-z_]+\(.*\) at pc 0x[0-9a-f]+: pthread_cancel's signal \(SIGCANCEL, )"
        R"(real-time signal 32/33\) cannot reach its guest handler: signal delivery to handlers is not supported yet\n)");
    CHECK(std::regex_match(report_of(run.err), line));
}

TEST_CASE("a deadlock stops the guest with a report of every thread and status 70")
{
    auto libc = GENERATE(as<std::string> {}, "glibc", "musl");
    auto run = run_zeroos({ guest_path(host_build("threads_deadlock", libc)) });
    CHECK(run.status == 70);
    CHECK(run.out == "taking the second mutex\n");
    static const std::regex report("zeroos: deadlock: every thread is blocked and no timeout is pending \\(2 threads\\)\n"
                                   "zeroos:   thread 1 waits on futex (0x[0-9a-f]+) at pc 0x[0-9a-f]+\n"
                                   "zeroos:   thread 2 waits on futex (0x[0-9a-f]+) at pc 0x[0-9a-f]+\n");
    std::smatch match;
    std::string deadlock = report_of(run.err);
    REQUIRE(std::regex_match(deadlock, match, report));
    CHECK(match[1] != match[2]); // each waits on the mutex the other holds
}

TEST_CASE("zeroos-run --max-threads makes pthread_create fail with EAGAIN beyond it")
{
    auto run = run_zeroos({ "--max-threads", "3", guest_path("threads_pthread") });
    CHECK(run.status == 1);
    CHECK(run.out == "pthread_create failed: 11\n");
    CHECK(run.err == "");
}

TEST_CASE("fork and posix_spawn fail fast: a unikernel has one process")
{
    auto libc = GENERATE(as<std::string> {}, "glibc", "musl");
    auto mode = GENERATE(as<std::string> {}, "fork", "spawn");
    CAPTURE(libc, mode);
    auto run = run_zeroos({ guest_path(host_build("threads_fork", libc)), mode });
    CHECK(run.status == 70);
    CHECK(run.out == "starting a process\n");
    static const std::regex line(R"(zeroos: unsupported syscall (clone|fork)\(.*\) at pc 0x[0-9a-f]+: .*unikernel with one process.*\n)");
    CHECK(std::regex_match(report_of(run.err), line));
}
