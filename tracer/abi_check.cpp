// The kernel's Linux ABI (the zeroos::abi constants and structs of kernel/*/linux_abi.h, which the
// freestanding kernel defines itself) checked against the host's own headers, once, at compile
// time. Host-only: compiled into zeroos-run, which every host tree builds (feature-reduced and
// sanitizer trees included). Nothing here runs. A constant the host lacks, or defines otherwise,
// is a comment in the list saying why.

#include "core/linux_abi.h"
#include "mm/linux_abi.h"
#include "proc/linux_abi.h"
#include "random/linux_abi.h"
#include "sched/linux_abi.h"
#include "signals/linux_abi.h"
#include "time/linux_abi.h"

#include <cstddef>
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <linux/magic.h>
#include <linux/mman.h> // PROT_SEM, MAP_UNINITIALIZED: glibc's <sys/mman.h> has neither
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

namespace abi = zeroos::abi;

// abi::name has the value of the host's NAME.
#define SAME(name, NAME) static_assert(abi::name == (NAME), #NAME)

// core/linux_abi.h: the file syscalls
SAME(o_rdonly, O_RDONLY);
SAME(o_wronly, O_WRONLY);
SAME(o_rdwr, O_RDWR);
SAME(o_accmode, O_ACCMODE);
SAME(o_creat, O_CREAT);
SAME(o_excl, O_EXCL);
SAME(o_noctty, O_NOCTTY);
SAME(o_trunc, O_TRUNC);
SAME(o_append, O_APPEND);
SAME(o_nonblock, O_NONBLOCK);
SAME(o_dsync, O_DSYNC);
SAME(fasync, FASYNC);
SAME(o_direct, O_DIRECT);
// O_LARGEFILE: glibc's O_LARGEFILE is 0 on x86-64 (the flag is implied); abi::o_largefile is the kernel's bit, which F_GETFL reports.
SAME(o_directory, O_DIRECTORY);
SAME(o_nofollow, O_NOFOLLOW);
SAME(o_noatime, O_NOATIME);
SAME(o_cloexec, O_CLOEXEC);
SAME(o_sync, O_SYNC);
SAME(o_path, O_PATH);
SAME(o_tmpfile, O_TMPFILE);
SAME(at_fdcwd, AT_FDCWD);
SAME(at_symlink_nofollow, AT_SYMLINK_NOFOLLOW);
SAME(at_removedir, AT_REMOVEDIR);
SAME(at_eaccess, AT_EACCESS);
SAME(at_symlink_follow, AT_SYMLINK_FOLLOW);
SAME(at_no_automount, AT_NO_AUTOMOUNT);
SAME(at_empty_path, AT_EMPTY_PATH);
SAME(at_statx_sync_type, AT_STATX_SYNC_TYPE);
SAME(s_ifmt, S_IFMT);
SAME(s_ifsock, S_IFSOCK);
SAME(s_iflnk, S_IFLNK);
SAME(s_ifreg, S_IFREG);
SAME(s_ifblk, S_IFBLK);
SAME(s_ifdir, S_IFDIR);
SAME(s_ifchr, S_IFCHR);
SAME(s_ififo, S_IFIFO);
SAME(s_isuid, S_ISUID);
SAME(s_isgid, S_ISGID);
SAME(s_isvtx, S_ISVTX);
SAME(f_ok, F_OK);
SAME(x_ok, X_OK);
SAME(w_ok, W_OK);
SAME(r_ok, R_OK);
SAME(seek_set, SEEK_SET);
SAME(seek_cur, SEEK_CUR);
SAME(seek_end, SEEK_END);
SAME(seek_data, SEEK_DATA);
SAME(seek_hole, SEEK_HOLE);
SAME(f_dupfd, F_DUPFD);
SAME(f_getfd, F_GETFD);
SAME(f_setfd, F_SETFD);
SAME(f_getfl, F_GETFL);
SAME(f_setfl, F_SETFL);
SAME(f_getlk, F_GETLK);
SAME(f_setlk, F_SETLK);
SAME(f_setlkw, F_SETLKW);
SAME(f_dupfd_cloexec, F_DUPFD_CLOEXEC);
SAME(fd_cloexec, FD_CLOEXEC);
SAME(f_rdlck, F_RDLCK);
SAME(f_wrlck, F_WRLCK);
SAME(f_unlck, F_UNLCK);
SAME(pollin, POLLIN);
SAME(pollpri, POLLPRI);
SAME(pollout, POLLOUT);
SAME(pollerr, POLLERR);
SAME(pollhup, POLLHUP);
SAME(pollnval, POLLNVAL);
SAME(pollrdnorm, POLLRDNORM);
SAME(pollrdband, POLLRDBAND);
SAME(pollwrnorm, POLLWRNORM);
SAME(pollwrband, POLLWRBAND);
SAME(dt_unknown, DT_UNKNOWN);
SAME(dt_fifo, DT_FIFO);
SAME(dt_chr, DT_CHR);
SAME(dt_dir, DT_DIR);
SAME(dt_blk, DT_BLK);
SAME(dt_reg, DT_REG);
SAME(dt_lnk, DT_LNK);
SAME(dt_sock, DT_SOCK);
SAME(rename_noreplace, RENAME_NOREPLACE);
SAME(rename_exchange, RENAME_EXCHANGE);
SAME(rename_whiteout, RENAME_WHITEOUT);
SAME(utime_now, UTIME_NOW);
SAME(utime_omit, UTIME_OMIT);
SAME(tcgets, TCGETS);
SAME(tcsets, TCSETS);
SAME(tcsetsw, TCSETSW);
SAME(tcsetsf, TCSETSF);
SAME(tiocgpgrp, TIOCGPGRP);
SAME(tiocspgrp, TIOCSPGRP);
SAME(tiocgwinsz, TIOCGWINSZ);
SAME(tiocswinsz, TIOCSWINSZ);
SAME(fionread, FIONREAD);
SAME(fionbio, FIONBIO);
SAME(fionclex, FIONCLEX);
SAME(fioclex, FIOCLEX);
SAME(statx_type, STATX_TYPE);
SAME(statx_mode, STATX_MODE);
SAME(statx_nlink, STATX_NLINK);
SAME(statx_uid, STATX_UID);
SAME(statx_gid, STATX_GID);
SAME(statx_atime, STATX_ATIME);
SAME(statx_mtime, STATX_MTIME);
SAME(statx_ctime, STATX_CTIME);
SAME(statx_ino, STATX_INO);
SAME(statx_size, STATX_SIZE);
SAME(statx_blocks, STATX_BLOCKS);
SAME(statx_basic_stats, STATX_BASIC_STATS);
SAME(statx_btime, STATX_BTIME);
SAME(name_max, NAME_MAX);
SAME(tmpfs_magic, TMPFS_MAGIC);

