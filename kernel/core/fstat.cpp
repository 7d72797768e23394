#include "core/stat.h"

#include "kernel.h"

namespace zeroos {

KernelStat stat_of(const Inode& inode)
{
    KernelStat stat {};
    stat.dev = kFileSystemDevice;
    stat.ino = inode.ino;
    stat.mode = inode.mode;
    stat.nlink = inode.nlink;
    stat.uid = inode.uid;
    stat.gid = inode.gid;
    stat.rdev = inode.rdev;
    stat.size = static_cast<i64>(inode.size());
    stat.blksize = kPageSize;
    stat.blocks = static_cast<i64>(inode.allocated_pages() * (kPageSize / 512));
    Timespec atime = timespec_from_ns(inode.atime_ns);
    stat.atime_sec = atime.tv_sec, stat.atime_nsec = atime.tv_nsec;
    Timespec mtime = timespec_from_ns(inode.mtime_ns);
    stat.mtime_sec = mtime.tv_sec, stat.mtime_nsec = mtime.tv_nsec;
    Timespec ctime = timespec_from_ns(inode.ctime_ns);
    stat.ctime_sec = ctime.tv_sec, stat.ctime_nsec = ctime.tv_nsec;
    return stat;
}

SyscallResult sys_fstat(Kernel& kernel, Fd fd, OutStat statbuf)
{
    auto file = TRY(kernel.fds().get(fd));
    TRY(arch_write_stat(statbuf, stat_of(*file->inode)));
    return 0;
}

} // namespace zeroos
