#include "kernel.h"
#include "syscalls.h"

// Scheduling as seen by the one process: a single CPU (CPU 0); sched_yield lets the other
// runnable threads run first (round robin puts the caller at the back).
namespace zeroos {

namespace {

    constexpr size_t kCpuMaskSize = 8; // the kernel's cpumask: one unsigned long covers every CPU

    bool is_self(int pid) { return pid == 0 || pid == ProcessState::kPid; }

} // namespace

// Returns the bytes written, as the raw syscall does (glibc clears the rest of the caller's set).
SyscallResult sys_sched_getaffinity(Kernel&, const SyscallArgs& args)
{
    size_t size = args.size(1);
    if (size == 0 || size % kCpuMaskSize != 0)
        return Error::from_errno(EINVAL);
    if (!is_self(args.int32(0)))
        return Error::from_errno(ESRCH);
    u64 mask = 1;
    TRY(write_to_user(args.pointer<u64>(2), mask));
    return static_cast<long>(kCpuMaskSize);
}

SyscallResult sys_sched_setaffinity(Kernel&, const SyscallArgs& args)
{
    if (!is_self(args.int32(0)))
        return Error::from_errno(ESRCH);
    size_t size = min(args.size(1), kCpuMaskSize);
    u8 mask[kCpuMaskSize] = {};
    TRY(copy_from_user(mask, args.pointer<void>(2), size));
    // CPU 0 is the only CPU: a set without it leaves nowhere to run.
    if (!(mask[0] & 1))
        return Error::from_errno(EINVAL);
    return 0;
}

SyscallResult sys_sched_yield(Kernel& kernel, const SyscallArgs&)
{
    kernel.threads().yield_current(0);
    return 0;
}

} // namespace zeroos
