#include "arch_abi.h"
#include "stat_layout.h"

namespace zeroos {

namespace {

    // Linux's struct stat for x86-64 (arch/x86/include/uapi/asm/stat.h), 144 bytes.
    struct X86Stat {
        u64 st_dev;
        u64 st_ino;
        u64 st_nlink;
        u32 st_mode;
        u32 st_uid;
        u32 st_gid;
        u32 pad0;
        u64 st_rdev;
        i64 st_size;
        i64 st_blksize;
        i64 st_blocks;
        i64 st_atime_sec, st_atime_nsec;
        i64 st_mtime_sec, st_mtime_nsec;
        i64 st_ctime_sec, st_ctime_nsec;
        i64 unused[3];
    };
    static_assert(sizeof(X86Stat) == 144);

    // The kernel's struct sigaction on x86-64: handler, flags, restorer, mask.
    struct X86Sigaction {
        u64 handler;
        u64 flags;
        u64 restorer;
        u64 mask;
    };
    static_assert(sizeof(X86Sigaction) == 32);

} // namespace

ErrorOr<void> arch_write_stat(UserPtr<void> destination, const KernelStat& stat)
{
    auto out = stat_to_layout<X86Stat>(stat);
    return copy_to_user(destination, &out, sizeof(out));
}

ErrorOr<KernelStat> arch_read_stat(UserPtr<void> source) { return stat_from_layout(TRY(read_from_user(source.cast<X86Stat>()))); }

ErrorOr<KernelSigaction> arch_read_sigaction(UserPtr<void> source)
{
    auto in = TRY(read_from_user(source.cast<X86Sigaction>()));
    return KernelSigaction { in.handler, in.flags, in.restorer, in.mask };
}

ErrorOr<void> arch_write_sigaction(UserPtr<void> destination, const KernelSigaction& action)
{
    X86Sigaction out { action.handler, action.flags, action.restorer, action.mask };
    return write_to_user(destination.cast<X86Sigaction>(), out);
}

const char* arch_machine_name() { return "x86_64"; }

} // namespace zeroos
