#pragma once

#include "base/result.h"
#include "syscalls.h"

// What a platform does with the file system outside of guest syscalls: filling it from declared
// host channels at boot (--mount, --rootfs, the RISC-V input tape) and reading changed files back
// at exit (--mount ...:rw). Paths are absolute guest paths.
namespace zeroos {

class Kernel;

enum class NodeKind { Directory, RegularFile, Symlink, Other };
struct TreeEntry {
    const char* relative_path; // relative to the walked directory, no leading '/'
    NodeKind kind;
    u32 mode; // permission bits
    u64 size;
    bool modified; // created or written by the guest since vfs_clear_modified
};
using TreeVisitor = void (*)(void* context, const TreeEntry&);
using ArchiveSink = void (*)(void* context, const void* data, size_t size);
#if ZEROOS_FEATURE_VFS
// Creates `path` and any missing parents as directories (mode 0755).
ErrorOr<void> vfs_make_directories(Kernel&, const char* path);
// Creates, or replaces, a regular file with these contents.
ErrorOr<void> vfs_create_file(Kernel&, const char* path, const void* data, size_t size, u32 mode);
ErrorOr<void> vfs_create_symlink(Kernel&, const char* path, const char* target);
// Every write, create, remove or rename under the directory `path` fails with EROFS from now on.
ErrorOr<void> vfs_mark_read_only(Kernel&, const char* path);
// Unpacks a ustar or GNU tar archive into `directory` (created if missing). Rejects names that
// would leave `directory` ("..", absolute link targets are kept as they are: they resolve inside
// the guest's file system).
ErrorOr<void> vfs_import_tar(Kernel&, const void* archive, size_t size, const char* directory);
// Everything imported so far counts as unmodified; later guest changes mark entries modified.
void vfs_clear_modified(Kernel&);
// Writes every directory and regular file below each of `directories` that the guest created or
// changed as one GNU tar archive (names: guest paths without the leading '/'; mtime, uid and gid
// 0), closed by its two zero blocks, to `sink` in order. On an error the archive stops unclosed, so
// a reader sees it is incomplete.
ErrorOr<void> vfs_export_changes(Kernel&, const char* const* directories, size_t count, ArchiveSink, void* context);

// Visits every entry below `directory`, parents before children, in name order.
ErrorOr<void> vfs_walk(Kernel&, const char* directory, TreeVisitor, void* context);
// Reads a regular file (symlinks followed): bytes read, 0 past the end; EISDIR, EINVAL for others.
ErrorOr<size_t> vfs_read_file(Kernel&, const char* path, u64 offset, void* buffer, size_t length);
// Copies at most `capacity` bytes of a symlink's target, without a NUL, like readlink(2).
ErrorOr<size_t> vfs_read_link(Kernel&, const char* path, char* buffer, size_t capacity);

#else
// Without the vfs feature there is no file system to fill or read: every call fails (the tracer
// refuses --mount and --rootfs before it gets here).
inline Error vfs_missing() { return Error::unsupported("the file system (the vfs feature is not built into this kernel)"); }
inline ErrorOr<void> vfs_make_directories(Kernel&, const char*) { return vfs_missing(); }
inline ErrorOr<void> vfs_create_file(Kernel&, const char*, const void*, size_t, u32) { return vfs_missing(); }
inline ErrorOr<void> vfs_create_symlink(Kernel&, const char*, const char*) { return vfs_missing(); }
inline ErrorOr<void> vfs_mark_read_only(Kernel&, const char*) { return vfs_missing(); }
inline ErrorOr<void> vfs_import_tar(Kernel&, const void*, size_t, const char*) { return vfs_missing(); }
inline void vfs_clear_modified(Kernel&) { }
inline ErrorOr<void> vfs_export_changes(Kernel&, const char* const*, size_t, ArchiveSink, void*) { return vfs_missing(); }
inline ErrorOr<void> vfs_walk(Kernel&, const char*, TreeVisitor, void*) { return vfs_missing(); }
inline ErrorOr<size_t> vfs_read_file(Kernel&, const char*, u64, void*, size_t) { return vfs_missing(); }
inline ErrorOr<size_t> vfs_read_link(Kernel&, const char*, char*, size_t) { return vfs_missing(); }
#endif

} // namespace zeroos
