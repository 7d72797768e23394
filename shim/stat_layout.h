#pragma once

#include "arch_abi.h"

// The kernel's neutral KernelStat to and from an architecture's struct stat. The layouts differ
// (field order, widths, padding) but name their fields alike, so one pair of templates serves every
// shim; each field is narrowed to the layout's own type on purpose.
namespace zeroos {

template<typename Layout> Layout stat_to_layout(const KernelStat& stat)
{
    Layout out {};
    out.st_dev = stat.dev;
    out.st_ino = stat.ino;
    out.st_nlink = static_cast<decltype(out.st_nlink)>(stat.nlink);
    out.st_mode = stat.mode;
    out.st_uid = stat.uid;
    out.st_gid = stat.gid;
    out.st_rdev = stat.rdev;
    out.st_size = stat.size;
    out.st_blksize = static_cast<decltype(out.st_blksize)>(stat.blksize);
    out.st_blocks = stat.blocks;
    out.st_atime_sec = stat.atime_sec;
    out.st_atime_nsec = stat.atime_nsec;
    out.st_mtime_sec = stat.mtime_sec;
    out.st_mtime_nsec = stat.mtime_nsec;
    out.st_ctime_sec = stat.ctime_sec;
    out.st_ctime_nsec = stat.ctime_nsec;
    return out;
}

template<typename Layout> KernelStat stat_from_layout(const Layout& in)
{
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

} // namespace zeroos
