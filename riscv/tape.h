#pragma once

#include "base/types.h"

// The input tape: everything a run reads from outside, in one blob the launcher places in RAM
// (qemu's -device loader) or a zkVM passes as its input. Little-endian:
//
//   TapeHeader, then the strings (each NUL-terminated: argv, then the environment, then the guest
//   directories to make read-only, then those whose changes go back to the host at exit: :rw
//   mounts), then the stdin bytes, then the root file system archive
//   (--rootfs, unpacked at /), then the mounts archive (--mount trees, unpacked at / after it).
//
// With kTapeStdinStreamed the tape holds no stdin bytes (stdin_size is 0): the port's stdin_read
// (riscv/port.h) brings them from the launcher as the vApp reads. A zkVM, which has no launcher to
// ask, gets the whole stdin on the tape.
namespace zeroos::riscv {

constexpr u64 kTapeMagic = 0x3345504154534f5aull; // "ZOSTAPE3"

struct TapeHeader {
    u64 magic;
    u64 total_size; // header included
    u64 seed;
    i64 epoch_seconds;
    u64 flags; // kTape* bits
    u64 argc;
    u64 envc;
    u64 strings_size;
    u64 read_only_count;
    u64 read_write_count;
    u64 stdin_size;
    u64 root_archive_size;
    u64 mounts_archive_size;
    u64 max_fds; // --max-fds: RLIMIT_NOFILE
    u64 max_threads; // --max-threads
    u64 file_space_bytes; // --fs-size; 0: the kernel heap is the bound
    u64 trace_selection[8]; // with kTapeTrace: one bit per generic syscall number to trace
};
constexpr u64 kTapeUnsupportedEnosys = 1;
constexpr u64 kTapeTrace = 2; // --trace: lines on console stream 4
constexpr u64 kTapeStatistics = 4; // --stats: the per-syscall table on console stream 5
constexpr u64 kTapeStdinStreamed = 8; // stdin is not on the tape: ask the port's stdin_read

// The tape as the vApp's boot reads it (riscv/tape.cpp): the header and where each part starts.
// All null when there is no tape (the vApp runs with argv[0] "vapp" and nothing else).
struct Tape {
    const TapeHeader* header = nullptr;
    const char* strings = nullptr;
    const u8* stdin_data = nullptr;
    const u8* root_archive = nullptr;
    const u8* mounts_archive = nullptr;
};

// Finds the parts of the tape at `blob` (null, or without the magic: no tape); a tape whose sizes
// do not add up fails the boot.
Tape read_tape(const u8* blob);

} // namespace zeroos::riscv
