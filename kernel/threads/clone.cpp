// clone(2) for threads: the one flag combination pthread_create (glibc, musl) and std::thread
// use, validated as Linux does. Anything that would make a second process fails fast: ZeroOS is
// a unikernel with one.
#include "kernel.h"
#include "platform.h"
#include "sched/linux_abi.h"
#include "syscalls.h"

namespace zeroos {

namespace {

    constexpr u64 kThreadRequired = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
    constexpr u64 kThreadOptional = CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID
        | CLONE_DETACHED; // CLONE_DETACHED is ignored, as on Linux

    // The combinations Linux refuses with EINVAL whatever else is asked.
    ErrorOr<void> check_consistent(u64 flags)
    {
        if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
            return Error::from_errno(EINVAL);
        if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
            return Error::from_errno(EINVAL);
        if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
            return Error::from_errno(EINVAL);
        if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
            return Error::from_errno(EINVAL);
        if ((flags & CLONE_PIDFD) && (flags & CLONE_PARENT_SETTID))
            return Error::from_errno(EINVAL); // both use parent_tid
        return {};
    }

} // namespace

// Arguments in the generic order: flags, stack, parent_tid, tls, child_tid (x86-64's shim swaps
// its tls and child_tid into place).
SyscallResult sys_clone(Kernel& kernel, Hex flags, Ptr<> stack, Ptr<i32> parent_tid, Ptr<> tls_argument, Ptr<i32> child_tid)
{
    TRY(check_consistent(flags));
    if (!(flags & CLONE_VM) || !(flags & CLONE_THREAD))
        return Error::unsupported("clone of a new process: ZeroOS is a unikernel with one process (threads share it)");
    if ((flags & kThreadRequired) != kThreadRequired || (flags & ~(kThreadRequired | kThreadOptional | CSIGNAL)))
        return Error::unsupported("only threads sharing everything (pthread_create's flags) can be cloned");
    u64 tls = tls_argument.address();

    auto& threads = kernel.threads();
    Thread* thread = TRY(threads.create());
    int tid = thread->tid;
    auto undo = [&](Error error) -> SyscallResult {
        threads.cancel_created(*thread);
        return error;
    };
    if (!platform::thread_create(tid, stack.address(), flags & CLONE_SETTLS, tls))
        return undo(Error::from_errno(EAGAIN));
    // One address space: the parent's and the child's writes land in the same word.
    if (flags & CLONE_PARENT_SETTID) {
        if (auto written = write_to_user(parent_tid, tid); written.is_error()) {
            platform::thread_destroy(tid);
            return undo(written.error());
        }
    }
    if (flags & CLONE_CHILD_SETTID) {
        if (auto written = write_to_user(child_tid, tid); written.is_error()) {
            platform::thread_destroy(tid);
            return undo(written.error());
        }
    }
    if (flags & CLONE_CHILD_CLEARTID)
        thread->clear_child_tid = child_tid.address();
    threads.start(*thread); // it runs when the parent blocks or yields
    return tid;
}

} // namespace zeroos
