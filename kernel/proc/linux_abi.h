#pragma once

#include "base/types.h"

// The Linux process ABI ZeroOS serves: resource limits, prctl options, and the structs uname,
// sysinfo, getrusage and prlimit64 write (identical on x86-64 and riscv64), named as
// core/linux_abi.h says.

namespace zeroos::abi {

inline constexpr int rlimit_cpu = 0;
inline constexpr int rlimit_fsize = 1;
inline constexpr int rlimit_data = 2;
inline constexpr int rlimit_stack = 3;
inline constexpr int rlimit_core = 4;
inline constexpr int rlimit_nofile = 7;
inline constexpr int rlimit_as = 9;
inline constexpr int rlim_nlimits = 16;
inline constexpr u64 rlim_infinity = ~0ull;

inline constexpr int rusage_self = 0;
inline constexpr int rusage_children = -1;
inline constexpr int rusage_thread = 1;

inline constexpr int pr_set_pdeathsig = 1;
inline constexpr int pr_get_pdeathsig = 2;
inline constexpr int pr_get_dumpable = 3;
inline constexpr int pr_set_dumpable = 4;
inline constexpr int pr_set_name = 15;
inline constexpr int pr_get_name = 16;
inline constexpr int pr_set_seccomp = 22;
inline constexpr int pr_capbset_read = 23;
inline constexpr int pr_get_tsc = 25;
inline constexpr int pr_set_tsc = 26;
inline constexpr int pr_set_timerslack = 29;
inline constexpr int pr_set_mm = 35;
inline constexpr int pr_set_child_subreaper = 36;
inline constexpr int pr_set_no_new_privs = 38;
inline constexpr int pr_get_no_new_privs = 39;
inline constexpr int pr_set_thp_disable = 41;
inline constexpr int pr_get_thp_disable = 42;
inline constexpr int pr_set_vma = 0x53564d41;

// The auxiliary vector's entry types.
inline constexpr int at_null = 0;
inline constexpr int at_ignore = 1;
inline constexpr int at_phdr = 3;
inline constexpr int at_phent = 4;
inline constexpr int at_phnum = 5;
inline constexpr int at_pagesz = 6;
inline constexpr int at_entry = 9;
inline constexpr int at_uid = 11;
inline constexpr int at_euid = 12;
inline constexpr int at_gid = 13;
inline constexpr int at_egid = 14;
inline constexpr int at_hwcap = 16;
inline constexpr int at_secure = 23;
inline constexpr int at_random = 25;
inline constexpr int at_hwcap2 = 26;
inline constexpr int at_rseq_feature_size = 27;
inline constexpr int at_rseq_align = 28;
inline constexpr int at_sysinfo_ehdr = 33;
inline constexpr int at_minsigstksz = 51;

} // namespace zeroos::abi

namespace zeroos {

constexpr size_t kTaskNameLength = 16; // TASK_COMM_LEN, NUL included

struct LinuxRlimit {
    u64 rlim_cur;
    u64 rlim_max;
};

struct LinuxUtsname {
    char sysname[65];
    char nodename[65];
    char release[65];
    char version[65];
    char machine[65];
    char domainname[65];
};
static_assert(sizeof(LinuxUtsname) == 390);

struct LinuxSysinfo {
    i64 uptime;
    u64 loads[3];
    u64 totalram;
    u64 freeram;
    u64 sharedram;
    u64 bufferram;
    u64 totalswap;
    u64 freeswap;
    u16 procs;
    u16 pad;
    u64 totalhigh;
    u64 freehigh;
    u32 mem_unit;
};
static_assert(sizeof(LinuxSysinfo) == 112);

struct LinuxRusage {
    i64 ru_utime[2];
    i64 ru_stime[2];
    i64 counters[14]; // maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw
};
static_assert(sizeof(LinuxRusage) == 144);

} // namespace zeroos