// mm/linux_abi.h: memory
SAME(prot_none, PROT_NONE);
SAME(prot_read, PROT_READ);
SAME(prot_write, PROT_WRITE);
SAME(prot_exec, PROT_EXEC);
SAME(prot_sem, PROT_SEM);
SAME(prot_growsdown, PROT_GROWSDOWN);
SAME(prot_growsup, PROT_GROWSUP);
SAME(map_shared, MAP_SHARED);
SAME(map_private, MAP_PRIVATE);
SAME(map_shared_validate, MAP_SHARED_VALIDATE);
SAME(map_type, MAP_TYPE);
SAME(map_fixed, MAP_FIXED);
SAME(map_anonymous, MAP_ANONYMOUS);
SAME(map_32bit, MAP_32BIT);
SAME(map_growsdown, MAP_GROWSDOWN);
SAME(map_denywrite, MAP_DENYWRITE);
SAME(map_executable, MAP_EXECUTABLE);
SAME(map_locked, MAP_LOCKED);
SAME(map_noreserve, MAP_NORESERVE);
SAME(map_populate, MAP_POPULATE);
SAME(map_nonblock, MAP_NONBLOCK);
SAME(map_stack, MAP_STACK);
SAME(map_hugetlb, MAP_HUGETLB);
SAME(map_sync, MAP_SYNC);
SAME(map_fixed_noreplace, MAP_FIXED_NOREPLACE);
SAME(map_uninitialized, MAP_UNINITIALIZED);
SAME(mremap_maymove, MREMAP_MAYMOVE);
SAME(mremap_fixed, MREMAP_FIXED);
SAME(mremap_dontunmap, MREMAP_DONTUNMAP);
SAME(ms_async, MS_ASYNC);
SAME(ms_invalidate, MS_INVALIDATE);
SAME(ms_sync, MS_SYNC);
SAME(madv_normal, MADV_NORMAL);
SAME(madv_random, MADV_RANDOM);
SAME(madv_sequential, MADV_SEQUENTIAL);
SAME(madv_willneed, MADV_WILLNEED);
SAME(madv_dontneed, MADV_DONTNEED);
SAME(madv_free, MADV_FREE);
SAME(madv_remove, MADV_REMOVE);
SAME(madv_dontfork, MADV_DONTFORK);
SAME(madv_dofork, MADV_DOFORK);
SAME(madv_mergeable, MADV_MERGEABLE);
SAME(madv_unmergeable, MADV_UNMERGEABLE);
SAME(madv_hugepage, MADV_HUGEPAGE);
SAME(madv_nohugepage, MADV_NOHUGEPAGE);
SAME(madv_dontdump, MADV_DONTDUMP);
SAME(madv_dodump, MADV_DODUMP);
SAME(madv_wipeonfork, MADV_WIPEONFORK);
SAME(madv_keeponfork, MADV_KEEPONFORK);
SAME(madv_cold, MADV_COLD);
SAME(madv_pageout, MADV_PAGEOUT);
SAME(madv_populate_read, MADV_POPULATE_READ);
SAME(madv_populate_write, MADV_POPULATE_WRITE);
SAME(madv_hwpoison, MADV_HWPOISON);

