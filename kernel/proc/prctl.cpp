#include "base/memory.h"
#include "kernel.h"
#include "syscalls.h"

// prctl: the task name and the dumpable flag. Every other option fails fast, naming it.
namespace zeroos {

namespace {

    Error unsupported_option(int option)
    {
        switch (option) {
        case PR_SET_PDEATHSIG:
            return Error::unsupported("prctl PR_SET_PDEATHSIG is not supported");
        case PR_GET_PDEATHSIG:
            return Error::unsupported("prctl PR_GET_PDEATHSIG is not supported");
        case PR_SET_SECCOMP:
            return Error::unsupported("prctl PR_SET_SECCOMP is not supported");
        case PR_CAPBSET_READ:
            return Error::unsupported("prctl PR_CAPBSET_READ is not supported");
        case PR_GET_TSC:
            return Error::unsupported("prctl PR_GET_TSC is not supported");
        case PR_SET_TSC:
            return Error::unsupported("prctl PR_SET_TSC is not supported");
        case PR_SET_TIMERSLACK:
            return Error::unsupported("prctl PR_SET_TIMERSLACK is not supported");
        case PR_SET_MM:
            return Error::unsupported("prctl PR_SET_MM is not supported");
        case PR_SET_CHILD_SUBREAPER:
            return Error::unsupported("prctl PR_SET_CHILD_SUBREAPER is not supported");
        case PR_SET_NO_NEW_PRIVS:
            return Error::unsupported("prctl PR_SET_NO_NEW_PRIVS is not supported");
        case PR_GET_NO_NEW_PRIVS:
            return Error::unsupported("prctl PR_GET_NO_NEW_PRIVS is not supported");
        case PR_SET_THP_DISABLE:
            return Error::unsupported("prctl PR_SET_THP_DISABLE is not supported");
        case PR_GET_THP_DISABLE:
            return Error::unsupported("prctl PR_GET_THP_DISABLE is not supported");
        case PR_SET_VMA:
            return Error::unsupported("prctl PR_SET_VMA is not supported");
        }
        return Error::unsupported("this prctl option is not supported (see the option number)");
    }

} // namespace

SyscallResult sys_prctl(Kernel& kernel, Int option, Hex arg2, Hex, Hex, Hex)
{
    auto& process = kernel.process();
    switch (option) {
    case PR_SET_NAME: {
        // Linux copies at most 15 bytes, stopping at a NUL; a longer name is cut.
        char name[kTaskNameLength] = {};
        auto length = strncpy_from_user(name, UserPtr<const char>(arg2), kTaskNameLength - 1);
        if (length.is_error() && length.error().code() == EFAULT)
            return Error::from_errno(EFAULT);
        process.set_name(name, length.is_error() ? kTaskNameLength - 1 : length.value());
        return 0;
    }
    case PR_GET_NAME:
        TRY(copy_to_user(UserPtr<void>(arg2), process.name(), kTaskNameLength));
        return 0;
    case PR_GET_DUMPABLE:
        return process.dumpable() ? 1 : 0;
    case PR_SET_DUMPABLE:
        if (arg2 > 1)
            return Error::from_errno(EINVAL);
        process.set_dumpable(arg2 == 1);
        return 0;
    }
    return unsupported_option(option);
}

} // namespace zeroos
