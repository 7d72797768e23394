#pragma once

#include "base/types.h"

namespace zeroos {

class Kernel;

// Wakes up to `count` threads waiting on the futex word at `address` whose wait bitset shares a bit
// with `bitset`, oldest waiter first; their FUTEX_WAIT returns 0. Returns how many woke.
long futex_wake(Kernel&, u64 address, u32 count, u32 bitset);

} // namespace zeroos
