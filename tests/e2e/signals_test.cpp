// zeroos-run's own death: SIGINT/SIGTERM end the guest cleanly, SIGKILL leaves no orphan.
#include "process.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <string>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

// zeroos-run with a guest that has said "ready" and now blocks reading the stdin we hold open (or,
// given another guest, has printed `ready` and runs on).
struct BlockedGuest {
    pid_t tracer = -1;
    pid_t guest = -1;
    int stdin_fd = -1;
    int stdout_fd = -1;

    explicit BlockedGuest(
        const std::string& program = "wait_for_input", const char* argument = nullptr, const std::string& ready = "ready\n")
    {
        int in[2], out[2];
        REQUIRE(pipe2(in, O_CLOEXEC) == 0);
        REQUIRE(pipe2(out, O_CLOEXEC) == 0);
        tracer = fork();
        REQUIRE(tracer >= 0);
        if (tracer == 0) {
            dup2(in[0], 0);
            dup2(out[1], 1);
            std::string guest_program = guest_path(program);
            char* argv[] = { const_cast<char*>(ZEROOS_RUN), guest_program.data(), const_cast<char*>(argument), nullptr };
            char* envp[] = { nullptr };
            execve(argv[0], argv, envp);
            _exit(127);
        }
        close(in[0]);
        close(out[1]);
        stdin_fd = in[1];
        stdout_fd = out[0];
        std::string said(ready.size(), '\0');
        for (size_t got = 0; got < said.size();) { // blocks until the guest has started
            ssize_t count = read(stdout_fd, said.data() + got, said.size() - got);
            REQUIRE(count > 0);
            got += static_cast<size_t>(count);
        }
        REQUIRE(said == ready);
        std::ifstream children("/proc/" + std::to_string(tracer) + "/task/" + std::to_string(tracer) + "/children");
        children >> guest;
        REQUIRE(guest > 0);
    }

    ~BlockedGuest()
    {
        close(stdin_fd);
        close(stdout_fd);
    }

    int wait_for_tracer()
    {
        int status = 0;
        REQUIRE(waitpid(tracer, &status, 0) == tracer);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    // The guest is gone or a zombie: it runs no more.
    bool guest_is_dead() const
    {
        std::ifstream stat("/proc/" + std::to_string(guest) + "/stat");
        std::string pid, name, state;
        if (!(stat >> pid >> name >> state))
            return true;
        return state == "Z" || state == "X";
    }
};

// Sends `signal` to zeroos-run: it must end with 128 + signal and take the guest with it.
void check_signal_ends_run(BlockedGuest& run, int signal)
{
    REQUIRE(kill(run.tracer, signal) == 0);
    CHECK(run.wait_for_tracer() == 128 + signal);
    CHECK(run.guest_is_dead());
}

// SIGKILL of zeroos-run: PTRACE_O_EXITKILL must kill the guest as the tracer goes. The guest is
// not our child: a pidfd tells when it has exited.
void check_sigkill_leaves_no_guest(BlockedGuest& run)
{
    int guest = static_cast<int>(syscall(SYS_pidfd_open, run.guest, 0));
    REQUIRE(guest >= 0);
    REQUIRE(kill(run.tracer, SIGKILL) == 0);
    CHECK(run.wait_for_tracer() == 128 + SIGKILL);
    pollfd exited { guest, POLLIN, 0 };
    CHECK(poll(&exited, 1, 10'000) == 1);
    CHECK(run.guest_is_dead());
    close(guest);
}

} // namespace

TEST_CASE("SIGTERM and SIGINT to zeroos-run end the guest and report 128 + signal")
{
    for (int signal : { SIGTERM, SIGINT }) {
        CAPTURE(signal);
        BlockedGuest run;
        check_signal_ends_run(run, signal);
    }
}

TEST_CASE("SIGKILL of zeroos-run leaves no guest running")
{
    BlockedGuest run;
    check_sigkill_leaves_no_guest(run);
}

TEST_CASE("a guest spinning without system calls never starves zeroos-run's signal handling")
{
    for (int signal : { SIGTERM, SIGINT }) {
        CAPTURE(signal);
        BlockedGuest run("hostile_limits", "spin", "spinning\n");
        check_signal_ends_run(run, signal);
    }
}

TEST_CASE("SIGKILL of zeroos-run kills a spinning guest too")
{
    BlockedGuest run("hostile_limits", "spin", "spinning\n");
    check_sigkill_leaves_no_guest(run);
}

TEST_CASE("a guest reading stdin gets exactly what was written")
{
    auto run = run_zeroos({ guest_path("wait_for_input-glibc") }, std::string(100000, 'x'));
    CHECK(run.out == "ready\nreading\ngot 100000 bytes\n");
    CHECK(run.status == 0);
}

TEST_CASE("a thread bomb ends at max-threads with EAGAIN")
{
    auto libc = GENERATE(as<std::string> {}, "glibc", "musl");
    auto bomb = run_zeroos({ "--max-threads", "64", guest_path(host_build("hostile_threads", libc)), "bomb" });
    CHECK(bomb.status == 0);
    CHECK(bomb.out == "created 63 threads, then: EAGAIN\n");
}

TEST_CASE("a storm of spinning threads never starves zeroos-run's signal handling")
{
    for (int signal : { SIGTERM, SIGINT }) {
        CAPTURE(signal);
        BlockedGuest run("hostile_threads", "storm");
        check_signal_ends_run(run, signal);
    }
}
