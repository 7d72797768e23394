#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    constexpr int kGetPipeSize = 1032; // F_GETPIPE_SZ
    constexpr u32 kSettableStatusFlags = abi::o_append | abi::o_nonblock;

    // One process owns every lock, so a lock never conflicts: F_GETLK always reports F_UNLCK and
    // F_SETLK(W) succeeds once the request is valid.
    SyscallResult advisory_lock(Kernel& kernel, const OpenFile& file, int command, UserPtr<abi::Flock> pointer)
    {
        (void)kernel;
        auto lock = TRY(read_from_user(pointer));
        if (lock.type != abi::f_rdlck && lock.type != abi::f_wrlck && lock.type != abi::f_unlck)
            return Error::from_errno(EINVAL);
        if (lock.whence != abi::seek_set && lock.whence != abi::seek_cur && lock.whence != abi::seek_end)
            return Error::from_errno(EINVAL);
        if (file.is_path_only())
            return Error::from_errno(EBADF);
        if (command == abi::f_getlk) {
            lock.type = abi::f_unlck;
            TRY(write_to_user(pointer, lock));
            return 0;
        }
        if ((lock.type == abi::f_rdlck && !file.can_read()) || (lock.type == abi::f_wrlck && !file.can_write()))
            return Error::from_errno(EBADF);
        return 0;
    }

} // namespace

SyscallResult sys_fcntl(Kernel& kernel, Fd fd, Int command, Hex arg)
{
    auto& fds = kernel.fds();
    auto file = TRY(fds.get(fd));
    switch (command) {
    case abi::f_dupfd:
    case abi::f_dupfd_cloexec: {
        int minimum = static_cast<int>(arg);
        if (minimum < 0 || static_cast<u64>(minimum) >= fds.max_fds())
            return Error::from_errno(EINVAL);
        return TRY(fds.allocate(file, command == abi::f_dupfd_cloexec, minimum));
    }
    case abi::f_getfd:
        return TRY(fds.cloexec(fd)) ? abi::fd_cloexec : 0;
    case abi::f_setfd:
        TRY(fds.set_cloexec(fd, static_cast<int>(arg) & abi::fd_cloexec));
        return 0;
    case abi::f_getfl:
        return file->flags;
    case abi::f_setfl: {
        u32 requested = static_cast<u32>(arg);
        if (requested & abi::fasync)
            return Error::unsupported("fcntl F_SETFL O_ASYNC is not supported");
        file->flags = (file->flags & ~kSettableStatusFlags) | (requested & kSettableStatusFlags);
        return 0;
    }
    case abi::f_getlk:
    case abi::f_setlk:
    case abi::f_setlkw:
        return advisory_lock(kernel, *file, command, UserPtr<abi::Flock>(arg));
    case kGetPipeSize:
        if (!file->inode->is_fifo())
            return Error::from_errno(EBADF);
        return 64 * 1024;
    default:
        return Error::unsupported("fcntl command not supported");
    }
}

SyscallResult sys_dup(Kernel& kernel, Fd oldfd)
{
    auto file = TRY(kernel.fds().get(oldfd));
    return TRY(kernel.fds().allocate(file, false));
}

SyscallResult sys_dup3(Kernel& kernel, Fd oldfd, Fd newfd, OpenFlags flags)
{
    int old_fd = oldfd, new_fd = newfd;
    if (flags & ~u32(abi::o_cloexec))
        return Error::from_errno(EINVAL);
    auto file = TRY(kernel.fds().get(old_fd));
    if (old_fd == new_fd)
        return Error::from_errno(EINVAL);
    if (new_fd < 0 || static_cast<u64>(new_fd) >= kernel.fds().max_fds())
        return Error::from_errno(EBADF);
    TRY(kernel.fds().install(new_fd, file, flags & abi::o_cloexec));
    return new_fd;
}

} // namespace zeroos
