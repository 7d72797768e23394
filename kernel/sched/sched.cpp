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
SyscallResult sys_sched_getaffinity(Kernel&, Int pid, Size size, Ptr<u64> destination)
{
    if (size == 0 || size % kCpuMaskSize != 0)
        return Error::from_errno(EINVAL);
    if (!is_self(pid))
        return Error::from_errno(ESRCH);
    TRY(write_to_user<u64>(destination, 1));
    return static_cast<long>(kCpuMaskSize);
}

SyscallResult sys_sched_setaffinity(Kernel&, Int pid, Size cpusetsize, Ptr<> source)
{
    if (!is_self(pid))
        return Error::from_errno(ESRCH);
    size_t size = min<size_t>(cpusetsize, kCpuMaskSize);
    u8 mask[kCpuMaskSize] = {};
    TRY(copy_from_user(mask, source, size));
    // CPU 0 is the only CPU: a set without it leaves nowhere to run.
    if (!(mask[0] & 1))
        return Error::from_errno(EINVAL);
    return 0;
}

SyscallResult sys_sched_yield(Kernel& kernel)
{
    kernel.threads().yield_current(0);
    return 0;
}

} // namespace zeroos
