#pragma once

#include "base/result.h"
#include "base/vector.h"
#include "vfs/file_space.h"

namespace zeroos {

// The pages of one sparse file, in a three-level table: a leaf holds 512 page pointers (2 MiB of
// the file), a middle node 512 leaves (1 GiB), and the top grows with the file's highest page. A
// write far into a file costs one path of nodes, not an entry for every page before it. Data
// pages and table nodes are all kernel pages charged to the file system's FileSpace.
class FilePages {
public:
    explicit FilePages(FileSpace& space)
        : space_(&space)
    {
    }
    FilePages(const FilePages&) = delete;
    FilePages& operator=(const FilePages&) = delete;
    ~FilePages() { free_from(0); }

    // The page at `index`, or nullptr where the file has a hole.
    u8* find(u64 index) const;
    // The page at `index`, allocated (zero-filled) if missing; ENOSPC when the file system is
    // full or the kernel heap is exhausted.
    ErrorOr<u8*> find_or_allocate(u64 index);
    // Frees every page at `first_index` and beyond.
    void free_from(u64 first_index);
    u64 data_pages() const { return data_pages_; }

private:
    static constexpr u64 kFanOut = kPageSize / sizeof(void*);
    using Leaf = u8* [kFanOut];
    using Middle = Leaf* [kFanOut];

    // A zero-filled kernel page charged to the file system, or nullptr.
    void* allocate_page();
    void free_page(void* page);

    FileSpace* space_;
    Vector<Middle*> top_;
    u64 data_pages_ = 0;
};

} // namespace zeroos
