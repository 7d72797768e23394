#pragma once

#include "base/types.h"

// The Linux ABI of threads: clone flags, futex operations and the robust-futex list (identical on
// x86-64 and riscv64), named as core/linux_abi.h says.

namespace zeroos::abi {

inline constexpr int csignal = 0x000000ff;
inline constexpr int clone_vm = 0x00000100;
inline constexpr int clone_fs = 0x00000200;
inline constexpr int clone_files = 0x00000400;
inline constexpr int clone_sighand = 0x00000800;
inline constexpr int clone_pidfd = 0x00001000;
inline constexpr int clone_vfork = 0x00004000;
inline constexpr int clone_thread = 0x00010000;
inline constexpr int clone_newns = 0x00020000;
inline constexpr int clone_sysvsem = 0x00040000;
inline constexpr int clone_settls = 0x00080000;
inline constexpr int clone_parent_settid = 0x00100000;
inline constexpr int clone_child_cleartid = 0x00200000;
inline constexpr int clone_detached = 0x00400000;
inline constexpr int clone_child_settid = 0x01000000;
inline constexpr int clone_newuser = 0x10000000;

inline constexpr int futex_wait = 0;
inline constexpr int futex_wake = 1;
inline constexpr int futex_requeue = 3;
inline constexpr int futex_cmp_requeue = 4;
inline constexpr int futex_wake_op = 5;
inline constexpr int futex_lock_pi = 6;
inline constexpr int futex_wait_bitset = 9;
inline constexpr int futex_wake_bitset = 10;
inline constexpr int futex_private_flag = 128;
inline constexpr int futex_clock_realtime = 256;
inline constexpr u32 futex_bitset_match_any = 0xffffffffu;
inline constexpr u32 futex_waiters = 0x80000000u;
inline constexpr u32 futex_owner_died = 0x40000000u;
inline constexpr u32 futex_tid_mask = 0x3fffffffu;
inline constexpr int robust_list_limit = 2048;

} // namespace zeroos::abi
