#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    ErrorOr<RefPtr<Inode>> inode_of_fd(Kernel& kernel, int fd)
    {
        auto file = TRY(kernel.fds().get(fd));
        if (file->is_path_only())
            return Error::from_errno(EBADF);
        return file->inode;
    }

    ErrorOr<void> change_mode(Kernel& kernel, Inode& inode, u32 mode)
    {
        TRY(check_writable(inode));
        inode.mode = inode.type() | (mode & 07777);
        inode.ctime_ns = kernel.vfs().now();
        inode.modified = true;
        return {};
    }

    ErrorOr<void> change_owner(Kernel& kernel, Inode& inode, u32 owner, u32 group)
    {
        TRY(check_writable(inode));
        if (owner != ~0u)
            inode.uid = owner;
        if (group != ~0u)
            inode.gid = group;
        inode.ctime_ns = kernel.vfs().now();
        inode.modified = true;
        return {};
    }

    ErrorOr<void> truncate_inode(Kernel& kernel, Inode& inode, i64 length)
    {
        if (inode.is_directory())
            return Error::from_errno(EISDIR);
        if (!inode.is_regular())
            return Error::from_errno(EINVAL);
        TRY(check_writable(inode));
        TRY(static_cast<RegularFile&>(inode).truncate(static_cast<u64>(length)));
        inode.touch_modified(kernel.vfs().now());
        return {};
    }

    // One utimensat time: UTIME_NOW, UTIME_OMIT (nullopt via `omit`) or a validated timespec.
    ErrorOr<i64> requested_time(Kernel& kernel, const Timespec& time, bool& omit)
    {
        omit = time.tv_nsec == abi::utime_omit;
        if (time.tv_nsec == abi::utime_now || omit)
            return kernel.vfs().now();
        // Clamped, as a file system clamps to the range it stores (the syscall fuzzer found the
        // overflow this was); a time before 1970 is a time like any other.
        return timespec_to_ns(time, NegativeSeconds::Allowed);
    }

    ErrorOr<long> access_check(Kernel& kernel, int dirfd, UserPtr<const char> pointer, int mode, u32 flags)
    {
        if (mode & ~(abi::r_ok | abi::w_ok | abi::x_ok))
            return Error::from_errno(EINVAL);
        if (flags & ~u32(abi::at_eaccess | abi::at_symlink_nofollow | abi::at_empty_path))
            return Error::from_errno(EINVAL);
        PathBuffer path;
        TRY(copy_path_allow_empty(path, pointer));
        auto inode = TRY(resolve_at(kernel, dirfd, path, !(flags & abi::at_symlink_nofollow), flags & abi::at_empty_path, true));
        // The guest is root: reads and writes are allowed, execution needs an execute bit somewhere.
        if ((mode & abi::w_ok) && inode->read_only && (inode->is_regular() || inode->is_directory() || inode->is_symlink()))
            return Error::from_errno(EROFS);
        if ((mode & abi::x_ok) && !inode->is_directory() && !(inode->mode & 0111))
            return Error::from_errno(EACCES);
        return 0;
    }

} // namespace

SyscallResult sys_fchmod(Kernel& kernel, Fd fd, Mode mode)
{
    auto inode = TRY(inode_of_fd(kernel, fd));
    TRY(change_mode(kernel, *inode, mode));
    return 0;
}

SyscallResult sys_fchmodat(Kernel& kernel, DirFd dirfd, Path pathname, Mode mode)
{
    PathBuffer path;
    TRY(copy_path_from_user(path, pathname));
    auto inode = TRY(resolve_existing(kernel, dirfd, path.bytes, path.length, true));
    TRY(change_mode(kernel, *inode, mode));
    return 0;
}

SyscallResult sys_fchown(Kernel& kernel, Fd fd, Id owner, Id group)
{
    auto inode = TRY(inode_of_fd(kernel, fd));
    TRY(change_owner(kernel, *inode, owner, group));
    return 0;
}

