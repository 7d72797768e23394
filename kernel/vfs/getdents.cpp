#include "vfs/getdents.h"

#include "base/memory.h"
#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    u8 dirent_type(const Inode& inode)
    {
        switch (inode.type()) {
        case abi::s_ifdir:
            return abi::dt_dir;
        case abi::s_ifreg:
            return abi::dt_reg;
        case abi::s_iflnk:
            return abi::dt_lnk;
        case abi::s_ifchr:
            return abi::dt_chr;
        case abi::s_ififo:
            return abi::dt_fifo;
        default:
            return abi::dt_unknown;
        }
    }

    // The first entry at or after `cookie`: entries are in increasing cookie order.
    size_t first_entry_from(const Directory& directory, u64 cookie)
    {
        size_t low = 0, high = directory.entries.size();
        while (low < high) {
            size_t middle = (low + high) / 2;
            if (directory.entries[middle].cookie < cookie)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    // Lays out one record in `record`; returns its length.
    size_t build_record(u8* record, DirentFormat format, u64 ino, u64 next, u8 type, const char* name, size_t length)
    {
        if (format == DirentFormat::Dirent64) {
            size_t size = align_up(sizeof(abi::Dirent64Header) + length + 1, 8);
            mem_set(record, 0, size);
            abi::Dirent64Header header { ino, static_cast<i64>(next), static_cast<u16>(size), type };
            mem_copy(record, &header, sizeof(header));
            mem_copy(record + sizeof(header), name, length);
            return size;
        }
        size_t size = align_up(sizeof(abi::LegacyDirentHeader) + length + 2, 8);
        mem_set(record, 0, size);
        abi::LegacyDirentHeader header { ino, next, static_cast<u16>(size) };
        mem_copy(record, &header, sizeof(header));
        mem_copy(record + sizeof(header), name, length);
        record[size - 1] = type;
        return size;
    }

} // namespace

SyscallResult do_getdents(Kernel& kernel, int fd, UserPtr<void> buffer, size_t size, DirentFormat format)
{
    auto file = TRY(kernel.fds().get(fd));
    if (file->is_path_only())
        return Error::from_errno(EBADF);
    if (!file->inode->is_directory())
        return Error::from_errno(ENOTDIR);
    auto& directory = static_cast<Directory&>(*file->inode);
    if (directory.nlink == 0)
        return Error::from_errno(ENOENT); // removed while open: Linux lists nothing
    u8 record[sizeof(abi::Dirent64Header) + abi::name_max + 16];
    size_t used = 0;
    while (true) {
        u64 position = file->offset;
        const char* name;
        size_t length;
        const Inode* inode;
        u64 next;
        if (position == 0) {
            name = ".", length = 1, inode = &directory, next = 1;
        } else if (position == 1) {
            name = "..", length = 2, inode = directory.parent, next = Directory::kFirstCookie;
        } else {
            size_t index = first_entry_from(directory, position);
            if (index >= directory.entries.size())
                break;
            const DirEntry& entry = directory.entries[index];
            name = entry.name.c_str(), length = entry.name.length(), inode = entry.inode.ptr(), next = entry.cookie + 1;
        }
        size_t record_size = build_record(record, format, inode->ino, next, dirent_type(*inode), name, length);
        if (used + record_size > size) {
            if (used == 0)
                return Error::from_errno(EINVAL);
            break;
        }
        TRY(copy_to_user(buffer.byte_offset(used), record, record_size));
        used += record_size;
        file->offset = next;
    }
    return static_cast<long>(used);
}

SyscallResult sys_getdents64(Kernel& kernel, Fd fd, Ptr<> dirp, Size count)
{
    return do_getdents(kernel, fd, dirp, static_cast<u32>(count), DirentFormat::Dirent64); // an unsigned int in Linux
}

} // namespace zeroos