// proc/linux_abi.h: processes and the auxiliary vector
SAME(rlimit_cpu, RLIMIT_CPU);
SAME(rlimit_fsize, RLIMIT_FSIZE);
SAME(rlimit_data, RLIMIT_DATA);
SAME(rlimit_stack, RLIMIT_STACK);
SAME(rlimit_core, RLIMIT_CORE);
SAME(rlimit_nofile, RLIMIT_NOFILE);
SAME(rlimit_as, RLIMIT_AS);
SAME(rlim_nlimits, RLIM_NLIMITS);
SAME(rlim_infinity, RLIM_INFINITY);
SAME(rusage_self, RUSAGE_SELF);
SAME(rusage_children, RUSAGE_CHILDREN);
SAME(rusage_thread, RUSAGE_THREAD);
SAME(pr_set_pdeathsig, PR_SET_PDEATHSIG);
SAME(pr_get_pdeathsig, PR_GET_PDEATHSIG);
SAME(pr_get_dumpable, PR_GET_DUMPABLE);
SAME(pr_set_dumpable, PR_SET_DUMPABLE);
SAME(pr_set_name, PR_SET_NAME);
SAME(pr_get_name, PR_GET_NAME);
SAME(pr_set_seccomp, PR_SET_SECCOMP);
SAME(pr_capbset_read, PR_CAPBSET_READ);
SAME(pr_get_tsc, PR_GET_TSC);
SAME(pr_set_tsc, PR_SET_TSC);
SAME(pr_set_timerslack, PR_SET_TIMERSLACK);
SAME(pr_set_mm, PR_SET_MM);
SAME(pr_set_child_subreaper, PR_SET_CHILD_SUBREAPER);
SAME(pr_set_no_new_privs, PR_SET_NO_NEW_PRIVS);
SAME(pr_get_no_new_privs, PR_GET_NO_NEW_PRIVS);
SAME(pr_set_thp_disable, PR_SET_THP_DISABLE);
SAME(pr_get_thp_disable, PR_GET_THP_DISABLE);
SAME(pr_set_vma, PR_SET_VMA);
SAME(at_null, AT_NULL);
SAME(at_ignore, AT_IGNORE);
SAME(at_phdr, AT_PHDR);
SAME(at_phent, AT_PHENT);
SAME(at_phnum, AT_PHNUM);
SAME(at_pagesz, AT_PAGESZ);
SAME(at_entry, AT_ENTRY);
SAME(at_uid, AT_UID);
SAME(at_euid, AT_EUID);
SAME(at_gid, AT_GID);
SAME(at_egid, AT_EGID);
SAME(at_hwcap, AT_HWCAP);
SAME(at_secure, AT_SECURE);
SAME(at_random, AT_RANDOM);
SAME(at_hwcap2, AT_HWCAP2);
SAME(at_rseq_feature_size, AT_RSEQ_FEATURE_SIZE);
SAME(at_rseq_align, AT_RSEQ_ALIGN);
SAME(at_sysinfo_ehdr, AT_SYSINFO_EHDR);
SAME(at_minsigstksz, AT_MINSIGSTKSZ);