SyscallResult sys_fchownat(Kernel& kernel, DirFd dirfd, Path pathname, Id owner, Id group, AtFlags flags)
{
    if (flags & ~u32(abi::at_symlink_nofollow | abi::at_empty_path))
        return Error::from_errno(EINVAL);
    PathBuffer path;
    TRY(copy_path_allow_empty(path, pathname));
    auto inode = TRY(resolve_at(kernel, dirfd, path, !(flags & abi::at_symlink_nofollow), flags & abi::at_empty_path, false));
    TRY(change_owner(kernel, *inode, owner, group));
    return 0;
}

SyscallResult sys_utimensat(Kernel& kernel, DirFd dirfd, Path path_pointer, Ptr<Timespec> times_pointer, AtFlags flags)
{
    if (flags & ~u32(abi::at_symlink_nofollow | abi::at_empty_path))
        return Error::from_errno(EINVAL);
    RefPtr<Inode> inode;
    if (path_pointer.is_null()) {
        // Linux's futimens form: the dirfd itself.
        if (dirfd == abi::at_fdcwd)
            return Error::from_errno(EFAULT);
        inode = TRY(kernel.fds().get(dirfd))->inode;
    } else {
        PathBuffer path;
        TRY(copy_path_allow_empty(path, path_pointer));
        inode = TRY(resolve_at(kernel, dirfd, path, !(flags & abi::at_symlink_nofollow), flags & abi::at_empty_path, false));
    }
    Timespec times[2] = { { 0, abi::utime_now }, { 0, abi::utime_now } };
    if (!times_pointer.is_null()) {
        times[0] = TRY(read_from_user(times_pointer));
        times[1] = TRY(read_from_user(times_pointer.element(1)));
    }
    bool omit_access, omit_modification;
    i64 access = TRY(requested_time(kernel, times[0], omit_access));
    i64 modification = TRY(requested_time(kernel, times[1], omit_modification));
    if (omit_access && omit_modification)
        return 0;
    TRY(check_writable(*inode));
    if (!omit_access)
        inode->atime_ns = access;
    if (!omit_modification)
        inode->mtime_ns = modification;
    inode->ctime_ns = kernel.vfs().now();
    inode->modified = true;
    return 0;
}

SyscallResult sys_faccessat(Kernel& kernel, DirFd dirfd, Path pathname, Int mode) { return access_check(kernel, dirfd, pathname, mode, 0); }

SyscallResult sys_faccessat2(Kernel& kernel, DirFd dirfd, Path pathname, Int mode, AtFlags flags)
{
    return access_check(kernel, dirfd, pathname, mode, flags);
}

SyscallResult sys_truncate(Kernel& kernel, Path pathname, Offset length)
{
    PathBuffer path;
    TRY(copy_path_from_user(path, pathname));
    auto inode = TRY(resolve_existing(kernel, abi::at_fdcwd, path.bytes, path.length, true));
    if (length < 0)
        return Error::from_errno(EINVAL);
    TRY(truncate_inode(kernel, *inode, length));
    return 0;
}

SyscallResult sys_ftruncate(Kernel& kernel, Fd fd, Offset length)
{
    auto file = TRY(kernel.fds().get(fd));
    if (file->is_path_only())
        return Error::from_errno(EBADF);
    if (length < 0 || !file->can_write() || !file->inode->is_regular())
        return Error::from_errno(EINVAL);
    TRY(truncate_inode(kernel, *file->inode, length));
    return 0;
}

SyscallResult sys_fsync(Kernel& kernel, Fd fd)
{
    TRY(inode_of_fd(kernel, fd));
    return 0;
}

SyscallResult sys_fdatasync(Kernel& kernel, Fd fd)
{
    TRY(inode_of_fd(kernel, fd));
    return 0;
}

SyscallResult sys_umask(Kernel& kernel, Mode mask)
{
    u32 previous = kernel.vfs().umask();
    kernel.vfs().set_umask(mask);
    return previous;
}

} // namespace zeroos
