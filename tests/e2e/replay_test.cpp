// Record and replay: a run replays from its trace alone, bit for bit, and into the RISC-V build.
#include "process.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace {

RunResult run_replay(const std::vector<std::string>& arguments, const std::string& input = "")
{
    std::vector<std::string> argv { ZEROOS_REPLAY };
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return run_program(argv, input);
}

std::string stdin_text()
{
    std::string text;
    for (int i = 0; i < 5000; ++i)
        text += "record and replay line " + std::to_string(i) + "\n";
    return text;
}

} // namespace

TEST_CASE("a program reading stdin replays without its input")
{
    TemporaryDirectory directory;
    std::string trace = directory.path() + "/sha.trace";
    auto recorded = run_zeroos({ "--record", trace, "/bin/busybox", "sha256sum" }, stdin_text());
    REQUIRE(recorded.status == 0);
    // Different bytes on the replay's stdin: the trace's are the ones the guest must see.
    auto replayed = run_replay({ trace }, "something else entirely\n");
    CHECK(replayed.out == recorded.out);
    CHECK(replayed.err == "");
    CHECK(replayed.status == 0);

    auto info = run_replay({ "--info", trace });
    CHECK(info.status == 0);
    CHECK(info.out.find("stdin:        " + std::to_string(stdin_text().size()) + " bytes\n") != std::string::npos);
    CHECK(info.out.find("ended:        exit status 0\n") != std::string::npos);
}

TEST_CASE("a program reading mounted files replays after the files are gone")
{
    TemporaryDirectory directory;
    std::filesystem::create_directories(directory.path() + "/data");
    write_host_file(directory.path() + "/data/a.txt", "mounted contents\n");
    std::string trace = directory.path() + "/files.trace";
    auto recorded
        = run_zeroos({ "--record", trace, "--mount", directory.path() + "/data:/data", guest_path("files"), "cat", "/data/a.txt" });
    REQUIRE(recorded.out == "mounted contents\n");
    std::filesystem::remove_all(directory.path() + "/data");
    auto replayed = run_replay({ trace });
    CHECK(replayed.out == "mounted contents\n");
    CHECK(replayed.status == 0);
}

TEST_CASE("time randomness and a crash replay identically")
{
    TemporaryDirectory directory;
    std::string trace = directory.path() + "/determinism.trace";
    auto recorded = run_zeroos({ "--record", trace, "--seed", "5", "--epoch", "1000", guest_path("determinism-glibc") });
    REQUIRE(recorded.status == 0);
    auto replayed = run_replay({ trace });
    CHECK(replayed.out == recorded.out);
    CHECK(replayed.status == 0);

    std::string crash = directory.path() + "/crash.trace";
    auto crashed = run_zeroos({ "--record", crash, guest_path("exit_status"), "segv" });
    REQUIRE(crashed.status == 139);
    auto replayed_crash = run_replay({ crash });
    CHECK(replayed_crash.out == crashed.out);
    CHECK(replayed_crash.status == 139);
}

TEST_CASE("a threaded program replays identically")
{
    TemporaryDirectory directory;
    for (const std::string& program : { example_path("threads-glibc"), guest_path("threads_timedwait") }) {
        CAPTURE(program);
        std::string trace = directory.path() + "/threads.trace";
        auto recorded = run_zeroos({ "--record", trace, program });
        REQUIRE(recorded.status == 0);
        auto replayed = run_replay({ trace });
        CHECK(replayed.out == recorded.out);
        CHECK(replayed.err == "");
        CHECK(replayed.status == 0);
    }
}

TEST_CASE("a replay against another binary reports the first differing syscall")
{
    TemporaryDirectory directory;
    std::string trace = directory.path() + "/hello.trace";
    REQUIRE(run_zeroos({ "--record", trace, example_path("hello"), "x" }).status == 0);
    auto diverged = run_replay({ "--program", example_path("fibonacci"), trace });
    CHECK(diverged.status == 3);
    CHECK(diverged.err.find("is not the recorded binary") != std::string::npos);
    CHECK(diverged.err.find("zeroos-replay: divergence at syscall ") != std::string::npos);
    CHECK(diverged.err.find("the recording has") != std::string::npos);
}

TEST_CASE("damaged traces are refused with one line and never replayed as complete")
{
    TemporaryDirectory directory;
    std::string trace = directory.path() + "/whole.trace";
    REQUIRE(run_zeroos({ "--record", trace, "/bin/busybox", "sha256sum" }, stdin_text()).status == 0);
    std::string whole = read_host_file(trace);
    std::string damaged = directory.path() + "/damaged.trace";
    for (size_t length = 0; length < whole.size(); length += whole.size() / 23 + 1) {
        CAPTURE(length);
        write_host_file(damaged, whole.substr(0, length));
        auto replayed = run_replay({ damaged });
        CHECK(replayed.status != 0);
        CHECK(replayed.status < 128);
        CHECK(std::count(replayed.err.begin(), replayed.err.end(), '\n') >= 1);
    }
    for (size_t offset = 20; offset < whole.size(); offset += whole.size() / 17 + 1) {
        CAPTURE(offset);
        std::string flipped = whole;
        flipped[offset] = static_cast<char>(flipped[offset] ^ 0x10);
        write_host_file(damaged, flipped);
        auto replayed = run_replay({ damaged });
        CHECK(replayed.status == 2);
        CHECK(replayed.err.rfind("zeroos-replay: ", 0) == 0);
        CHECK(std::count(replayed.err.begin(), replayed.err.end(), '\n') == 1);
    }
    write_host_file(damaged, "not a trace at all");
    auto refused = run_replay({ damaged });
    CHECK(refused.status == 2);
    CHECK(refused.err == "zeroos-replay: " + damaged + " is not a ZeroOS trace\n");
}

