#pragma once

#include "base/result.h"
#include "vfs/inode.h"

namespace zeroos {

class Kernel;

// The in-memory file system: the tree, the working directory and the umask of the one process.
class Vfs {
public:
    static constexpr u32 kDefaultUmask = 022;

    Vfs() = default;
    Vfs(const Vfs&) = delete;
    Vfs& operator=(const Vfs&) = delete;
    // Out of line so code built with RTTI (unit tests under UBSan) never inlines the inode teardown.
    ~Vfs();

    ErrorOr<void> init(Kernel&);

    Kernel& kernel() { return *kernel_; }
    Directory& root() { return *static_cast<Directory*>(root_.ptr()); }
    RefPtr<Inode> root_ref() { return root_; }
    RefPtr<Inode>& cwd() { return cwd_; }
    u32 umask() const { return umask_; }
    void set_umask(u32 mask) { umask_ = mask & 0777; }
    i64 now() const;

    // Fresh, unlinked objects stamped with the next inode number and the current time; null when
    // the heap is exhausted. `mode` holds the permission bits (the caller applies the umask).
    RefPtr<Inode> new_directory(u32 mode);
    RefPtr<Inode> new_regular_file(u32 mode);
    RefPtr<Inode> new_symlink(const char* target, size_t length);
    // Gives a new object its identity (inode number, times). Devices and pipes use it too.
    void stamp(Inode&, u32 mode);

    // Creates an object named `name` in `directory`: ENOSPC when the heap is exhausted.
    ErrorOr<RefPtr<Inode>> create_directory(Directory&, const char* name, size_t length, u32 mode);
    ErrorOr<RefPtr<Inode>> create_regular_file(Directory&, const char* name, size_t length, u32 mode);
    ErrorOr<RefPtr<Inode>> create_symlink(Directory&, const char* name, size_t length, const char* target, size_t target_length);

private:
    Kernel* kernel_ = nullptr;
    RefPtr<Inode> root_;
    RefPtr<Inode> cwd_;
    u32 umask_ = kDefaultUmask;
};

} // namespace zeroos
