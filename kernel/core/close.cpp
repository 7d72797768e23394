#include "kernel.h"

namespace zeroos {

SyscallResult sys_close(Kernel& kernel, const SyscallArgs& args)
{
    TRY(kernel.fds().close(args.fd(0)));
    return 0;
}

} // namespace zeroos
