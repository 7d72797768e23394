#include "io/stat.h"

#include "kernel.h"
#include "vfs/vfs.h"

namespace zeroos {

i64 seconds_of(i64 ns) { return ns >= 0 ? ns / kNanosecondsPerSecond : -((-ns + kNanosecondsPerSecond - 1) / kNanosecondsPerSecond); }
i64 subsecond_of(i64 ns) { return ns - seconds_of(ns) * kNanosecondsPerSecond; }

KernelStat stat_of(const Inode& inode)
{
    KernelStat stat {};
    stat.dev = Vfs::kDeviceNumber;
    stat.ino = inode.ino;
    stat.mode = inode.mode;
    stat.nlink = inode.nlink;
    stat.uid = inode.uid;
    stat.gid = inode.gid;
    stat.rdev = inode.rdev;
    stat.size = static_cast<i64>(inode.size());
    stat.blksize = kPageSize;
    stat.blocks = static_cast<i64>(inode.allocated_pages() * (kPageSize / 512));
    stat.atime_sec = seconds_of(inode.atime_ns), stat.atime_nsec = subsecond_of(inode.atime_ns);
    stat.mtime_sec = seconds_of(inode.mtime_ns), stat.mtime_nsec = subsecond_of(inode.mtime_ns);
    stat.ctime_sec = seconds_of(inode.ctime_ns), stat.ctime_nsec = subsecond_of(inode.ctime_ns);
    return stat;
}

SyscallResult sys_fstat(Kernel& kernel, const SyscallArgs& args)
{
    auto file = TRY(kernel.fds().get(args.fd(0)));
    TRY(arch_write_stat(args.pointer<void>(1), stat_of(*file->inode)));
    return 0;
}

} // namespace zeroos
