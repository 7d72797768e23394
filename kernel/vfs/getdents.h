#pragma once

#include "syscalls.h"

namespace zeroos {

// getdents64 writes struct linux_dirent64; x86-64's legacy getdents writes struct linux_dirent
// (d_type in the record's last byte).
enum class DirentFormat { Dirent64, LegacyDirent };
SyscallResult do_getdents(Kernel&, int fd, UserPtr<void> buffer, size_t size, DirentFormat);

} // namespace zeroos
