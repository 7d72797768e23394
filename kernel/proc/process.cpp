#include "proc/process.h"

#include "base/memory.h"
#include "kernel.h"

namespace zeroos {

void ProcessState::init(const BootConfig& config, u64 arena_size)
{
    for (auto& limit : limits_)
        limit = { abi::rlim_infinity, abi::rlim_infinity };
    limits_[abi::rlimit_nofile] = { config.max_fds, config.max_fds };
    limits_[abi::rlimit_stack] = { 8ull << 20, abi::rlim_infinity };
    limits_[abi::rlimit_as] = { arena_size, arena_size };
    limits_[abi::rlimit_data] = { arena_size, arena_size };

    // Linux names a task after the basename of the program it executed.
    const char* path = config.program_path ? config.program_path : "";
    const char* base = path;
    for (const char* cursor = path; *cursor; ++cursor)
        if (*cursor == '/')
            base = cursor + 1;
    set_name(base, str_length(base));
}

void ProcessState::set_name(const char* name, size_t length)
{
    length = min(length, kTaskNameLength - 1);
    mem_set(name_, 0, sizeof(name_));
    mem_copy(name_, name, length);
}

void ProcessState::exit(int status)
{
    state_ = State::Exited;
    attention_.raise();
    code_ = status & 0xff;
}

void ProcessState::kill_by_signal(int signal)
{
    state_ = State::Signaled;
    attention_.raise();
    code_ = signal;
}

void ProcessState::fail(int status)
{
    state_ = State::Failed;
    attention_.raise();
    code_ = status;
}

int ProcessState::exit_status() const
{
    if (state_ == State::Signaled)
        return 128 + code_;
    return code_;
}

} // namespace zeroos
