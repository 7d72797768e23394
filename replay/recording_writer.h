#pragma once

#include "bytes.h"
#include "recording_format.h"

#include <cstdio>
#include <string>

namespace zeroos::replay {

// Writes a trace as the run goes. Every record is flushed when written; syscalls are batched into
// blocks of kSyscallsPerBlock and flushed with them, so a run killed at any moment leaves a
// readable (incomplete) trace that loses at most the last block of syscall results. Methods
// return "" or one line describing an I/O failure; after a failure the writer stays failed.
class RecordingWriter {
public:
    static constexpr std::size_t kSyscallsPerBlock = 4096;

    RecordingWriter() = default;
    RecordingWriter(const RecordingWriter&) = delete;
    RecordingWriter& operator=(const RecordingWriter&) = delete;
    ~RecordingWriter();

    std::string open(const std::string& path, const Configuration&);
    std::string archive(ArchiveKind, std::string_view bytes);
    std::string input(std::uint8_t channel, std::string_view bytes);
    // Cheap: appends to the current block.
    void syscall(std::int64_t number, std::int64_t result);
    // What the guest wrote to stdout (1) or stderr (2), for the output digests of the End record.
    void output(int stream, std::string_view bytes);
    std::string finish(std::int32_t exit_status);

    bool is_open() const { return file_ != nullptr; }

private:
    std::string write_record(RecordType, std::string_view payload);
    std::string flush_syscalls();

    std::FILE* file_ = nullptr;
    std::string path_;
    std::string failure_;
    ByteWriter block_;
    std::size_t block_count_ = 0;
    std::uint64_t syscall_count_ = 0;
    std::uint64_t stdin_offset_ = 0;
    struct Digests;
    Digests* digests_ = nullptr;
};

} // namespace zeroos::replay
