#pragma once

#include "base/result.h"
#include "time/linux_abi.h"
#include "uaccess.h"

namespace zeroos {

class Kernel;

// What one Linux clock id reads, from the virtual clock.
enum class ClockKind {
    Realtime, // epoch + elapsed
    Elapsed, // monotonic, boottime and the (deterministic) CPU-time clocks
};

struct ClockInfo {
    ClockKind kind;
    int sleep_errno; // 0 when clock_nanosleep accepts it; else Linux's answer (EOPNOTSUPP, EINVAL)
};

// EINVAL for ids Linux does not know (or CPU clocks of other processes).
ErrorOr<ClockInfo> clock_info(int clock_id);
i64 clock_now_ns(Kernel&, ClockKind);

} // namespace zeroos
