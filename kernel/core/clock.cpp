#include "core/clock.h"

namespace zeroos {

void VirtualClock::init(i64 epoch_seconds)
{
    epoch_ns_ = seconds_to_ns_saturating(epoch_seconds, 0);
    monotonic_ns_ = 0;
}

} // namespace zeroos
