#include "vfs/vfs.h"

#include "kernel.h"
#include "vfs/devices.h"

namespace zeroos {

Vfs::~Vfs() = default;

i64 Vfs::now() const { return kernel_->clock().realtime_ns(); }

void Vfs::stamp(Inode& inode, u32 mode) { stamp_inode(*kernel_, inode, mode); }

RefPtr<Inode> Vfs::new_directory(u32 mode)
{
    auto* directory = make<Directory>();
    if (!directory)
        return {};
    stamp(*directory, abi::s_ifdir | (mode & 07777));
    directory->nlink = 2;
    directory->parent = directory;
    return RefPtr<Inode>::adopt(directory);
}

RefPtr<Inode> Vfs::new_regular_file(u32 mode)
{
    auto* file = make<RegularFile>(kernel_->file_space());
    if (!file)
        return {};
    stamp(*file, abi::s_ifreg | (mode & 07777));
    return RefPtr<Inode>::adopt(file);
}

RefPtr<Inode> Vfs::new_symlink(const char* target, size_t length)
{
    auto* link = make<Symlink>();
    if (!link)
        return {};
    auto adopted = RefPtr<Inode>::adopt(link);
    link->target = String::copy(target, length);
    if (link->target.is_null())
        return {};
    stamp(*link, abi::s_iflnk | 0777);
    return adopted;
}

static ErrorOr<RefPtr<Inode>> link_new(Directory& directory, const char* name, size_t length, RefPtr<Inode> inode)
{
    if (directory.nlink == 0)
        return Error::from_errno(ENOENT); // removed while someone still held it
    if (!inode)
        return Error::from_errno(ENOSPC);
    inode->read_only = directory.read_only;
    TRY(directory.add(name, length, inode));
    return inode;
}

ErrorOr<RefPtr<Inode>> Vfs::create_directory(Directory& directory, const char* name, size_t length, u32 mode)
{
    return link_new(directory, name, length, new_directory(mode));
}

ErrorOr<RefPtr<Inode>> Vfs::create_regular_file(Directory& directory, const char* name, size_t length, u32 mode)
{
    return link_new(directory, name, length, new_regular_file(mode));
}

ErrorOr<RefPtr<Inode>> Vfs::create_symlink(Directory& directory, const char* name, size_t length, const char* target, size_t target_length)
{
    return link_new(directory, name, length, new_symlink(target, target_length));
}

ErrorOr<void> Vfs::init(Kernel& kernel)
{
    kernel_ = &kernel;
    root_ = new_directory(0755);
    if (!root_)
        return Error::from_errno(ENOMEM);
    cwd_ = root_;
    TRY(create_directory(root(), "tmp", 3, 01777));
    auto dev = TRY(create_directory(root(), "dev", 3, 0755));
    TRY(create_devices(kernel, *static_cast<Directory*>(dev.ptr())));
    auto proc = TRY(create_directory(root(), "proc", 4, 0555));
    auto self = TRY(create_directory(*static_cast<Directory*>(proc.ptr()), "self", 4, 0555));
    const char* exe = kernel.program_path();
    TRY(create_symlink(*static_cast<Directory*>(self.ptr()), "exe", 3, exe, str_length(exe)));
    return {};
}

} // namespace zeroos
