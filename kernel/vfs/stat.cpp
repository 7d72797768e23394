#include "core/stat.h"
#include "arch_abi.h"
#include "kernel.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    constexpr u32 kStatxReserved = 0x80000000u;

    abi::StatxTimestamp statx_time(i64 ns)
    {
        Timespec time = timespec_from_ns(ns);
        return { time.tv_sec, static_cast<u32>(time.tv_nsec), 0 };
    }

    // Linux's split of a dev_t into major and minor numbers.
    u32 major_of(u64 dev) { return static_cast<u32>((dev >> 8) & 0xfff); }
    u32 minor_of(u64 dev) { return static_cast<u32>((dev & 0xff) | ((dev >> 12) & 0xfff00)); }

    ErrorOr<void> write_statfs(const FileSpace& space, UserPtr<abi::Statfs> destination)
    {
        // The --fs-size budget and what the files use of it. Unlimited (the RISC-V build) is a
        // fixed 4 GiB, all free, so nothing of the heap size leaks into the guest.
        abi::Statfs answer {};
        answer.type = abi::tmpfs_magic;
        answer.block_size = kPageSize;
        if (space.limit_pages()) {
            answer.blocks = space.limit_pages();
            answer.blocks_free = answer.blocks_available = space.limit_pages() - min(space.used_pages(), space.limit_pages());
        } else {
            answer.blocks = answer.blocks_free = answer.blocks_available = 1u << 20;
        }
        answer.files = answer.files_free = 1u << 20;
        answer.name_length = abi::name_max;
        answer.fragment_size = kPageSize;
        return write_to_user(destination, answer);
    }

} // namespace

SyscallResult sys_newfstatat(Kernel& kernel, DirFd dirfd, Path pathname, OutStat statbuf, AtFlags flags)
{
    if (flags & ~u32(abi::at_symlink_nofollow | abi::at_empty_path | abi::at_no_automount))
        return Error::from_errno(EINVAL);
    PathBuffer path;
    TRY(copy_path_allow_empty(path, pathname));
    auto inode = TRY(resolve_at(kernel, dirfd, path, !(flags & abi::at_symlink_nofollow), flags & abi::at_empty_path, true));
    TRY(arch_write_stat(statbuf, stat_of(*inode)));
    return 0;
}

SyscallResult sys_statx(Kernel& kernel, DirFd dirfd, Path pathname, AtFlags flags, Hex32 mask, Ptr<abi::Statx> statxbuf)
{
    if (flags & ~u32(abi::at_symlink_nofollow | abi::at_empty_path | abi::at_no_automount | abi::at_statx_sync_type))
        return Error::from_errno(EINVAL);
    if ((flags & abi::at_statx_sync_type) == abi::at_statx_sync_type || (mask & kStatxReserved))
        return Error::from_errno(EINVAL);
    PathBuffer path;
    TRY(copy_path_allow_empty(path, pathname));
    auto inode = TRY(resolve_at(kernel, dirfd, path, !(flags & abi::at_symlink_nofollow), flags & abi::at_empty_path, true));

    KernelStat stat = stat_of(*inode);
    abi::Statx out {};
    out.mask = abi::statx_basic_stats; // everything but the birth time, which is not kept
    out.blksize = static_cast<u32>(stat.blksize);
    out.nlink = stat.nlink;
    out.uid = stat.uid;
    out.gid = stat.gid;
    out.mode = static_cast<u16>(stat.mode);
    out.ino = stat.ino;
    out.size = static_cast<u64>(stat.size);
    out.blocks = static_cast<u64>(stat.blocks);
    out.atime = statx_time(inode->atime_ns);
    out.mtime = statx_time(inode->mtime_ns);
    out.ctime = statx_time(inode->ctime_ns);
    out.rdev_major = major_of(stat.rdev), out.rdev_minor = minor_of(stat.rdev);
    out.dev_major = major_of(stat.dev), out.dev_minor = minor_of(stat.dev);
    TRY(write_to_user(statxbuf, out));
    return 0;
}

SyscallResult sys_statfs(Kernel& kernel, Path pathname, Ptr<abi::Statfs> buf)
{
    PathBuffer path;
    TRY(copy_path_from_user(path, pathname));
    TRY(resolve_existing(kernel, abi::at_fdcwd, path.bytes, path.length, true));
    TRY(write_statfs(kernel.file_space(), buf));
    return 0;
}

SyscallResult sys_fstatfs(Kernel& kernel, Fd fd, Ptr<abi::Statfs> buf)
{
    TRY(kernel.fds().get(fd));
    TRY(write_statfs(kernel.file_space(), buf));
    return 0;
}

} // namespace zeroos
