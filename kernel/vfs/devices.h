#pragma once

#include "core/bounce.h"
#include "vfs/inode.h"

namespace zeroos {

class Directory;

// /dev/null, /dev/zero, /dev/random and /dev/urandom in `dev`.
ErrorOr<void> create_devices(Kernel&, Directory& dev);

} // namespace zeroos
