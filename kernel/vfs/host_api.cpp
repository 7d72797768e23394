#include "vfs/host_api.h"

#include "base/memory.h"
#include "base/sort.h"
#include "kernel.h"
#include "vfs/path.h"

// The platform's side door into the file system. Paths are absolute guest paths; read-only trees
// do not apply here (the host fills them).
namespace zeroos {

namespace {

    ErrorOr<size_t> checked_length(const char* path)
    {
        if (!path || path[0] != '/')
            return Error::from_errno(EINVAL);
        size_t length = str_length(path);
        if (length >= kPathMax)
            return Error::from_errno(ENAMETOOLONG);
        return length;
    }

    // Creates every missing directory of path[0, length).
    ErrorOr<void> make_directories(Kernel& kernel, const char* path, size_t length)
    {
        for (size_t end = 1; end <= length; ++end) {
            if (end < length && path[end] != '/')
                continue;
            if (path[end - 1] == '/')
                continue;
            auto lookup = TRY(resolve_path(kernel, abi::at_fdcwd, path, end, true));
            if (!lookup.inode)
                TRY(kernel.vfs().create_directory(lookup.parent_directory(), lookup.name, lookup.name_length, 0755));
            else if (!lookup.inode->is_directory())
                return Error::from_errno(ENOTDIR);
        }
        return {};
    }

    // Looks up the last component of `path` after creating its parents; the existing non-directory
    // there, if any, is removed so the caller can create a fresh object.
    ErrorOr<Lookup> place_for_new(Kernel& kernel, const char* path, size_t length, bool replace)
    {
        size_t parent_length = length;
        while (parent_length > 0 && path[parent_length - 1] == '/')
            --parent_length;
        while (parent_length > 0 && path[parent_length - 1] != '/')
            --parent_length;
        TRY(make_directories(kernel, path, parent_length));
        auto lookup = TRY(resolve_path(kernel, abi::at_fdcwd, path, length, false));
        if (lookup.name_length == 0 || lookup.names_dot_or_dotdot() || lookup.trailing_slash)
            return Error::from_errno(EISDIR);
        if (lookup.inode) {
            if (!replace)
                return Error::from_errno(EEXIST);
            if (lookup.inode->is_directory())
                return Error::from_errno(EISDIR);
            auto& directory = lookup.parent_directory();
            directory.remove(directory.find(lookup.name, lookup.name_length));
            --lookup.inode->nlink;
            lookup.inode = nullptr;
        }
        return lookup;
    }

    void set_tree_flag(Inode& inode, bool read_only, bool modified)
    {
        if (read_only)
            inode.read_only = true;
        if (!modified)
            inode.modified = false;
        if (inode.is_directory())
            for (auto& entry : static_cast<Directory&>(inode).entries)
                set_tree_flag(*entry.inode, read_only, modified);
    }

    NodeKind kind_of(const Inode& inode)
    {
        if (inode.is_directory())
            return NodeKind::Directory;
        if (inode.is_regular())
            return NodeKind::RegularFile;
        if (inode.is_symlink())
            return NodeKind::Symlink;
        return NodeKind::Other;
    }

    bool name_less(const String& a, const String& b)
    {
        size_t common = min(a.length(), b.length());
        int order = mem_compare(a.c_str(), b.c_str(), common);
        return order < 0 || (order == 0 && a.length() < b.length());
    }

