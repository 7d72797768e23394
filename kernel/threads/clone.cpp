// clone(2) for threads: the one flag combination pthread_create (glibc, musl) and std::thread
// use, validated as Linux does. Anything that would make a second process fails fast: ZeroOS is
// a unikernel with one.
#include "kernel.h"
#include "platform.h"
#include "sched/linux_abi.h"
#include "syscalls.h"

namespace zeroos {

namespace {

    constexpr u64 kThreadRequired = abi::clone_vm | abi::clone_fs | abi::clone_files | abi::clone_sighand | abi::clone_thread;
    constexpr u64 kThreadOptional = abi::clone_sysvsem | abi::clone_settls | abi::clone_parent_settid | abi::clone_child_settid
        | abi::clone_child_cleartid | abi::clone_detached; // CLONE_DETACHED is ignored, as on Linux

    // The combinations Linux refuses with EINVAL whatever else is asked.
    ErrorOr<void> check_consistent(u64 flags)
    {
        if ((flags & (abi::clone_newns | abi::clone_fs)) == (abi::clone_newns | abi::clone_fs))
            return Error::from_errno(EINVAL);
        if ((flags & (abi::clone_newuser | abi::clone_fs)) == (abi::clone_newuser | abi::clone_fs))
            return Error::from_errno(EINVAL);
        if ((flags & abi::clone_thread) && !(flags & abi::clone_sighand))
            return Error::from_errno(EINVAL);
        if ((flags & abi::clone_sighand) && !(flags & abi::clone_vm))
            return Error::from_errno(EINVAL);
        if ((flags & abi::clone_pidfd) && (flags & abi::clone_parent_settid))
            return Error::from_errno(EINVAL); // both use parent_tid
        return {};
    }

} // namespace

// Arguments in the generic order: flags, stack, parent_tid, tls, child_tid (x86-64's shim swaps
// its tls and child_tid into place).
SyscallResult sys_clone(Kernel& kernel, Hex flags, Ptr<> stack, Ptr<i32> parent_tid, Ptr<> tls_argument, Ptr<i32> child_tid)
{
    TRY(check_consistent(flags));
    if (!(flags & abi::clone_vm) || !(flags & abi::clone_thread))
        return Error::unsupported("clone of a new process: ZeroOS is a unikernel with one process (threads share it)");
    if ((flags & kThreadRequired) != kThreadRequired || (flags & ~(kThreadRequired | kThreadOptional | abi::csignal)))
        return Error::unsupported("only threads sharing everything (pthread_create's flags) can be cloned");
    u64 tls = tls_argument.address();

    auto& threads = kernel.threads();
    Thread* thread = TRY(threads.create());
    int tid = thread->tid;
    auto undo = [&](Error error) -> SyscallResult {
        threads.cancel_created(*thread);
        return error;
    };
    if (!platform::thread_create(tid, stack.address(), flags & abi::clone_settls, tls))
        return undo(Error::from_errno(EAGAIN));
    // One address space: the parent's and the child's writes land in the same word.
    if (flags & abi::clone_parent_settid) {
        if (auto written = write_to_user(parent_tid, tid); written.is_error()) {
            platform::thread_destroy(tid);
            return undo(written.error());
        }
    }
    if (flags & abi::clone_child_settid) {
        if (auto written = write_to_user(child_tid, tid); written.is_error()) {
            platform::thread_destroy(tid);
            return undo(written.error());
        }
    }
    if (flags & abi::clone_child_cleartid)
        thread->clear_child_tid = child_tid.address();
    threads.start(*thread); // it runs when the parent blocks or yields
    return tid;
}

} // namespace zeroos
