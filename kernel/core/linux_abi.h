#pragma once

#include "base/types.h"

// The Linux ABI constants and structs of the file syscalls. x86-64 and riscv64 share these values
// (asm-generic numbering); the host headers define the same names with the same values, so each is
// guarded and the unit tests can include both.

#ifndef O_RDONLY
#define O_RDONLY 0
#endif
#ifndef O_WRONLY
#define O_WRONLY 01
#endif
#ifndef O_RDWR
#define O_RDWR 02
#endif
#ifndef O_ACCMODE
#define O_ACCMODE 03
#endif
#ifndef O_CREAT
#define O_CREAT 0100
#endif
#ifndef O_EXCL
#define O_EXCL 0200
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0400
#endif
#ifndef O_TRUNC
#define O_TRUNC 01000
#endif
#ifndef O_APPEND
#define O_APPEND 02000
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 04000
#endif
#ifndef O_DSYNC
#define O_DSYNC 010000
#endif
#ifndef FASYNC
#define FASYNC 020000
#endif
#ifndef O_DIRECT
#define O_DIRECT 040000
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 0200000
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0400000
#endif
#ifndef O_NOATIME
#define O_NOATIME 01000000
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 02000000
#endif
#ifndef O_SYNC
#define O_SYNC 04010000
#endif
#ifndef O_PATH
#define O_PATH 010000000
#endif
#ifndef O_TMPFILE
#define O_TMPFILE 020200000
#endif
#ifndef AT_FDCWD
#define AT_FDCWD -100
#endif
#ifndef AT_SYMLINK_NOFOLLOW
#define AT_SYMLINK_NOFOLLOW 0x100
#endif
#ifndef AT_REMOVEDIR
#define AT_REMOVEDIR 0x200
#endif
#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif
#ifndef AT_SYMLINK_FOLLOW
#define AT_SYMLINK_FOLLOW 0x400
#endif
#ifndef AT_NO_AUTOMOUNT
#define AT_NO_AUTOMOUNT 0x800
#endif
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef AT_STATX_SYNC_TYPE
#define AT_STATX_SYNC_TYPE 0x6000
#endif
#ifndef S_IFMT
#define S_IFMT 0170000
#endif
#ifndef S_IFSOCK
#define S_IFSOCK 0140000
#endif
#ifndef S_IFLNK
#define S_IFLNK 0120000
#endif
#ifndef S_IFREG
#define S_IFREG 0100000
#endif
#ifndef S_IFBLK
#define S_IFBLK 0060000
#endif
#ifndef S_IFDIR
#define S_IFDIR 0040000
#endif
#ifndef S_IFCHR
#define S_IFCHR 0020000
#endif
#ifndef S_IFIFO
#define S_IFIFO 0010000
#endif
#ifndef S_ISUID
#define S_ISUID 04000
#endif
#ifndef S_ISGID
#define S_ISGID 02000
#endif
#ifndef S_ISVTX
#define S_ISVTX 01000
#endif
#ifndef F_OK
#define F_OK 0
#endif
#ifndef X_OK
#define X_OK 1
#endif
#ifndef W_OK
#define W_OK 2
#endif
#ifndef R_OK
#define R_OK 4
#endif
#ifndef SEEK_SET
#define SEEK_SET 0
#endif
#ifndef SEEK_CUR
#define SEEK_CUR 1
#endif
#ifndef SEEK_END
#define SEEK_END 2
#endif
#ifndef SEEK_DATA
#define SEEK_DATA 3
#endif
#ifndef SEEK_HOLE
#define SEEK_HOLE 4
#endif
#ifndef F_DUPFD
#define F_DUPFD 0
#endif
#ifndef F_GETFD
#define F_GETFD 1
#endif
#ifndef F_SETFD
#define F_SETFD 2
#endif
#ifndef F_GETFL
#define F_GETFL 3
#endif
#ifndef F_SETFL
#define F_SETFL 4
#endif
#ifndef F_GETLK
#define F_GETLK 5
#endif
#ifndef F_SETLK
#define F_SETLK 6
#endif
#ifndef F_SETLKW
#define F_SETLKW 7
#endif
#ifndef F_DUPFD_CLOEXEC
#define F_DUPFD_CLOEXEC 1030
#endif
#ifndef FD_CLOEXEC
#define FD_CLOEXEC 1
#endif
#ifndef F_RDLCK
#define F_RDLCK 0
#endif
#ifndef F_WRLCK
#define F_WRLCK 1
#endif
#ifndef F_UNLCK
#define F_UNLCK 2
#endif
#ifndef POLLIN
#define POLLIN 0x001
#endif
#ifndef POLLPRI
#define POLLPRI 0x002
#endif
#ifndef POLLOUT
#define POLLOUT 0x004
#endif
#ifndef POLLERR
#define POLLERR 0x008
#endif
#ifndef POLLHUP
#define POLLHUP 0x010
#endif
#ifndef POLLNVAL
#define POLLNVAL 0x020
#endif
#ifndef POLLRDNORM
#define POLLRDNORM 0x040
#endif
#ifndef POLLRDBAND
#define POLLRDBAND 0x080
#endif
#ifndef POLLWRNORM
#define POLLWRNORM 0x100
#endif
#ifndef POLLWRBAND
#define POLLWRBAND 0x200
#endif
#ifndef DT_UNKNOWN
#define DT_UNKNOWN 0
#endif
#ifndef DT_FIFO
#define DT_FIFO 1
#endif
#ifndef DT_CHR
#define DT_CHR 2
#endif
#ifndef DT_DIR
#define DT_DIR 4
#endif
#ifndef DT_BLK
#define DT_BLK 6
#endif
#ifndef DT_REG
#define DT_REG 8
#endif
#ifndef DT_LNK
#define DT_LNK 10
#endif
#ifndef DT_SOCK
#define DT_SOCK 12
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE 2
#endif
#ifndef RENAME_WHITEOUT
#define RENAME_WHITEOUT 4
#endif
#ifndef UTIME_NOW
#define UTIME_NOW ((1l << 30) - 1l)
#endif
#ifndef UTIME_OMIT
#define UTIME_OMIT ((1l << 30) - 2l)
#endif
#ifndef TCGETS
#define TCGETS 0x5401
#endif
#ifndef TCSETS
#define TCSETS 0x5402
#endif
#ifndef TCSETSW
#define TCSETSW 0x5403
#endif
#ifndef TCSETSF
#define TCSETSF 0x5404
#endif
#ifndef TIOCGPGRP
#define TIOCGPGRP 0x540F
#endif
#ifndef TIOCSPGRP
#define TIOCSPGRP 0x5410
#endif
#ifndef TIOCGWINSZ
#define TIOCGWINSZ 0x5413
#endif
#ifndef TIOCSWINSZ
#define TIOCSWINSZ 0x5414
#endif
#ifndef FIONREAD
#define FIONREAD 0x541B
#endif
#ifndef FIONBIO
#define FIONBIO 0x5421
#endif
#ifndef FIONCLEX
#define FIONCLEX 0x5450
#endif
#ifndef FIOCLEX
#define FIOCLEX 0x5451
#endif
#ifndef STATX_TYPE
#define STATX_TYPE 0x0001
#endif
#ifndef STATX_MODE
#define STATX_MODE 0x0002
#endif
#ifndef STATX_NLINK
#define STATX_NLINK 0x0004
#endif
#ifndef STATX_UID
#define STATX_UID 0x0008
#endif
#ifndef STATX_GID
#define STATX_GID 0x0010
#endif
#ifndef STATX_ATIME
#define STATX_ATIME 0x0020
#endif
#ifndef STATX_MTIME
#define STATX_MTIME 0x0040
#endif
#ifndef STATX_CTIME
#define STATX_CTIME 0x0080
#endif
#ifndef STATX_INO
#define STATX_INO 0x0100
#endif
#ifndef STATX_SIZE
#define STATX_SIZE 0x0200
#endif
#ifndef STATX_BLOCKS
#define STATX_BLOCKS 0x0400
#endif
#ifndef STATX_BASIC_STATS
#define STATX_BASIC_STATS 0x07ff
#endif
#ifndef STATX_BTIME
#define STATX_BTIME 0x0800
#endif
#ifndef NAME_MAX
#define NAME_MAX 255
#endif
#ifndef TMPFS_MAGIC
#define TMPFS_MAGIC 0x01021994
#endif

// glibc defines O_LARGEFILE as 0 on x86-64; the kernel ABI bit is this one.
#define LINUX_O_LARGEFILE 0100000

namespace zeroos::abi {

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
