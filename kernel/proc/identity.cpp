#include "kernel.h"
#include "syscalls.h"

// The fixed identity of the one ZeroOS process: pid 1 with no parent, root, leader of its own
// session and process group (like pid 1 of a container), with a single thread.
namespace zeroos {

namespace {

    bool is_self(int pid) { return pid == 0 || pid == ProcessState::kPid; }

} // namespace

SyscallResult sys_getpid(Kernel&) { return ProcessState::kPid; }
SyscallResult sys_getppid(Kernel&) { return 0; }
SyscallResult sys_getuid(Kernel&) { return 0; }
SyscallResult sys_geteuid(Kernel&) { return 0; }
SyscallResult sys_getgid(Kernel&) { return 0; }
SyscallResult sys_getegid(Kernel&) { return 0; }

// No supplementary groups: nothing is written.
SyscallResult sys_getgroups(Kernel&, Int size, Ptr<>)
{
    if (size < 0)
        return Error::from_errno(EINVAL);
    return 0;
}

SyscallResult sys_getpgid(Kernel&, Int pid)
{
    if (!is_self(pid))
        return Error::from_errno(ESRCH);
    return ProcessState::kPid;
}

// A session leader may not change its process group (Linux: EPERM).
SyscallResult sys_setpgid(Kernel&, Int pid, Int pgid)
{
    if (pgid < 0)
        return Error::from_errno(EINVAL);
    if (!is_self(pid))
        return Error::from_errno(ESRCH);
    return Error::from_errno(EPERM);
}

// Already a process group leader, so Linux refuses a new session.
SyscallResult sys_setsid(Kernel&) { return Error::from_errno(EPERM); }

} // namespace zeroos
