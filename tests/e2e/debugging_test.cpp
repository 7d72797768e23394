// --trace, --stats, crash reports and --stop-on-fail: what zeroos-run shows a developer.
#include "process.h"

#include <algorithm>
#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <poll.h>
#include <regex>
#include <sstream>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

const char* const kTracedLines = //
    "write(1, \"hello\\n\", 6) = 6\n"
    "openat(AT_FDCWD, \"x\", O_RDONLY) = -1 ENOENT (No such file or directory)\n"
    "openat(AT_FDCWD, \"/tmp/f\", O_WRONLY|O_CREAT|O_CLOEXEC, 0644) = 3\n"
    "write(3, \"data\\tmore\\n\", 10) = 10\n"
    "close(3) = 0\n"
    "openat(AT_FDCWD, \"/tmp/f\", O_RDONLY) = 3\n"
    "read(3, \"data\\tmore\\n\", 64) = 10\n"
    "fstat(3, {st_mode=S_IFREG|0644, st_size=10, ...}) = 0\n"
    "close(3) = 0\n"
    "read(99, NULL, 1) = -1 EBADF (Bad file descriptor)\n"
    "write(1, \"01234567890123456789012345678901\"..., 41) = 41\n";

std::vector<std::string> traced_guests()
{
    std::vector<std::string> guests { guest_path("traced-glibc"), guest_path("traced") };
#ifdef ZEROOS_RISCV_ENABLED
    guests.push_back(guest_path("traced.rv64"));
#endif
    return guests;
}

} // namespace

TEST_CASE("trace: prints each selected syscall decoded and the same on every target")
{
    for (const auto& guest : traced_guests()) {
        CAPTURE(guest);
        auto run = run_zeroos({ "--trace=openat,write,read,close,fstat", guest });
        CHECK(run.status == 0);
        CHECK(run.out == "hello\n0123456789012345678901234567890123456789\n");
        CHECK(run.err == kTracedLines);
    }
}

TEST_CASE("trace: classes select by the syscall list's arguments and groups")
{
    auto files = run_zeroos({ "--trace=%file", guest_path("traced") });
    CHECK(files.err
        == "openat(AT_FDCWD, \"x\", O_RDONLY) = -1 ENOENT (No such file or directory)\n"
           "openat(AT_FDCWD, \"/tmp/f\", O_WRONLY|O_CREAT|O_CLOEXEC, 0644) = 3\n"
           "openat(AT_FDCWD, \"/tmp/f\", O_RDONLY) = 3\n");

    auto everything = run_zeroos({ "-t", guest_path("traced") });
    CHECK(everything.err.find("openat(AT_FDCWD, \"x\", O_RDONLY)") != std::string::npos);
    CHECK(everything.err.ends_with("exit_group(0) = ?\n"));

    auto unknown = run_zeroos({ "--trace=openat,nosuchcall", guest_path("traced") });
    CHECK(unknown.status == 2);
    CHECK(unknown.err
        == "zeroos-run: --trace: 'nosuchcall' is neither a system call of ZeroOS nor a class (names as in docs/syscalls.md: openat, not "
           "open)\n");
}

TEST_CASE("trace: a trace file receives the lines")
{
    TemporaryDirectory directory;
    std::string file = directory.path() + "/trace.txt";
    auto run = run_zeroos({ "--trace=openat,write,read,close,fstat", "--trace-file", file, guest_path("traced") });
    CHECK(run.status == 0);
    CHECK(run.err == "");
    CHECK(read_host_file(file) == kTracedLines);
}

