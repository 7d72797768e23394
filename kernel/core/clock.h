#pragma once

#include "core/timespec.h"

namespace zeroos {

// The virtual clock: CLOCK_REALTIME starts at --epoch, CLOCK_MONOTONIC at 0, and both advance
// only when the guest sleeps. Nothing of the host's time ever reaches it.
class VirtualClock {
public:
    void init(i64 epoch_seconds);

    u64 monotonic_ns() const { return monotonic_ns_; }
    i64 realtime_ns() const { return epoch_ns_ + static_cast<i64>(monotonic_ns_); }
    // Saturates rather than wrapping, so no clock ever runs backwards.
    void advance(u64 nanoseconds)
    {
        u64 limit = static_cast<u64>(kMaxNs - (epoch_ns_ > 0 ? epoch_ns_ : 0));
        monotonic_ns_ = nanoseconds > limit - monotonic_ns_ ? limit : monotonic_ns_ + nanoseconds;
    }

private:
    static constexpr i64 kMaxNs = static_cast<i64>(~u64(0) >> 1);
    i64 epoch_ns_ = 0;
    u64 monotonic_ns_ = 0;
};

} // namespace zeroos
