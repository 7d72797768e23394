#include "process.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr int kTimeoutMilliseconds = 120'000;

#ifdef ZEROOS_SANITIZED
// In the sanitizer tree a report from zeroos-run or zeroos-replay fails the test that ran it, even
// one that only checks for a non-zero status: a test must not pass because the tool crashed.
void fail_on_sanitizer_report(const std::vector<std::string>& argv, const RunResult& result)
{
    for (const char* mark : { "ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "SUMMARY: AddressSanitizer",
             "SUMMARY: UndefinedBehaviorSanitizer", ": runtime error: " })
        if (result.err.find(mark) != std::string::npos)
            throw std::runtime_error("sanitizer report from " + argv[0] + ":\n" + result.err);
}
#endif

} // namespace

RunResult run_program(const std::vector<std::string>& argv, const std::string& input, const std::vector<std::string>& environment)
{
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe2(in_pipe, O_CLOEXEC) || pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC))
        throw std::runtime_error("pipe failed");
    std::vector<char*> arguments, variables;
    for (const auto& argument : argv)
        arguments.push_back(const_cast<char*>(argument.c_str()));
    arguments.push_back(nullptr);
    for (const auto& variable : environment)
        variables.push_back(const_cast<char*>(variable.c_str()));
    variables.push_back(nullptr);

    pid_t child = fork();
    if (child < 0)
        throw std::runtime_error("fork failed");
    if (child == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        execve(arguments[0], arguments.data(), variables.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);

    RunResult result;
    size_t written = 0;
    int stdin_fd = in_pipe[1];
    if (input.empty()) {
        close(stdin_fd);
        stdin_fd = -1;
    }
    bool out_open = true, err_open = true;
    while (out_open || err_open) {
        pollfd fds[3] = { { out_pipe[0], POLLIN, 0 }, { err_pipe[0], POLLIN, 0 }, { stdin_fd, POLLOUT, 0 } };
        int ready = poll(fds, stdin_fd >= 0 ? 3 : 2, kTimeoutMilliseconds);
        if (ready == 0) {
            kill(child, SIGKILL);
            result.err += "\n[test harness: timed out]";
            break;
        }
        if (ready < 0 && errno == EINTR)
            continue;
        char buffer[65536];
        for (int i = 0; i < 2; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n <= 0)
                (i == 0 ? out_open : err_open) = false;
            else
                (i == 0 ? result.out : result.err).append(buffer, static_cast<size_t>(n));
        }
        if (stdin_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = write(stdin_fd, input.data() + written, input.size() - written);
            if (n > 0)
                written += static_cast<size_t>(n);
            if (n < 0 || written == input.size()) {
                close(stdin_fd);
                stdin_fd = -1;
            }
        }
        if (!out_open && !err_open)
            break;
    }
    if (stdin_fd >= 0)
        close(stdin_fd);
    close(out_pipe[0]);
    close(err_pipe[0]);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
#ifdef ZEROOS_SANITIZED
    fail_on_sanitizer_report(argv, result);
#endif
    return result;
}

RunResult run_zeroos(const std::vector<std::string>& arguments, const std::string& input)
{
    std::vector<std::string> argv { ZEROOS_RUN };
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return run_program(argv, input);
}

std::string example_path(const std::string& name) { return std::string(ZEROOS_EXAMPLES_DIR) + "/" + name; }
std::string guest_path(const std::string& name) { return std::string(ZEROOS_GUESTS_DIR) + "/" + name; }
std::string host_build(const std::string& name, const std::string& libc) { return libc == "musl" ? name : name + "-" + libc; }

TemporaryDirectory::TemporaryDirectory()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "zeroos-e2e-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory()
{
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string read_host_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

void write_host_file(const std::string& path, const std::string& contents)
{
    std::ofstream out(path, std::ios::binary);
    out << contents;
}
