#include "arch_abi.h"

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
    X86Stat out {};
    out.st_dev = stat.dev;
    out.st_ino = stat.ino;
    out.st_nlink = stat.nlink;
    out.st_mode = stat.mode;
    out.st_uid = stat.uid;
    out.st_gid = stat.gid;
    out.st_rdev = stat.rdev;
    out.st_size = stat.size;
    out.st_blksize = stat.blksize;
    out.st_blocks = stat.blocks;
    out.st_atime_sec = stat.atime_sec;
    out.st_atime_nsec = stat.atime_nsec;
    out.st_mtime_sec = stat.mtime_sec;
    out.st_mtime_nsec = stat.mtime_nsec;
    out.st_ctime_sec = stat.ctime_sec;
    out.st_ctime_nsec = stat.ctime_nsec;
    return copy_to_user(destination, &out, sizeof(out));
}

ErrorOr<KernelStat> arch_read_stat(UserPtr<void> source)
{
    auto in = TRY(read_from_user(source.cast<X86Stat>()));
    KernelStat stat {};
    stat.dev = in.st_dev;
    stat.ino = in.st_ino;
    stat.mode = in.st_mode;
    stat.nlink = static_cast<u32>(in.st_nlink);
    stat.uid = in.st_uid;
    stat.gid = in.st_gid;
    stat.rdev = in.st_rdev;
    stat.size = in.st_size;
    stat.blksize = in.st_blksize;
    stat.blocks = in.st_blocks;
    stat.atime_sec = in.st_atime_sec;
    stat.atime_nsec = in.st_atime_nsec;
    stat.mtime_sec = in.st_mtime_sec;
    stat.mtime_nsec = in.st_mtime_nsec;
    stat.ctime_sec = in.st_ctime_sec;
    stat.ctime_nsec = in.st_ctime_nsec;
    return stat;
}

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
