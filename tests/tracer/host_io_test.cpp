#include "host_io.h"
#include "signals.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace zeroos::tracer;

// A SIGTERM whose handler ran just before the tracer blocks on the guest's stdin must still end
// the read (an interrupted recording once hung there, its guest already killed). Raising it first
// makes "just before" certain; a child runs it, as the handlers are process-wide, and alarm(10)
// kills the child if the read sleeps.
TEST_CASE("a stop signal that came just before a stdin read ends the read")
{
    int pipe_ends[2];
    REQUIRE(pipe(pipe_ends) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        alarm(10);
        dup2(pipe_ends[0], 0);
        install_signal_handlers();
        raise(SIGTERM);
        char byte = 0;
        long result = read_host_stdin(&byte, 1);
        _exit(result == -EINTR && interrupting_signal() == SIGTERM ? 0 : 1);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
