#pragma once

#include "vfs/inode.h"

namespace zeroos {

class Directory;

// /dev/null, /dev/zero, /dev/random and /dev/urandom in `dev`.
ErrorOr<void> create_devices(Kernel&, Directory& dev);
// The console behind fds 0, 1 and 2: stream 0 reads the platform's stdin, 1 and 2 write its
// stdout and stderr. It is deliberately not a terminal (TCGETS says ENOTTY) so runs stay deterministic.
RefPtr<Inode> new_console(Kernel&, int stream);

// Moves guest data through the kernel in chunks of at most this many bytes.
constexpr size_t kBounceChunk = 64 * 1024;

} // namespace zeroos