// sched/linux_abi.h: threads
SAME(csignal, CSIGNAL);
SAME(clone_vm, CLONE_VM);
SAME(clone_fs, CLONE_FS);
SAME(clone_files, CLONE_FILES);
SAME(clone_sighand, CLONE_SIGHAND);
SAME(clone_pidfd, CLONE_PIDFD);
SAME(clone_vfork, CLONE_VFORK);
SAME(clone_thread, CLONE_THREAD);
SAME(clone_newns, CLONE_NEWNS);
SAME(clone_sysvsem, CLONE_SYSVSEM);
SAME(clone_settls, CLONE_SETTLS);
SAME(clone_parent_settid, CLONE_PARENT_SETTID);
SAME(clone_child_cleartid, CLONE_CHILD_CLEARTID);
SAME(clone_detached, CLONE_DETACHED);
SAME(clone_child_settid, CLONE_CHILD_SETTID);
SAME(clone_newuser, CLONE_NEWUSER);
SAME(futex_wait, FUTEX_WAIT);
SAME(futex_wake, FUTEX_WAKE);
SAME(futex_requeue, FUTEX_REQUEUE);
SAME(futex_cmp_requeue, FUTEX_CMP_REQUEUE);
SAME(futex_wake_op, FUTEX_WAKE_OP);
SAME(futex_lock_pi, FUTEX_LOCK_PI);
SAME(futex_wait_bitset, FUTEX_WAIT_BITSET);
SAME(futex_wake_bitset, FUTEX_WAKE_BITSET);
SAME(futex_private_flag, FUTEX_PRIVATE_FLAG);
SAME(futex_clock_realtime, FUTEX_CLOCK_REALTIME);
SAME(futex_bitset_match_any, FUTEX_BITSET_MATCH_ANY);
SAME(futex_waiters, FUTEX_WAITERS);
SAME(futex_owner_died, FUTEX_OWNER_DIED);
SAME(futex_tid_mask, FUTEX_TID_MASK);
SAME(robust_list_limit, ROBUST_LIST_LIMIT);

// signals/linux_abi.h: signals
SAME(sigill, SIGILL);
SAME(sigtrap, SIGTRAP);
SAME(sigabrt, SIGABRT);
SAME(sigbus, SIGBUS);
SAME(sigkill, SIGKILL);
SAME(sigusr1, SIGUSR1);
SAME(sigsegv, SIGSEGV);
SAME(sigterm, SIGTERM);
SAME(sigchld, SIGCHLD);
SAME(sigcont, SIGCONT);
SAME(sigstop, SIGSTOP);
SAME(sig_block, SIG_BLOCK);
SAME(sig_unblock, SIG_UNBLOCK);
SAME(sig_setmask, SIG_SETMASK);
SAME(ss_onstack, SS_ONSTACK);
SAME(ss_disable, SS_DISABLE);
// SS_AUTODISARM: glibc's <signal.h> lacks SS_AUTODISARM (only <linux/signal.h> has it, which clashes with glibc's).
// MINSIGSTKSZ: glibc's MINSIGSTKSZ is sysconf(_SC_MINSIGSTKSZ) with _GNU_SOURCE; the kernel's uapi value is 2048.

