#include "vfs/path.h"

#include "base/memory.h"
#include "kernel.h"

namespace zeroos {

bool Lookup::name_is(const char* text) const { return name_length == str_length(text) && mem_compare(name, text, name_length) == 0; }

namespace {

    ErrorOr<RefPtr<Inode>> start_directory(Kernel& kernel, int dirfd)
    {
        if (dirfd == abi::at_fdcwd)
            return kernel.vfs().cwd();
        auto file = TRY(kernel.fds().get(dirfd));
        if (!file->inode->is_directory())
            return Error::from_errno(ENOTDIR);
        return file->inode;
    }

    // Walks `path` from `start`, following symlinks (their targets walk from the directory holding
    // them). `follows` counts every symlink followed for the whole resolution.
    ErrorOr<void> walk(Kernel& kernel, RefPtr<Inode> start, const char* path, size_t length, bool follow_last, int& follows, Lookup& out)
    {
        if (length == 0)
            return Error::from_errno(ENOENT);
        RefPtr<Inode> current = path[0] == '/' ? kernel.vfs().root_ref() : start;
        size_t i = 0;
        while (i < length && path[i] == '/')
            ++i;
        if (i == length) {
            // Only slashes: the start itself, with no last component.
            out.parent = current;
            out.inode = current;
            out.name_length = 0;
            out.trailing_slash = false;
            return {};
        }
        while (true) {
            size_t begin = i;
            while (i < length && path[i] != '/')
                ++i;
            const char* component = path + begin;
            size_t component_length = i - begin;
            bool had_slash = i < length;
            while (i < length && path[i] == '/')
                ++i;
            bool is_last = i == length;

            if (component_length > abi::name_max)
                return Error::from_errno(ENAMETOOLONG);
            if (!current->is_directory())
                return Error::from_errno(ENOTDIR);
            auto& directory = *static_cast<Directory*>(current.ptr());
            RefPtr<Inode> next;
            if (component_length == 1 && component[0] == '.') {
                next = current;
            } else if (component_length == 2 && component[0] == '.' && component[1] == '.') {
                next = RefPtr<Inode>(directory.parent); // the root is its own parent
            } else if (auto* entry = directory.find(component, component_length)) {
                next = entry->inode;
            }

            if (is_last) {
                out.parent = current;
                mem_copy(out.name, component, component_length);
                out.name[component_length] = '\0';
                out.name_length = component_length;
                out.trailing_slash = had_slash;
                out.inode = next;
                if (next && next->is_symlink() && (follow_last || had_slash)) {
                    if (++follows > kMaxSymlinkFollows)
                        return Error::from_errno(ELOOP);
                    auto& target = static_cast<Symlink*>(next.ptr())->target;
                    RefPtr<Inode> keep = next;
                    TRY(walk(kernel, current, target.c_str(), target.length(), true, follows, out));
                    out.trailing_slash = out.trailing_slash || had_slash;
                }
                return {};
            }

            if (!next)
                return Error::from_errno(ENOENT);
            if (next->is_symlink()) {
                if (++follows > kMaxSymlinkFollows)
                    return Error::from_errno(ELOOP);
                auto& target = static_cast<Symlink*>(next.ptr())->target;
                RefPtr<Inode> keep = next;
                Lookup through;
                TRY(walk(kernel, current, target.c_str(), target.length(), true, follows, through));
                if (!through.inode)
                    return Error::from_errno(ENOENT);
                next = through.inode;
            }
            if (!next->is_directory())
                return Error::from_errno(ENOTDIR);
            current = next;
        }
    }

} // namespace

ErrorOr<Lookup> resolve_path(Kernel& kernel, int dirfd, const char* path, size_t length, bool follow_last)
{
    RefPtr<Inode> start;
    if (length == 0 || path[0] != '/')
        start = TRY(start_directory(kernel, dirfd));
    Lookup lookup;
    int follows = 0;
    TRY(walk(kernel, start, path, length, follow_last, follows, lookup));
    if (lookup.trailing_slash && lookup.inode && !lookup.inode->is_directory())
        return Error::from_errno(ENOTDIR);
    return lookup;
}

ErrorOr<RefPtr<Inode>> resolve_existing(Kernel& kernel, int dirfd, const char* path, size_t length, bool follow_last)
{
    auto lookup = TRY(resolve_path(kernel, dirfd, path, length, follow_last));
    if (!lookup.inode)
        return Error::from_errno(ENOENT);
    return lookup.inode;
}

ErrorOr<RefPtr<Inode>> resolve_at(Kernel& kernel, int dirfd, const PathBuffer& path, bool follow_last, bool allow_empty, bool note)
{
    if (path.length == 0) {
        if (!allow_empty)
            return Error::from_errno(ENOENT);
        if (dirfd == abi::at_fdcwd)
            return kernel.vfs().cwd();
        auto file = TRY(kernel.fds().get(dirfd));
        return file->inode;
    }
    auto result = resolve_existing(kernel, dirfd, path.bytes, path.length, follow_last);
    if (note && result.is_error() && result.error().code() == ENOENT)
        note_missing(kernel, dirfd, path);
    return result;
}

void note_missing(Kernel& kernel, int dirfd, const PathBuffer& path)
{
    // Large enough for a directory path, a slash and a whole guest path: kept off the stack.
    constexpr size_t kCapacity = 2 * kPathMax + 2;
    auto* absolute = static_cast<char*>(kmalloc(kCapacity));
    if (!absolute)
        return;
    size_t length = 0;
    if (path.length && path.bytes[0] != '/') {
        RefPtr<Inode> start;
        if (dirfd == abi::at_fdcwd) {
            start = kernel.vfs().cwd();
        } else if (auto file = kernel.fds().get(dirfd); !file.is_error() && file.value()->inode->is_directory()) {
            start = file.value()->inode;
        }
        auto prefix = start ? directory_path(kernel, *static_cast<Directory*>(start.ptr()), absolute, kPathMax)
                            : ErrorOr<size_t>(Error::from_errno(ENOENT));
        if (prefix.is_error()) {
            kfree(absolute);
            return;
        }
        length = prefix.value();
        if (length > 1)
            absolute[length++] = '/';
        else
            length = 1; // "/"
    }
    mem_copy(absolute + length, path.bytes, path.length);
    absolute[length + path.length] = '\0';
    platform::note_missing_path(absolute);
    kfree(absolute);
}

ErrorOr<size_t> directory_path(Kernel& kernel, Directory& directory, char* buffer, size_t capacity)
{
    if (capacity < 2)
        return Error::from_errno(ENAMETOOLONG);
    if (directory.nlink == 0)
        return Error::from_errno(ENOENT);
    Directory* root = &kernel.vfs().root();
    // Built backwards from the end of the buffer, then moved to the front.
    size_t position = capacity - 1;
    buffer[position] = '\0';
    for (Directory* current = &directory; current != root;) {
        Directory* parent = current->parent;
        DirEntry* entry = parent->find_inode(current);
        if (!entry || parent == current)
            return Error::from_errno(ENOENT);
        size_t needed = entry->name.length() + 1;
        if (needed > position)
            return Error::from_errno(ENAMETOOLONG);
        position -= needed;
        buffer[position] = '/';
        mem_copy(buffer + position + 1, entry->name.c_str(), entry->name.length());
        current = parent;
    }
    if (position == capacity - 1)
        buffer[--position] = '/';
    size_t length = capacity - 1 - position;
    mem_move(buffer, buffer + position, length + 1);
    return length;
}

} // namespace zeroos
