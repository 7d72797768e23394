#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    constexpr int kGetPipeSize = 1032; // F_GETPIPE_SZ
    constexpr u32 kSettableStatusFlags = O_APPEND | O_NONBLOCK;

    // One process owns every lock, so a lock never conflicts: F_GETLK always reports F_UNLCK and
    // F_SETLK(W) succeeds once the request is valid.
    SyscallResult advisory_lock(Kernel& kernel, const OpenFile& file, int command, UserPtr<abi::Flock> pointer)
    {
        (void)kernel;
        auto lock = TRY(read_from_user(pointer));
        if (lock.type != F_RDLCK && lock.type != F_WRLCK && lock.type != F_UNLCK)
            return Error::from_errno(EINVAL);
        if (lock.whence != SEEK_SET && lock.whence != SEEK_CUR && lock.whence != SEEK_END)
            return Error::from_errno(EINVAL);
        if (file.is_path_only())
            return Error::from_errno(EBADF);
        if (command == F_GETLK) {
            lock.type = F_UNLCK;
            TRY(write_to_user(pointer, lock));
            return 0;
        }
        if ((lock.type == F_RDLCK && !file.can_read()) || (lock.type == F_WRLCK && !file.can_write()))
            return Error::from_errno(EBADF);
        return 0;
    }

} // namespace

SyscallResult sys_fcntl(Kernel& kernel, const SyscallArgs& args)
{
    int fd = args.fd(0);
    int command = args.int32(1);
    auto& fds = kernel.fds();
    auto file = TRY(fds.get(fd));
    switch (command) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
        int minimum = args.int32(2);
        if (minimum < 0 || static_cast<u64>(minimum) >= fds.max_fds())
            return Error::from_errno(EINVAL);
        return TRY(fds.allocate(file, command == F_DUPFD_CLOEXEC, minimum));
    }
    case F_GETFD:
        return TRY(fds.cloexec(fd)) ? FD_CLOEXEC : 0;
    case F_SETFD:
        TRY(fds.set_cloexec(fd, args.int32(2) & FD_CLOEXEC));
        return 0;
    case F_GETFL:
        return file->flags;
    case F_SETFL: {
        u32 requested = args.uint32(2);
        if (requested & FASYNC)
            return Error::unsupported("fcntl F_SETFL O_ASYNC is not supported");
        file->flags = (file->flags & ~kSettableStatusFlags) | (requested & kSettableStatusFlags);
        return 0;
    }
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
        return advisory_lock(kernel, *file, command, args.pointer<abi::Flock>(2));
    case kGetPipeSize:
        if (!file->inode->is_fifo())
            return Error::from_errno(EBADF);
        return 64 * 1024;
    default:
        return Error::unsupported("fcntl command not supported");
    }
}

SyscallResult sys_dup(Kernel& kernel, const SyscallArgs& args)
{
    auto file = TRY(kernel.fds().get(args.fd(0)));
    return TRY(kernel.fds().allocate(file, false));
}

SyscallResult sys_dup3(Kernel& kernel, const SyscallArgs& args)
{
    int old_fd = args.fd(0), new_fd = args.fd(1);
    u32 flags = args.uint32(2);
    if (flags & ~u32(O_CLOEXEC))
        return Error::from_errno(EINVAL);
    auto file = TRY(kernel.fds().get(old_fd));
    if (old_fd == new_fd)
        return Error::from_errno(EINVAL);
    if (new_fd < 0 || static_cast<u64>(new_fd) >= kernel.fds().max_fds())
        return Error::from_errno(EBADF);
    TRY(kernel.fds().install(new_fd, file, flags & O_CLOEXEC));
    return new_fd;
}

} // namespace zeroos
