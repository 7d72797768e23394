#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

SyscallResult sys_getcwd(Kernel& kernel, Ptr<> buf, Size size)
{
    auto* path = static_cast<char*>(kmalloc(kPathMax));
    if (!path)
        return Error::from_errno(ENOMEM);
    auto length = directory_path(kernel, static_cast<Directory&>(*kernel.vfs().cwd()), path, kPathMax);
    SyscallResult result = 0;
    if (length.is_error())
        result = Error::from_errno(length.error().code() == ENAMETOOLONG ? ERANGE : length.error().code());
    else if (length.value() + 1 > size)
        result = Error::from_errno(ERANGE);
    else if (auto copied = copy_to_user(buf, path, length.value() + 1); copied.is_error())
        result = copied.error();
    else
        result = static_cast<long>(length.value() + 1);
    kfree(path);
    return result;
}

SyscallResult sys_chdir(Kernel& kernel, Path pathname)
{
    PathBuffer path;
    TRY(copy_path_from_user(path, pathname));
    auto inode = TRY(resolve_existing(kernel, abi::at_fdcwd, path.bytes, path.length, true));
    if (!inode->is_directory())
        return Error::from_errno(ENOTDIR);
    kernel.vfs().cwd() = inode;
    return 0;
}

SyscallResult sys_fchdir(Kernel& kernel, Fd fd)
{
    auto file = TRY(kernel.fds().get(fd));
    if (!file->inode->is_directory())
        return Error::from_errno(ENOTDIR);
    kernel.vfs().cwd() = file->inode;
    return 0;
}

} // namespace zeroos
