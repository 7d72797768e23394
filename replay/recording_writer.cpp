#include "recording_writer.h"

#include "checksum.h"

#include <cerrno>
#include <cstring>
#include <zstd.h>

namespace zeroos::replay {

struct RecordingWriter::Digests {
    Sha256 stdout_hash;
    Sha256 stderr_hash;
};

namespace {

    void encode_configuration(ByteWriter& out, const Configuration& configuration)
    {
        out.raw(configuration.program_sha256.data(), configuration.program_sha256.size());
        out.bytes(configuration.program);
        out.varint(configuration.arguments.size());
        for (const auto& argument : configuration.arguments)
            out.bytes(argument);
        out.varint(configuration.environment.size());
        for (const auto& variable : configuration.environment)
            out.bytes(variable);
        out.fixed64(configuration.seed);
        out.fixed64(static_cast<std::uint64_t>(configuration.epoch_seconds));
        out.fixed64(configuration.memory_bytes);
        out.bytes(configuration.allocator);
        out.varint(configuration.max_fds);
        out.varint(configuration.max_threads);
        out.fixed64(configuration.file_space_bytes);
        out.u8(configuration.unsupported_returns_enosys ? 1 : 0);
        out.varint(configuration.mounts.size());
        for (const auto& mount : configuration.mounts) {
            out.bytes(mount.host_directory);
            out.bytes(mount.guest_directory);
            out.u8(mount.writable ? 1 : 0);
        }
        out.bytes(configuration.rootfs);
    }

} // namespace

RecordingWriter::~RecordingWriter()
{
    if (file_)
        std::fclose(file_);
    delete digests_;
}

std::string RecordingWriter::open(const std::string& path, const Configuration& configuration)
{
    path_ = path;
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_)
        return failure_ = "cannot write the trace " + path + ": " + std::strerror(errno);
    digests_ = new Digests;
    ByteWriter header;
    header.raw(kMagic, sizeof kMagic);
    for (int i = 0; i < 4; ++i)
        header.u8(static_cast<std::uint8_t>(kFormatVersion >> (8 * i)));
    for (int i = 0; i < 4; ++i)
        header.u8(0);
    if (std::fwrite(header.data().data(), 1, header.data().size(), file_) != header.data().size())
        return failure_ = "cannot write the trace " + path_ + ": " + std::strerror(errno);
    ByteWriter payload;
    encode_configuration(payload, configuration);
    return write_record(RecordType::Configuration, payload.data());
}

std::string RecordingWriter::write_record(RecordType type, std::string_view payload)
{
    if (!failure_.empty() || !file_)
        return failure_;
    ByteWriter record;
    record.u8(static_cast<std::uint8_t>(type));
    record.fixed64(payload.size());
    auto checksum = record_checksum(static_cast<std::uint8_t>(type), payload.size(), payload);
    bool written = std::fwrite(record.data().data(), 1, record.data().size(), file_) == record.data().size()
        && std::fwrite(payload.data(), 1, payload.size(), file_) == payload.size()
        && std::fwrite(checksum.data(), 1, checksum.size(), file_) == checksum.size() && std::fflush(file_) == 0;
    if (!written)
        failure_ = "cannot write the trace " + path_ + ": " + std::strerror(errno);
    return failure_;
}

std::string RecordingWriter::archive(ArchiveKind kind, std::string_view bytes)
{
    ByteWriter payload;
    payload.u8(static_cast<std::uint8_t>(kind));
    payload.raw(bytes.data(), bytes.size());
    return write_record(RecordType::Archive, payload.data());
}

std::string RecordingWriter::input(std::uint8_t channel, std::string_view bytes)
{
    // Inputs and syscalls are replayed independently, but flushing the block first keeps the
    // trace's order the run's order, which makes damaged traces easier to read.
    flush_syscalls();
    ByteWriter payload;
    payload.u8(channel);
    payload.fixed64(stdin_offset_);
    payload.raw(bytes.data(), bytes.size());
    stdin_offset_ += bytes.size();
    return write_record(RecordType::Input, payload.data());
}

void RecordingWriter::syscall(std::int64_t number, std::int64_t result)
{
    block_.signed_varint(number);
    block_.signed_varint(result);
    ++syscall_count_;
    if (++block_count_ == kSyscallsPerBlock)
        flush_syscalls();
}

void RecordingWriter::output(int stream, std::string_view bytes)
{
    if (!digests_)
        return;
    (stream == 2 ? digests_->stderr_hash : digests_->stdout_hash).update(bytes);
}

std::string RecordingWriter::flush_syscalls()
{
    if (block_count_ == 0)
        return failure_;
    std::string compressed(ZSTD_compressBound(block_.data().size()), '\0');
    size_t size = ZSTD_compress(compressed.data(), compressed.size(), block_.data().data(), block_.data().size(), 3);
    if (ZSTD_isError(size))
        return failure_ = std::string("cannot compress the syscall log: ") + ZSTD_getErrorName(size);
    compressed.resize(size);
    ByteWriter payload;
    payload.fixed64(syscall_count_ - block_count_); // index of the first entry
    payload.varint(block_count_);
    payload.varint(block_.data().size());
    payload.raw(compressed.data(), compressed.size());
    block_.clear();
    block_count_ = 0;
    return write_record(RecordType::Syscalls, payload.data());
}

std::string RecordingWriter::finish(std::int32_t exit_status)
{
    flush_syscalls();
    ByteWriter payload;
    payload.fixed64(static_cast<std::uint64_t>(static_cast<std::int64_t>(exit_status)));
    payload.fixed64(syscall_count_);
    auto stdout_digest = digests_->stdout_hash.finish();
    auto stderr_digest = digests_->stderr_hash.finish();
    payload.raw(stdout_digest.data(), stdout_digest.size());
    payload.raw(stderr_digest.data(), stderr_digest.size());
    std::string problem = write_record(RecordType::End, payload.data());
    if (file_ && std::fclose(file_) != 0 && problem.empty())
        problem = failure_ = "cannot write the trace " + path_ + ": " + std::strerror(errno);
    file_ = nullptr;
    return problem;
}

} // namespace zeroos::replay
