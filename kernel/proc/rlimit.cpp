#include "kernel.h"
#include "syscalls.h"

// Resource limits (prlimit64, getrlimit, setrlimit on one table) and getrusage. The guest runs as
// root, so it may raise hard limits, except RLIMIT_NOFILE past the fd table's size (Linux's
// nr_open rule).
namespace zeroos {

namespace {

    ErrorOr<void> check_resource(int resource)
    {
        if (resource < 0 || resource >= abi::rlim_nlimits)
            return Error::from_errno(EINVAL);
        return {};
    }

    ErrorOr<void> set_limit(Kernel& kernel, int resource, LinuxRlimit value)
    {
        if (value.rlim_cur > value.rlim_max)
            return Error::from_errno(EINVAL);
        if (resource == abi::rlimit_nofile && value.rlim_max > kernel.config().max_fds)
            return Error::from_errno(EPERM);
        kernel.process().set_limit(resource, value);
        return {};
    }

} // namespace

// Linux's order of checks: the new limit is read first (EFAULT), then the target (ESRCH), then
// the resource (EINVAL).
SyscallResult sys_prlimit64(Kernel& kernel, Int pid, Int resource, Ptr<LinuxRlimit> new_pointer, Ptr<LinuxRlimit> old_pointer)
{
    LinuxRlimit new_limit {};
    if (!new_pointer.is_null())
        new_limit = TRY(read_from_user(new_pointer));
    if (pid != 0 && pid != ProcessState::kPid)
        return Error::from_errno(ESRCH);
    TRY(check_resource(resource));
    LinuxRlimit previous = kernel.process().limit(resource);
    if (!new_pointer.is_null())
        TRY(set_limit(kernel, resource, new_limit));
    if (!old_pointer.is_null())
        TRY(write_to_user(old_pointer, previous));
    return 0;
}

SyscallResult sys_getrlimit(Kernel& kernel, Int resource, Ptr<LinuxRlimit> rlim)
{
    TRY(check_resource(resource));
    TRY(write_to_user(rlim, kernel.process().limit(resource)));
    return 0;
}

SyscallResult sys_setrlimit(Kernel& kernel, Int resource, Ptr<LinuxRlimit> rlim)
{
    TRY(check_resource(resource));
    TRY(set_limit(kernel, resource, TRY(read_from_user(rlim))));
    return 0;
}

// All zeros: real CPU times and fault counts would differ between runs and targets.
SyscallResult sys_getrusage(Kernel&, Int who, Ptr<LinuxRusage> destination)
{
    if (who != abi::rusage_self && who != abi::rusage_children && who != abi::rusage_thread)
        return Error::from_errno(EINVAL);
    LinuxRusage usage {};
    TRY(write_to_user<LinuxRusage>(destination, usage));
    return 0;
}

} // namespace zeroos
