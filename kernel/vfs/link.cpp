#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    // True when `directory` is `ancestor` or lies below it.
    bool is_within(const Directory* directory, const Inode* ancestor)
    {
        while (true) {
            if (directory == ancestor)
                return true;
            if (directory->parent == directory)
                return false;
            directory = directory->parent;
        }
    }

    // Points the entry named by `lookup` at `inode`, fixing directory back links and link counts.
    void repoint_entry(DirEntry& entry, Directory& holder, RefPtr<Inode> inode)
    {
        if (entry.inode->is_directory())
            --holder.nlink;
        if (inode->is_directory()) {
            ++holder.nlink;
            static_cast<Directory*>(inode.ptr())->parent = &holder;
        }
        entry.inode = static_cast<RefPtr<Inode>&&>(inode);
    }

    ErrorOr<void> exchange(Kernel& kernel, Lookup& old_place, Lookup& new_place)
    {
        if (!new_place.inode)
            return Error::from_errno(ENOENT);
        auto& old_directory = old_place.parent_directory();
        auto& new_directory = new_place.parent_directory();
        if ((old_place.inode->is_directory() && is_within(&new_directory, old_place.inode.ptr()))
            || (new_place.inode->is_directory() && is_within(&old_directory, new_place.inode.ptr())))
            return Error::from_errno(EINVAL);
        DirEntry* old_entry = old_directory.find(old_place.name, old_place.name_length);
        DirEntry* new_entry = new_directory.find(new_place.name, new_place.name_length);
        RefPtr<Inode> old_inode = old_place.inode, new_inode = new_place.inode;
        repoint_entry(*old_entry, old_directory, new_inode);
        repoint_entry(*new_entry, new_directory, old_inode);
        i64 now = kernel.vfs().now();
        old_inode->ctime_ns = new_inode->ctime_ns = now;
        old_directory.touch_modified(now);
        new_directory.touch_modified(now);
        return {};
    }

    ErrorOr<void> rename(Kernel& kernel, Lookup& old_place, Lookup& new_place, bool no_replace)
    {
        Inode& moving = *old_place.inode;
        auto& old_directory = old_place.parent_directory();
        auto& new_directory = new_place.parent_directory();
        if (new_place.inode) {
            if (no_replace)
                return Error::from_errno(EEXIST);
            Inode& replaced = *new_place.inode;
            if (moving.is_directory()) {
                if (!replaced.is_directory())
                    return Error::from_errno(ENOTDIR);
                if (!static_cast<Directory&>(replaced).entries.is_empty())
                    return Error::from_errno(ENOTEMPTY);
            } else if (replaced.is_directory()) {
                return Error::from_errno(EISDIR);
            }
        } else if (!moving.is_directory() && new_place.trailing_slash) {
            return Error::from_errno(ENOTDIR);
        }
        if (moving.is_directory() && is_within(&new_directory, &moving))
            return Error::from_errno(EINVAL);

        RefPtr<Inode> moved = old_place.inode;
        if (DirEntry* target = new_place.inode ? new_directory.find(new_place.name, new_place.name_length) : nullptr) {
            RefPtr<Inode> replaced = target->inode;
            repoint_entry(*target, new_directory, moved);
            replaced->nlink = replaced->is_directory() ? 0 : replaced->nlink - 1;
        } else {
            // Adding first: if the heap is exhausted nothing has changed yet.
            TRY(new_directory.add(new_place.name, new_place.name_length, moved));
        }
        // The old entry is found again: adding may have moved the entries of this directory.
        DirEntry* source = old_directory.find(old_place.name, old_place.name_length);
        if (source && source->inode == moved)
            old_directory.remove(source);
        if (moved->is_directory())
            static_cast<Directory*>(moved.ptr())->parent = &new_directory;
        i64 now = kernel.vfs().now();
        moved->ctime_ns = now;
        old_directory.touch_modified(now);
        new_directory.touch_modified(now);
        return {};
    }

} // namespace

