// zeroos-replay: re-runs a recorded run from its trace alone, or feeds its inputs to the RISC-V
// build of the same program, and reports the first point where either departs from the recording.
#include "checksum.h"
#include "elf_check.h"
#include "exit_codes.h"
#include "journal.h"
#include "logging.h"
#include "options.h"
#include "recording_reader.h"
#include "riscv_launcher.h"
#include "session.h"

#include <boost/program_options.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

namespace po = boost::program_options;
using namespace zeroos;

namespace {

constexpr int kBadTrace = 2;

int fail(const std::string& line, int status = kBadTrace)
{
    std::fprintf(stderr, "zeroos-replay: %s\n", line.c_str());
    return status;
}

std::string file_sha256(const std::string& path, bool& readable)
{
    std::ifstream in(path, std::ios::binary);
    readable = static_cast<bool>(in);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto digest = replay::sha256(bytes);
    return replay::hex(digest.data(), digest.size());
}

void print_info(const replay::RecordingReader& trace)
{
    const auto& configuration = trace.configuration();
    std::printf("program:      %s\n", configuration.program.c_str());
    std::printf("sha256:       %s\n", replay::hex(configuration.program_sha256.data(), 32).c_str());
    std::printf("arguments:   ");
    for (const auto& argument : configuration.arguments)
        std::printf(" \"%s\"", argument.c_str());
    std::printf("\nenvironment: ");
    for (const auto& variable : configuration.environment)
        std::printf(" %s", variable.c_str());
    std::printf("\nseed:         %llu\n", static_cast<unsigned long long>(configuration.seed));
    std::printf("epoch:        %lld\n", static_cast<long long>(configuration.epoch_seconds));
    std::printf("memory:       %llu bytes\n", static_cast<unsigned long long>(configuration.memory_bytes));
    std::printf("allocator:    %s\n", configuration.allocator.c_str());
    std::printf("fs size:      %llu bytes\n", static_cast<unsigned long long>(configuration.file_space_bytes));
    std::printf("max fds:      %u\n", configuration.max_fds);
    std::printf("max threads:  %u\n", configuration.max_threads);
    std::printf("unsupported:  %s\n", configuration.unsupported_returns_enosys ? "enosys" : "fail");
    for (const auto& mount : configuration.mounts)
        std::printf("mount:        %s:%s:%s\n", mount.host_directory.c_str(), mount.guest_directory.c_str(), mount.writable ? "rw" : "ro");
    if (!configuration.rootfs.empty())
        std::printf("rootfs:       %s\n", configuration.rootfs.c_str());
    for (const auto& archive : trace.archives())
        std::printf(
            "archive:      %s, %zu bytes\n", archive.kind == replay::ArchiveKind::Rootfs ? "rootfs" : "mounts", archive.bytes.size());
    std::printf("stdin:        %zu bytes\n", trace.stdin_bytes().size());
    std::printf("syscalls:     %zu\n", trace.syscalls().size());
    if (trace.is_complete())
        std::printf("ended:        exit status %d\n", trace.ending()->exit_status);
    else
        std::printf("ended:        never (the recorded run did not finish: the trace is incomplete)\n");
}

tracer::Options options_from(const replay::RecordingReader& trace, const std::string& program)
{
    const auto& configuration = trace.configuration();
    tracer::Options options;
    options.program = program;
    options.arguments = configuration.arguments;
    options.environment = configuration.environment;
    options.seed = configuration.seed;
    options.epoch_seconds = configuration.epoch_seconds;
    options.memory_bytes = configuration.memory_bytes;
    options.max_fds = configuration.max_fds;
    options.max_threads = configuration.max_threads;
    options.file_space_bytes = configuration.file_space_bytes;
    options.unsupported_returns_enosys = configuration.unsupported_returns_enosys;
    for (const auto& mount : configuration.mounts)
        options.mounts.push_back({ mount.host_directory, mount.guest_directory, mount.writable });
    return options;
}

// Feeds the recorded inputs to the RISC-V build and checks that its outputs hash as recorded.
int replay_into_riscv(const replay::RecordingReader& trace, const std::string& vapp)
{
    // A program that cannot be read is a usage problem, not a divergence from the recording.
    if (std::ifstream probe(vapp, std::ios::binary); !probe)
        return fail("cannot read " + vapp + ": " + std::strerror(errno));
    if (tracer::ProgramCheck check = tracer::check_program(vapp); !check.runnable || !check.riscv)
        return fail(vapp + " is not a RISC-V vApp (--riscv takes the build zeroos-cc made)");
    if (!trace.is_complete())
        return fail("the trace is incomplete: there are no recorded outputs to compare the RISC-V build with");
    const auto& configuration = trace.configuration();
    RiscvRun run;
    run.program = vapp;
    run.arguments.push_back(vapp);
    run.arguments.insert(run.arguments.end(), configuration.arguments.begin(), configuration.arguments.end());
    run.environment = configuration.environment;
    run.seed = configuration.seed;
    run.epoch_seconds = configuration.epoch_seconds;
    run.unsupported_returns_enosys = configuration.unsupported_returns_enosys;
    run.max_fds = configuration.max_fds;
    run.max_threads = configuration.max_threads;
    // The recorded run's file-space budget, so a write that failed with ENOSPC fails here too.
    run.file_space_bytes = configuration.file_space_bytes;
    run.input = trace.stdin_bytes();
    run.root_archive = std::string();
    for (const auto& archive : trace.archives()) {
        if (archive.kind == replay::ArchiveKind::Rootfs)
            run.root_archive = archive.bytes;
        else
            run.mounts_archive = archive.bytes;
    }
    for (const auto& mount : configuration.mounts)
        if (!mount.writable)
            run.read_only_directories.push_back(mount.guest_directory);
    auto& journal = replay::Journal::instance();
    journal.start_replaying(trace);
    int status = run_riscv_vapp(run);
    std::string problem = journal.finish(status, true);
    if (!problem.empty())
        return fail("the RISC-V build departs from the recording: " + problem, tracer::exit_code::kReplayDiverged);
    std::fprintf(stderr, "zeroos-replay: the RISC-V build matches the recording (exit status %d, same stdout and stderr)\n", status);
    return status;
}

} // namespace

