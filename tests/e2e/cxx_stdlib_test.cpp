// The C++ standard library on both targets: C++ vApps and their host twins link libstdc++ built
// from the same source over musl, and print the same bytes natively, under zeroos-run and on
// RISC-V.
#include "process.h"

#include <catch2/catch.hpp>
#include <filesystem>

#ifdef ZEROOS_RISCV_ENABLED

namespace {

struct Runs {
    RunResult native, host, riscv;
};

// NAME natively (working in a fresh directory), NAME under zeroos-run and NAME.rv64 under
// zeroos-run (both working in the guest's /tmp).
Runs run_everywhere(const std::string& binary, const std::vector<std::string>& arguments, bool takes_directory)
{
    TemporaryDirectory directory;
    std::vector<std::string> native { binary }, host { binary }, riscv { binary + ".rv64" };
    for (const auto& argument : arguments) {
        native.push_back(argument);
        host.push_back(argument);
        riscv.push_back(argument);
    }
    if (takes_directory) {
        native.push_back(directory.path());
        host.push_back("/tmp");
        riscv.push_back("/tmp");
    }
    return { run_program(native), run_zeroos(host), run_zeroos(riscv) };
}

const char* const kTerminateMessage = "terminate called after throwing an instance of 'std::runtime_error'\n"
                                      "  what():  nobody catches this\n";

} // namespace

TEST_CASE("the STL tour prints the same bytes natively, under zeroos-run and on RISC-V")
{
    auto runs = run_everywhere(example_path("stl-tour"), {}, true);
    REQUIRE(runs.native.status == 0);
    CHECK(runs.native.err == "");
    // Exceptions across frames, RTTI, threads and futures, the file system and <random> all ran.
    for (const char* line : { "caught not a digit: x at line 1\nsum 27\nguards destroyed: 3\n", "inner is a St12out_of_range\n",
             "N12_GLOBAL__N_13DogE says woof (a dog)\n", "consumed 100 numbers, sum 5050\n", "future rethrew: from another thread\n",
             "  nested/deeper/empty.txt\n  nested/squares.txt\n", "filesystem_error: No such file or directory\nremoved 5 entries\n",
             "5 4 5 1 6 1 4 3 -0.724123\n", "slept at least 20 ms: true\ndone\n" }) {
        CAPTURE(line);
        CHECK(runs.native.out.find(line) != std::string::npos);
    }
    CHECK(runs.host.out == runs.native.out);
    CHECK(runs.host.err == "");
    CHECK(runs.host.status == 0);
    CHECK(runs.riscv.out == runs.native.out);
    CHECK(runs.riscv.err == "");
    CHECK(runs.riscv.status == 0);
}

TEST_CASE("every C++ example prints the same bytes natively, under zeroos-run and on RISC-V")
{
    for (const char* example : { "cpp-smoke", "stl-tour" }) {
        CAPTURE(example);
        auto runs = run_everywhere(example_path(example), {}, true);
        REQUIRE(runs.native.status == 0);
        REQUIRE_FALSE(runs.native.out.empty());
        CHECK(runs.host.out == runs.native.out);
        CHECK(runs.riscv.out == runs.native.out);
        CHECK(runs.host.status == 0);
        CHECK(runs.riscv.status == 0);
    }
}

TEST_CASE("an uncaught exception ends in std::terminate's abort on every target")
{
    auto runs = run_everywhere(example_path("stl-tour"), { "terminate" }, false);
    for (const auto* run : { &runs.native, &runs.host, &runs.riscv }) {
        CHECK(run->out == "");
        CHECK(run->status == 134); // SIGABRT
        CHECK(run->err.find(kTerminateMessage) != std::string::npos);
    }
    CHECK(runs.native.err == kTerminateMessage);
}

TEST_CASE("C++ failures end the same way on the host and on RISC-V")
{
    // Each mode ends in std::terminate (libsupc++'s, on both builds) except nothrow, and a static
    // whose initialiser reaches itself: with threads libsupc++ waits for the initialisation to
    // finish (natively the program hangs), and ZeroOS reports the deadlock.
    struct Failure {
        const char* mode;
        int status;
        const char* message;
    };
    const Failure failures[] = {
        { "out-of-memory", 134, "terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc\n" },
        { "new-handler", 134, "terminate called after throwing an instance of 'std::bad_alloc'\n" },
        { "recursive-static", 70, "zeroos: deadlock: every thread is blocked and no timeout is pending (1 thread)\n" },
        { "pure-virtual", 134, "pure virtual method called\nterminate called without an active exception\n" },
        { "nothrow", 0, "" },
    };
    for (const auto& failure : failures) {
        CAPTURE(failure.mode);
        auto host = run_zeroos({ guest_path("cxx_failures"), failure.mode });
        auto riscv = run_zeroos({ guest_path("cxx_failures.rv64"), failure.mode });
        CHECK(host.status == failure.status);
        CHECK(riscv.status == failure.status);
        CHECK(riscv.out == host.out);
        CHECK(host.err.find(failure.message) != std::string::npos);
        CHECK(riscv.err.find(failure.message) != std::string::npos);
    }
}

