#pragma once

#include "arch_abi.h"
#include "core/inode.h"
#include "core/timespec.h"

namespace zeroos {

// What fstat, newfstatat and statx report for an inode.
KernelStat stat_of(const Inode&);

} // namespace zeroos
