#pragma once

#include <sys/types.h>

namespace zeroos {
class Kernel;
}

namespace zeroos::tracer {

// Runs the guest, stopped at its exec event with the arena mapped, until the run ends: every
// system call stops under PTRACE_SYSEMU (the host never executes it) and is served by the kernel.
// The guest is dead and reaped when this returns the exit status zeroos-run should exit with.
int run_stop_loop(Kernel&, pid_t guest);

// Where the guest backtrace of a crash or fail-fast stop will be printed (libunwind-ptrace, later).
void report_guest_backtrace(pid_t guest);

} // namespace zeroos::tracer
