#pragma once

#include "base/attention.h"
#include "base/types.h"
#include "proc/linux_abi.h"

namespace zeroos {

struct BootConfig;

// Identity, limits and the end of the (single) ZeroOS process.
class ProcessState {
public:
    static constexpr int kPid = 1;
    static constexpr int kMainTid = 1;

    explicit ProcessState(Attention& attention)
        : attention_(attention)
    {
    }

    // Sets the limits and the task name from the boot configuration and the guest arena size.
    void init(const BootConfig&, u64 arena_size);

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

    // Resource limits (RLIMIT_*; resource < RLIM_NLIMITS). The fd table should honour
    // limit(RLIMIT_NOFILE).rlim_cur.
    const LinuxRlimit& limit(int resource) const { return limits_[resource]; }
    void set_limit(int resource, LinuxRlimit value) { limits_[resource] = value; }

    // prctl PR_SET_NAME/PR_GET_NAME: at most 15 bytes and a NUL.
    const char* name() const { return name_; }
    void set_name(const char* name, size_t length);
    bool dumpable() const { return dumpable_; }
    void set_dumpable(bool value) { dumpable_ = value; }

private:
    enum class State { Running, Exited, Signaled, Failed };
    Attention& attention_; // raised when the run ends
    State state_ = State::Running;
    int code_ = 0;
    LinuxRlimit limits_[abi::rlim_nlimits] = {};
    char name_[kTaskNameLength] = {};
    bool dumpable_ = true;
};

} // namespace zeroos
