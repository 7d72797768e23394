#include "kernel.h"
#include "syscalls.h"

// kill, tkill and tgkill. The only process is pid 1, leader of process group 1; its threads are
// the live tids. Signal dispositions and the pending set are the process's, so a signal to any of
// its threads acts on the process. Signal 0 only checks that the target exists.
namespace zeroos {

namespace {

    ErrorOr<void> check_signal(int signal)
    {
        if (signal < 0 || signal > kSignalCount)
            return Error::from_errno(EINVAL);
        return {};
    }

    SyscallResult send_to_self(Kernel& kernel, int signal)
    {
        if (signal != 0)
            TRY(kernel.signals().send(kernel, signal));
        return 0;
    }

} // namespace

SyscallResult sys_kill(Kernel& kernel, Int pid, Signal signal)
{
    TRY(check_signal(signal));
    // kill(-1) reaches every process except init and the caller; here that is nobody (Linux: ESRCH).
    if (pid == -1)
        return Error::from_errno(ESRCH);
    // pid 0 and -1's process group mean our own group.
    if (pid != ProcessState::kPid && pid != 0 && pid != -ProcessState::kPid)
        return Error::from_errno(ESRCH);
    return send_to_self(kernel, signal);
}

SyscallResult sys_tkill(Kernel& kernel, Int tid, Signal signal)
{
    if (tid <= 0)
        return Error::from_errno(EINVAL);
    if (!kernel.threads().find(tid))
        return Error::from_errno(ESRCH);
    TRY(check_signal(signal));
    return send_to_self(kernel, signal);
}

SyscallResult sys_tgkill(Kernel& kernel, Int tgid, Int tid, Signal signal)
{
    if (tgid <= 0 || tid <= 0)
        return Error::from_errno(EINVAL);
    if (tgid != ProcessState::kPid || !kernel.threads().find(tid))
        return Error::from_errno(ESRCH);
    TRY(check_signal(signal));
    return send_to_self(kernel, signal);
}

} // namespace zeroos
