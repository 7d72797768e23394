#include "proc/process.h"

namespace zeroos {

void ProcessState::exit(int status)
{
    state_ = State::Exited;
    code_ = status & 0xff;
}

void ProcessState::kill_by_signal(int signal)
{
    state_ = State::Signaled;
    code_ = signal;
}

void ProcessState::fail(int status)
{
    state_ = State::Failed;
    code_ = status;
}

int ProcessState::exit_status() const
{
    if (state_ == State::Signaled)
        return 128 + code_;
    return code_;
}

} // namespace zeroos
