#pragma once

#include "syscalls.h"

namespace zeroos {

// Reads up to `length` bytes of the open file `fd` at `offset` straight into guest memory without
// moving its file position (mmap of a file copies through this). EBADF for a bad fd, EACCES when it
// is not open for reading, ENODEV when it is not a regular file.
// Without the vfs feature no file can be mapped: the request fails fast naming the feature.
#if ZEROOS_FEATURE_VFS
SyscallResult vfs_pread_to_user(Kernel&, int fd, UserPtr<void> buffer, size_t length, u64 offset);
#else
inline SyscallResult vfs_pread_to_user(Kernel&, int, UserPtr<void>, size_t, u64)
{
    return Error::unsupported("mapping a file: the vfs feature is not built into this kernel");
}
#endif

} // namespace zeroos
