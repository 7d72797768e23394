#include "entry.h"

#include "kernel.h"
#include "vfs/getdents.h"
#include "vfs/poll.h"

// x86-64's pre-*at system calls, served by the generic calls they are special cases of, so the
// kernel implements each operation once. The RISC-V ABI never had them.
namespace zeroos::x86_64 {

namespace {

    constexpr u64 kAtFdcwd = static_cast<u64>(-100);
    constexpr u64 kAtSymlinkNofollow = 0x100;
    constexpr u64 kAtRemovedir = 0x200;
    constexpr u64 kOpenCreateTruncateWrite = 0100 | 01000 | 01; // O_CREAT | O_TRUNC | O_WRONLY

    constexpr long kArchSetGs = 0x1001;
    constexpr long kArchSetFs = 0x1002;
    constexpr long kArchGetFs = 0x1003;
    constexpr long kArchGetGs = 0x1004;
    constexpr long kArchCetStatus = 0x3001;
    constexpr long kArchCetLast = 0x3003;
    constexpr u64 kCloneSetTls = 0x00080000;
    // Linux's TASK_SIZE_MAX with 4-level paging: an fs or gs base at or above it is refused with
    // EPERM (and ptrace could not load it into the register anyway).
    constexpr u64 kUserAddressLimit = (1ull << 47) - 4096;

    SyscallOutcome as_generic(
        Kernel& kernel, const SyscallRequest& called, const char* generic_name, u64 a0, u64 a1 = 0, u64 a2 = 0, u64 a3 = 0, u64 a4 = 0)
    {
        SyscallRequest request = called;
        request.number = syscall_info_by_name(generic_name)->number;
        request.abi = SyscallAbi::Generic;
        request.args.raw[0] = a0;
        request.args.raw[1] = a1;
        request.args.raw[2] = a2;
        request.args.raw[3] = a3;
        request.args.raw[4] = a4;
        request.args.raw[5] = 0;
        return dispatch_syscall(kernel, request);
    }

#if ZEROOS_FEATURE_VFS // what the poll, select and getdents adapters share
    // The outcome of a legacy call served by a kernel helper: its value, -errno, or a fail-fast
    // stop when the helper met something unsupported.
    SyscallOutcome returning(Kernel& kernel, const SyscallRequest& called, SyscallResult result)
    {
        if (kernel.process().has_exited())
            return { SyscallOutcome::Kind::Exit, 0 };
        if (!result.is_error())
            return { SyscallOutcome::Kind::Return, result.value() };
        if (result.error().is_unsupported())
            return fail_unsupported(kernel, called, syscall_name(called.number), nullptr, result.error().detail());
        return { SyscallOutcome::Kind::Return, -static_cast<long>(result.error().code()) };
    }

    // Milliseconds as poll and epoll take them; negative waits forever.
    i64 milliseconds_to_ns(int milliseconds) { return milliseconds < 0 ? -1 : static_cast<i64>(milliseconds) * 1'000'000; }

    // poll and select are handlers of their own, so that run_handler can block the calling
    // thread and run them again when it is woken.
    SyscallResult poll_handler(Kernel& kernel, Ptr<> fds, Uint nfds, Int timeout)
    {
        return do_poll(kernel, fds, nfds, milliseconds_to_ns(timeout));
    }
    constexpr ArgumentList kPollArguments = ZEROOS_ARGUMENTS((Ptr<> fds, Uint nfds, Int timeout));

    SyscallResult select_handler(Kernel& kernel, Int nfds, Ptr<> readfds, Ptr<> writefds, Ptr<> exceptfds, Ptr<Timeval> timeout)
    {
        i64 timeout_ns = -1;
        if (!timeout.is_null()) {
            // Saturating: the syscall fuzzer found the overflow of a centuries-long timeout.
            timeout_ns = TRY(timeval_to_ns(TRY(read_from_user<Timeval>(timeout))));
        }
        return do_select(kernel, nfds, readfds, writefds, exceptfds, timeout_ns);
    }
    constexpr ArgumentList kSelectArguments
        = ZEROOS_ARGUMENTS((Int nfds, Ptr<> readfds, Ptr<> writefds, Ptr<> exceptfds, Ptr<Timeval> timeout));
#else
    SyscallOutcome without_vfs(Kernel& kernel, const SyscallRequest& called)
    {
        return fail_unsupported(kernel, called, syscall_name(called.number), nullptr, "the vfs feature is not built into this kernel");
    }
#endif

    constexpr ArgumentList kArchPrctlArguments = ZEROOS_ARGUMENTS((Hex code, Hex addr));

} // namespace

SyscallOutcome legacy_open(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "openat", kAtFdcwd, a[0], a[1], a[2]);
}

SyscallOutcome legacy_creat(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "openat", kAtFdcwd, a[0], kOpenCreateTruncateWrite, a[1]);
}

SyscallOutcome legacy_stat(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "newfstatat", kAtFdcwd, a[0], a[1], 0);
}

SyscallOutcome legacy_lstat(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "newfstatat", kAtFdcwd, a[0], a[1], kAtSymlinkNofollow);
}

SyscallOutcome legacy_access(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "faccessat", kAtFdcwd, a[0], a[1]);
}

SyscallOutcome legacy_readlink(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "readlinkat", kAtFdcwd, a[0], a[1], a[2]);
}

