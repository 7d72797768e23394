#include "vfs/getdents.h"

namespace zeroos {

SyscallResult do_getdents(Kernel&, int, UserPtr<void>, size_t, DirentFormat)
{
    return Error::unsupported("getdents is not implemented yet");
}

} // namespace zeroos
