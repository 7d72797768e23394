#pragma once

#include "core/inode.h"

namespace zeroos {

// The console behind fds 0, 1 and 2: stream 0 reads the platform's stdin, 1 and 2 write its
// stdout and stderr. It is deliberately not a terminal (TCGETS says ENOTTY) so runs stay
// deterministic. Built whatever the features: without the vfs it is the only file there is.
RefPtr<Inode> new_console(Kernel&, int stream);

} // namespace zeroos
