#pragma once

#include "syscalls.h"
#include "uaccess.h"
#include "vfs/inode.h"

namespace zeroos {

class Kernel;

constexpr int kMaxSymlinkFollows = 40; // then ELOOP

// Where a path leads: the directory holding its last component, and the object there if any.
struct Lookup {
    RefPtr<Inode> parent; // the directory holding `name`
    RefPtr<Inode> inode; // null when the last component does not exist (yet)
    char name[abi::name_max + 1];
    size_t name_length = 0; // 0 for paths without a last component ("/")
    bool trailing_slash = false;

    bool name_is(const char* text) const;
    bool names_dot_or_dotdot() const { return name_is(".") || name_is(".."); }
    Directory& parent_directory() const { return *static_cast<Directory*>(parent.ptr()); }
};

// Resolves `path` from `dirfd` (AT_FDCWD or an open directory; ignored for absolute paths).
// Missing intermediate directories are ENOENT, files in the middle ENOTDIR, too many symlinks
// ELOOP; a missing last component is not an error (inode is null). A trailing slash follows a
// final symlink and requires a directory (ENOTDIR).
ErrorOr<Lookup> resolve_path(Kernel&, int dirfd, const char* path, size_t length, bool follow_last);
// The same, requiring the object to exist (ENOENT).
ErrorOr<RefPtr<Inode>> resolve_existing(Kernel&, int dirfd, const char* path, size_t length, bool follow_last);
// The object a *at call names: `path` from `dirfd`, or the dirfd itself for an empty path with
// AT_EMPTY_PATH. Reports ENOENT to platform::note_missing_path when `note_missing`.
ErrorOr<RefPtr<Inode>> resolve_at(Kernel&, int dirfd, const PathBuffer&, bool follow_last, bool allow_empty, bool note_missing);

// Tells the platform a guest lookup of `path` from `dirfd` failed with ENOENT.
void note_missing(Kernel&, int dirfd, const PathBuffer&);
// The absolute path of a directory into `buffer` (NUL-terminated). ENOENT once it was removed,
// ENAMETOOLONG/ERANGE past `capacity`.
ErrorOr<size_t> directory_path(Kernel&, Directory&, char* buffer, size_t capacity);

// Two guest paths on the kernel heap, for the calls that take two (8 KiB off the kernel stack).
class PathPair {
public:
    PathPair()
        : paths_(static_cast<PathBuffer*>(kmalloc(2 * sizeof(PathBuffer))))
    {
    }
    ~PathPair() { kfree(paths_); }
    PathPair(const PathPair&) = delete;
    PathPair& operator=(const PathPair&) = delete;

    bool allocated() const { return paths_ != nullptr; }
    // Copies the two guest paths in, in order: ENOMEM when the buffers could not be had, then the
    // first path's errors (it may be empty for AT_EMPTY_PATH callers), then the second's.
    ErrorOr<void> copy_in(UserPtr<const char> first_path, UserPtr<const char> second_path, bool first_may_be_empty = false)
    {
        if (!allocated())
            return Error::from_errno(ENOMEM);
        if (first_may_be_empty)
            TRY(copy_path_allow_empty(first(), first_path));
        else
            TRY(copy_path_from_user(first(), first_path));
        return copy_path_from_user(second(), second_path);
    }
    PathBuffer& first() { return paths_[0]; }
    PathBuffer& second() { return paths_[1]; }

private:
    PathBuffer* paths_;
};

} // namespace zeroos
