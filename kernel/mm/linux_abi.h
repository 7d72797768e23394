#pragma once

// The Linux memory-management constants ZeroOS needs, with Linux's values (identical on x86-64 and
// riscv64), named as core/linux_abi.h says.

namespace zeroos::abi {

inline constexpr int prot_none = 0x0;
inline constexpr int prot_read = 0x1;
inline constexpr int prot_write = 0x2;
inline constexpr int prot_exec = 0x4;
inline constexpr int prot_sem = 0x8;
inline constexpr int prot_growsdown = 0x01000000;
inline constexpr int prot_growsup = 0x02000000;

inline constexpr int map_shared = 0x01;
inline constexpr int map_private = 0x02;
inline constexpr int map_shared_validate = 0x03;
inline constexpr int map_type = 0x0f;
inline constexpr int map_fixed = 0x10;
inline constexpr int map_anonymous = 0x20;
inline constexpr int map_32bit = 0x40; // x86-64 only
inline constexpr int map_growsdown = 0x0100;
inline constexpr int map_denywrite = 0x0800;
inline constexpr int map_executable = 0x1000;
inline constexpr int map_locked = 0x2000;
inline constexpr int map_noreserve = 0x4000;
inline constexpr int map_populate = 0x8000;
inline constexpr int map_nonblock = 0x10000;
inline constexpr int map_stack = 0x20000;
inline constexpr int map_hugetlb = 0x40000;
inline constexpr int map_sync = 0x80000;
inline constexpr int map_fixed_noreplace = 0x100000;
inline constexpr int map_uninitialized = 0x4000000;

inline constexpr int mremap_maymove = 1;
inline constexpr int mremap_fixed = 2;
inline constexpr int mremap_dontunmap = 4;

inline constexpr int ms_async = 1;
inline constexpr int ms_invalidate = 2;
inline constexpr int ms_sync = 4;

inline constexpr int madv_normal = 0;
inline constexpr int madv_random = 1;
inline constexpr int madv_sequential = 2;
inline constexpr int madv_willneed = 3;
inline constexpr int madv_dontneed = 4;
inline constexpr int madv_free = 8;
inline constexpr int madv_remove = 9;
inline constexpr int madv_dontfork = 10;
inline constexpr int madv_dofork = 11;
inline constexpr int madv_mergeable = 12;
inline constexpr int madv_unmergeable = 13;
inline constexpr int madv_hugepage = 14;
inline constexpr int madv_nohugepage = 15;
inline constexpr int madv_dontdump = 16;
inline constexpr int madv_dodump = 17;
inline constexpr int madv_wipeonfork = 18;
inline constexpr int madv_keeponfork = 19;
inline constexpr int madv_cold = 20;
inline constexpr int madv_pageout = 21;
inline constexpr int madv_populate_read = 22;
inline constexpr int madv_populate_write = 23;
inline constexpr int madv_hwpoison = 100;

} // namespace zeroos::abi
