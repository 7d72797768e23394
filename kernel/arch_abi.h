#pragma once

#include "base/result.h"
#include "uaccess.h"

// The struct layouts that differ between architectures. The kernel fills these neutral forms; the
// architecture's shim (shim/x86_64/abi.cpp, shim/riscv64/abi.cpp) converts them to and from the
// guest's own layout. Exactly one shim is linked into each build.
namespace zeroos {

struct KernelStat {
    u64 dev;
    u64 ino;
    u32 mode;
    u32 nlink;
    u32 uid;
    u32 gid;
    u64 rdev;
    i64 size;
    i64 blksize;
    i64 blocks;
    i64 atime_sec, atime_nsec;
    i64 mtime_sec, mtime_nsec;
    i64 ctime_sec, ctime_nsec;
};

struct KernelSigaction {
    u64 handler; // SIG_DFL 0, SIG_IGN 1, or a guest function
    u64 flags;
    u64 restorer; // 0 where the architecture has no sa_restorer
    u64 mask; // the first 64 signals
};

ErrorOr<void> arch_write_stat(UserPtr<void> destination, const KernelStat&);
// The guest's struct stat at `source` (for --trace, which shows what fstat wrote).
ErrorOr<KernelStat> arch_read_stat(UserPtr<void> source);
ErrorOr<KernelSigaction> arch_read_sigaction(UserPtr<void> source);
ErrorOr<void> arch_write_sigaction(UserPtr<void> destination, const KernelSigaction&);

// uname's `machine` field: "x86_64" or "riscv64".
const char* arch_machine_name();

} // namespace zeroos