SyscallResult sys_renameat2(Kernel& kernel, DirFd olddirfd, Path oldpath, DirFd newdirfd, Path newpath, Uint flags)
{
    if (flags & abi::rename_whiteout)
        return Error::unsupported("RENAME_WHITEOUT is not supported");
    if ((flags & ~u32(abi::rename_noreplace | abi::rename_exchange)) || (flags == (abi::rename_noreplace | abi::rename_exchange)))
        return Error::from_errno(EINVAL);
    PathPair paths;
    TRY(paths.copy_in(oldpath, newpath));
    PathBuffer& old_path = paths.first();
    PathBuffer& new_path = paths.second();
    auto old_place = TRY(resolve_path(kernel, olddirfd, old_path.bytes, old_path.length, false));
    auto new_place = TRY(resolve_path(kernel, newdirfd, new_path.bytes, new_path.length, false));
    if (old_place.name_length == 0 || old_place.names_dot_or_dotdot())
        return Error::from_errno(EBUSY);
    if (!old_place.inode)
        return Error::from_errno(ENOENT);
    if (new_place.name_length == 0 || new_place.names_dot_or_dotdot())
        return Error::from_errno((flags & abi::rename_noreplace) ? EEXIST : EBUSY);
    TRY(check_writable(*old_place.parent));
    TRY(check_writable(*new_place.parent));
    if (old_place.inode == new_place.inode)
        return (flags & abi::rename_noreplace) ? SyscallResult(Error::from_errno(EEXIST)) : SyscallResult(0);
    if (flags & abi::rename_exchange)
        TRY(exchange(kernel, old_place, new_place));
    else
        TRY(rename(kernel, old_place, new_place, flags & abi::rename_noreplace));
    return 0;
}

SyscallResult sys_renameat(Kernel& kernel, DirFd olddirfd, Path oldpath, DirFd newdirfd, Path newpath)
{
    return sys_renameat2(kernel, olddirfd, oldpath, newdirfd, newpath, Uint { 0 });
}

SyscallResult sys_symlinkat(Kernel& kernel, Path target_pointer, DirFd newdirfd, Path linkpath)
{
    PathPair paths;
    TRY(paths.copy_in(target_pointer, linkpath));
    PathBuffer& target = paths.first();
    PathBuffer& path = paths.second();
    auto lookup = TRY(resolve_path(kernel, newdirfd, path.bytes, path.length, false));
    if (lookup.inode || lookup.name_length == 0)
        return Error::from_errno(EEXIST);
    if (lookup.trailing_slash)
        return Error::from_errno(ENOENT);
    TRY(check_writable(*lookup.parent));
    auto& vfs = kernel.vfs();
    TRY(vfs.create_symlink(lookup.parent_directory(), lookup.name, lookup.name_length, target.bytes, target.length));
    lookup.parent->touch_modified(vfs.now());
    return 0;
}

SyscallResult sys_linkat(Kernel& kernel, DirFd olddirfd, Path oldpath, DirFd newdirfd, Path newpath, AtFlags flags)
{
    if (flags & ~u32(abi::at_symlink_follow | abi::at_empty_path))
        return Error::from_errno(EINVAL);
    PathPair paths;
    TRY(paths.copy_in(oldpath, newpath, true));
    PathBuffer& old_path = paths.first();
    PathBuffer& new_path = paths.second();
    auto source = TRY(resolve_at(kernel, olddirfd, old_path, flags & abi::at_symlink_follow, flags & abi::at_empty_path, false));
    if (source->is_directory())
        return Error::from_errno(EPERM);
    if (source->nlink == 0)
        return Error::from_errno(ENOENT);
    auto lookup = TRY(resolve_path(kernel, newdirfd, new_path.bytes, new_path.length, false));
    if (lookup.inode || lookup.name_length == 0)
        return Error::from_errno(EEXIST);
    if (lookup.trailing_slash)
        return Error::from_errno(ENOENT);
    TRY(check_writable(*lookup.parent));
    TRY(lookup.parent_directory().add(lookup.name, lookup.name_length, source));
    ++source->nlink;
    i64 now = kernel.vfs().now();
    source->ctime_ns = now;
    lookup.parent->touch_modified(now);
    return 0;
}

SyscallResult sys_readlinkat(Kernel& kernel, DirFd dirfd, Path pathname, OutBuffer buf, Size bufsiz)
{
    int capacity = static_cast<int>(bufsiz); // an int in Linux
    if (capacity <= 0)
        return Error::from_errno(EINVAL);
    PathBuffer path;
    TRY(copy_path_allow_empty(path, pathname));
    auto inode = TRY(resolve_at(kernel, dirfd, path, false, true, false));
    if (!inode->is_symlink())
        return Error::from_errno(EINVAL);
    auto& target = static_cast<Symlink&>(*inode).target;
    size_t length = min(target.length(), static_cast<size_t>(capacity));
    TRY(copy_to_user(buf, target.c_str(), length));
    return static_cast<long>(length);
}

} // namespace zeroos
