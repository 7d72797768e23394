#include "vfs/file_io.h"

#include "kernel.h"

namespace zeroos {

SyscallResult vfs_pread_to_user(Kernel& kernel, int fd, UserPtr<void> buffer, size_t length, u64 offset)
{
    auto file = TRY(kernel.fds().get(fd));
    if (file->is_path_only())
        return Error::from_errno(EBADF);
    if (!file->can_read())
        return Error::from_errno(EACCES);
    if (!file->inode->is_regular())
        return Error::from_errno(ENODEV);
    return TRY(file->inode->read(kernel, *file, offset, IoBuffer::user(buffer), length));
}

} // namespace zeroos
