#pragma once

#include "base/string.h"
#include "base/vector.h"
#include "core/inode.h"
#include "vfs/file_pages.h"

namespace zeroos {

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
