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

SyscallResult sys_fchmod(Kernel& kernel, const SyscallArgs& args)
{
    auto inode = TRY(inode_of_fd(kernel, args.fd(0)));
    TRY(change_mode(kernel, *inode, args.uint32(1)));
    return 0;
}

SyscallResult sys_fchmodat(Kernel& kernel, const SyscallArgs& args)
{
    PathBuffer path;
    TRY(copy_path_from_user(path, args.pointer<const char>(1)));
    auto inode = TRY(resolve_existing(kernel, args.fd(0), path.bytes, path.length, true));
    TRY(change_mode(kernel, *inode, args.uint32(2)));
    return 0;
}

SyscallResult sys_fchown(Kernel& kernel, const SyscallArgs& args)
{
    auto inode = TRY(inode_of_fd(kernel, args.fd(0)));
    TRY(change_owner(kernel, *inode, args.uint32(1), args.uint32(2)));
    return 0;
}

SyscallResult sys_fchownat(Kernel& kernel, const SyscallArgs& args)
{
    u32 flags = args.uint32(4);
    if (flags & ~u32(abi::at_symlink_nofollow | abi::at_empty_path))
        return Error::from_errno(EINVAL);
    PathBuffer path;
    TRY(copy_path_allow_empty(path, args.pointer<const char>(1)));
    auto inode = TRY(resolve_at(kernel, args.fd(0), path, !(flags & abi::at_symlink_nofollow), flags & abi::at_empty_path, false));
    TRY(change_owner(kernel, *inode, args.uint32(2), args.uint32(3)));
    return 0;
}

SyscallResult sys_utimensat(Kernel& kernel, const SyscallArgs& args)
{
    int dirfd = args.fd(0);
    u32 flags = args.uint32(3);
    if (flags & ~u32(abi::at_symlink_nofollow | abi::at_empty_path))
        return Error::from_errno(EINVAL);
    RefPtr<Inode> inode;
    auto path_pointer = args.pointer<const char>(1);
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
    auto times_pointer = args.pointer<Timespec>(2);
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

SyscallResult sys_faccessat(Kernel& kernel, const SyscallArgs& args)
{
    return access_check(kernel, args.fd(0), args.pointer<const char>(1), args.int32(2), 0);
}

SyscallResult sys_faccessat2(Kernel& kernel, const SyscallArgs& args)
{
    return access_check(kernel, args.fd(0), args.pointer<const char>(1), args.int32(2), args.uint32(3));
}

SyscallResult sys_truncate(Kernel& kernel, const SyscallArgs& args)
{
    PathBuffer path;
    TRY(copy_path_from_user(path, args.pointer<const char>(0)));
    auto inode = TRY(resolve_existing(kernel, abi::at_fdcwd, path.bytes, path.length, true));
    if (args.int64(1) < 0)
        return Error::from_errno(EINVAL);
    TRY(truncate_inode(kernel, *inode, args.int64(1)));
    return 0;
}

SyscallResult sys_ftruncate(Kernel& kernel, const SyscallArgs& args)
{
    auto file = TRY(kernel.fds().get(args.fd(0)));
    if (file->is_path_only())
        return Error::from_errno(EBADF);
    if (args.int64(1) < 0 || !file->can_write() || !file->inode->is_regular())
        return Error::from_errno(EINVAL);
    TRY(truncate_inode(kernel, *file->inode, args.int64(1)));
    return 0;
}

SyscallResult sys_fsync(Kernel& kernel, const SyscallArgs& args)
{
    TRY(inode_of_fd(kernel, args.fd(0)));
    return 0;
}

SyscallResult sys_fdatasync(Kernel& kernel, const SyscallArgs& args)
{
    TRY(inode_of_fd(kernel, args.fd(0)));
    return 0;
}

SyscallResult sys_umask(Kernel& kernel, const SyscallArgs& args)
{
    u32 previous = kernel.vfs().umask();
    kernel.vfs().set_umask(args.uint32(0));
    return previous;
}

} // namespace zeroos
