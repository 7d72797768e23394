#include "journal.h"

#include <cerrno>
#include <cstring>

namespace zeroos::replay {

Journal& Journal::instance()
{
    static Journal journal;
    return journal;
}

std::string Journal::start_recording(const std::string& path, const Configuration& configuration)
{
    std::string problem = writer_.open(path, configuration);
    if (problem.empty())
        mode_ = Mode::Recording;
    return problem;
}

void Journal::start_replaying(const RecordingReader& reader)
{
    reader_ = &reader;
    mode_ = Mode::Replaying;
    stdout_hash_ = new Sha256;
    stderr_hash_ = new Sha256;
}

long Journal::replay_stdin(void* data, std::size_t length)
{
    const std::string& recorded = reader_->stdin_bytes();
    std::size_t count = std::min(length, recorded.size() - stdin_offset_);
    std::memcpy(data, recorded.data() + stdin_offset_, count);
    stdin_offset_ += count;
    return static_cast<long>(count);
}

void Journal::record_input(const void* data, std::size_t length)
{
    std::string problem = writer_.input(0, std::string_view(static_cast<const char*>(data), length));
    if (!problem.empty() && write_failure_.empty())
        write_failure_ = problem;
}

void Journal::output(int stream, const void* data, std::size_t length)
{
    std::string_view bytes(static_cast<const char*>(data), length);
    if (mode_ == Mode::Recording)
        writer_.output(stream, bytes);
    else if (mode_ == Mode::Replaying)
        (stream == 2 ? stderr_hash_ : stdout_hash_)->update(bytes);
}

std::string Journal::archive(ArchiveKind kind, std::string_view bytes)
{
    if (mode_ != Mode::Recording)
        return {};
    return writer_.archive(kind, bytes);
}

bool Journal::check_replayed(std::int64_t number, std::int64_t result, std::optional<SyscallEntry>& expected)
{
    const auto& log = reader_->syscalls();
    if (index_ > log.size()) {
        expected.reset();
        diverged_ = true;
        return false;
    }
    const SyscallEntry& recorded = log[index_ - 1];
    if (recorded.number == number && recorded.result == result)
        return true;
    expected = recorded;
    diverged_ = true;
    return false;
}

std::string Journal::finish(std::int32_t exit_status, bool outputs_only)
{
    if (mode_ == Mode::Recording) {
        std::string problem = writer_.finish(exit_status);
        return write_failure_.empty() ? problem : write_failure_;
    }
    if (mode_ != Mode::Replaying || diverged_)
        return {}; // a divergence has been reported where it happened
    const auto& ending = reader_->ending();
    if (!ending)
        return {};
    if (!outputs_only && index_ != ending->syscall_count)
        return "the replay made " + std::to_string(index_) + " syscalls; the recording made " + std::to_string(ending->syscall_count);
    if (exit_status != ending->exit_status)
        return std::string(outputs_only ? "the RISC-V build" : "the replay") + " exited with status " + std::to_string(exit_status)
            + "; the recording with " + std::to_string(ending->exit_status);
    if (stdout_hash_->finish() != ending->stdout_sha256)
        return std::string(outputs_only ? "the RISC-V build's" : "the replay's") + " stdout differs from the recording's";
    if (stderr_hash_->finish() != ending->stderr_sha256)
        return std::string(outputs_only ? "the RISC-V build's" : "the replay's") + " stderr differs from the recording's";
    return {};
}

} // namespace zeroos::replay
