#include "kernel.h"
#include "syscalls.h"

namespace zeroos {

// brk never fails in Linux's ABI: it answers the break in force, the old one when it cannot move.
SyscallResult sys_brk(Kernel& kernel, const SyscallArgs& args) { return static_cast<long>(kernel.memory().brk(args.uint64(0))); }

} // namespace zeroos
