#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace zeroos {
class Kernel;
}

namespace zeroos::tracer {

// Runs the guest, stopped at its exec event with the arena mapped, until the run ends: every
// system call stops under PTRACE_SYSEMU (the host never executes it) and is served by the kernel.
// The guest is dead and reaped when this returns the exit status zeroos-run should exit with.
int run_stop_loop(Kernel&, pid_t guest);

// The stopped guest's stack, one line per frame ("  #1  0x... in caller at file.c:12"), innermost
// first (tracer/backtrace.cpp: libunwind-ptrace and libdwfl).
// `at_fault`: the guest is stopped at a faulting instruction rather than after a syscall.
std::vector<std::string> guest_backtrace(pid_t guest, bool at_fault = false);
// Prints guest_backtrace on stderr: after a crash, a fatal signal or a fail-fast stop.
void report_guest_backtrace(pid_t guest, bool at_fault = false);

// --stop-on-fail: a guest that crashes or fails fast is left stopped (SIGSTOP) and detached, for
// gdb -p, instead of killed.
void set_stop_on_fail(bool);

} // namespace zeroos::tracer
