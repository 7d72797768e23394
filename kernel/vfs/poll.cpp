#include "vfs/poll.h"

namespace zeroos {

SyscallResult do_poll(Kernel&, UserPtr<void>, u32, i64) { return Error::unsupported("poll is not implemented yet"); }
SyscallResult do_select(Kernel&, int, UserPtr<void>, UserPtr<void>, UserPtr<void>, i64)
{
    return Error::unsupported("select is not implemented yet");
}

} // namespace zeroos
