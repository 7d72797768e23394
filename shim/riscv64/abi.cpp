#include "arch_abi.h"
#include "stat_layout.h"

namespace zeroos {

namespace {

    // Linux's struct stat for riscv64 (asm-generic/stat.h), 128 bytes.
    struct GenericStat {
        u64 st_dev;
        u64 st_ino;
        u32 st_mode;
        u32 st_nlink;
        u32 st_uid;
        u32 st_gid;
        u64 st_rdev;
        u64 pad1;
        i64 st_size;
        i32 st_blksize;
        i32 pad2;
        i64 st_blocks;
        i64 st_atime_sec, st_atime_nsec;
        i64 st_mtime_sec, st_mtime_nsec;
        i64 st_ctime_sec, st_ctime_nsec;
        u32 unused4, unused5;
    };
    static_assert(sizeof(GenericStat) == 128);

    // riscv64 has no sa_restorer: handler, flags, mask.
    struct GenericSigaction {
        u64 handler;
        u64 flags;
        u64 mask;
    };
    static_assert(sizeof(GenericSigaction) == 24);

} // namespace

ErrorOr<void> arch_write_stat(UserPtr<void> destination, const KernelStat& stat)
{
    auto out = stat_to_layout<GenericStat>(stat);
    return copy_to_user(destination, &out, sizeof(out));
}

ErrorOr<KernelStat> arch_read_stat(UserPtr<void> source) { return stat_from_layout(TRY(read_from_user(source.cast<GenericStat>()))); }

ErrorOr<KernelSigaction> arch_read_sigaction(UserPtr<void> source)
{
    auto in = TRY(read_from_user(source.cast<GenericSigaction>()));
    return KernelSigaction { in.handler, in.flags, 0, in.mask };
}

ErrorOr<void> arch_write_sigaction(UserPtr<void> destination, const KernelSigaction& action)
{
    GenericSigaction out { action.handler, action.flags, action.mask };
    return write_to_user(destination.cast<GenericSigaction>(), out);
}

const char* arch_machine_name() { return "riscv64"; }

} // namespace zeroos
