#include "kernel.h"
#include "syscalls.h"

// What libc's start-up registers for its (single, for now) thread. Kept for when threads exit.
namespace zeroos {

namespace {

    constexpr size_t kRobustListHeadSize = 24; // struct robust_list_head on 64-bit targets

} // namespace

SyscallResult sys_set_tid_address(Kernel& kernel, const SyscallArgs& args)
{
    kernel.process().set_clear_child_tid(args.uint64(0));
    return ProcessState::kMainTid;
}

SyscallResult sys_set_robust_list(Kernel& kernel, const SyscallArgs& args)
{
    if (args.size(1) != kRobustListHeadSize)
        return Error::from_errno(EINVAL);
    kernel.process().set_robust_list(args.uint64(0));
    return 0;
}

} // namespace zeroos
