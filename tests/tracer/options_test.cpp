#include "options.h"

#include <catch2/catch.hpp>

using namespace zeroos::tracer;

namespace {

Options parse(std::vector<std::string> arguments)
{
    ParsedCommandLine parsed = parse_command_line(arguments);
    REQUIRE(parsed.action == ParsedCommandLine::Action::Run);
    return parsed.options;
}

} // namespace

TEST_CASE("sizes take binary K, M and G suffixes")
{
    CHECK(parse_size("4096") == 4096);
    CHECK(parse_size("64K") == 64ull << 10);
    CHECK(parse_size("512m") == 512ull << 20);
    CHECK(parse_size("1G") == 1ull << 30);
    CHECK(parse_size("16g") == 16ull << 30);
    CHECK(parse_size("1024G") == 1ull << 40);
}

TEST_CASE("bad sizes are usage errors")
{
    for (const char* text :
        { "", "G", "0", "1T", "-1G", "1.5G", "12Q", "99999999999999999999", "17179869184G", "18446744073709551615", "1025G" })
        CHECK_THROWS_AS(parse_size(text), UsageError);
}

TEST_CASE("mount specs default to read-only and accept :ro and :rw")
{
    MountSpec plain = parse_mount_spec("/srv/data:/data");
    CHECK(plain.host_directory == "/srv/data");
    CHECK(plain.guest_directory == "/data");
    CHECK_FALSE(plain.writable);
    CHECK_FALSE(parse_mount_spec("a:/b:ro").writable);
    MountSpec writable = parse_mount_spec("out:/work//out/:rw");
    CHECK(writable.writable);
    CHECK(writable.host_directory == "out");
    CHECK(writable.guest_directory == "/work/out");
    CHECK(parse_mount_spec("/host:with:colons:/g").host_directory == "/host:with:colons");
}

TEST_CASE("bad mount specs are usage errors")
{
    for (const char* text : { "/tmp", ":/x", "/tmp:", "/tmp:relative", "/tmp:/a/../b", "/tmp:ro" })
        CHECK_THROWS_AS(parse_mount_spec(text), UsageError);
}

TEST_CASE("guest directories are normalised")
{
    CHECK(normalise_guest_directory("/") == "/");
    CHECK(normalise_guest_directory("//a/./b//") == "/a/b");
    CHECK_THROWS_AS(normalise_guest_directory("a/b"), UsageError);
}

TEST_CASE("defaults are the documented ones")
{
    Options options = parse({ "prog" });
    CHECK(options.seed == 0);
    CHECK(options.epoch_seconds == 0);
    CHECK(options.memory_bytes == 1ull << 30);
    CHECK(options.max_fds == 1024);
    CHECK(options.timeout_seconds == 0);
    CHECK(options.max_threads == 1024);
    CHECK_FALSE(options.unsupported_returns_enosys);
    CHECK_FALSE(options.inherit_environment);
    CHECK(options.verbosity == 0);
    CHECK_FALSE(options.log_level);
    CHECK(options.program == "prog");
    CHECK(options.arguments.empty());
}

TEST_CASE("options stop at the program name")
{
    Options options = parse({ "--seed", "7", "-vv", "./prog", "--seed", "9", "-v" });
    CHECK(options.seed == 7);
    CHECK(options.verbosity == 2);
    CHECK(options.program == "./prog");
    CHECK(options.arguments == std::vector<std::string> { "--seed", "9", "-v" });
}

TEST_CASE("a double dash ends the options")
{
    Options options = parse({ "--epoch=-5", "--", "--weird-name", "x" });
    CHECK(options.epoch_seconds == -5);
    CHECK(options.program == "--weird-name");
    CHECK(options.arguments == std::vector<std::string> { "x" });
}

TEST_CASE("every option is parsed")
{
    Options options = parse({ "--seed=18446744073709551615", "--memory", "256M", "--mount", "/a:/b:rw", "--mount", "/c:/d", "--rootfs",
        "root.tar", "--env", "A=1", "--env", "B==2", "--inherit-env", "--on-unsupported", "enosys", "--max-fds", "64", "--max-threads", "8",
        "--verbose", "-v", "--log-level", "debug", "prog", "arg" });
    CHECK(options.seed == 18446744073709551615ull);
    CHECK(options.memory_bytes == 256ull << 20);
    REQUIRE(options.mounts.size() == 2);
    CHECK(options.mounts[0].writable);
    CHECK_FALSE(options.mounts[1].writable);
    CHECK(options.rootfs_tar == "root.tar");
    CHECK(options.environment == std::vector<std::string> { "A=1", "B==2" });
    CHECK(options.inherit_environment);
    CHECK(options.unsupported_returns_enosys);
    CHECK(options.max_fds == 64);
    CHECK(options.max_threads == 8);
    CHECK(options.verbosity == 2);
    CHECK(options.log_level == "debug");
}

TEST_CASE("bad command lines are usage errors")
{
    std::vector<std::vector<std::string>> bad = {
        {},
        { "--seed" },
        { "--seed", "-1", "p" },
        { "--seed", "x", "p" },
        { "--epoch", "1e3", "p" },
        { "--bogus", "p" },
        { "--on-unsupported", "maybe", "p" },
        { "--env", "NOEQUALS", "p" },
        { "--env", "=x", "p" },
        { "--log-level", "loud", "p" },
        { "--max-fds", "2", "p" },
        { "--timeout", "-1", "p" },
        { "--timeout", "1.5", "p" },
        { "--max-threads", "0", "p" },
        { "--mem", "1G", "p" }, // no guessing of abbreviations
        { "--" },
    };
    for (const auto& arguments : bad)
        CHECK_THROWS_AS(parse_command_line(arguments), UsageError);
}

TEST_CASE("help and version print text")
{
    ParsedCommandLine help = parse_command_line({ "--help" });
    CHECK(help.action == ParsedCommandLine::Action::PrintHelp);
    CHECK(help.text.find("--memory SIZE (=1G)") != std::string::npos);
    CHECK(help.text.find("--max-fds N (=1024)") != std::string::npos);
    CHECK(help.text.find("--timeout SECONDS (=0)") != std::string::npos);
    CHECK(parse({ "--timeout", "30", "prog" }).timeout_seconds == 30);
    ParsedCommandLine version = parse_command_line({ "--version" });
    CHECK(version.action == ParsedCommandLine::Action::PrintVersion);
    CHECK(version.text.rfind("zeroos-run ", 0) == 0);
}
