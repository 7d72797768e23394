#pragma once

#include "arch_abi.h"
#include "base/result.h"
#include "signals/linux_abi.h"

namespace zeroos {

class Kernel;

// Signal dispositions, the mask, pending signals and the alternate stack, as the guest set them.
// Only one thread exists, so the mask and the pending set are the process's.
class SignalState {
public:
    const KernelSigaction& action(int signal) const { return actions_[signal - 1]; }
    void set_action(int signal, const KernelSigaction&);

    u64 blocked() const { return blocked_; }
    // SIGKILL and SIGSTOP are silently left out, as Linux does.
    void set_blocked(u64 mask) { blocked_ = mask & ~kUnblockableSignals; }
    u64 pending() const { return pending_; }

    const LinuxStack& alternate_stack() const { return alternate_stack_; }
    void set_alternate_stack(const LinuxStack& stack) { alternate_stack_ = stack; }

    // Sends `signal` (1..64) to the process: queued while blocked, otherwise acted on at once (see
    // deliver). May end the run through process().kill_by_signal.
    ErrorOr<void> send(Kernel&, int signal);
    // Acts on every pending signal the mask no longer blocks, lowest number first.
    ErrorOr<void> deliver_unblocked(Kernel&);

private:
    ErrorOr<void> deliver(Kernel&, int signal);

    KernelSigaction actions_[kSignalCount] = {};
    u64 blocked_ = 0;
    u64 pending_ = 0;
    LinuxStack alternate_stack_ { 0, abi::ss_disable, 0, 0 };
};

} // namespace zeroos
