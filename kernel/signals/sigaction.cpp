#include "kernel.h"
#include "syscalls.h"

// rt_sigaction, rt_sigprocmask and sigaltstack: the guest's signal settings, stored and reported.
// Unblocking a pending signal delivers it here, which is how abort() ends: libc raises SIGABRT with
// every signal blocked, then restores or unblocks the mask.
namespace zeroos {

namespace {

    bool is_valid_signal(int signal) { return signal >= 1 && signal <= kSignalCount; }

} // namespace

SyscallResult sys_rt_sigaction(Kernel& kernel, Signal signal, Ptr<> new_action, Ptr<> old_action, Size sigsetsize)
{
    if (sigsetsize != kSigsetSize)
        return Error::from_errno(EINVAL);
    if (!is_valid_signal(signal) || (!new_action.is_null() && (signal == abi::sigkill || signal == abi::sigstop)))
        return Error::from_errno(EINVAL);
    auto& signals = kernel.signals();
    KernelSigaction previous = signals.action(signal);
    if (!new_action.is_null())
        signals.set_action(signal, TRY(arch_read_sigaction(new_action)));
    if (!old_action.is_null())
        TRY(arch_write_sigaction(old_action, previous));
    return 0;
}

SyscallResult sys_rt_sigprocmask(Kernel& kernel, Int how, Ptr<u64> set, Ptr<u64> old_set, Size sigsetsize)
{
    if (sigsetsize != kSigsetSize)
        return Error::from_errno(EINVAL);
    auto& signals = kernel.signals();
    u64 previous = signals.blocked();
    if (!set.is_null()) {
        u64 mask = TRY(read_from_user(set));
        switch (how) {
        case abi::sig_block:
            signals.set_blocked(previous | mask);
            break;
        case abi::sig_unblock:
            signals.set_blocked(previous & ~mask);
            break;
        case abi::sig_setmask:
            signals.set_blocked(mask);
            break;
        default:
            return Error::from_errno(EINVAL);
        }
    }
    TRY(signals.deliver_unblocked(kernel));
    if (!old_set.is_null() && !kernel.process().has_exited())
        TRY(write_to_user(old_set, previous));
    return 0;
}

// The guest is never running on the alternate stack (no handler is ever entered), so SS_ONSTACK
// is never reported and changing the stack is always allowed.
SyscallResult sys_sigaltstack(Kernel& kernel, Ptr<LinuxStack> new_stack, Ptr<LinuxStack> old_stack)
{
    auto& signals = kernel.signals();
    LinuxStack previous = signals.alternate_stack();
    if (!new_stack.is_null()) {
        LinuxStack stack = TRY(read_from_user(new_stack));
        u32 flags = static_cast<u32>(stack.ss_flags);
        u32 mode = flags & ~u32(abi::ss_autodisarm);
        if (mode != 0 && mode != abi::ss_onstack && mode != abi::ss_disable)
            return Error::from_errno(EINVAL);
        if (mode == abi::ss_disable) {
            stack.ss_sp = 0;
            stack.ss_size = 0;
        } else if (stack.ss_size < abi::minsigstksz) {
            return Error::from_errno(ENOMEM);
        }
        // Linux keeps only SS_AUTODISARM; the mode is reported from the state (disabled or not).
        stack.ss_flags = static_cast<i32>((mode == abi::ss_disable ? abi::ss_disable : 0) | (flags & abi::ss_autodisarm));
        stack.padding = 0;
        signals.set_alternate_stack(stack);
    }
    if (!old_stack.is_null())
        TRY(write_to_user(old_stack, previous));
    return 0;
}

} // namespace zeroos
