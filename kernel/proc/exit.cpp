#include "kernel.h"
#include "sched/thread_exit.h"
#include "syscalls.h"

// The end of the process, and the process-management calls a unikernel with one process answers.
namespace zeroos {

// Ends the calling thread; the last one's exit ends the process.
SyscallResult sys_exit(Kernel& kernel, Int status)
{
    exit_thread(kernel, status);
    return 0;
}

SyscallResult sys_exit_group(Kernel& kernel, Int status)
{
    kernel.process().exit(status);
    return 0;
}

// There are never children to wait for.
SyscallResult sys_wait4(Kernel&, Int, Ptr<>, Int, Ptr<>) { return Error::from_errno(ECHILD); }

SyscallResult sys_execve(Kernel&, Path, Ptr<>, Ptr<>)
{
    return Error::unsupported("execve: ZeroOS runs one program per boot and cannot replace it");
}

} // namespace zeroos
