#include "signals.h"

#include <atomic>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/time.h>

namespace zeroos::tracer {

namespace {

    std::atomic<pid_t> guest_pid { -1 };
    std::atomic<int> received_signal { 0 };
    std::atomic<bool> timeout_expired { false };

    void on_interrupt(int signal)
    {
        int expected = 0;
        received_signal.compare_exchange_strong(expected, signal);
        pid_t guest = guest_pid.load();
        if (guest > 0)
            kill(guest, SIGKILL);
    }

    constexpr int kInterruptingSignals[] = { SIGINT, SIGTERM, SIGHUP, SIGALRM };

    void on_timeout(int)
    {
        timeout_expired.store(true);
        pid_t guest = guest_pid.load();
        if (guest > 0)
            kill(guest, SIGKILL);
    }

} // namespace

void install_signal_handlers()
{
    struct sigaction action { };
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    for (int signal : kInterruptingSignals)
        if (signal != SIGALRM) // armed by --timeout
            sigaction(signal, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

void set_guest_for_signals(pid_t guest)
{
    guest_pid.store(guest);
    // A signal that came before the guest existed still ends it.
    if (received_signal.load() != 0 && guest > 0)
        kill(guest, SIGKILL);
}

int interrupting_signal() { return received_signal.load(); }

void arm_timeout(unsigned seconds)
{
    if (seconds == 0)
        return;
    struct sigaction action { };
    action.sa_handler = on_timeout;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, nullptr);
    itimerval timer {};
    timer.it_value.tv_sec = seconds;
    setitimer(ITIMER_REAL, &timer, nullptr);
}

bool timed_out() { return timeout_expired.load(); }

bool stop_requested() { return interrupting_signal() != 0 || timed_out(); }

bool wait_for_host_fd(int fd, short events)
{
    sigset_t interrupting, previous;
    sigemptyset(&interrupting);
    for (int signal : kInterruptingSignals)
        sigaddset(&interrupting, signal);
    sigprocmask(SIG_BLOCK, &interrupting, &previous);
    while (!stop_requested()) {
        pollfd ready { fd, events, 0 };
        if (ppoll(&ready, 1, nullptr, &previous) > 0 || errno != EINTR)
            break; // ready, or an error read(2) or write(2) will report
    }
    sigprocmask(SIG_SETMASK, &previous, nullptr);
    return !stop_requested();
}

std::string describe_signal(int signal)
{
    const char* abbreviation = sigabbrev_np(signal);
    const char* description = sigdescr_np(signal);
    if (!abbreviation)
        return "signal " + std::to_string(signal);
    std::string text = std::string("SIG") + abbreviation;
    if (description)
        text += std::string(" (") + description + ")";
    return text;
}

} // namespace zeroos::tracer
