#include "kernel.h"
#include "syscalls.h"

namespace zeroos {

// brk never fails in Linux's ABI: it answers the break in force, the old one when it cannot move.
SyscallResult sys_brk(Kernel& kernel, Address addr) { return static_cast<long>(kernel.memory().brk(addr)); }

} // namespace zeroos
