#include "vfs/file_io.h"

namespace zeroos {

SyscallResult vfs_pread_to_user(Kernel&, int, UserPtr<void>, size_t, u64) { return Error::unsupported("vfs_pread_to_user"); }

} // namespace zeroos
