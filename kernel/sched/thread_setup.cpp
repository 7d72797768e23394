#include "kernel.h"
#include "syscalls.h"

// What libc registers for each thread at its start: where to clear and wake at its exit
// (set_tid_address) and its list of robust futexes (set_robust_list); and its tid.
namespace zeroos {

namespace {

    constexpr size_t kRobustListHeadSize = 24; // struct robust_list_head on 64-bit targets

} // namespace

SyscallResult sys_gettid(Kernel& kernel) { return kernel.threads().current_tid(); }

SyscallResult sys_set_tid_address(Kernel& kernel, Ptr<> tidptr)
{
    auto& thread = kernel.threads().current();
    thread.clear_child_tid = tidptr.address();
    return thread.tid;
}

SyscallResult sys_set_robust_list(Kernel& kernel, Ptr<> head, Size len)
{
    if (len != kRobustListHeadSize)
        return Error::from_errno(EINVAL);
    kernel.threads().current().robust_list_head = head.address();
    return 0;
}

} // namespace zeroos
