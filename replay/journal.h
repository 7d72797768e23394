#pragma once

#include "checksum.h"
#include "recording_reader.h"
#include "recording_writer.h"

#include <cstdint>
#include <optional>
#include <string>

namespace zeroos::replay {

// Where a run's host-channel data goes: nowhere special (a plain run), into a trace (recording),
// or out of a trace instead of the host (replaying). The tracer routes stdin, console output and
// every served syscall through the one journal of the process.
class Journal {
public:
    enum class Mode { Live, Recording, Replaying };

    static Journal& instance();

    Mode mode() const { return mode_; }
    std::string start_recording(const std::string& path, const Configuration&);
    void start_replaying(const RecordingReader&);

    // The guest reads stdin: live and recording runs call `read_host`, a replay is served from the
    // trace (the host's stdin is never touched). Returns bytes, 0 at the end, or -errno.
    template<typename ReadHost> long read_stdin(void* data, std::size_t length, ReadHost read_host)
    {
        if (mode_ == Mode::Replaying)
            return replay_stdin(data, length);
        long count = read_host(data, length);
        if (mode_ == Mode::Recording && count > 0)
            record_input(data, static_cast<std::size_t>(count));
        return count;
    }
    void output(int stream, const void* data, std::size_t length);
    std::string archive(ArchiveKind, std::string_view bytes);

    // After each served syscall (the last one, ending the run, with result 0). True to go on;
    // false when a replay departs from the recording here: `expected` is then the recorded entry,
    // or empty when the recording has no more syscalls.
    bool syscall(std::int64_t number, std::int64_t result, std::optional<SyscallEntry>& expected)
    {
        ++index_;
        if (mode_ == Mode::Recording) {
            writer_.syscall(number, result);
            return true;
        }
        if (mode_ == Mode::Live)
            return true;
        return check_replayed(number, result, expected);
    }
    // 1-based index of the last syscall passed to syscall().
    std::uint64_t syscall_index() const { return index_; }

    // The run is over. Recording: writes the End record. Replaying: compares the ending with the
    // recorded one; returns "" when identical, else one line saying what differs.
    // `outputs_only` compares only the exit status and the output digests (a replay into the
    // RISC-V build, whose syscalls are not logged).
    std::string finish(std::int32_t exit_status, bool outputs_only = false);

private:
    long replay_stdin(void* data, std::size_t length);
    void record_input(const void* data, std::size_t length);
    bool check_replayed(std::int64_t number, std::int64_t result, std::optional<SyscallEntry>& expected);

    Mode mode_ = Mode::Live;
    RecordingWriter writer_;
    std::string write_failure_;
    const RecordingReader* reader_ = nullptr;
    std::size_t stdin_offset_ = 0;
    std::uint64_t index_ = 0;
    bool diverged_ = false;
    Sha256* stdout_hash_ = nullptr;
    Sha256* stderr_hash_ = nullptr;
};

} // namespace zeroos::replay