namespace {

// Records wait_for_input, gives it some input, and sends `signal` to zeroos-run once the guest has
// read it. Returns zeroos-run's exit status.
int record_then_signal(const std::string& trace, int signal)
{
    int in[2], out[2];
    REQUIRE(pipe(in) == 0);
    REQUIRE(pipe(out) == 0);
    pid_t recorder = fork();
    REQUIRE(recorder >= 0);
    if (recorder == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        std::string guest = guest_path("wait_for_input");
        std::string path = trace;
        char* argv[] = { const_cast<char*>(ZEROOS_RUN), const_cast<char*>("--record"), path.data(), guest.data(), nullptr };
        char* envp[] = { nullptr };
        execve(argv[0], argv, envp);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    REQUIRE(write(in[1], "partial input", 13) == 13);
    // Once the guest says it is reading, the input (and every syscall before it) is in the trace.
    std::string said;
    char byte;
    while (said.size() < 14 && read(out[0], &byte, 1) == 1)
        said.push_back(byte);
    REQUIRE(said == "ready\nreading\n");
    kill(recorder, signal);
    int status = 0;
    waitpid(recorder, &status, 0);
    close(in[1]);
    close(out[0]);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

TEST_CASE("a recording killed half-way leaves a readable incomplete trace")
{
    TemporaryDirectory directory;
    std::string trace = directory.path() + "/killed.trace";
    CHECK(record_then_signal(trace, SIGKILL) == 128 + SIGKILL);
    auto info = run_replay({ "--info", trace });
    CHECK(info.status == 0);
    CHECK(info.out.find("ended:        never") != std::string::npos);
    auto replayed = run_replay({ trace });
    CHECK(replayed.status == 4);
    CHECK(replayed.out.rfind("ready\n", 0) == 0);
}

TEST_CASE("SIGINT or SIGTERM to a recording ends it with a complete trace")
{
    for (int signal : { SIGINT, SIGTERM }) {
        CAPTURE(signal);
        TemporaryDirectory directory;
        std::string trace = directory.path() + "/interrupted.trace";
        CHECK(record_then_signal(trace, signal) == 128 + signal);
        auto info = run_replay({ "--info", trace });
        CHECK(info.status == 0);
        CHECK(info.out.find("stdin:        13 bytes\n") != std::string::npos);
        CHECK(info.out.find("ended:        exit status " + std::to_string(128 + signal) + "\n") != std::string::npos);
    }
}

#ifdef ZEROOS_RISCV_ENABLED
TEST_CASE("a recorded host run replays into the RISC-V build with the same outputs")
{
    TemporaryDirectory directory;
    std::filesystem::create_directories(directory.path() + "/data");
    write_host_file(directory.path() + "/data/a.txt", "seen by both builds\n");
    std::string trace = directory.path() + "/cross.trace";
    auto recorded
        = run_zeroos({ "--record", trace, "--mount", directory.path() + "/data:/data", guest_path("files"), "cat", "/data/a.txt" });
    REQUIRE(recorded.status == 0);
    auto matched = run_replay({ trace, "--riscv", guest_path("files.rv64") });
    CHECK(matched.status == 0);
    CHECK(matched.out == "seen by both builds\n");
    CHECK(matched.err.find("the RISC-V build matches the recording") != std::string::npos);

    std::string seeded = directory.path() + "/seeded.trace";
    REQUIRE(run_zeroos({ "--record", seeded, "--seed", "9", guest_path("determinism") }).status == 0);
    auto also = run_replay({ seeded, "--riscv", guest_path("determinism.rv64") });
    CHECK(also.status == 0);
    auto other = run_replay({ trace, "--riscv", guest_path("determinism.rv64") });
    CHECK(other.status == 3);
    CHECK(other.err.find("departs from the recording") != std::string::npos);

    // A program that is missing or not a vApp is a usage error, not a divergence.
    auto missing = run_replay({ trace, "--riscv", directory.path() + "/nofile.rv64" });
    CHECK(missing.status == 2);
    CHECK(missing.err == "zeroos-replay: cannot read " + directory.path() + "/nofile.rv64: No such file or directory\n");
    auto host_build = run_replay({ trace, "--riscv", guest_path("files") });
    CHECK(host_build.status == 2);
    CHECK(host_build.err == "zeroos-replay: " + guest_path("files") + " is not a RISC-V vApp (--riscv takes the build zeroos-cc made)\n");
}

TEST_CASE("the file-space and thread limits of a recording hold in its replays on both builds")
{
    TemporaryDirectory directory;
    std::string trace = directory.path() + "/full.trace";
    auto recorded = run_zeroos({ "--record", trace, "--fs-size", "16M", "--max-threads", "3", guest_path("file_space") });
    REQUIRE(recorded.status == 0);
    REQUIRE(recorded.out.rfind("wrote 16740352 bytes, then ENOSPC\n", 0) == 0);
    auto replayed = run_replay({ trace });
    CHECK(replayed.status == 0);
    CHECK(replayed.out == recorded.out);
    auto info = run_replay({ "--info", trace });
    CHECK(info.out.find("fs size:      16777216 bytes\nmax fds:      1024\nmax threads:  3\n") != std::string::npos);
    auto riscv = run_replay({ trace, "--riscv", guest_path("file_space.rv64") });
    CHECK(riscv.status == 0);
    CHECK(riscv.out == recorded.out);
    CHECK(riscv.err.find("the RISC-V build matches the recording") != std::string::npos);
}
#endif
