#include "base/memory.h"
#include "kernel.h"
#include "syscalls.h"

// prctl: the task name and the dumpable flag. Every other option fails fast, naming it.
namespace zeroos {

namespace {

    Error unsupported_option(int option)
    {
        switch (option) {
        case abi::pr_set_pdeathsig:
            return Error::unsupported("prctl PR_SET_PDEATHSIG is not supported");
        case abi::pr_get_pdeathsig:
            return Error::unsupported("prctl PR_GET_PDEATHSIG is not supported");
        case abi::pr_set_seccomp:
            return Error::unsupported("prctl PR_SET_SECCOMP is not supported");
        case abi::pr_capbset_read:
            return Error::unsupported("prctl PR_CAPBSET_READ is not supported");
        case abi::pr_get_tsc:
            return Error::unsupported("prctl PR_GET_TSC is not supported");
        case abi::pr_set_tsc:
            return Error::unsupported("prctl PR_SET_TSC is not supported");
        case abi::pr_set_timerslack:
            return Error::unsupported("prctl PR_SET_TIMERSLACK is not supported");
        case abi::pr_set_mm:
            return Error::unsupported("prctl PR_SET_MM is not supported");
        case abi::pr_set_child_subreaper:
            return Error::unsupported("prctl PR_SET_CHILD_SUBREAPER is not supported");
        case abi::pr_set_no_new_privs:
            return Error::unsupported("prctl PR_SET_NO_NEW_PRIVS is not supported");
        case abi::pr_get_no_new_privs:
            return Error::unsupported("prctl PR_GET_NO_NEW_PRIVS is not supported");
        case abi::pr_set_thp_disable:
            return Error::unsupported("prctl PR_SET_THP_DISABLE is not supported");
        case abi::pr_get_thp_disable:
            return Error::unsupported("prctl PR_GET_THP_DISABLE is not supported");
        case abi::pr_set_vma:
            return Error::unsupported("prctl PR_SET_VMA is not supported");
        }
        return Error::unsupported("this prctl option is not supported (see the option number)");
    }

} // namespace

SyscallResult sys_prctl(Kernel& kernel, Int option, Hex arg2, Hex, Hex, Hex)
{
    auto& process = kernel.process();
    switch (option) {
    case abi::pr_set_name: {
        // Linux copies at most 15 bytes, stopping at a NUL; a longer name is cut.
        char name[kTaskNameLength] = {};
        auto length = strncpy_from_user(name, UserPtr<const char>(arg2), kTaskNameLength - 1);
        if (length.is_error() && length.error().code() == EFAULT)
            return Error::from_errno(EFAULT);
        process.set_name(name, length.is_error() ? kTaskNameLength - 1 : length.value());
        return 0;
    }
    case abi::pr_get_name:
        TRY(copy_to_user(UserPtr<void>(arg2), process.name(), kTaskNameLength));
        return 0;
    case abi::pr_get_dumpable:
        return process.dumpable() ? 1 : 0;
    case abi::pr_set_dumpable:
        if (arg2 > 1)
            return Error::from_errno(EINVAL);
        process.set_dumpable(arg2 == 1);
        return 0;
    }
    return unsupported_option(option);
}

} // namespace zeroos
