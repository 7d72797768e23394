#pragma once

// The trace file of a recorded run (zeroos-run --record): everything a deterministic run is a
// function of besides the program and the kernel: its configuration and the bytes it read from
// host channels, plus a compact log of every syscall's number and result, which lets a replay
// find the first point where it diverges.
//
//   file    := "ZOSTRACE" u32:version u32:reserved record*
//   record  := u8:type u64:length payload[length] checksum[8]
//   checksum = the first 8 bytes of SHA-256(type, length, payload)
//
// Integers are little-endian; inside payloads, strings and byte blocks are a varint length and
// the bytes. Records are written and flushed as the run goes, so a run killed half-way leaves a
// readable trace without an End record: an incomplete trace.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace zeroos::replay {

constexpr char kMagic[8] = { 'Z', 'O', 'S', 'T', 'R', 'A', 'C', 'E' };
constexpr std::uint32_t kFormatVersion = 2;
constexpr std::size_t kFileHeaderSize = 16;
constexpr std::size_t kChecksumSize = 8;

enum class RecordType : std::uint8_t {
    Configuration = 1, // once, first
    Archive = 2, // the initial file system: --rootfs (kind 0) or the packed --mount trees (kind 1)
    Input = 3, // bytes read from a host channel (channel 0: stdin), in order
    Syscalls = 4, // a zstd-compressed block of (number, result) pairs
    End = 5, // how the run ended and digests of its output
};

struct MountRecord {
    std::string host_directory;
    std::string guest_directory;
    bool writable = false;
};

struct Configuration {
    std::array<std::uint8_t, 32> program_sha256 {};
    std::string program; // argv[0] as given
    std::vector<std::string> arguments; // argv[1...]
    std::vector<std::string> environment;
    std::uint64_t seed = 0;
    std::int64_t epoch_seconds = 0;
    std::uint64_t memory_bytes = 0;
    std::string allocator;
    std::uint32_t max_fds = 0;
    std::uint32_t max_threads = 0;
    std::uint64_t file_space_bytes = 0; // --fs-size
    bool unsupported_returns_enosys = false;
    std::vector<MountRecord> mounts;
    std::string rootfs;
};

enum class ArchiveKind : std::uint8_t { Rootfs = 0, Mounts = 1 };

struct SyscallEntry {
    std::int64_t number; // in the recording architecture's numbering
    std::int64_t result;
    bool operator==(const SyscallEntry&) const = default;
};

struct Ending {
    std::int32_t exit_status = 0; // what zeroos-run exited with
    std::uint64_t syscall_count = 0;
    std::array<std::uint8_t, 32> stdout_sha256 {};
    std::array<std::uint8_t, 32> stderr_sha256 {};
};

} // namespace zeroos::replay
