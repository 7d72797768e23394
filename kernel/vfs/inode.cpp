#include "vfs/inode.h"

#include "base/memory.h"
#include "core/open_file.h"
#include "kernel.h"

namespace zeroos {

DirEntry* Directory::find(const char* name, size_t length)
{
    for (auto& entry : entries)
        if (entry.name.equals(name, length))
            return &entry;
    return nullptr;
}

DirEntry* Directory::find_inode(const Inode* inode)
{
    for (auto& entry : entries)
        if (entry.inode.ptr() == inode)
            return &entry;
    return nullptr;
}

ErrorOr<void> Directory::add(const char* name, size_t length, RefPtr<Inode> inode)
{
    String copied = String::copy(name, length);
    if (copied.is_null())
        return Error::from_errno(ENOSPC);
    if (!entries.push_back(DirEntry { static_cast<String&&>(copied), inode, next_cookie }))
        return Error::from_errno(ENOSPC);
    ++next_cookie;
    if (inode->is_directory()) {
        static_cast<Directory*>(inode.ptr())->parent = this;
        ++nlink; // the child's ".."
    }
    return {};
}

void Directory::remove(DirEntry* entry)
{
    if (entry->inode->is_directory())
        --nlink;
    entries.remove(static_cast<size_t>(entry - entries.begin()));
}

ErrorOr<size_t> RegularFile::read(Kernel&, OpenFile&, u64 offset, const IoBuffer& buffer, size_t length)
{
    if (offset >= size_)
        return size_t(0);
    size_t count = static_cast<size_t>(min<u64>(length, size_ - offset));
    size_t done = 0;
    while (done < count) {
        u64 position = offset + done;
        u64 index = position / kPageSize;
        size_t in_page = static_cast<size_t>(position % kPageSize);
        size_t chunk = min<size_t>(count - done, kPageSize - in_page);
        const u8* page = pages_.find(index);
        ErrorOr<void> copied = page ? buffer.fill(done, page + in_page, chunk) : buffer.zero(done, chunk);
        if (copied.is_error())
            return done ? ErrorOr<size_t>(done) : ErrorOr<size_t>(copied.error());
        done += chunk;
    }
    return done;
}

ErrorOr<size_t> RegularFile::write(Kernel& kernel, OpenFile&, u64 offset, const IoBuffer& buffer, size_t length)
{
    if (length == 0)
        return size_t(0);
    if (offset >= kMaxFileSize)
        return Error::from_errno(EFBIG);
    size_t count = static_cast<size_t>(min<u64>(length, kMaxFileSize - offset));
    size_t done = 0;
    Error failure;
    while (done < count) {
        u64 position = offset + done;
        size_t in_page = static_cast<size_t>(position % kPageSize);
        size_t chunk = min<size_t>(count - done, kPageSize - in_page);
        auto page = pages_.find_or_allocate(position / kPageSize);
        if (page.is_error()) {
            failure = page.error();
            break;
        }
        auto copied = buffer.take(done, page.value() + in_page, chunk);
        if (copied.is_error()) {
            failure = copied.error();
            break;
        }
        done += chunk;
    }
    if (done) {
        size_ = max<u64>(size_, offset + done);
        touch_modified(kernel.clock().realtime_ns());
        return done;
    }
    return failure;
}

i64 RegularFile::readable_bytes(const OpenFile& file) const { return file.offset >= size_ ? 0 : static_cast<i64>(size_ - file.offset); }

ErrorOr<void> RegularFile::truncate(u64 new_size)
{
    if (new_size > kMaxFileSize)
        return Error::from_errno(EFBIG);
    if (new_size < size_) {
        u64 kept_pages = align_up(new_size, kPageSize) / kPageSize;
        pages_.free_from(kept_pages);
        // The tail of the last kept page must read as zeros if the file grows again.
        size_t in_page = static_cast<size_t>(new_size % kPageSize);
        if (u8* last = in_page ? pages_.find(kept_pages - 1) : nullptr)
            mem_set(last + in_page, 0, kPageSize - in_page);
    }
    size_ = new_size;
    return {};
}

size_t RegularFile::read_into(u64 offset, void* buffer, size_t length) const
{
    if (offset >= size_)
        return 0;
    size_t count = static_cast<size_t>(min<u64>(length, size_ - offset));
    for (size_t done = 0; done < count;) {
        u64 position = offset + done;
        u64 index = position / kPageSize;
        size_t in_page = static_cast<size_t>(position % kPageSize);
        size_t chunk = min<size_t>(count - done, kPageSize - in_page);
        if (const u8* page = pages_.find(index))
            mem_copy(static_cast<u8*>(buffer) + done, page + in_page, chunk);
        else
            mem_set(static_cast<u8*>(buffer) + done, 0, chunk);
        done += chunk;
    }
    return count;
}

ErrorOr<void> RegularFile::write_from(u64 offset, const void* data, size_t length)
{
    if (range_overflows(offset, length) || offset + length > kMaxFileSize)
        return Error::from_errno(EFBIG);
    for (size_t done = 0; done < length;) {
        u64 position = offset + done;
        size_t in_page = static_cast<size_t>(position % kPageSize);
        size_t chunk = min<size_t>(length - done, kPageSize - in_page);
        u8* page = TRY(pages_.find_or_allocate(position / kPageSize));
        mem_copy(page + in_page, static_cast<const u8*>(data) + done, chunk);
        done += chunk;
    }
    size_ = max<u64>(size_, offset + length);
    return {};
}

} // namespace zeroos
