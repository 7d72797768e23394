#include "entry.h"

#include "core/linux_abi.h"
#include "kernel.h"
#include "sched/linux_abi.h"
#include "vfs/getdents.h"
#include "vfs/poll.h"

// x86-64's pre-*at system calls, served by the generic calls they are special cases of, so the
// kernel implements each operation once. The RISC-V ABI never had them.
namespace zeroos::x86_64 {

namespace {

    // The generic calls' arguments, as raw registers.
    constexpr u64 kAtFdcwd = static_cast<u64>(abi::at_fdcwd);
    constexpr u64 kAtSymlinkNofollow = abi::at_symlink_nofollow;
    constexpr u64 kAtRemovedir = abi::at_removedir;
    constexpr u64 kOpenCreateTruncateWrite = abi::o_creat | abi::o_trunc | abi::o_wronly;

    constexpr long kArchSetGs = 0x1001;
    constexpr long kArchSetFs = 0x1002;
    constexpr long kArchGetFs = 0x1003;
    constexpr long kArchGetGs = 0x1004;
    constexpr long kArchCetStatus = 0x3001;
    constexpr long kArchCetLast = 0x3003;
    constexpr u64 kCloneSetTls = abi::clone_settls;
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
    SyscallOutcome returning(Kernel& kernel, const SyscallRequest& called, const char* name, SyscallResult result)
    {
        if (kernel.process().has_exited())
            return { SyscallOutcome::Kind::Exit, 0 };
        if (!result.is_error())
            return { SyscallOutcome::Kind::Return, result.value() };
        if (result.error().is_unsupported())
            return fail_unsupported(kernel, called, name, nullptr, result.error().detail());
        return { SyscallOutcome::Kind::Return, -static_cast<long>(result.error().code()) };
    }

    // Milliseconds as poll and epoll take them; negative waits forever.
    i64 milliseconds_to_ns(int milliseconds) { return milliseconds < 0 ? -1 : static_cast<i64>(milliseconds) * 1'000'000; }

    // poll and select are handlers of their own, so that run_handler can block the calling
    // thread and run them again when it is woken.
    SyscallResult legacy_poll(Kernel& kernel, const SyscallArgs& args)
    {
        return do_poll(kernel, args.pointer<void>(0), args.uint32(1), milliseconds_to_ns(args.int32(2)));
    }

    SyscallResult legacy_select(Kernel& kernel, const SyscallArgs& args)
    {
        i64 timeout_ns = -1;
        auto timeout_pointer = args.pointer<Timeval>(4);
        if (!timeout_pointer.is_null()) {
            // Saturating: the syscall fuzzer found the overflow of a centuries-long timeout.
            timeout_ns = TRY(timeval_to_ns(TRY(read_from_user(timeout_pointer))));
        }
        return do_select(kernel, args.int32(0), args.pointer<void>(1), args.pointer<void>(2), args.pointer<void>(3), timeout_ns);
    }
#endif

