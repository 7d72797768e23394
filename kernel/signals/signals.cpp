#include "signals/signals.h"

#include "kernel.h"

namespace zeroos {

namespace {

    enum class DefaultAction { Terminate, Ignore, Stop };

    DefaultAction default_action(int signal)
    {
        switch (signal) {
#define ZEROOS_SIGNAL_DEFAULT(name, number, action)                                                                                        \
    case number:                                                                                                                           \
        return DefaultAction::action;
            ZEROOS_SIGNAL_LIST(ZEROOS_SIGNAL_DEFAULT)
#undef ZEROOS_SIGNAL_DEFAULT
        }
        return DefaultAction::Terminate; // real-time signals
    }

    // Reports must be string literals, so one per signal.
    Error handler_unsupported(int signal)
    {
        switch (signal) {
#define ZEROOS_SIGNAL_HANDLER_MESSAGE(name, number, action)                                                                                \
    case number:                                                                                                                           \
        return Error::unsupported("delivering SIG" #name " to a guest handler is not supported yet");
            ZEROOS_SIGNAL_LIST(ZEROOS_SIGNAL_HANDLER_MESSAGE)
#undef ZEROOS_SIGNAL_HANDLER_MESSAGE
        }
        // glibc's SIGCANCEL is 32 and musl's 33 (SIGRTMIN - 2 and - 1 as their programs see it).
        if (signal == 32 || signal == 33)
            return Error::unsupported("pthread_cancel's signal (SIGCANCEL, real-time signal 32/33) cannot reach its guest handler: signal "
                                      "delivery to handlers is not supported yet");
        return Error::unsupported("delivering a real-time signal to a guest handler is not supported yet");
    }

    bool is_ignored(const KernelSigaction& action, int signal)
    {
        return action.handler == kSigIgnore || (action.handler == kSigDefault && default_action(signal) == DefaultAction::Ignore);
    }

} // namespace

void SignalState::set_action(int signal, const KernelSigaction& action)
{
    actions_[signal - 1] = action;
    actions_[signal - 1].mask &= ~kUnblockableSignals;
    // POSIX: setting a disposition that ignores the signal discards it if pending.
    if (is_ignored(action, signal))
        pending_ &= ~signal_bit(signal);
}

ErrorOr<void> SignalState::send(Kernel& kernel, int signal)
{
    if (blocked_ & signal_bit(signal)) {
        // A blocked signal waits, even one that is ignored now: the disposition may change.
        pending_ |= signal_bit(signal);
        return {};
    }
    return deliver(kernel, signal);
}

ErrorOr<void> SignalState::deliver_unblocked(Kernel& kernel)
{
    for (int signal = 1; signal <= kSignalCount && !kernel.process().has_exited(); ++signal) {
        u64 bit = signal_bit(signal);
        if ((pending_ & bit) && !(blocked_ & bit)) {
            pending_ &= ~bit;
            TRY(deliver(kernel, signal));
        }
    }
    return {};
}

ErrorOr<void> SignalState::deliver(Kernel& kernel, int signal)
{
    const KernelSigaction& action = actions_[signal - 1];
    // SIGKILL and SIGSTOP always take their default action (their disposition cannot be set).
    if (is_ignored(action, signal) && signal != abi::sigkill && signal != abi::sigstop)
        return {};
    if (action.handler != kSigDefault && action.handler != kSigIgnore && signal != abi::sigkill && signal != abi::sigstop)
        return handler_unsupported(signal);
    if (default_action(signal) == DefaultAction::Stop)
        return Error::unsupported("stopping the process (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) is not supported: nothing could continue it");
    kernel.process().kill_by_signal(signal);
    return {};
}

} // namespace zeroos
