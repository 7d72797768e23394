#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace zeroos::tracer {

// A host directory made visible to the guest (--mount HOST_DIR:GUEST_DIR[:ro|:rw]).
struct MountSpec {
    std::string host_directory;
    std::string guest_directory; // absolute, normalised, no trailing '/'
    bool writable = false;
};

struct Options {
    std::uint64_t seed = 0;
    std::int64_t epoch_seconds = 0;
    std::uint64_t memory_bytes = 1ull << 30;
    bool memory_given = false; // --memory was on the command line (a RISC-V vApp's RAM is fixed at link time)
    std::uint64_t file_space_bytes = 1ull << 30; // --fs-size; defaults to memory_bytes
    bool file_space_given = false;
    std::vector<MountSpec> mounts;
    std::string rootfs_tar; // empty: none
    std::vector<std::string> environment; // K=V, in command-line order
    bool inherit_environment = false;
    bool unsupported_returns_enosys = false;
    std::uint32_t max_fds = 1024;
    std::uint32_t timeout_seconds = 0; // --timeout: wall-clock limit of the run; 0 for none
    std::uint32_t max_threads = 1024;
    bool print_statistics = false; // --stats
    bool count_instructions = false; // --count-instructions (RISC-V runs)
    std::string record_path; // --record FILE: empty when not recording
    std::string trace; // --trace: "all", names and %classes; empty: no tracing
    std::string trace_file; // --trace-file: where trace lines go instead of stderr
    bool stop_on_fail = false; // --stop-on-fail
    int gdb_port = 0; // --gdb PORT (RISC-V runs); 0: none
    int verbosity = 0; // number of -v
    std::optional<std::string> log_level; // --log-level wins over -v

    std::string program; // exactly as given: the guest's argv[0]
    std::vector<std::string> arguments; // argv[1...]
};

// What the command line asks for: a run, or only text to print (--help, --version).
struct ParsedCommandLine {
    enum class Action { Run, PrintHelp, PrintVersion };
    Action action = Action::Run;
    Options options;
    std::string text; // help or version text
};

// A command line zeroos-run cannot accept; what() is one line without the "zeroos-run: " prefix.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Options end at the first argument that is not an option (the program) or at "--".
ParsedCommandLine parse_command_line(const std::vector<std::string>& arguments);

// "4096", "64K", "512M", "1G" (binary units, case-insensitive), at most 1024G; throws UsageError
// naming --OPTION.
std::uint64_t parse_size(const std::string& text, const std::string& option = "memory");
// "HOST_DIR:GUEST_DIR", "HOST_DIR:GUEST_DIR:ro", "HOST_DIR:GUEST_DIR:rw"; throws UsageError.
MountSpec parse_mount_spec(const std::string& text);
// Collapses "//", "/./" and a trailing '/' of an absolute path; rejects ".." (UsageError).
std::string normalise_guest_directory(const std::string& path);

} // namespace zeroos::tracer
