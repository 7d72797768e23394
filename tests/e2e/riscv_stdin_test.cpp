// Stdin streamed into RISC-V vApps as they read it (riscv/port.h, kStdinRequestStream): a vApp
// answers while its writer keeps the pipe open, an endless producer is read only as far as the
// vApp reads, and the bytes it gets are those its host build gets.
#include "process.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <regex>
#include <string>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#ifdef ZEROOS_RISCV_ENABLED

namespace {

constexpr int kPatienceMilliseconds = 30'000;

// zeroos-run ARGUMENTS with its stdin and stdout driven by the test, line by line.
class Conversation {
public:
    explicit Conversation(const std::vector<std::string>& arguments)
    {
        int in[2], out[2], err[2];
        REQUIRE(pipe2(in, O_CLOEXEC) == 0);
        REQUIRE(pipe2(out, O_CLOEXEC) == 0);
        REQUIRE(pipe2(err, O_CLOEXEC) == 0);
        child_ = fork();
        REQUIRE(child_ >= 0);
        if (child_ == 0) {
            dup2(in[0], 0);
            dup2(out[1], 1);
            dup2(err[1], 2);
            std::vector<std::string> command { ZEROOS_RUN };
            command.insert(command.end(), arguments.begin(), arguments.end());
            std::vector<char*> argv;
            for (auto& part : command)
                argv.push_back(part.data());
            argv.push_back(nullptr);
            char* envp[] = { nullptr };
            execve(argv[0], argv.data(), envp);
            _exit(127);
        }
        close(in[0]);
        close(out[1]);
        close(err[1]);
        to_ = in[1];
        from_ = out[0];
        errors_ = err[0];
    }

    ~Conversation()
    {
        if (child_ > 0) {
            kill(child_, SIGKILL);
            waitpid(child_, nullptr, 0);
        }
        for (int fd : { to_, from_, errors_ })
            if (fd >= 0)
                close(fd);
    }

    void signal(int number) { REQUIRE(kill(child_, number) == 0); }

    // One write to stdin (blocking while the pipe is full): the count, or -1 once the reader is gone.
    ssize_t write_some(const std::string& text) { return write(to_, text.data(), text.size()); }

    void say(const std::string& text) { REQUIRE(write(to_, text.data(), text.size()) == static_cast<ssize_t>(text.size())); }

    // The next `size` bytes of stdout, or fewer if it ends or stays silent for 30 seconds.
    std::string hear(size_t size)
    {
        std::string heard;
        while (heard.size() < size) {
            pollfd ready { from_, POLLIN, 0 };
            if (poll(&ready, 1, kPatienceMilliseconds) != 1)
                break;
            char buffer[256];
            ssize_t count = read(from_, buffer, std::min(sizeof buffer, size - heard.size()));
            if (count <= 0)
                break;
            heard.append(buffer, static_cast<size_t>(count));
        }
        return heard;
    }

