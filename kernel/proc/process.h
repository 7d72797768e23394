#pragma once

#include "base/types.h"

namespace zeroos {

// Identity, limits and the end of the (single) ZeroOS process.
class ProcessState {
public:
    static constexpr int kPid = 1;

    // exit_group: the run ends with `status & 0xff`.
    void exit(int status);
    // A default-fatal signal (kill to self, abort): the run ends with 128 + signal.
    void kill_by_signal(int signal);
    // A fail-fast stop: the run ends with `status` (70), the report already printed.
    void fail(int status);

    bool has_exited() const { return state_ != State::Running; }
    // What the platform exits with: status, 128 + signal, or the fail-fast status.
    int exit_status() const;
    // The fatal signal when the run ended by one, else 0.
    int termination_signal() const { return state_ == State::Signaled ? code_ : 0; }
    bool failed() const { return state_ == State::Failed; }

private:
    enum class State { Running, Exited, Signaled, Failed };
    State state_ = State::Running;
    int code_ = 0;
};

} // namespace zeroos