TEST_CASE("zeroos-c++ builds C++20 for both targets, with or without exceptions and RTTI")
{
    TemporaryDirectory directory;
    std::string source = directory.path() + "/app.cpp";
    write_host_file(source,
        "#include <concepts>\n#include <cstdio>\n#include <numeric>\n#include <ranges>\n#include <span>\n#include <vector>\n"
        "template <std::integral T> T twice(T value) { return 2 * value; }\n"
        "int main() {\n"
        "    std::vector<int> values { 1, 2, 3, 4, 5, 6 };\n"
        "    auto even = values | std::views::filter([](int v) { return v % 2 == 0; });\n"
        "    std::span<const int> all(values);\n"
        "    std::printf(\"%d %d %zu\\n\", twice(std::accumulate(even.begin(), even.end(), 0)), all.back(), all.size());\n"
        "}\n");
    const std::vector<std::string> environment { "PATH=/usr/bin:/bin" };
    for (const char* target : { "riscv64", "host" }) {
        for (const char* flags : { "-fexceptions", "-fno-exceptions" }) {
            CAPTURE(target, flags);
            std::string output = directory.path() + "/app-" + target;
            auto build = run_program({ ZEROOS_CXX, "--target", target, "-std=c++20", "-O2", flags, flags[2] == 'n' ? "-fno-rtti" : "-frtti",
                                         "-Wall", "-Werror", "-o", output, source },
                "", environment);
            CHECK(build.err == "");
            REQUIRE(build.status == 0);
            auto run = run_zeroos({ output });
            CHECK(run.out == "24 6 6\n");
            CHECK(run.status == 0);
        }
    }
    // The host build is an ordinary static program: it runs natively too. So is zeroos-cc's.
    CHECK(run_program({ directory.path() + "/app-host" }).out == "24 6 6\n");
    write_host_file(directory.path() + "/app.c", "#include <stdio.h>\nint main(void) { puts(\"from C\"); return 7; }\n");
    REQUIRE(run_program(
                { ZEROOS_CC, "--target", "host", "-O2", "-o", directory.path() + "/c-host", directory.path() + "/app.c" }, "", environment)
                .status
        == 0);
    auto c_run = run_program({ directory.path() + "/c-host" });
    CHECK(c_run.out == "from C\n");
    CHECK(c_run.status == 7);
    auto bad = run_program({ ZEROOS_CXX, "--target", "arm", "-o", directory.path() + "/x", source }, "", environment);
    CHECK(bad.status == 2);
    CHECK(bad.err == "zeroos-c++: unknown target 'arm' (expected riscv64 or host)\n");
    auto help = run_program({ ZEROOS_CXX, "--help" }, "", environment);
    CHECK(help.status == 0);
    CHECK(help.out.find("--target host") != std::string::npos);
    CHECK(help.out.find("with the full C++ standard library") != std::string::npos);
}

TEST_CASE("zeroos-c++ without a libstdc++ build says to run ./bootstrap")
{
    // An install-shaped tree with the RISC-V runtime's linker script but no libstdc++.
    TemporaryDirectory directory;
    std::filesystem::create_directories(directory.path() + "/bin");
    std::filesystem::create_directories(directory.path() + "/lib/zeroos/riscv64");
    write_host_file(directory.path() + "/lib/zeroos/riscv64/vapp.ld", "");
    std::filesystem::copy_file(std::filesystem::canonical(ZEROOS_CXX), directory.path() + "/bin/zeroos-cc");
    std::filesystem::create_symlink("zeroos-cc", directory.path() + "/bin/zeroos-c++");
    std::string source = directory.path() + "/app.cpp";
    write_host_file(source, "int main() { return 0; }\n");
    for (const char* target : { "riscv64", "host" }) {
        CAPTURE(target);
        auto build = run_program({ directory.path() + "/bin/zeroos-c++", "--target", target, "-o", directory.path() + "/app", source }, "",
            { "PATH=/usr/bin:/bin" });
        CHECK(build.status == 1);
        CHECK(build.err
            == std::string("zeroos-c++: libstdc++ for ") + target + " is missing (" + directory.path() + "/bin/../lib/zeroos/"
                + (target[0] == 'r' ? "riscv64" : "x86_64") + "/libstdc++): run ./bootstrap\n");
        CHECK_FALSE(std::filesystem::exists(directory.path() + "/app"));
    }
}

TEST_CASE("a C++ vApp recorded on the host replays into its RISC-V build")
{
    TemporaryDirectory directory;
    std::string trace = directory.path() + "/stl.trace";
    auto recorded = run_zeroos({ "--record", trace, example_path("stl-tour"), "/tmp" });
    REQUIRE(recorded.status == 0);
    auto replayed = run_program({ ZEROOS_REPLAY, trace, "--riscv", example_path("stl-tour.rv64") });
    CHECK(replayed.status == 0);
    CHECK(replayed.out == recorded.out);
    CHECK(replayed.err.find("the RISC-V build matches the recording") != std::string::npos);
}

#endif
