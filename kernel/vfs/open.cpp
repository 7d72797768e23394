#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    // Flags that only matter while opening; the rest stay on the open file description.
    constexpr u32 kOpenTimeFlags = abi::o_creat | abi::o_excl | abi::o_noctty | abi::o_trunc | abi::o_cloexec;
    constexpr u32 kTmpfileBit = 020000000; // O_TMPFILE without its O_DIRECTORY part

    ErrorOr<RefPtr<Inode>> open_or_create(Kernel& kernel, int dirfd, const PathBuffer& path, u32 flags, u32 mode)
    {
        bool exclusive_create = (flags & abi::o_creat) && (flags & abi::o_excl);
        bool follow = !(flags & abi::o_nofollow) && !exclusive_create;
        auto lookup = TRY(resolve_path(kernel, dirfd, path.bytes, path.length, follow));
        if (!lookup.inode) {
            if (!(flags & abi::o_creat))
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
    if (flags & abi::fasync)
        return Error::unsupported("O_ASYNC is not supported");
    if (flags & abi::o_path)
        flags &= abi::o_path | abi::o_directory | abi::o_nofollow | abi::o_cloexec;
    if ((flags & abi::o_accmode) == abi::o_accmode || ((flags & abi::o_creat) && (flags & abi::o_directory)))
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

    if (!(flags & abi::o_path)) {
        bool writing = (flags & abi::o_accmode) != abi::o_rdonly;
        if (inode->is_symlink())
            return Error::from_errno(ELOOP); // O_NOFOLLOW on a symlink
        if (inode->is_directory() && (writing || (flags & abi::o_creat)))
            return Error::from_errno(EISDIR);
        if (writing || (flags & abi::o_trunc))
            TRY(check_writable(*inode));
        if ((flags & abi::o_trunc) && inode->is_regular()) {
            TRY(static_cast<RegularFile*>(inode.ptr())->truncate(0));
            inode->touch_modified(kernel.vfs().now());
        }
    }
    if ((flags & abi::o_directory) && !inode->is_directory())
        return Error::from_errno(ENOTDIR);

    u32 kept = (flags & ~kOpenTimeFlags) | (flags & abi::o_path ? 0u : u32(abi::o_largefile));
    auto file = make_ref<OpenFile>(inode, kept);
    if (!file)
        return Error::from_errno(ENOMEM);
    return TRY(kernel.fds().allocate(file, flags & abi::o_cloexec));
}

} // namespace zeroos
