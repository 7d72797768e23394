#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace zeroos::tracer {

struct SpawnRequest {
    std::string program; // path to execute, also argv[0]
    std::vector<std::string> arguments; // argv[1...]
    std::vector<std::string> environment; // the guest's whole environment, K=V
    int inherited_fd = -1; // the one descriptor past stderr the guest keeps across exec (the arena)
};

struct SpawnResult {
    pid_t pid = -1; // the guest, stopped at its PTRACE_EVENT_EXEC stop; -1 on failure
    int exit_status = 0; // on failure
    std::string error; // on failure: one line without "zeroos-run: "
};

// Pins the tracer to the CPU it is running on (the guest inherits it): a ptrace round trip between
// two processes on one CPU is much cheaper than across CPUs.
void pin_to_current_cpu();

// Whether PR_SET_TSC(PR_TSC_SIGSEGV) really makes rdtsc fault on this host (tested in a child).
bool rdtsc_trapping_works();

// Forks and execs the program under ptrace with PTRACE_O_EXITKILL | TRACEEXEC | TRACESYSGOOD,
// address randomisation off (rdtsc trapping is decided at the exec stop: rdtsc_trap.h), and none of zeroos-run's descriptors but
// stdin, stdout, stderr and `inherited_fd`; returns once the new image is stopped at
// the syscall-exit stop of its execve.
SpawnResult spawn_traced(const SpawnRequest&);

// Kills a traced guest and waits until it is gone (EINTR-safe).
void kill_and_reap(pid_t guest);

} // namespace zeroos::tracer
