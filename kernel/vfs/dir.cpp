#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

SyscallResult sys_mkdirat(Kernel& kernel, DirFd dirfd, Path pathname, Mode mode)
{
    PathBuffer path;
    TRY(copy_path_from_user(path, pathname));
    auto lookup = TRY(resolve_path(kernel, dirfd, path.bytes, path.length, false));
    if (lookup.inode || lookup.name_length == 0)
        return Error::from_errno(EEXIST);
    TRY(check_writable(*lookup.parent));
    auto& vfs = kernel.vfs();
    TRY(vfs.create_directory(lookup.parent_directory(), lookup.name, lookup.name_length, mode & ~vfs.umask() & 01777));
    lookup.parent->touch_modified(vfs.now());
    return 0;
}

SyscallResult sys_unlinkat(Kernel& kernel, DirFd dirfd, Path pathname, AtFlags flags)
{
    if (flags & ~u32(abi::at_removedir))
        return Error::from_errno(EINVAL);
    bool remove_directory = flags & abi::at_removedir;
    PathBuffer path;
    TRY(copy_path_from_user(path, pathname));
    auto lookup = TRY(resolve_path(kernel, dirfd, path.bytes, path.length, false));
    if (lookup.name_length == 0)
        return Error::from_errno(remove_directory ? EBUSY : EISDIR);
    if (remove_directory && lookup.name_is("."))
        return Error::from_errno(EINVAL);
    if (remove_directory && lookup.name_is(".."))
        return Error::from_errno(ENOTEMPTY);
    if (!lookup.inode)
        return Error::from_errno(ENOENT);
    Inode& victim = *lookup.inode;
    if (remove_directory) {
        if (!victim.is_directory())
            return Error::from_errno(ENOTDIR);
        if (!static_cast<Directory&>(victim).entries.is_empty())
            return Error::from_errno(ENOTEMPTY);
    } else if (victim.is_directory()) {
        return Error::from_errno(EISDIR);
    }
    if (lookup.names_dot_or_dotdot())
        return Error::from_errno(EISDIR);
    TRY(check_writable(*lookup.parent));
    auto& directory = lookup.parent_directory();
    DirEntry* entry = directory.find(lookup.name, lookup.name_length);
    if (!entry)
        return Error::from_errno(ENOENT);
    directory.remove(entry);
    victim.nlink = victim.is_directory() ? 0 : victim.nlink - 1;
    victim.ctime_ns = kernel.vfs().now();
    directory.touch_modified(kernel.vfs().now());
    return 0;
}

} // namespace zeroos