SyscallOutcome legacy_unlink(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    return as_generic(kernel, called, "unlinkat", kAtFdcwd, called.args.raw[0], 0);
}

SyscallOutcome legacy_rmdir(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    return as_generic(kernel, called, "unlinkat", kAtFdcwd, called.args.raw[0], kAtRemovedir);
}

SyscallOutcome legacy_mkdir(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "mkdirat", kAtFdcwd, a[0], a[1]);
}

SyscallOutcome legacy_rename(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "renameat2", kAtFdcwd, a[0], kAtFdcwd, a[1], 0);
}

SyscallOutcome legacy_link(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "linkat", kAtFdcwd, a[0], kAtFdcwd, a[1], 0);
}

SyscallOutcome legacy_symlink(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "symlinkat", a[0], kAtFdcwd, a[1]);
}

SyscallOutcome legacy_chmod(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "fchmodat", kAtFdcwd, a[0], a[1]);
}

SyscallOutcome legacy_chown(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "fchownat", kAtFdcwd, a[0], a[1], a[2], 0);
}

SyscallOutcome legacy_lchown(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return as_generic(kernel, called, "fchownat", kAtFdcwd, a[0], a[1], a[2], kAtSymlinkNofollow);
}

SyscallOutcome legacy_pipe(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    return as_generic(kernel, called, "pipe2", called.args.raw[0], 0);
}

SyscallOutcome legacy_dup2(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    // dup3 refuses oldfd == newfd; dup2 returns newfd if it is open.
    if (Fd::from_register(a[0]) != Fd::from_register(a[1]))
        return as_generic(kernel, called, "dup3", a[0], a[1], 0);
    auto outcome = as_generic(kernel, called, "fcntl", a[0], 1 /* F_GETFD */);
    if (outcome.kind == SyscallOutcome::Kind::Return && outcome.value >= 0)
        outcome.value = Fd::from_register(a[1]);
    return outcome;
}

#if ZEROOS_FEATURE_VFS
SyscallOutcome legacy_poll(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    return run_handler(kernel, called, "poll", &kPollArguments, &unpack_and_call<&poll_handler>);
}

SyscallOutcome legacy_select(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    return run_handler(kernel, called, "select", &kSelectArguments, &unpack_and_call<&select_handler>);
}

SyscallOutcome legacy_getdents(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    return returning(kernel, called,
        do_getdents(kernel, Fd::from_register(a[0]), Ptr<>::from_register(a[1]), Uint::from_register(a[2]), DirentFormat::LegacyDirent));
}
#else
SyscallOutcome legacy_poll(Kernel& kernel, Registers&, const SyscallRequest& called) { return without_vfs(kernel, called); }
SyscallOutcome legacy_select(Kernel& kernel, Registers&, const SyscallRequest& called) { return without_vfs(kernel, called); }
SyscallOutcome legacy_getdents(Kernel& kernel, Registers&, const SyscallRequest& called) { return without_vfs(kernel, called); }
#endif

SyscallOutcome legacy_time(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    i64 seconds = kernel.clock().realtime_ns() / 1'000'000'000;
    auto destination = Ptr<i64>::from_register(called.args.raw[0]);
    if (!destination.is_null() && write_to_user(destination, seconds).is_error())
        return { SyscallOutcome::Kind::Return, -EFAULT };
    return { SyscallOutcome::Kind::Return, seconds };
}

SyscallOutcome legacy_arch_prctl(Kernel& kernel, Registers& registers, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    long code = Int::from_register(a[0]);
    switch (code) {
    case kArchSetFs:
    case kArchSetGs:
        if (a[1] >= kUserAddressLimit)
            return { SyscallOutcome::Kind::Return, -EPERM };
        (code == kArchSetFs ? registers.fs_base : registers.gs_base) = a[1];
        return { SyscallOutcome::Kind::Return, 0 };
    case kArchGetFs:
        return { SyscallOutcome::Kind::Return,
            write_to_user<u64>(Ptr<u64>::from_register(a[1]), registers.fs_base).is_error() ? -EFAULT : 0 };
    case kArchGetGs:
        return { SyscallOutcome::Kind::Return,
            write_to_user<u64>(Ptr<u64>::from_register(a[1]), registers.gs_base).is_error() ? -EFAULT : 0 };
    default:
        // glibc asks for CET status on CET-marked binaries; Linux has no such codes and says EINVAL.
        if (code >= kArchCetStatus && code <= kArchCetLast)
            return { SyscallOutcome::Kind::Return, -EINVAL };
        return fail_unsupported(
            kernel, called, "arch_prctl", &kArchPrctlArguments, "only ARCH_SET_FS, ARCH_GET_FS, ARCH_SET_GS and ARCH_GET_GS are served");
    }
}

// x86-64 passes child_tid before tls; the generic order is the other way round.
SyscallOutcome legacy_clone(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    if ((a[0] & kCloneSetTls) && a[4] >= kUserAddressLimit)
        return { SyscallOutcome::Kind::Return, -EPERM }; // as Linux's copy_thread says
    return as_generic(kernel, called, "clone", a[0], a[1], a[2], a[4], a[3]);
}

// fork and vfork.
SyscallOutcome legacy_fork(Kernel& kernel, Registers&, const SyscallRequest& called)
{
    return fail_unsupported(
        kernel, called, syscall_name(called.number), nullptr, "ZeroOS is a unikernel with one process: use threads, not fork");
}

} // namespace zeroos::x86_64
