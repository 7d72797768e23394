#pragma once

#include "base/refptr.h"
#include "base/result.h"
#include "core/io_buffer.h"
#include "core/linux_abi.h"
#include "uaccess.h"

namespace zeroos {

class Kernel;
class OpenFile;

constexpr u64 kFileSystemDevice = 0x2a; // st_dev of every file, the console's too: one file system

// One file system object. Subclasses are told apart by the S_IFMT bits of `mode` (no RTTI).
class Inode : public RefCounted<Inode> {
public:
    virtual ~Inode() = default;
    // Inodes go back to the kernel heap through destroy(), never a delete expression, but the
    // deleting destructor a virtual destructor implies still names an operator delete: this one.
    // The kernel then defines no global operator delete, which on RISC-V would be the one of the
    // C++ vApp linked with it.
    static void operator delete(void* pointer) noexcept { kfree(pointer); }

    u32 type() const { return mode & abi::s_ifmt; }
    bool is_directory() const { return type() == abi::s_ifdir; }
    bool is_regular() const { return type() == abi::s_ifreg; }
    bool is_symlink() const { return type() == abi::s_iflnk; }
    bool is_fifo() const { return type() == abi::s_ififo; }

    // Reads/writes at `offset` straight to/from guest memory. Returns the bytes moved; a fault
    // after some bytes moved returns that count, a fault before any is EFAULT.
    virtual ErrorOr<size_t> read(Kernel&, OpenFile&, u64 offset, const IoBuffer& buffer, size_t length);
    virtual ErrorOr<size_t> write(Kernel&, OpenFile&, u64 offset, const IoBuffer& buffer, size_t length);
    // Whether the file has a position (lseek, pread); pipes and the console do not.
    virtual bool seekable() const { return true; }
    // The poll events this open file is ready for.
    virtual u32 poll_events(const OpenFile&) const { return abi::pollin | abi::pollout | abi::pollrdnorm | abi::pollwrnorm; }
    // Bytes readable now (FIONREAD); -1 when the question makes no sense for this file.
    virtual i64 readable_bytes(const OpenFile&) const { return -1; }
    virtual void opened(OpenFile&) { }
    virtual void closed(OpenFile&) { }
    virtual u64 size() const { return 0; }
    virtual u64 allocated_pages() const { return 0; }

    void touch_modified(i64 now_ns)
    {
        mtime_ns = ctime_ns = now_ns;
        modified = true;
    }

    u64 ino = 0;
    u32 mode = 0; // type and permission bits
    u32 nlink = 1;
    u32 uid = 0;
    u32 gid = 0;
    u64 rdev = 0;
    i64 atime_ns = 0, mtime_ns = 0, ctime_ns = 0;
    bool read_only = false; // under a tree marked by vfs_mark_read_only
    bool modified = false; // created or changed since vfs_clear_modified

protected:
    Inode() = default;
};

// Gives a new object its identity: the next inode number, `mode`, and the current time.
void stamp_inode(Kernel&, Inode&, u32 mode);

// EROFS when `inode` is in a read-only tree.
inline ErrorOr<void> check_writable(const Inode& inode)
{
    if (inode.read_only)
        return Error::from_errno(EROFS);
    return {};
}

} // namespace zeroos
