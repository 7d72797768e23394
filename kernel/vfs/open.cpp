#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    // Flags that only matter while opening; the rest stay on the open file description.
    constexpr u32 kOpenTimeFlags = O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC;
    constexpr u32 kTmpfileBit = 020000000; // O_TMPFILE without its O_DIRECTORY part

    ErrorOr<RefPtr<Inode>> open_or_create(Kernel& kernel, int dirfd, const PathBuffer& path, u32 flags, u32 mode)
    {
        bool exclusive_create = (flags & O_CREAT) && (flags & O_EXCL);
        bool follow = !(flags & O_NOFOLLOW) && !exclusive_create;
        auto lookup = TRY(resolve_path(kernel, dirfd, path.bytes, path.length, follow));
        if (!lookup.inode) {
            if (!(flags & O_CREAT))
                return Error::from_errno(ENOENT);
            if (lookup.trailing_slash)
                return Error::from_errno(EISDIR);
            TRY(check_writable(*lookup.parent));
            auto& vfs = kernel.vfs();
            auto created = TRY(vfs.create_regular_file(lookup.parent_directory(), lookup.name, lookup.name_length, mode & ~vfs.umask()));
            lookup.parent->touch_modified(vfs.now());
            return created;
        }
        if (exclusive_create)
            return Error::from_errno(EEXIST);
        return lookup.inode;
    }

} // namespace

SyscallResult sys_openat(Kernel& kernel, DirFd dirfd, Path pathname, OpenFlags requested_flags, CreateMode requested_mode)
{
    u32 flags = requested_flags;
    u32 mode = requested_mode & 07777;
    if (flags & kTmpfileBit)
        return Error::unsupported("O_TMPFILE is not supported");
    if (flags & FASYNC)
        return Error::unsupported("O_ASYNC is not supported");
    if (flags & O_PATH)
        flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    if ((flags & O_ACCMODE) == O_ACCMODE || ((flags & O_CREAT) && (flags & O_DIRECTORY)))
        return Error::from_errno(EINVAL);

    PathBuffer path;
    TRY(copy_path_from_user(path, pathname));
    auto opened = open_or_create(kernel, dirfd, path, flags, mode);
    if (opened.is_error()) {
        if (opened.error().code() == ENOENT)
            note_missing(kernel, dirfd, path);
        return opened.error();
    }
    RefPtr<Inode> inode = opened.release_value();

    if (!(flags & O_PATH)) {
        bool writing = (flags & O_ACCMODE) != O_RDONLY;
        if (inode->is_symlink())
            return Error::from_errno(ELOOP); // O_NOFOLLOW on a symlink
        if (inode->is_directory() && (writing || (flags & O_CREAT)))
            return Error::from_errno(EISDIR);
        if (writing || (flags & O_TRUNC))
            TRY(check_writable(*inode));
        if ((flags & O_TRUNC) && inode->is_regular()) {
            TRY(static_cast<RegularFile*>(inode.ptr())->truncate(0));
            inode->touch_modified(kernel.vfs().now());
        }
    }
    if ((flags & O_DIRECTORY) && !inode->is_directory())
        return Error::from_errno(ENOTDIR);

    u32 kept = (flags & ~kOpenTimeFlags) | (flags & O_PATH ? 0u : u32(LINUX_O_LARGEFILE));
    auto file = make_ref<OpenFile>(inode, kept);
    if (!file)
        return Error::from_errno(ENOMEM);
    return TRY(kernel.fds().allocate(file, flags & O_CLOEXEC));
}

} // namespace zeroos
