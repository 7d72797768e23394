#include "recording_reader.h"
#include "recording_writer.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <unistd.h>

using namespace zeroos::replay;

namespace {

std::string temporary_path()
{
    char path[] = "/tmp/zeroos-trace-test-XXXXXX";
    int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    return path;
}

std::string file_bytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Configuration sample_configuration()
{
    Configuration configuration;
    configuration.program_sha256[0] = 0xab;
    configuration.program = "./app";
    configuration.arguments = { "one", "two words", "" };
    configuration.environment = { "A=1" };
    configuration.seed = 42;
    configuration.epoch_seconds = -5;
    configuration.memory_bytes = 1ull << 30;
    configuration.allocator = "freelist";
    configuration.max_fds = 1024;
    configuration.max_threads = 7;
    configuration.file_space_bytes = 16ull << 20;
    configuration.mounts = { { "/host/data", "/data", true } };
    configuration.rootfs = "root.tar";
    return configuration;
}

// A trace with every kind of record, more than one syscall block, and its bytes.
std::string sample_trace(bool finished)
{
    std::string path = temporary_path();
    RecordingWriter writer;
    REQUIRE(writer.open(path, sample_configuration()) == "");
    REQUIRE(writer.archive(ArchiveKind::Mounts, std::string("tar\0bytes", 9)) == "");
    REQUIRE(writer.input(0, "first ") == "");
    for (std::int64_t i = 0; i < 5000; ++i)
        writer.syscall(i % 300, i % 7 == 0 ? -2 : i * 1000);
    REQUIRE(writer.input(0, "second") == "");
    writer.output(1, "hello\n");
    if (finished)
        REQUIRE(writer.finish(3) == "");
    std::string bytes = file_bytes(path);
    std::remove(path.c_str());
    return bytes;
}

} // namespace

TEST_CASE("a trace reads back exactly what was written")
{
    RecordingReader reader;
    REQUIRE(reader.load_bytes(sample_trace(true), "trace") == "");
    const auto& configuration = reader.configuration();
    CHECK(configuration.program == "./app");
    CHECK(configuration.arguments == std::vector<std::string> { "one", "two words", "" });
    CHECK(configuration.environment == std::vector<std::string> { "A=1" });
    CHECK(configuration.seed == 42);
    CHECK(configuration.epoch_seconds == -5);
    CHECK(configuration.program_sha256[0] == 0xab);
    CHECK(configuration.allocator == "freelist");
    CHECK(configuration.max_fds == 1024);
    CHECK(configuration.max_threads == 7);
    CHECK(configuration.file_space_bytes == 16ull << 20);
    REQUIRE(configuration.mounts.size() == 1);
    CHECK(configuration.mounts[0].guest_directory == "/data");
    CHECK(configuration.mounts[0].writable);
    CHECK(configuration.rootfs == "root.tar");
    REQUIRE(reader.archives().size() == 1);
    CHECK(reader.archives()[0].bytes == std::string("tar\0bytes", 9));
    CHECK(reader.stdin_bytes() == "first second");
    REQUIRE(reader.syscalls().size() == 5000);
    CHECK(reader.syscalls()[7] == SyscallEntry { 7, -2 });
    CHECK(reader.syscalls()[4999] == SyscallEntry { 4999 % 300, 4999 * 1000 });
    REQUIRE(reader.is_complete());
    CHECK(reader.ending()->exit_status == 3);
    CHECK(reader.ending()->syscall_count == 5000);
}

TEST_CASE("the syscall log grows with the number of calls at about two bytes each")
{
    std::string path = temporary_path();
    RecordingWriter writer;
    REQUIRE(writer.open(path, sample_configuration()) == "");
    for (int i = 0; i < 1'000'000; ++i)
        writer.syscall(39, 1); // a million getpid calls
    REQUIRE(writer.finish(0) == "");
    auto size = file_bytes(path).size();
    std::remove(path.c_str());
    CHECK(size < 200'000);
}

TEST_CASE("a trace cut at any byte is refused or read as incomplete and never as complete")
{
    std::string whole = sample_trace(true);
    size_t incomplete = 0;
    for (size_t length = 0; length < whole.size(); ++length) {
        CAPTURE(length);
        RecordingReader reader;
        std::string problem = reader.load_bytes(std::string_view(whole).substr(0, length), "trace");
        if (problem.empty()) {
            CHECK_FALSE(reader.is_complete());
            ++incomplete;
        } else {
            CHECK(problem.find('\n') == std::string::npos);
        }
    }
    // Cutting between records leaves a readable, incomplete trace: one per record boundary.
    CHECK(incomplete >= 4);
}

TEST_CASE("a flipped bit anywhere in a trace is refused")
{
    std::string whole = sample_trace(true);
    for (size_t offset = 0; offset < whole.size(); offset += 3) {
        for (int bit : { 0, 5 }) {
            std::string damaged = whole;
            damaged[offset] = static_cast<char>(damaged[offset] ^ (1 << bit));
            RecordingReader reader;
            std::string problem = reader.load_bytes(damaged, "trace");
            CAPTURE(offset, bit);
            CHECK_FALSE(problem.empty());
        }
    }
}

TEST_CASE("files that are not traces of this version are refused with one line")
{
    RecordingReader reader;
    CHECK(reader.load_bytes("hello world, not a trace", "x") == "x is not a ZeroOS trace");
    std::string other_version = sample_trace(true);
    other_version[8] = 3;
    CHECK(reader.load_bytes(other_version, "x") == "x is a ZeroOS trace of format version 3; this build reads version 2");
    CHECK(reader.load("/nonexistent/trace").rfind("cannot read the trace /nonexistent/trace: ", 0) == 0);
}

TEST_CASE("a run that never finished leaves a readable incomplete trace")
{
    RecordingReader reader;
    REQUIRE(reader.load_bytes(sample_trace(false), "trace") == "");
    CHECK_FALSE(reader.is_complete());
    CHECK(reader.stdin_bytes() == "first second");
    // The last input flushed the syscall block before it; nothing written after it was pending.
    CHECK(reader.syscalls().size() == 5000);
}