// time/linux_abi.h: time
SAME(clock_realtime, CLOCK_REALTIME);
SAME(clock_monotonic, CLOCK_MONOTONIC);
SAME(clock_process_cputime_id, CLOCK_PROCESS_CPUTIME_ID);
SAME(clock_thread_cputime_id, CLOCK_THREAD_CPUTIME_ID);
SAME(clock_monotonic_raw, CLOCK_MONOTONIC_RAW);
SAME(clock_realtime_coarse, CLOCK_REALTIME_COARSE);
SAME(clock_monotonic_coarse, CLOCK_MONOTONIC_COARSE);
SAME(clock_boottime, CLOCK_BOOTTIME);
SAME(clock_realtime_alarm, CLOCK_REALTIME_ALARM);
SAME(clock_boottime_alarm, CLOCK_BOOTTIME_ALARM);
SAME(clock_tai, CLOCK_TAI);
SAME(timer_abstime, TIMER_ABSTIME);

// random/linux_abi.h: getrandom
SAME(grnd_nonblock, GRND_NONBLOCK);
SAME(grnd_random, GRND_RANDOM);
SAME(grnd_insecure, GRND_INSECURE);

#undef SAME

// The signal numbers of ZEROOS_SIGNAL_LIST (signals/linux_abi.h).
#define SIGNAL_NUMBER(name, number, action) static_assert((number) == SIG##name, "SIG" #name);
ZEROOS_SIGNAL_LIST(SIGNAL_NUMBER)
#undef SIGNAL_NUMBER

// The structs: the size of each, and where each field sits.
static_assert(sizeof(abi::IoVec) == sizeof(struct iovec));
static_assert(offsetof(abi::IoVec, base) == offsetof(struct iovec, iov_base));
static_assert(offsetof(abi::IoVec, length) == offsetof(struct iovec, iov_len));

static_assert(sizeof(abi::PollFd) == sizeof(struct pollfd));
static_assert(offsetof(abi::PollFd, fd) == offsetof(struct pollfd, fd));
static_assert(offsetof(abi::PollFd, events) == offsetof(struct pollfd, events));
static_assert(offsetof(abi::PollFd, revents) == offsetof(struct pollfd, revents));

// struct dirent64 (glibc's, the kernel's linux_dirent64 with a fixed-size name): the fixed part.
static_assert(offsetof(abi::Dirent64Header, ino) == offsetof(struct dirent64, d_ino));
static_assert(offsetof(abi::Dirent64Header, off) == offsetof(struct dirent64, d_off));
static_assert(offsetof(abi::Dirent64Header, reclen) == offsetof(struct dirent64, d_reclen));
static_assert(offsetof(abi::Dirent64Header, type) == offsetof(struct dirent64, d_type));
static_assert(sizeof(abi::Dirent64Header) == offsetof(struct dirent64, d_name));
// abi::LegacyDirentHeader: no host header declares x86-64's struct linux_dirent.

static_assert(sizeof(abi::StatxTimestamp) == sizeof(struct statx_timestamp));
static_assert(offsetof(abi::StatxTimestamp, seconds) == offsetof(struct statx_timestamp, tv_sec));
static_assert(offsetof(abi::StatxTimestamp, nanoseconds) == offsetof(struct statx_timestamp, tv_nsec));

