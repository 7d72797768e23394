#include "kernel.h"
#include "syscalls.h"

// The fixed identity of the one ZeroOS process: pid 1 with no parent, root, leader of its own
// session and process group (like pid 1 of a container), with a single thread.
namespace zeroos {

namespace {

    bool is_self(int pid) { return pid == 0 || pid == ProcessState::kPid; }

} // namespace

SyscallResult sys_getpid(Kernel&, const SyscallArgs&) { return ProcessState::kPid; }
SyscallResult sys_getppid(Kernel&, const SyscallArgs&) { return 0; }
SyscallResult sys_getuid(Kernel&, const SyscallArgs&) { return 0; }
SyscallResult sys_geteuid(Kernel&, const SyscallArgs&) { return 0; }
SyscallResult sys_getgid(Kernel&, const SyscallArgs&) { return 0; }
SyscallResult sys_getegid(Kernel&, const SyscallArgs&) { return 0; }

// No supplementary groups: nothing is written.
SyscallResult sys_getgroups(Kernel&, const SyscallArgs& args)
{
    if (args.int32(0) < 0)
        return Error::from_errno(EINVAL);
    return 0;
}

SyscallResult sys_getpgid(Kernel&, const SyscallArgs& args)
{
    if (!is_self(args.int32(0)))
        return Error::from_errno(ESRCH);
    return ProcessState::kPid;
}

// A session leader may not change its process group (Linux: EPERM).
SyscallResult sys_setpgid(Kernel&, const SyscallArgs& args)
{
    int pid = args.int32(0);
    int pgid = args.int32(1);
    if (pgid < 0)
        return Error::from_errno(EINVAL);
    if (!is_self(pid))
        return Error::from_errno(ESRCH);
    return Error::from_errno(EPERM);
}

// Already a process group leader, so Linux refuses a new session.
SyscallResult sys_setsid(Kernel&, const SyscallArgs&) { return Error::from_errno(EPERM); }

} // namespace zeroos