    // zeroos-run's exit status once it has ended with its stdin still open (-1 if it runs on for
    // 30 seconds), and its stderr.
    int finish(std::string& err)
    {
        int pidfd = static_cast<int>(syscall(SYS_pidfd_open, child_, 0));
        REQUIRE(pidfd >= 0);
        pollfd ended { pidfd, POLLIN, 0 };
        bool done = poll(&ended, 1, kPatienceMilliseconds) == 1;
        close(pidfd);
        if (!done)
            return -1;
        int status = 0;
        waitpid(child_, &status, 0);
        child_ = -1;
        char buffer[4096];
        for (ssize_t count; (count = read(errors_, buffer, sizeof buffer)) > 0;)
            err.append(buffer, static_cast<size_t>(count));
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

private:
    pid_t child_ = -1;
    int to_ = -1;
    int from_ = -1;
    int errors_ = -1;
};

// Instructions retired by a run, from zeroos-run --count-instructions.
long instructions_retired(const std::string& err)
{
    std::smatch match;
    static const std::regex pattern("instructions retired: ([0-9]+)");
    return std::regex_search(err, match, pattern) ? std::stol(match[1]) : -1;
}

// Every byte value, NUL and the ^A/^C a terminal multiplexer would take included, many times over.
std::string binary_input()
{
    std::string input;
    for (int round = 0; round < 160; ++round)
        for (int byte = 0; byte < 256; ++byte)
            input.push_back(static_cast<char>((byte + round) & 0xff));
    return input;
}

} // namespace

TEST_CASE("a RISC-V vApp answers each line while its writer keeps stdin open, as its host build does")
{
    std::vector<long> counts;
    for (const char* program : { "read_lines", "read_lines.rv64", "read_lines.rv64" }) {
        CAPTURE(program);
        bool riscv = std::string(program).ends_with(".rv64");
        std::vector<std::string> arguments { "--timeout", "60", guest_path(program), "2" };
        if (riscv)
            arguments.insert(arguments.begin(), "--count-instructions");
        Conversation conversation(arguments);
        conversation.say("first\n");
        CHECK(conversation.hear(14) == "line 1: first\n");
        conversation.say("second\n");
        CHECK(conversation.hear(15) == "line 2: second\n");
        std::string err;
        CHECK(conversation.finish(err) == 0); // the vApp ended with no end of input
        if (riscv)
            counts.push_back(instructions_retired(err));
    }
    // Waiting for the writer costs the vApp no instructions: the count stays exact.
    REQUIRE(counts.size() == 2);
    CHECK(counts[0] > 0);
    CHECK(counts[0] == counts[1]);
}

TEST_CASE("SIGTERM and SIGINT end a RISC-V vApp blocked on a stdin nobody writes with 128 + signal")
{
    for (int signal : { SIGTERM, SIGINT }) {
        CAPTURE(signal);
        Conversation conversation({ guest_path("wait_for_input.rv64") });
        REQUIRE(conversation.hear(6) == "ready\n"); // it asks for stdin next
        conversation.signal(signal);
        std::string err;
        CHECK(conversation.finish(err) == 128 + signal);
    }
}

TEST_CASE("an endless producer feeding a RISC-V vApp that reads three lines is read no further than the vApp reads")
{
    Conversation conversation({ "--timeout", "60", guest_path("read_lines.rv64"), "3" });
    auto* previous = std::signal(SIGPIPE, SIG_IGN);
    const std::string chunk = [] {
        std::string text;
        for (int i = 0; i < 2048; ++i)
            text += "y\n";
        return text;
    }();
    // yes(1): writes until the reader goes away (EPIPE), or gives up after 64 MiB.
    constexpr size_t kGiveUp = 64u << 20;
    size_t written = 0;
    for (;;) {
        ssize_t count = conversation.write_some(chunk);
        if (count <= 0 || (written += static_cast<size_t>(count)) >= kGiveUp)
            break;
    }
    std::signal(SIGPIPE, previous);
    CHECK(conversation.hear(30) == "line 1: y\nline 2: y\nline 3: y\n");
    std::string err;
    CHECK(conversation.finish(err) == 0);
    CHECK(err == "");
    // What zeroos-run holds is bounded by what the vApp asked for: the pipe's 64 KiB, its requests.
    CHECK(written < (1u << 20));
}

TEST_CASE("stdin streamed into RISC-V vApps is byte for byte what their host builds read")
{
    std::string binary = binary_input();
    std::string lines;
    for (int i = 0; i < 1000; ++i)
        lines += "input line " + std::to_string(i) + "\n";
    struct Case {
        const char* guest;
        std::vector<std::string> arguments;
        const std::string& input;
    };
    const std::string empty;
    for (const auto& test : { Case { "files", { "cat", "-" }, binary }, Case { "read_lines", { "700" }, lines },
             Case { "read_lines", { "2000" }, lines }, Case { "read_lines", { "3" }, empty }, Case { "wait_for_input", {}, binary } }) {
        CAPTURE(test.guest, test.arguments);
        std::vector<std::string> host { guest_path(test.guest) }, riscv { guest_path(std::string(test.guest) + ".rv64") };
        host.insert(host.end(), test.arguments.begin(), test.arguments.end());
        riscv.insert(riscv.end(), test.arguments.begin(), test.arguments.end());
        auto expected = run_zeroos(host, test.input);
        auto actual = run_zeroos(riscv, test.input);
        REQUIRE(expected.status == 0);
        CHECK(actual.status == 0);
        CHECK(actual.out == expected.out);
        CHECK(actual.err == expected.err);
    }
    CHECK(run_zeroos({ guest_path("files.rv64"), "cat", "-" }, binary).out == binary);
    // A regular file on stdin goes on the tape whole: the same bytes, without the round trips.
    TemporaryDirectory directory;
    write_host_file(directory.path() + "/input", binary);
    auto from_file = run_program(
        { "/bin/sh", "-c", std::string(ZEROOS_RUN) + " " + guest_path("files.rv64") + " cat - < " + directory.path() + "/input" });
    CHECK(from_file.status == 0);
    CHECK(from_file.out == binary);
}

TEST_CASE("a recorded host run that read stdin replays into the RISC-V build, and RISC-V runs are not recorded")
{
    TemporaryDirectory directory;
    std::string binary = binary_input();
    struct Case {
        const char* name;
        std::vector<std::string> arguments;
        std::string input;
    };
    for (const auto& test : { Case { "cat", { "cat", "-" }, binary }, Case { "lines", { "3" }, "a\nb\nc\nd\n" } }) {
        CAPTURE(test.name);
        std::string guest = std::string(test.name) == "cat" ? "files" : "read_lines";
        std::string trace = directory.path() + "/" + test.name + ".trace";
        std::vector<std::string> record { "--record", trace, guest_path(guest) };
        record.insert(record.end(), test.arguments.begin(), test.arguments.end());
        auto recorded = run_zeroos(record, test.input);
        REQUIRE(recorded.status == 0);
        // The replay feeds the recorded stdin, not its own.
        auto replayed = run_program({ ZEROOS_REPLAY, trace, "--riscv", guest_path(guest + ".rv64") }, "other input\n");
        CHECK(replayed.status == 0);
        CHECK(replayed.out == recorded.out);
        CHECK(replayed.err.find("the RISC-V build matches the recording") != std::string::npos);
    }
    auto refused = run_zeroos({ "--record", directory.path() + "/riscv.trace", guest_path("read_lines.rv64") }, "a\n");
    CHECK(refused.status == 2);
    CHECK(refused.err
        == "zeroos-run: --record records host runs; record the x86-64 build and replay it into the vApp with zeroos-replay --riscv\n");
}

#endif
