#pragma once

#include "arch_abi.h"
#include "vfs/inode.h"

namespace zeroos {

constexpr i64 kNanosecondsPerSecond = 1'000'000'000;

// Whole seconds and the nanoseconds past them, rounding towards minus infinity as struct stat does.
i64 seconds_of(i64 ns);
i64 subsecond_of(i64 ns);
// What fstat, newfstatat and statx report for an inode.
KernelStat stat_of(const Inode&);

} // namespace zeroos