TEST_CASE("stats: a table of calls and errors per syscall")
{
    std::vector<std::string> guests { guest_path("traced") };
#ifdef ZEROOS_RISCV_ENABLED
    guests.push_back(guest_path("traced.rv64"));
#endif
    for (const auto& guest : guests) {
        CAPTURE(guest);
        bool riscv = guest.ends_with(".rv64");
        auto run = run_zeroos({ "--stats", guest });
        CHECK(run.status == 0);
        std::istringstream lines(run.err);
        std::vector<std::string> table;
        for (std::string line; std::getline(lines, line);)
            table.push_back(line);
        REQUIRE(table.size() >= 5);
        CHECK(table[0]
            == (riscv ? "% cost    total instr  instr/call     calls    errors syscall"
                      : "% cost       total ns     ns/call     calls    errors syscall"));
        CHECK(table[1] == "------ -------------- ----------- --------- --------- ----------------");
        std::regex row(R"( *\d+\.\d\d +\d+ +\d+ +(\d+) +(\d*) ([a-z_0-9]+))");
        std::map<std::string, std::pair<std::string, std::string>> calls;
        size_t index = 2;
        for (; index < table.size() && table[index][0] != '-'; ++index) {
            std::smatch match;
            CAPTURE(table[index]);
            REQUIRE(std::regex_match(table[index], match, row));
            calls[match[3]] = { match[1], match[2] };
        }
        CHECK(calls["openat"] == std::make_pair(std::string("3"), std::string("1")));
        CHECK(calls["write"] == std::make_pair(std::string("3"), std::string("")));
        CHECK(calls["read"] == std::make_pair(std::string("2"), std::string("1")));
        CHECK(calls["close"] == std::make_pair(std::string("2"), std::string("")));
        REQUIRE(index + 1 < table.size());
        CHECK(std::regex_match(table[index + 1], std::regex(R"(100\.00 +\d+ +\d+ +2 total)")));
        if (riscv)
            CHECK(std::regex_match(table.back(), std::regex(R"(zeroos-run: instructions retired: \d+)")));
    }
}

TEST_CASE("a crashing guest's report names the faulting function and its caller")
{
    auto libc = GENERATE(as<std::string> {}, "glibc", "musl");
    auto run = run_zeroos({ guest_path(host_build("crash", libc)) });
    CHECK(run.status == 139);
    CAPTURE(run.err);
    CHECK(std::regex_search(run.err,
        std::regex("^zeroos-run: guest crashed: SIGSEGV \\(Segmentation fault\\) at address 0x1000000, pc 0x[0-9a-f]+\n"
                   "zeroos-run: guest backtrace:\n"
                   "  #0  0x[0-9a-f]+ in crash_here at [^ ]*/crash\\.c:8\n"
                   "  #1  0x[0-9a-f]+ in caller\\+0x[0-9a-f]+ at [^ ]*/crash\\.c:14\n")));
}

TEST_CASE("an abort names abort in the backtrace")
{
    auto run = run_zeroos({ guest_path("crash-glibc"), "abort" });
    CHECK(run.status == 134);
    CAPTURE(run.err);
    CHECK(run.err.rfind("zeroos-run: guest killed by signal SIGABRT (Aborted) it raised itself at pc 0x", 0) == 0);
    CHECK(std::regex_search(run.err, std::regex("\n  #[0-9]+ +0x[0-9a-f]+ in abort\\+0x[0-9a-f]+\n")));
    CHECK(std::regex_search(run.err, std::regex("\n  #[0-9]+ +0x[0-9a-f]+ in main[.a-z]*\\+?[0-9a-fx]* at [^ ]*/crash\\.c:21\n")));
}

namespace {

// zeroos-run --stop-on-fail GUEST with the guest's stdout in `stdout_path`, read up to the line
// that names the stopped guest.
struct StoppedGuest {
    pid_t tracer;
    pid_t guest;
    std::string report; // zeroos-run's stderr so far
};

StoppedGuest start_until_stopped(const std::string& guest, const std::string& stdout_path)
{
    int err[2];
    REQUIRE(pipe(err) == 0);
    pid_t tracer = fork();
    if (tracer == 0) {
        dup2(err[1], 2);
        int null = open("/dev/null", O_RDWR);
        int out = open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(null, 0);
        dup2(out, 1);
        dup2(null, 7); // a descriptor zeroos-run is started with, which the guest must not inherit
        std::string program = guest;
        char* argv[] = { const_cast<char*>(ZEROOS_RUN), const_cast<char*>("--stop-on-fail"), program.data(), nullptr };
        char* envp[] = { nullptr };
        execve(argv[0], argv, envp);
        _exit(127);
    }
    close(err[1]);
    // zeroos-run prints the gdb line, then waits for the guest to end: read up to that line.
    std::string text;
    std::smatch match;
    std::regex ready("pid ([0-9]+); debug it with:\n  gdb -p ([0-9]+)\n$");
    char buffer[4096];
    while (!std::regex_search(text, match, ready)) {
        ssize_t count = read(err[0], buffer, sizeof buffer);
        REQUIRE(count > 0);
        text.append(buffer, static_cast<size_t>(count));
    }
    close(err[0]);
    CHECK(match[1] == match[2]);
    return StoppedGuest { tracer, std::stoi(match[1]), text };
}

int exit_status_of(pid_t tracer)
{
    int status = 0;
    REQUIRE(waitpid(tracer, &status, 0) == tracer);
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
}

} // namespace

