#pragma once

#include "base/types.h"

namespace zeroos {

// Raised whenever a syscall does more than compute its result: the scheduler must switch threads,
// or the run has ended. A platform's fast path (riscv/trap.S) calls a handler itself and tests this
// one byte afterwards instead of asking the scheduler and the process; when it is up, the full
// dispatcher finishes the call (finish_handler), which lowers it first. A raise with nothing
// behind it only costs that detour.
class Attention {
public:
    void raise() { raised_ = 1; }
    void lower() { raised_ = 0; }
    bool raised() const { return raised_ != 0; }

private:
    u8 raised_ = 0;
};

} // namespace zeroos
