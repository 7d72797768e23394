#pragma once

#include "base/types.h"

// The input tape: everything a run reads from outside, in one blob the launcher places in RAM
// (qemu's -device loader) or a zkVM passes as its input. Little-endian:
//
//   TapeHeader, then argv and environment strings (each NUL-terminated, argv first),
//   then the stdin bytes, then a tar archive unpacked as the guest's file system.
namespace zeroos::riscv {

constexpr u64 kTapeMagic = 0x3145504154534f5aull; // "ZOSTAPE1"

struct TapeHeader {
    u64 magic;
    u64 total_size; // header included
    u64 seed;
    i64 epoch_seconds;
    u64 flags; // kTape* bits
    u64 argc;
    u64 envc;
    u64 strings_size;
    u64 stdin_size;
    u64 archive_size;
    u64 trace_selection[8]; // with kTapeTrace: one bit per generic syscall number to trace
};
constexpr u64 kTapeUnsupportedEnosys = 1;
constexpr u64 kTapeTrace = 2; // --trace: lines on console stream 4
constexpr u64 kTapeStatistics = 4; // --stats: the per-syscall table on console stream 5

} // namespace zeroos::riscv
