#pragma once

#include <string>
#include <sys/types.h>

namespace zeroos::tracer {

// SIGINT, SIGTERM and SIGHUP to zeroos-run end the guest: the handler SIGKILLs it at once (so a
// blocking waitpid returns) and remembers the signal; the stop loop then exits with 128 + signal.
// SIGPIPE is ignored so a closed stdout becomes EPIPE for the guest instead of killing the tracer.
void install_signal_handlers();
void set_guest_for_signals(pid_t guest);
// The signal that asked zeroos-run to stop, or 0.
int interrupting_signal();
// --timeout: after `seconds` of wall-clock time (none when 0) the guest is SIGKILLed the same way,
// and timed_out() says so. The timer runs in zeroos-run, so a guest that never makes a syscall is
// stopped as surely as one that blocks.
void arm_timeout(unsigned seconds);
bool timed_out();
// Either of the above: host I/O interrupted by a signal gives up instead of retrying, so neither
// a stdin nobody writes nor a stdout nobody reads holds the run past them.
bool stop_requested();
// Blocks until the host fd has `events` (poll's) or a stop is requested; false for the latter.
// The interrupting signals are blocked from the check until ppoll, so one arriving just before the
// wait still ends it: a blocking read(2) after a plain check could sleep forever.
bool wait_for_host_fd(int fd, short events);

// "SIGABRT (Aborted)"; "signal 42" for numbers without a name.
std::string describe_signal(int signal);

} // namespace zeroos::tracer
