#include "spawn.h"

#include "exit_codes.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sched.h>
#include <spdlog/spdlog.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

namespace zeroos::tracer {

namespace {

    std::vector<char*> to_pointer_array(std::vector<std::string>& strings)
    {
        std::vector<char*> pointers;
        for (auto& text : strings)
            pointers.push_back(text.data());
        pointers.push_back(nullptr);
        return pointers;
    }

    // In the child between fork and exec: only async-signal-safe calls.
    [[noreturn]] void fail_in_child(int report_fd)
    {
        int error = errno;
        ssize_t ignored = write(report_fd, &error, sizeof(error));
        (void)ignored;
        _exit(exit_code::kCannotExecute);
    }

    [[noreturn]] void become_guest(const char* path, char* const* argv, char* const* envp, int report_fd, int inherited_fd)
    {
        // Whatever zeroos-run holds (or was started with) stays out of the guest's process: its
        // syscalls never reach the host, but a debugger's or a confinement failure's might.
        if (close_range(3, ~0u, CLOSE_RANGE_CLOEXEC) != 0 || (inherited_fd >= 0 && fcntl(inherited_fd, F_SETFD, 0) != 0))
            fail_in_child(report_fd);
        // The tracer ignores SIGPIPE; an ignored disposition would survive exec.
        signal(SIGPIPE, SIG_DFL);
        // Ctrl-C reaches zeroos-run, which then ends the guest itself.
        setpgid(0, 0);
        if (personality(ADDR_NO_RANDOMIZE) == -1)
            fail_in_child(report_fd);
        if (ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) != 0)
            fail_in_child(report_fd);
        raise(SIGSTOP);
        execve(path, argv, envp);
        fail_in_child(report_fd);
    }

    std::string wait_error(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

    SpawnResult failure(int exit_status, std::string error) { return SpawnResult { -1, exit_status, std::move(error) }; }

    // Waits for the next stop of the child; kills and reaps it on anything else.
    bool wait_for_stop(pid_t pid, int& status, std::string& error)
    {
        for (;;) {
            pid_t waited = waitpid(pid, &status, __WALL);
            if (waited == pid)
                break;
            if (waited < 0 && errno == EINTR)
                continue;
            error = wait_error("waitpid");
            return false;
        }
        if (WIFSTOPPED(status))
            return true;
        error = WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                  : std::string("was killed by signal ") + strsignal(WTERMSIG(status));
        return false;
    }

} // namespace

void pin_to_current_cpu()
{
    int cpu = sched_getcpu();
    if (cpu < 0)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof(set), &set) != 0)
        spdlog::debug("cannot pin zeroos-run to CPU {}: {}", cpu, std::strerror(errno));
    else
        spdlog::debug("tracer and guest pinned to CPU {}", cpu);
}

bool rdtsc_trapping_works()
{
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        if (prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0) != 0)
            _exit(1);
        unsigned int low = 0, high = 0;
        asm volatile("rdtsc" : "=a"(low), "=d"(high));
        _exit(0);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

SpawnResult spawn_traced(const SpawnRequest& request)
{
    std::vector<std::string> argv_strings { request.program };
    argv_strings.insert(argv_strings.end(), request.arguments.begin(), request.arguments.end());
    std::vector<std::string> envp_strings = request.environment;
    std::vector<char*> argv = to_pointer_array(argv_strings);
    std::vector<char*> envp = to_pointer_array(envp_strings);

    // The child reports a failed exec through this pipe; a successful exec closes it.
    int report_pipe[2];
    if (pipe2(report_pipe, O_CLOEXEC) != 0)
        return failure(exit_code::kSoftware, wait_error("pipe2"));

    pid_t pid = fork();
    if (pid < 0) {
        close(report_pipe[0]);
        close(report_pipe[1]);
        return failure(exit_code::kSoftware, wait_error("fork"));
    }
    if (pid == 0) {
        close(report_pipe[0]);
        become_guest(request.program.c_str(), argv.data(), envp.data(), report_pipe[1], request.inherited_fd);
    }
    close(report_pipe[1]);

    auto child_failed = [&](std::string what, bool reaped) {
        if (!reaped) {
            kill(pid, SIGKILL);
            int ignored = 0;
            while (waitpid(pid, &ignored, __WALL) < 0 && errno == EINTR) { }
        }
        int error = 0;
        ssize_t count = read(report_pipe[0], &error, sizeof(error));
        close(report_pipe[0]);
        if (count == sizeof(error))
            return failure(error == ENOENT ? exit_code::kNotFound : exit_code::kCannotExecute,
                "cannot run " + request.program + ": " + std::strerror(error));
        return failure(exit_code::kSoftware, "starting the guest failed: " + what);
    };

    int status = 0;
    std::string error;
    if (!wait_for_stop(pid, status, error))
        return child_failed("the child " + error, true);
    if (WSTOPSIG(status) != SIGSTOP)
        return child_failed("the child stopped with signal " + std::to_string(WSTOPSIG(status)) + " before its exec", false);
    long options = PTRACE_O_EXITKILL | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESYSGOOD;
    if (ptrace(PTRACE_SETOPTIONS, pid, nullptr, reinterpret_cast<void*>(options)) != 0)
        return child_failed(wait_error("PTRACE_SETOPTIONS"), false);
    if (ptrace(PTRACE_CONT, pid, nullptr, nullptr) != 0)
        return child_failed(wait_error("PTRACE_CONT"), false);
    if (!wait_for_stop(pid, status, error))
        return child_failed("the child " + error, true);
    if (status >> 8 != (SIGTRAP | (PTRACE_EVENT_EXEC << 8)))
        return child_failed("the child stopped with signal " + std::to_string(WSTOPSIG(status)) + " before its exec", false);
    // The exec event stops inside execve: step to its syscall-exit stop, so the injected calls
    // and the stop loop start from a finished execve with the registers of the new image.
    if (ptrace(PTRACE_SYSCALL, pid, nullptr, nullptr) != 0)
        return child_failed(wait_error("PTRACE_SYSCALL"), false);
    if (!wait_for_stop(pid, status, error))
        return child_failed("the child " + error, true);
    if (WSTOPSIG(status) != (SIGTRAP | 0x80))
        return child_failed("the child stopped with signal " + std::to_string(WSTOPSIG(status)) + " at the end of its exec", false);
    close(report_pipe[0]);
    return SpawnResult { pid, 0, {} };
}

void kill_and_reap(pid_t guest)
{
    kill(guest, SIGKILL);
    for (;;) {
        int status = 0;
        pid_t waited = waitpid(guest, &status, __WALL);
        if (waited < 0 && errno == EINTR)
            continue;
        if (waited < 0 || WIFEXITED(status) || WIFSIGNALED(status))
            break;
    }
}

} // namespace zeroos::tracer
