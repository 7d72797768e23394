#include "kernel.h"

namespace zeroos {

SyscallResult sys_close(Kernel& kernel, Fd fd)
{
    TRY(kernel.fds().close(fd));
    return 0;
}

} // namespace zeroos