static_assert(sizeof(abi::Statx) == sizeof(struct statx));
static_assert(offsetof(abi::Statx, mask) == offsetof(struct statx, stx_mask));
static_assert(offsetof(abi::Statx, blksize) == offsetof(struct statx, stx_blksize));
static_assert(offsetof(abi::Statx, attributes) == offsetof(struct statx, stx_attributes));
static_assert(offsetof(abi::Statx, nlink) == offsetof(struct statx, stx_nlink));
static_assert(offsetof(abi::Statx, uid) == offsetof(struct statx, stx_uid));
static_assert(offsetof(abi::Statx, gid) == offsetof(struct statx, stx_gid));
static_assert(offsetof(abi::Statx, mode) == offsetof(struct statx, stx_mode));
static_assert(offsetof(abi::Statx, ino) == offsetof(struct statx, stx_ino));
static_assert(offsetof(abi::Statx, size) == offsetof(struct statx, stx_size));
static_assert(offsetof(abi::Statx, blocks) == offsetof(struct statx, stx_blocks));
static_assert(offsetof(abi::Statx, attributes_mask) == offsetof(struct statx, stx_attributes_mask));
static_assert(offsetof(abi::Statx, atime) == offsetof(struct statx, stx_atime));
static_assert(offsetof(abi::Statx, btime) == offsetof(struct statx, stx_btime));
static_assert(offsetof(abi::Statx, ctime) == offsetof(struct statx, stx_ctime));
static_assert(offsetof(abi::Statx, mtime) == offsetof(struct statx, stx_mtime));
static_assert(offsetof(abi::Statx, rdev_major) == offsetof(struct statx, stx_rdev_major));
static_assert(offsetof(abi::Statx, rdev_minor) == offsetof(struct statx, stx_rdev_minor));
static_assert(offsetof(abi::Statx, dev_major) == offsetof(struct statx, stx_dev_major));
static_assert(offsetof(abi::Statx, dev_minor) == offsetof(struct statx, stx_dev_minor));
static_assert(offsetof(abi::Statx, mnt_id) == offsetof(struct statx, stx_mnt_id));
static_assert(offsetof(abi::Statx, dio_mem_align) == offsetof(struct statx, stx_dio_mem_align));
static_assert(offsetof(abi::Statx, dio_offset_align) == offsetof(struct statx, stx_dio_offset_align));

static_assert(sizeof(abi::Statfs) == sizeof(struct statfs));
static_assert(offsetof(abi::Statfs, type) == offsetof(struct statfs, f_type));
static_assert(offsetof(abi::Statfs, block_size) == offsetof(struct statfs, f_bsize));
static_assert(offsetof(abi::Statfs, blocks) == offsetof(struct statfs, f_blocks));
static_assert(offsetof(abi::Statfs, blocks_free) == offsetof(struct statfs, f_bfree));
static_assert(offsetof(abi::Statfs, blocks_available) == offsetof(struct statfs, f_bavail));
static_assert(offsetof(abi::Statfs, files) == offsetof(struct statfs, f_files));
static_assert(offsetof(abi::Statfs, files_free) == offsetof(struct statfs, f_ffree));
static_assert(offsetof(abi::Statfs, fsid) == offsetof(struct statfs, f_fsid));
static_assert(offsetof(abi::Statfs, name_length) == offsetof(struct statfs, f_namelen));
static_assert(offsetof(abi::Statfs, fragment_size) == offsetof(struct statfs, f_frsize));
static_assert(offsetof(abi::Statfs, flags) == offsetof(struct statfs, f_flags));
static_assert(offsetof(abi::Statfs, spare) == offsetof(struct statfs, f_spare));

static_assert(sizeof(abi::Flock) == sizeof(struct flock));
static_assert(offsetof(abi::Flock, type) == offsetof(struct flock, l_type));
static_assert(offsetof(abi::Flock, whence) == offsetof(struct flock, l_whence));
static_assert(offsetof(abi::Flock, start) == offsetof(struct flock, l_start));
static_assert(offsetof(abi::Flock, length) == offsetof(struct flock, l_len));
static_assert(offsetof(abi::Flock, pid) == offsetof(struct flock, l_pid));

static_assert(sizeof(zeroos::Timespec) == sizeof(struct timespec));
static_assert(offsetof(zeroos::Timespec, tv_sec) == offsetof(struct timespec, tv_sec));
static_assert(offsetof(zeroos::Timespec, tv_nsec) == offsetof(struct timespec, tv_nsec));

static_assert(sizeof(zeroos::Timeval) == sizeof(struct timeval));
static_assert(offsetof(zeroos::Timeval, tv_sec) == offsetof(struct timeval, tv_sec));
static_assert(offsetof(zeroos::Timeval, tv_usec) == offsetof(struct timeval, tv_usec));

static_assert(sizeof(zeroos::LinuxTimezone) == sizeof(struct timezone));
static_assert(offsetof(zeroos::LinuxTimezone, tz_minuteswest) == offsetof(struct timezone, tz_minuteswest));
static_assert(offsetof(zeroos::LinuxTimezone, tz_dsttime) == offsetof(struct timezone, tz_dsttime));

