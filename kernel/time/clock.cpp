#include "time/clock.h"

namespace zeroos {

void VirtualClock::init(i64 epoch_seconds)
{
    epoch_ns_ = epoch_seconds * 1'000'000'000;
    monotonic_ns_ = 0;
}

} // namespace zeroos
