#include "recording_reader.h"

#include "bytes.h"
#include "checksum.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <zstd.h>

namespace zeroos::replay {

namespace {

    // A decompressed syscall block may not claim more than this (a corrupt length must not make
    // the reader allocate gigabytes).
    constexpr std::uint64_t kMaxBlockBytes = 64ull << 20;

    bool decode_configuration(ByteReader& in, Configuration& configuration)
    {
        std::uint64_t count, value;
        std::uint8_t flag;
        if (!in.raw(configuration.program_sha256.data(), configuration.program_sha256.size()) || !in.bytes(configuration.program)
            || !in.varint(count) || count > 1u << 20)
            return false;
        configuration.arguments.resize(count);
        for (auto& argument : configuration.arguments)
            if (!in.bytes(argument))
                return false;
        if (!in.varint(count) || count > 1u << 20)
            return false;
        configuration.environment.resize(count);
        for (auto& variable : configuration.environment)
            if (!in.bytes(variable))
                return false;
        if (!in.fixed64(configuration.seed) || !in.fixed64(value))
            return false;
        configuration.epoch_seconds = static_cast<std::int64_t>(value);
        if (!in.fixed64(configuration.memory_bytes) || !in.bytes(configuration.allocator) || !in.varint(value) || value > UINT32_MAX)
            return false;
        configuration.max_fds = static_cast<std::uint32_t>(value);
        if (!in.varint(value) || value > UINT32_MAX || !in.fixed64(configuration.file_space_bytes))
            return false;
        configuration.max_threads = static_cast<std::uint32_t>(value);
        if (!in.u8(flag) || flag > 1)
            return false;
        configuration.unsupported_returns_enosys = flag;
        if (!in.varint(count) || count > 1u << 16)
            return false;
        configuration.mounts.resize(count);
        for (auto& mount : configuration.mounts) {
            if (!in.bytes(mount.host_directory) || !in.bytes(mount.guest_directory) || !in.u8(flag) || flag > 1)
                return false;
            mount.writable = flag;
        }
        return in.bytes(configuration.rootfs) && in.at_end();
    }

} // namespace

std::string RecordingReader::load(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return "cannot read the trace " + path + ": " + std::strerror(errno);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (file.bad())
        return "cannot read the trace " + path + ": " + std::strerror(errno);
    return load_bytes(bytes, path);
}

std::string RecordingReader::load_bytes(std::string_view bytes, const std::string& name)
{
    *this = RecordingReader();
    if (bytes.size() < kFileHeaderSize || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        return name + " is not a ZeroOS trace";
    std::uint32_t version = 0;
    for (int i = 0; i < 4; ++i)
        version |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[8 + i])) << (8 * i);
    if (version != kFormatVersion)
        return name + " is a ZeroOS trace of format version " + std::to_string(version) + "; this build reads version "
            + std::to_string(kFormatVersion);

    for (std::size_t i = 12; i < kFileHeaderSize; ++i)
        if (bytes[i] != 0)
            return name + " uses trace features this build does not know (reserved header bytes are set)";

    std::size_t offset = kFileHeaderSize;
    std::size_t index = 0;
    while (offset < bytes.size()) {
        auto where = [&] { return name + ": record " + std::to_string(index) + " at byte " + std::to_string(offset); };
        if (ending_)
            return where() + " follows the end of the run: the trace is damaged";
        if (bytes.size() - offset < 9 + kChecksumSize)
            return where() + " is truncated: the trace is damaged";
        ByteReader header(bytes.substr(offset, 9));
        std::uint8_t type;
        std::uint64_t length;
        header.u8(type);
        header.fixed64(length);
        if (length > bytes.size() - offset - 9 - kChecksumSize)
            return where() + " is truncated: the trace is damaged";
        std::string_view payload = bytes.substr(offset + 9, length);
        auto expected = record_checksum(type, length, payload);
        if (std::memcmp(expected.data(), bytes.data() + offset + 9 + length, kChecksumSize) != 0)
            return where() + " fails its checksum: the trace is damaged";
        std::string problem = parse_record(type, payload);
        if (!problem.empty())
            return where() + ": " + problem;
        offset += 9 + length + kChecksumSize;
        ++index;
    }
    if (!have_configuration_)
        return name + " holds no run: the trace is damaged";
    return {};
}

std::string RecordingReader::parse_record(std::uint8_t type, std::string_view payload)
{
    ByteReader in(payload);
    if (!have_configuration_ && type != static_cast<std::uint8_t>(RecordType::Configuration))
        return "the trace does not start with the run's configuration";
    switch (static_cast<RecordType>(type)) {
    case RecordType::Configuration:
        if (have_configuration_)
            return "a second configuration record";
        if (!decode_configuration(in, configuration_))
            return "the configuration record is malformed";
        have_configuration_ = true;
        return {};
    case RecordType::Archive: {
        std::uint8_t kind;
        if (!in.u8(kind) || kind > static_cast<std::uint8_t>(ArchiveKind::Mounts))
            return "an archive record of unknown kind";
        archives_.push_back({ static_cast<ArchiveKind>(kind), std::string(in.rest()) });
        return {};
    }
    case RecordType::Input: {
        std::uint8_t channel;
        std::uint64_t offset;
        if (!in.u8(channel) || channel != 0 || !in.fixed64(offset))
            return "an input record of unknown channel";
        if (offset != stdin_.size())
            return "an input record out of order";
        stdin_.append(in.rest());
        return {};
    }
    case RecordType::Syscalls: {
        std::uint64_t first, count, raw_size;
        if (!in.fixed64(first) || !in.varint(count) || !in.varint(raw_size) || first != syscalls_.size() || raw_size > kMaxBlockBytes
            || count > raw_size)
            return "a malformed syscall block";
        std::string raw(raw_size, '\0');
        std::string_view compressed = in.rest();
        size_t size = ZSTD_decompress(raw.data(), raw.size(), compressed.data(), compressed.size());
        if (ZSTD_isError(size) || size != raw_size)
            return "a syscall block that does not decompress";
        ByteReader entries(raw);
        for (std::uint64_t i = 0; i < count; ++i) {
            SyscallEntry entry;
            if (!entries.signed_varint(entry.number) || !entries.signed_varint(entry.result))
                return "a syscall block with fewer entries than it claims";
            syscalls_.push_back(entry);
        }
        if (!entries.at_end())
            return "a syscall block with more bytes than entries";
        return {};
    }
    case RecordType::End: {
        Ending ending;
        std::uint64_t status;
        if (!in.fixed64(status) || !in.fixed64(ending.syscall_count) || !in.raw(ending.stdout_sha256.data(), 32)
            || !in.raw(ending.stderr_sha256.data(), 32) || !in.at_end())
            return "a malformed end record";
        ending.exit_status = static_cast<std::int32_t>(static_cast<std::int64_t>(status));
        if (ending.syscall_count != syscalls_.size())
            return "the end record counts " + std::to_string(ending.syscall_count) + " syscalls but the log holds "
                + std::to_string(syscalls_.size());
        ending_ = ending;
        return {};
    }
    }
    return "a record of unknown type " + std::to_string(type);
}

} // namespace zeroos::replay