static_assert(sizeof(zeroos::LinuxTms) == sizeof(struct tms));
static_assert(offsetof(zeroos::LinuxTms, tms_utime) == offsetof(struct tms, tms_utime));
static_assert(offsetof(zeroos::LinuxTms, tms_stime) == offsetof(struct tms, tms_stime));
static_assert(offsetof(zeroos::LinuxTms, tms_cutime) == offsetof(struct tms, tms_cutime));
static_assert(offsetof(zeroos::LinuxTms, tms_cstime) == offsetof(struct tms, tms_cstime));

static_assert(sizeof(zeroos::LinuxRlimit) == sizeof(struct rlimit));
static_assert(offsetof(zeroos::LinuxRlimit, rlim_cur) == offsetof(struct rlimit, rlim_cur));
static_assert(offsetof(zeroos::LinuxRlimit, rlim_max) == offsetof(struct rlimit, rlim_max));

static_assert(sizeof(zeroos::LinuxUtsname) == sizeof(struct utsname));
static_assert(offsetof(zeroos::LinuxUtsname, sysname) == offsetof(struct utsname, sysname));
static_assert(offsetof(zeroos::LinuxUtsname, nodename) == offsetof(struct utsname, nodename));
static_assert(offsetof(zeroos::LinuxUtsname, release) == offsetof(struct utsname, release));
static_assert(offsetof(zeroos::LinuxUtsname, version) == offsetof(struct utsname, version));
static_assert(offsetof(zeroos::LinuxUtsname, machine) == offsetof(struct utsname, machine));
static_assert(offsetof(zeroos::LinuxUtsname, domainname) == offsetof(struct utsname, domainname));

static_assert(sizeof(zeroos::LinuxSysinfo) == sizeof(struct sysinfo));
static_assert(offsetof(zeroos::LinuxSysinfo, uptime) == offsetof(struct sysinfo, uptime));
static_assert(offsetof(zeroos::LinuxSysinfo, loads) == offsetof(struct sysinfo, loads));
static_assert(offsetof(zeroos::LinuxSysinfo, totalram) == offsetof(struct sysinfo, totalram));
static_assert(offsetof(zeroos::LinuxSysinfo, freeram) == offsetof(struct sysinfo, freeram));
static_assert(offsetof(zeroos::LinuxSysinfo, sharedram) == offsetof(struct sysinfo, sharedram));
static_assert(offsetof(zeroos::LinuxSysinfo, bufferram) == offsetof(struct sysinfo, bufferram));
static_assert(offsetof(zeroos::LinuxSysinfo, totalswap) == offsetof(struct sysinfo, totalswap));
static_assert(offsetof(zeroos::LinuxSysinfo, freeswap) == offsetof(struct sysinfo, freeswap));
static_assert(offsetof(zeroos::LinuxSysinfo, procs) == offsetof(struct sysinfo, procs));
static_assert(offsetof(zeroos::LinuxSysinfo, totalhigh) == offsetof(struct sysinfo, totalhigh));
static_assert(offsetof(zeroos::LinuxSysinfo, freehigh) == offsetof(struct sysinfo, freehigh));
static_assert(offsetof(zeroos::LinuxSysinfo, mem_unit) == offsetof(struct sysinfo, mem_unit));

static_assert(sizeof(zeroos::LinuxRusage) == sizeof(struct rusage));
static_assert(offsetof(zeroos::LinuxRusage, ru_utime) == offsetof(struct rusage, ru_utime));
static_assert(offsetof(zeroos::LinuxRusage, ru_stime) == offsetof(struct rusage, ru_stime));
static_assert(offsetof(zeroos::LinuxRusage, counters) == offsetof(struct rusage, ru_maxrss));

static_assert(sizeof(zeroos::LinuxStack) == sizeof(stack_t));
static_assert(offsetof(zeroos::LinuxStack, ss_sp) == offsetof(stack_t, ss_sp));
static_assert(offsetof(zeroos::LinuxStack, ss_flags) == offsetof(stack_t, ss_flags));
static_assert(offsetof(zeroos::LinuxStack, ss_size) == offsetof(stack_t, ss_size));
