#pragma once

#include "base/types.h"

// The platform seam: everything the kernel needs from the machine it runs on. Each build links
// exactly one implementation (tracer/host_platform.cpp, riscv/platform.cpp, tests' fake platform);
// there is no virtual dispatch. Guest addresses are plain u64 here; kernel code uses UserPtr and
// the helpers in uaccess.h instead of calling these directly.
namespace zeroos::platform {

// --- User memory. Each returns 0, or -EFAULT when any byte of the range is not guest memory.
int copy_from_user(void* kernel_destination, u64 user_source, size_t length);
int copy_to_user(u64 user_destination, const void* kernel_source, size_t length);
int clear_user(u64 user_destination, size_t length);
// Copies a NUL-terminated string of at most `capacity` bytes including the NUL. Returns its length,
// -EFAULT, or -ENAMETOOLONG when no NUL is found within `capacity` bytes.
long strncpy_from_user(char* kernel_destination, u64 user_source, size_t capacity);

// --- Host channels: the declared ways data enters and leaves the deterministic world.
// Writes the guest's stdout (stream 1) or stderr (stream 2); returns bytes written or -errno.
long console_write(int stream, const void* data, size_t length);
// Reads the guest's stdin; returns bytes read, 0 at end of input, or -errno.
long stdin_read(void* data, size_t length);
// One line of kernel diagnostics (fail-fast reports) for the user, without a trailing newline.
void report(const char* line);
// A guest lookup of this absolute path failed with ENOENT. The host platform tells the user once
// which --mount would make it visible if the path exists on the host; elsewhere it does nothing.
void note_missing_path(const char* absolute_path);
// One --trace line (without a trailing newline). Called only while tracing is on.
void trace(const char* line);
// A counter that only grows, read around each syscall for --stats: nanoseconds of the tracer on the
// host, retired instructions (minstret) on RISC-V. Called only while statistics are on.
u64 cost_counter();

// --- Threads. The kernel names guest threads by tid and decides which one runs; the platform
// keeps each thread's register context (general registers, FP state, the thread pointer) and
// switches them when a syscall's outcome says so (SyscallOutcome::Kind::Switch).
//
// Creates the context of thread `tid` as a copy of the calling thread's at this syscall, with the
// stack pointer set to `stack` (left as it is when 0), the thread pointer set to `tls` when
// `set_tls`, and 0 as the result its clone returns. False when out of memory.
bool thread_create(int tid, u64 stack, bool set_tls, u64 tls);
// Forgets the context of a thread that has exited. The exiting thread calls it for itself, during
// its exit syscall: the Switch outcome that follows must then not keep the caller's context.
void thread_destroy(int tid);

// --- Memory. The guest arena is where brk and mmap memory comes from (guest addresses); the
// kernel heap holds the kernel's own objects (kernel addresses).
struct Region {
    u64 base;
    u64 size;
};
Region guest_arena();
Region kernel_heap_region();
// The guest's protection of arena pages [address, address + length) is now `prot` (PROT_READ,
// PROT_WRITE, PROT_EXEC bits; 0 for pages it has no mapping at). The host applies it to the
// guest's real mapping before the guest runs again, so a stray access faults as on Linux; RISC-V
// has no MMU and ignores it.
void set_guest_protection(u64 address, u64 length, u32 prot);

} // namespace zeroos::platform