TEST_CASE("stop-on-fail leaves the crashed guest stopped and detached for gdb")
{
    TemporaryDirectory directory;
    auto stopped = start_until_stopped(guest_path("crash"), directory.path() + "/out");
    CHECK(stopped.report.find("in crash_here at ") != std::string::npos);
    std::string stat = read_host_file("/proc/" + std::to_string(stopped.guest) + "/stat");
    CHECK(stat.substr(stat.rfind(')') + 2, 1) == "T"); // stopped, and not traced ("t") any more
    CHECK(read_host_file("/proc/" + std::to_string(stopped.guest) + "/status").find("TracerPid:\t0\n") != std::string::npos);
    kill(stopped.guest, SIGKILL);
    CHECK(exit_status_of(stopped.tracer) == 139);
}

TEST_CASE("a guest left stopped by stop-on-fail dies at its next system call when something continues it")
{
    // Stopped at its unsupported call; continued, it would print "after" through the host.
    TemporaryDirectory directory;
    auto stopped = start_until_stopped(guest_path("unsupported"), directory.path() + "/out");
    CHECK(stopped.report.rfind("zeroos: unsupported syscall io_setup(", 0) == 0);
    std::vector<std::string> descriptors;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/" + std::to_string(stopped.guest) + "/fd"))
        descriptors.push_back(entry.path().filename());
    std::sort(descriptors.begin(), descriptors.end());
    CHECK(descriptors == std::vector<std::string> { "0", "1", "2" });
    REQUIRE(kill(stopped.guest, SIGCONT) == 0);
    CHECK(exit_status_of(stopped.tracer) == 70);
    CHECK(read_host_file(directory.path() + "/out") == "before\n");
    CHECK_FALSE(std::filesystem::exists("/proc/" + std::to_string(stopped.guest)));
}

TEST_CASE("trace lines name the calling thread once the guest has more than one")
{
    auto libc = GENERATE(as<std::string> {}, "musl", "glibc");
    auto run = run_zeroos({ "--trace=clone,exit,exit_group", example_path(host_build("threads", libc)) });
    CHECK(run.status == 0);
    CHECK(run.err.rfind("[tid 1] clone(", 0) == 0);
    for (int tid = 2; tid <= 5; ++tid)
        CHECK(run.err.find("[tid " + std::to_string(tid) + "] exit(0) = ? <blocked>\n") != std::string::npos);
    CHECK(run.err.find("[tid 1] exit_group(0) = ?\n") != std::string::npos);
}

#ifdef ZEROOS_RISCV_ENABLED
TEST_CASE("gdb PORT starts the RISC-V vApp halted behind qemu's gdb server")
{
    int port = 30000 + static_cast<int>(getpid() % 20000);
    int err[2];
    REQUIRE(pipe(err) == 0);
    pid_t runner = fork();
    REQUIRE(runner >= 0);
    if (runner == 0) {
        dup2(err[1], 2);
        close(err[0]);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        std::string vapp = example_path("hello.rv64"), port_text = std::to_string(port);
        char* argv[] = { const_cast<char*>(ZEROOS_RUN), const_cast<char*>("--gdb"), port_text.data(), vapp.data(), nullptr };
        char* envp[] = { nullptr };
        execve(argv[0], argv, envp);
        _exit(127);
    }
    close(err[1]);
    // The two lines zeroos-run prints before qemu waits: then the port is listening.
    std::string said;
    char byte;
    while (std::count(said.begin(), said.end(), '\n') < 2 && read(err[0], &byte, 1) == 1)
        said.push_back(byte);
    CHECK(said
        == "zeroos-run: qemu waits for gdb on port " + std::to_string(port) + "; connect with:\n  gdb-multiarch "
            + example_path("hello.rv64") + " -ex 'target remote localhost:" + std::to_string(port) + "'\n");
    // Halted at the first instruction: no output until a debugger says so. A gdb "kill" packet ends it.
    int connection = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool connected = false;
    for (int attempt = 0; attempt < 200 && !connected; ++attempt) {
        connected = connect(connection, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        if (!connected)
            poll(nullptr, 0, 10); // qemu opens the port just after the line is printed
    }
    REQUIRE(connected);
    REQUIRE(write(connection, "$k#6b", 5) == 5);
    close(connection);
    int status = 0;
    REQUIRE(waitpid(runner, &status, 0) == runner);
    close(err[0]);
    CHECK(WIFEXITED(status));
}
#endif
