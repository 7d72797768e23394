#pragma once

#include "base/types.h"

// The Linux ABI constants and structs of the file syscalls. x86-64 and riscv64 share these values
// (asm-generic numbering). Each constant is the Linux macro's name in lower case, with the type
// of Linux's own definition: a host header that defines the macro cannot change it, and
// tracer/abi_check.cpp checks each against the host's headers. Every folder's linux_abi.h adds
// to namespace zeroos::abi.

namespace zeroos::abi {

inline constexpr int o_rdonly = 0;
inline constexpr int o_wronly = 01;
inline constexpr int o_rdwr = 02;
inline constexpr int o_accmode = 03;
inline constexpr int o_creat = 0100;
inline constexpr int o_excl = 0200;
inline constexpr int o_noctty = 0400;
inline constexpr int o_trunc = 01000;
inline constexpr int o_append = 02000;
inline constexpr int o_nonblock = 04000;
inline constexpr int o_dsync = 010000;
inline constexpr int fasync = 020000;
inline constexpr int o_direct = 040000;
inline constexpr int o_largefile = 0100000; // the kernel's bit, which F_GETFL reports; glibc's O_LARGEFILE is 0 on x86-64
inline constexpr int o_directory = 0200000;
inline constexpr int o_nofollow = 0400000;
inline constexpr int o_noatime = 01000000;
inline constexpr int o_cloexec = 02000000;
inline constexpr int o_sync = 04010000;
inline constexpr int o_path = 010000000;
inline constexpr int o_tmpfile = 020200000;
inline constexpr int at_fdcwd = -100;
inline constexpr int at_symlink_nofollow = 0x100;
inline constexpr int at_removedir = 0x200;
inline constexpr int at_eaccess = 0x200;
inline constexpr int at_symlink_follow = 0x400;
inline constexpr int at_no_automount = 0x800;
inline constexpr int at_empty_path = 0x1000;
inline constexpr int at_statx_sync_type = 0x6000;
inline constexpr int s_ifmt = 0170000;
inline constexpr int s_ifsock = 0140000;
inline constexpr int s_iflnk = 0120000;
inline constexpr int s_ifreg = 0100000;
inline constexpr int s_ifblk = 0060000;
inline constexpr int s_ifdir = 0040000;
inline constexpr int s_ifchr = 0020000;
inline constexpr int s_ififo = 0010000;
inline constexpr int s_isuid = 04000;
inline constexpr int s_isgid = 02000;
inline constexpr int s_isvtx = 01000;
inline constexpr int f_ok = 0;
inline constexpr int x_ok = 1;
inline constexpr int w_ok = 2;
inline constexpr int r_ok = 4;
inline constexpr int seek_set = 0;
inline constexpr int seek_cur = 1;
inline constexpr int seek_end = 2;
inline constexpr int seek_data = 3;
inline constexpr int seek_hole = 4;
inline constexpr int f_dupfd = 0;
inline constexpr int f_getfd = 1;
inline constexpr int f_setfd = 2;
inline constexpr int f_getfl = 3;
inline constexpr int f_setfl = 4;
inline constexpr int f_getlk = 5;
inline constexpr int f_setlk = 6;
inline constexpr int f_setlkw = 7;
inline constexpr int f_dupfd_cloexec = 1030;
inline constexpr int fd_cloexec = 1;
inline constexpr int f_rdlck = 0;
inline constexpr int f_wrlck = 1;
inline constexpr int f_unlck = 2;
inline constexpr int pollin = 0x001;
inline constexpr int pollpri = 0x002;
inline constexpr int pollout = 0x004;
inline constexpr int pollerr = 0x008;
inline constexpr int pollhup = 0x010;
inline constexpr int pollnval = 0x020;
inline constexpr int pollrdnorm = 0x040;
inline constexpr int pollrdband = 0x080;
inline constexpr int pollwrnorm = 0x100;
inline constexpr int pollwrband = 0x200;
inline constexpr int dt_unknown = 0;
inline constexpr int dt_fifo = 1;
inline constexpr int dt_chr = 2;
inline constexpr int dt_dir = 4;
inline constexpr int dt_blk = 6;
inline constexpr int dt_reg = 8;
inline constexpr int dt_lnk = 10;
inline constexpr int dt_sock = 12;
inline constexpr int rename_noreplace = 1;
inline constexpr int rename_exchange = 2;
inline constexpr int rename_whiteout = 4;
inline constexpr i64 utime_now = ((1l << 30) - 1l);
inline constexpr i64 utime_omit = ((1l << 30) - 2l);
inline constexpr int tcgets = 0x5401;
inline constexpr int tcsets = 0x5402;
inline constexpr int tcsetsw = 0x5403;
inline constexpr int tcsetsf = 0x5404;
inline constexpr int tiocgpgrp = 0x540F;
inline constexpr int tiocspgrp = 0x5410;
inline constexpr int tiocgwinsz = 0x5413;
inline constexpr int tiocswinsz = 0x5414;
inline constexpr int fionread = 0x541B;
inline constexpr int fionbio = 0x5421;
inline constexpr int fionclex = 0x5450;
inline constexpr int fioclex = 0x5451;
inline constexpr int statx_type = 0x0001;
inline constexpr int statx_mode = 0x0002;
inline constexpr int statx_nlink = 0x0004;
inline constexpr int statx_uid = 0x0008;
inline constexpr int statx_gid = 0x0010;
inline constexpr int statx_atime = 0x0020;
inline constexpr int statx_mtime = 0x0040;
inline constexpr int statx_ctime = 0x0080;
inline constexpr int statx_ino = 0x0100;
inline constexpr int statx_size = 0x0200;
inline constexpr int statx_blocks = 0x0400;
inline constexpr int statx_basic_stats = 0x07ff;
inline constexpr int statx_btime = 0x0800;
inline constexpr int name_max = 255;
inline constexpr int tmpfs_magic = 0x01021994;

struct IoVec {
    u64 base;
    u64 length;
};

struct PollFd {
    i32 fd;
    int16_t events;
    int16_t revents;
};

// struct linux_dirent64: the fixed part before the name.
struct Dirent64Header {
    u64 ino;
    i64 off;
    u16 reclen;
    u8 type;
} __attribute__((packed));
static_assert(sizeof(Dirent64Header) == 19);

// x86-64's struct linux_dirent: the name follows, d_type is the record's last byte.
struct LegacyDirentHeader {
    u64 ino;
    u64 off;
    u16 reclen;
} __attribute__((packed));
static_assert(sizeof(LegacyDirentHeader) == 18);

struct StatxTimestamp {
    i64 seconds;
    u32 nanoseconds;
    i32 reserved;
};

struct Statx {
    u32 mask;
    u32 blksize;
    u64 attributes;
    u32 nlink;
    u32 uid;
    u32 gid;
    u16 mode;
    u16 spare0;
    u64 ino;
    u64 size;
    u64 blocks;
    u64 attributes_mask;
    StatxTimestamp atime, btime, ctime, mtime;
    u32 rdev_major, rdev_minor;
    u32 dev_major, dev_minor;
    u64 mnt_id;
    u32 dio_mem_align, dio_offset_align;
    u64 spare[12];
};
static_assert(sizeof(Statx) == 256);

// struct statfs of the 64-bit Linux ABIs (every field a long on both x86-64 and riscv64).
struct Statfs {
    i64 type;
    i64 block_size;
    u64 blocks;
    u64 blocks_free;
    u64 blocks_available;
    u64 files;
    u64 files_free;
    i32 fsid[2];
    i64 name_length;
    i64 fragment_size;
    i64 flags;
    i64 spare[4];
};
static_assert(sizeof(Statfs) == 120);

struct Flock {
    int16_t type;
    int16_t whence;
    i64 start;
    i64 length;
    i32 pid;
};
static_assert(sizeof(Flock) == 32);

} // namespace zeroos::abi