    SyscallOutcome serve_arch_prctl(Kernel& kernel, Registers& registers, const SyscallRequest& called)
    {
        const auto& args = called.args;
        long code = args.int32(0);
        switch (code) {
        case kArchSetFs:
        case kArchSetGs:
            if (args.uint64(1) >= kUserAddressLimit)
                return { SyscallOutcome::Kind::Return, -EPERM };
            (code == kArchSetFs ? registers.fs_base : registers.gs_base) = args.uint64(1);
            return { SyscallOutcome::Kind::Return, 0 };
        case kArchGetFs:
            return { SyscallOutcome::Kind::Return, write_to_user(args.pointer<u64>(1), registers.fs_base).is_error() ? -EFAULT : 0 };
        case kArchGetGs:
            return { SyscallOutcome::Kind::Return, write_to_user(args.pointer<u64>(1), registers.gs_base).is_error() ? -EFAULT : 0 };
        default:
            // glibc asks for CET status on CET-marked binaries; Linux has no such codes and says EINVAL.
            if (code >= kArchCetStatus && code <= kArchCetLast)
                return { SyscallOutcome::Kind::Return, -EINVAL };
            return fail_unsupported(kernel, called, "arch_prctl", "hex code, hex addr",
                "only ARCH_SET_FS, ARCH_GET_FS, ARCH_SET_GS and ARCH_GET_GS are served");
        }
    }

} // namespace

SyscallOutcome serve_legacy(Kernel& kernel, Registers& registers, long x86_number, const SyscallRequest& called)
{
    const auto& a = called.args.raw;
    const char* name = syscall_name(x86_number);
    auto is = [&](const char* candidate) { return str_equal(name, candidate); };

    if (is("open"))
        return as_generic(kernel, called, "openat", kAtFdcwd, a[0], a[1], a[2]);
    if (is("creat"))
        return as_generic(kernel, called, "openat", kAtFdcwd, a[0], kOpenCreateTruncateWrite, a[1]);
    if (is("stat"))
        return as_generic(kernel, called, "newfstatat", kAtFdcwd, a[0], a[1], 0);
    if (is("lstat"))
        return as_generic(kernel, called, "newfstatat", kAtFdcwd, a[0], a[1], kAtSymlinkNofollow);
    if (is("access"))
        return as_generic(kernel, called, "faccessat", kAtFdcwd, a[0], a[1]);
    if (is("readlink"))
        return as_generic(kernel, called, "readlinkat", kAtFdcwd, a[0], a[1], a[2]);
    if (is("unlink"))
        return as_generic(kernel, called, "unlinkat", kAtFdcwd, a[0], 0);
    if (is("rmdir"))
        return as_generic(kernel, called, "unlinkat", kAtFdcwd, a[0], kAtRemovedir);
    if (is("mkdir"))
        return as_generic(kernel, called, "mkdirat", kAtFdcwd, a[0], a[1]);
    if (is("rename"))
        return as_generic(kernel, called, "renameat2", kAtFdcwd, a[0], kAtFdcwd, a[1], 0);
    if (is("link"))
        return as_generic(kernel, called, "linkat", kAtFdcwd, a[0], kAtFdcwd, a[1], 0);
    if (is("symlink"))
        return as_generic(kernel, called, "symlinkat", a[0], kAtFdcwd, a[1]);
    if (is("chmod"))
        return as_generic(kernel, called, "fchmodat", kAtFdcwd, a[0], a[1]);
    if (is("chown"))
        return as_generic(kernel, called, "fchownat", kAtFdcwd, a[0], a[1], a[2], 0);
    if (is("lchown"))
        return as_generic(kernel, called, "fchownat", kAtFdcwd, a[0], a[1], a[2], kAtSymlinkNofollow);
    if (is("pipe"))
        return as_generic(kernel, called, "pipe2", a[0], 0);
    if (is("dup2")) {
        // dup3 refuses oldfd == newfd; dup2 returns newfd if it is open.
        if (called.args.fd(0) != called.args.fd(1))
            return as_generic(kernel, called, "dup3", a[0], a[1], 0);
        auto outcome = as_generic(kernel, called, "fcntl", a[0], abi::f_getfd);
        if (outcome.kind == SyscallOutcome::Kind::Return && outcome.value >= 0)
            outcome.value = called.args.fd(1);
        return outcome;
    }
#if ZEROOS_FEATURE_VFS
    if (is("poll"))
        return run_handler(kernel, called, "poll", "ptr fds, uint nfds, int timeout", legacy_poll);
    if (is("select"))
        return run_handler(kernel, called, "select", "int nfds, ptr readfds, ptr writefds, ptr exceptfds, ptr timeout", legacy_select);
    if (is("getdents"))
        return returning(kernel, called, "getdents",
            do_getdents(kernel, called.args.fd(0), called.args.pointer<void>(1), called.args.uint32(2), DirentFormat::LegacyDirent));
#else
    if (is("poll") || is("select") || is("getdents"))
        return fail_unsupported(kernel, called, name, nullptr, "the vfs feature is not built into this kernel");
#endif
    if (is("time")) {
        i64 seconds = kernel.clock().realtime_ns() / 1'000'000'000;
        auto destination = called.args.pointer<i64>(0);
        if (!destination.is_null() && write_to_user(destination, seconds).is_error())
            return { SyscallOutcome::Kind::Return, -EFAULT };
        return { SyscallOutcome::Kind::Return, seconds };
    }
    if (is("arch_prctl"))
        return serve_arch_prctl(kernel, registers, called);
    if (is("clone")) { // x86-64 passes child_tid before tls; the generic order is the other way round
        if ((called.args.uint64(0) & kCloneSetTls) && called.args.uint64(4) >= kUserAddressLimit)
            return { SyscallOutcome::Kind::Return, -EPERM }; // as Linux's copy_thread says
        return as_generic(
            kernel, called, "clone", called.args.raw[0], called.args.raw[1], called.args.raw[2], called.args.raw[4], called.args.raw[3]);
    }
    if (is("fork") || is("vfork"))
        return fail_unsupported(kernel, called, name, "", "ZeroOS is a unikernel with one process: use threads, not fork");
    return fail_unsupported(kernel, called, name, nullptr, "no adapter for this legacy call");
}

} // namespace zeroos::x86_64