    // `path` holds the relative path of `directory` (length `prefix`, no trailing slash).
    ErrorOr<void> walk_directory(Directory& directory, char* path, size_t prefix, TreeVisitor visitor, void* context)
    {
        Vector<size_t> order;
        if (!order.resize(directory.entries.size()))
            return Error::from_errno(ENOMEM);
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        // Names in a directory are unique, so the order is total.
        heap_sort(order.begin(), order.size(),
            [&](size_t a, size_t b) { return name_less(directory.entries[a].name, directory.entries[b].name); });
        for (size_t index : order) {
            RefPtr<Inode> inode = directory.entries[index].inode;
            const String& name = directory.entries[index].name;
            size_t length = prefix + (prefix ? 1 : 0) + name.length();
            if (length >= kPathMax)
                return Error::from_errno(ENAMETOOLONG);
            if (prefix)
                path[prefix] = '/';
            mem_copy(path + prefix + (prefix ? 1 : 0), name.c_str(), name.length());
            path[length] = '\0';
            visitor(context, TreeEntry { path, kind_of(*inode), inode->mode & 07777, inode->size(), inode->modified });
            if (inode->is_directory())
                TRY(walk_directory(static_cast<Directory&>(*inode), path, length, visitor, context));
        }
        return {};
    }

} // namespace

ErrorOr<void> vfs_make_directories(Kernel& kernel, const char* path)
{
    size_t length = TRY(checked_length(path));
    return make_directories(kernel, path, length);
}

ErrorOr<void> vfs_create_file(Kernel& kernel, const char* path, const void* data, size_t size, u32 mode)
{
    size_t length = TRY(checked_length(path));
    auto lookup = TRY(place_for_new(kernel, path, length, true));
    auto inode = TRY(kernel.vfs().create_regular_file(lookup.parent_directory(), lookup.name, lookup.name_length, mode & 07777));
    auto written = static_cast<RegularFile&>(*inode).write_from(0, data, size);
    if (written.is_error()) {
        auto& directory = lookup.parent_directory();
        directory.remove(directory.find(lookup.name, lookup.name_length));
        return written.error();
    }
    return {};
}

ErrorOr<void> vfs_create_symlink(Kernel& kernel, const char* path, const char* target)
{
    size_t length = TRY(checked_length(path));
    auto lookup = TRY(place_for_new(kernel, path, length, false));
    TRY(kernel.vfs().create_symlink(lookup.parent_directory(), lookup.name, lookup.name_length, target, str_length(target)));
    return {};
}

ErrorOr<void> vfs_mark_read_only(Kernel& kernel, const char* path)
{
    size_t length = TRY(checked_length(path));
    auto inode = TRY(resolve_existing(kernel, abi::at_fdcwd, path, length, true));
    if (!inode->is_directory())
        return Error::from_errno(ENOTDIR);
    set_tree_flag(*inode, true, true);
    return {};
}

void vfs_clear_modified(Kernel& kernel) { set_tree_flag(kernel.vfs().root(), false, false); }

ErrorOr<void> vfs_walk(Kernel& kernel, const char* directory, TreeVisitor visitor, void* context)
{
    size_t length = TRY(checked_length(directory));
    auto inode = TRY(resolve_existing(kernel, abi::at_fdcwd, directory, length, true));
    if (!inode->is_directory())
        return Error::from_errno(ENOTDIR);
    auto* path = static_cast<char*>(kmalloc(kPathMax));
    if (!path)
        return Error::from_errno(ENOMEM);
    auto walked = walk_directory(static_cast<Directory&>(*inode), path, 0, visitor, context);
    kfree(path);
    return walked;
}

ErrorOr<size_t> vfs_read_file(Kernel& kernel, const char* path, u64 offset, void* buffer, size_t length)
{
    size_t path_length = TRY(checked_length(path));
    auto inode = TRY(resolve_existing(kernel, abi::at_fdcwd, path, path_length, true));
    if (inode->is_directory())
        return Error::from_errno(EISDIR);
    if (!inode->is_regular())
        return Error::from_errno(EINVAL);
    return static_cast<RegularFile&>(*inode).read_into(offset, buffer, length);
}

ErrorOr<size_t> vfs_read_link(Kernel& kernel, const char* path, char* buffer, size_t capacity)
{
    size_t path_length = TRY(checked_length(path));
    auto inode = TRY(resolve_existing(kernel, abi::at_fdcwd, path, path_length, false));
    if (!inode->is_symlink())
        return Error::from_errno(EINVAL);
    auto& target = static_cast<Symlink&>(*inode).target;
    size_t length = min(target.length(), capacity);
    mem_copy(buffer, target.c_str(), length);
    return length;
}

} // namespace zeroos