int main(int argc, char** argv)
{
    tracer::set_program_name("zeroos-replay");
    po::options_description description("Options", 100, 50);
    description.add_options() //
        ("help,h", "print this help and exit") //
        ("version", "print the version and exit") //
        ("info", "print the trace's header and input sizes instead of replaying") //
        ("program", po::value<std::string>()->value_name("PATH"),
            "replay against this build of the program instead of the recorded path") //
        ("riscv", po::value<std::string>()->value_name("APP.rv64"),
            "feed the recorded inputs to this RISC-V build and check that its outputs equal the recorded ones") //
        ("verbose,v", "more log output (repeatable)") //
        ("trace-file", po::value<std::string>()->value_name("FILE"), "the trace to replay (also the positional argument)");
    po::positional_options_description positional;
    positional.add("trace-file", 1);
    po::variables_map values;
    try {
        po::store(po::command_line_parser(argc, argv).options(description).positional(positional).run(), values);
        po::notify(values);
    } catch (const po::error& error) {
        return fail(error.what());
    }
    if (values.count("help")) {
        std::cout << "Usage: zeroos-replay [options] TRACE\n\n"
                     "Replays a run recorded with zeroos-run --record from the trace alone: the host's stdin and files are\n"
                     "never read. Prints the guest's output as recorded and exits with the recorded status; at the first\n"
                     "syscall that differs from the recording it stops with the call, its arguments and both results\n"
                     "(exit status 3). A damaged trace gives one line and exit status 2.\n\n"
                  << description;
        return 0;
    }
    if (values.count("version")) {
        std::printf("zeroos-replay %s\n", ZEROOS_VERSION);
        return 0;
    }
    if (!values.count("trace-file"))
        return fail("no trace given (zeroos-replay --help)");
    tracer::setup_logging(static_cast<int>(values.count("verbose")), std::nullopt);

    replay::RecordingReader trace;
    if (std::string problem = trace.load(values["trace-file"].as<std::string>()); !problem.empty())
        return fail(problem);
    if (values.count("info")) {
        print_info(trace);
        return 0;
    }
    if (values.count("riscv"))
        return replay_into_riscv(trace, values["riscv"].as<std::string>());

    const auto& configuration = trace.configuration();
    std::string program = values.count("program") ? values["program"].as<std::string>() : configuration.program;
    bool readable = false;
    std::string digest = file_sha256(program, readable);
    if (!readable)
        return fail("cannot read the program " + program + " (pass the build to replay with --program)");
    if (digest != replay::hex(configuration.program_sha256.data(), 32))
        std::fprintf(stderr, "zeroos-replay: note: %s is not the recorded binary; the replay stops where it departs\n", program.c_str());
    if (configuration.allocator != ZEROOS_ALLOCATOR_NAME)
        std::fprintf(stderr, "zeroos-replay: note: recorded with the %s allocator, replaying with %s\n", configuration.allocator.c_str(),
            ZEROOS_ALLOCATOR_NAME);
    try {
        return tracer::run_session(options_from(trace, program), &trace);
    } catch (const std::exception& error) {
        return fail(std::string("internal error: ") + error.what(), tracer::exit_code::kSoftware);
    }
}
