#pragma once

#include "syscalls.h"

namespace zeroos {

// The common cores of ppoll/pselect6 that the x86-64 legacy poll/select share. A negative
// timeout waits forever. With nothing ready the calling thread blocks (ThreadTable::block_current)
// and the caller must be a handler run by run_handler, which runs it again when it is woken.
SyscallResult do_poll(Kernel&, UserPtr<void> pollfds, u32 count, i64 timeout_ns);
SyscallResult do_select(Kernel&, int nfds, UserPtr<void> readfds, UserPtr<void> writefds, UserPtr<void> exceptfds, i64 timeout_ns);

} // namespace zeroos
