#pragma once

#include "syscalls.h"

namespace zeroos {

// Reads up to `length` bytes of the open file `fd` at `offset` straight into guest memory without
// moving its file position (mmap of a file copies through this). EBADF for a bad fd, EACCES when it
// is not open for reading, ENODEV when it is not a regular file.
SyscallResult vfs_pread_to_user(Kernel&, int fd, UserPtr<void> buffer, size_t length, u64 offset);

} // namespace zeroos
