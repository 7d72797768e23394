#pragma once

#include "base/refptr.h"
#include "base/result.h"
#include "base/string.h"
#include "base/vector.h"
#include "uaccess.h"
#include "vfs/file_pages.h"
#include "vfs/io_buffer.h"
#include "vfs/linux_abi.h"

namespace zeroos {

class Kernel;
class OpenFile;

// One file system object. Subclasses are told apart by the S_IFMT bits of `mode` (no RTTI).
class Inode : public RefCounted<Inode> {
public:
    virtual ~Inode() = default;
    // Inodes go back to the kernel heap through destroy(), never a delete expression, but the
    // deleting destructor a virtual destructor implies still names an operator delete: this one.
    // The kernel then defines no global operator delete, which on RISC-V would be the one of the
    // C++ vApp linked with it.
    static void operator delete(void* pointer) noexcept { kfree(pointer); }

    u32 type() const { return mode & S_IFMT; }
    bool is_directory() const { return type() == S_IFDIR; }
    bool is_regular() const { return type() == S_IFREG; }
    bool is_symlink() const { return type() == S_IFLNK; }
    bool is_fifo() const { return type() == S_IFIFO; }

    // Reads/writes at `offset` straight to/from guest memory. Returns the bytes moved; a fault
    // after some bytes moved returns that count, a fault before any is EFAULT.
    virtual ErrorOr<size_t> read(Kernel&, OpenFile&, u64 offset, const IoBuffer& buffer, size_t length);
    virtual ErrorOr<size_t> write(Kernel&, OpenFile&, u64 offset, const IoBuffer& buffer, size_t length);
    // Whether the file has a position (lseek, pread); pipes and the console do not.
    virtual bool seekable() const { return true; }
    // The poll events this open file is ready for.
    virtual u32 poll_events(const OpenFile&) const { return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM; }
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

struct DirEntry {
    String name;
    RefPtr<Inode> inode;
    u64 cookie; // the getdents position of this entry, stable while others come and go
};

// Entries are kept in creation order so a directory read position (a cookie) survives unlinks.
class Directory final : public Inode {
public:
    static constexpr u64 kFirstCookie = 2; // 0 is ".", 1 is ".."

    ErrorOr<size_t> read(Kernel&, OpenFile&, u64, const IoBuffer&, size_t) override { return Error::from_errno(EISDIR); }
    ErrorOr<size_t> write(Kernel&, OpenFile&, u64, const IoBuffer&, size_t) override { return Error::from_errno(EISDIR); }
    u64 size() const override { return 4096; }
    u64 allocated_pages() const override { return 1; }

    DirEntry* find(const char* name, size_t length);
    // The entry holding `inode`, or nullptr.
    DirEntry* find_inode(const Inode* inode);
    ErrorOr<void> add(const char* name, size_t length, RefPtr<Inode> inode);
    void remove(DirEntry* entry);

    Vector<DirEntry> entries;
    Directory* parent = nullptr; // weak: the parent holds this directory; the root is its own parent
    u64 next_cookie = kFirstCookie;
};

// Sparse contents: one optional 4 KiB page per page index; a missing page reads as zeros.
class RegularFile final : public Inode {
public:
    explicit RegularFile(FileSpace& space)
        : pages_(space)
    {
    }
    ErrorOr<size_t> read(Kernel&, OpenFile&, u64 offset, const IoBuffer& buffer, size_t length) override;
    ErrorOr<size_t> write(Kernel&, OpenFile&, u64 offset, const IoBuffer& buffer, size_t length) override;
    i64 readable_bytes(const OpenFile&) const override;
    u64 size() const override { return size_; }
    u64 allocated_pages() const override { return pages_.data_pages(); }

    ErrorOr<void> truncate(u64 new_size);
    // Kernel-side access for the host API and tar import.
    size_t read_into(u64 offset, void* buffer, size_t length) const;
    ErrorOr<void> write_from(u64 offset, const void* data, size_t length);

private:
    FilePages pages_;
    u64 size_ = 0;
};

class Symlink final : public Inode {
public:
    u64 size() const override { return target.length(); }
    String target;
};

// Largest file: writes past this fail with EFBIG (the page table must fit in the kernel heap).
constexpr u64 kMaxFileSize = 1ull << 40;

} // namespace zeroos
