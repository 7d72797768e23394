#include "options.h"

#include "kernel_api.h"
#include "strace/observer.h"

#include <boost/program_options.hpp>

#include <cerrno>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace zeroos::tracer {

namespace po = boost::program_options;

namespace {

    const char* const kLogLevels[] = { "trace", "debug", "info", "warn", "error", "off" };

    po::options_description describe_options()
    {
        po::options_description description("Options", 100, 50);
        // Values are taken as text and checked here, so every error message has one shape.
        description.add_options() //
            ("help,h", "print this help and exit") //
            ("version", "print the version and exit") //
            ("seed", po::value<std::string>()->default_value("0")->value_name("N"), //
                "key of the random stream (getrandom, /dev/urandom, AT_RANDOM)") //
            ("epoch", po::value<std::string>()->default_value("0")->value_name("SECONDS"), //
                "CLOCK_REALTIME at start, in seconds since 1970") //
            ("memory", po::value<std::string>()->default_value("1G")->value_name("SIZE"), //
                "size of the guest memory arena (suffixes K, M, G)") //
            ("fs-size", po::value<std::string>()->value_name("SIZE"), //
                "most file data the in-memory file system holds, imported files included; writes past it fail "
                "with ENOSPC (default: the --memory size)") //
            ("mount", po::value<std::vector<std::string>>()->composing()->value_name("HOST:GUEST[:ro|:rw]"),
                "copy a host directory into the guest file system (repeatable; default ro; rw writes "
                "changed files back at exit)") //
            ("rootfs", po::value<std::string>()->value_name("FILE.tar"),
                "unpack a tar archive at / before the mounts") //
            ("env", po::value<std::vector<std::string>>()->composing()->value_name("K=V"), //
                "add a variable to the guest environment (repeatable)") //
            ("inherit-env", po::bool_switch(), "start from zeroos-run's own environment instead of an empty one") //
            ("on-unsupported", po::value<std::string>()->default_value("fail")->value_name("fail|enosys"),
                "an unsupported system call stops the guest, or answers ENOSYS after a report") //
            ("max-fds", po::value<std::string>()->default_value("1024")->value_name("N"), "RLIMIT_NOFILE of the guest") //
            ("record", po::value<std::string>()->value_name("FILE"), "record the run into a trace FILE for zeroos-replay") //
            ("trace,t", po::value<std::string>()->implicit_value("all")->value_name("SET"),
                "print each system call on stderr, decoded (SET: all, or names and %classes such as "
                "openat,read or %file,%desc,%memory,%process,%signal,%thread,%time,%random; default all)") //
            ("trace-file", po::value<std::string>()->value_name("FILE"),
                "write --trace lines to FILE instead of stderr (implies --trace)") //
            ("stats", po::bool_switch(),
                "at exit, print a table of calls, errors and cost per system call on stderr (host: tracer ns; "
                "RISC-V: instructions retired, and the total)") //
            ("count-instructions", po::bool_switch(),
                "RISC-V runs: at exit, print 'instructions retired: N' on stderr and nothing else; unlike --stats "
                "it adds no per-call bookkeeping (every call keeps the kernel's fast path), so N is the run's "
                "exact trace length") //
            ("stop-on-fail", po::bool_switch(),
                "when the guest crashes or fails fast, leave it stopped and detached and print a gdb -p command line") //
            ("gdb", po::value<std::string>()->value_name("PORT"),
                "RISC-V runs: start qemu's gdb server on PORT, halted at the first instruction, and print the "
                "gdb-multiarch command line") //
            ("timeout", po::value<std::string>()->default_value("0")->value_name("SECONDS"),
                "stop the guest after this much wall-clock time, with exit status 124 (0: never)") //
            ("max-threads", po::value<std::string>()->default_value("1024")->value_name("N"),
                "live guest threads at most; clone fails with EAGAIN beyond") //
            ("verbose,v", "more log output (repeatable: -v info, -vv debug, -vvv trace)") //
            ("log-level", po::value<std::string>()->value_name("LEVEL"), "trace|debug|info|warn|error|off (default warn; overrides -v)");
        return description;
    }

    bool is_verbosity_flag(const std::string& argument, int& count)
    {
        if (argument == "--verbose") {
            count = 1;
            return true;
        }
        if (argument.size() < 2 || argument[0] != '-' || argument[1] == '-')
            return false;
        for (size_t i = 1; i < argument.size(); ++i)
            if (argument[i] != 'v')
                return false;
        count = static_cast<int>(argument.size() - 1);
        return true;
    }

    bool option_takes_value(const po::options_description& description, const std::string& argument)
    {
        std::string name;
        if (argument.rfind("--", 0) == 0) {
            if (argument.find('=') != std::string::npos)
                return false;
            name = argument.substr(2);
        } else {
            if (argument.size() != 2) // "-xVALUE"
                return false;
            name = argument.substr(1);
        }
        const po::option_description* option = description.find_nothrow(name, false, false, argument.size() == 2);
        // --trace alone takes no value (--trace=SET does): the next argument is the program.
        return option && option->semantic()->min_tokens() > 0;
    }

    std::uint64_t parse_unsigned(const std::string& text, const char* option, std::uint64_t maximum)
    {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
            throw UsageError(std::string("--") + option + " wants a non-negative integer, not '" + text + "'");
        errno = 0;
        unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);
        if (errno == ERANGE || value > maximum)
            throw UsageError(std::string("--") + option + " value '" + text + "' is too large");
        return value;
    }

    std::int64_t parse_signed(const std::string& text, const char* option)
    {
        bool negative = !text.empty() && text[0] == '-';
        std::uint64_t magnitude = parse_unsigned(
            negative ? text.substr(1) : text, option, static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
        return negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
    }

    std::string value_of(const po::variables_map& values, const char* name) { return values[name].as<std::string>(); }

} // namespace

std::uint64_t parse_size(const std::string& text, const std::string& option)
{
    std::string digits = text;
    std::uint64_t unit = 1;
    if (!digits.empty()) {
        switch (digits.back()) {
        case 'k':
        case 'K':
            unit = 1ull << 10;
            break;
        case 'm':
        case 'M':
            unit = 1ull << 20;
            break;
        case 'g':
        case 'G':
            unit = 1ull << 30;
            break;
        default:
            break;
        }
        if (unit != 1)
            digits.pop_back();
    }
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError("--" + option + " wants a size like 4096, 64K, 512M or 1G, not '" + text + "'");
    std::uint64_t count = parse_unsigned(digits, option.c_str(), std::numeric_limits<std::uint64_t>::max() / unit);
    if (count == 0)
        throw UsageError("--" + option + " must be larger than 0");
    // The arena sits at 16 TiB in the guest's 128 TiB of user space, and a file holds at most 1 TiB;
    // a bound far below both keeps the page rounding from wrapping and says plainly what is too much.
    constexpr std::uint64_t kMaxSize = 1ull << 40;
    if (count > kMaxSize / unit)
        throw UsageError("--" + option + " '" + text + "' is more than the largest " + (option == "memory" ? "arena" : "size") + ", 1024G");
    return count * unit;
}

std::string normalise_guest_directory(const std::string& path)
{
    if (path.empty() || path[0] != '/')
        throw UsageError("guest directory '" + path + "' must be an absolute path");
    std::string result;
    size_t position = 0;
    while (position < path.size()) {
        size_t end = path.find('/', position);
        if (end == std::string::npos)
            end = path.size();
        std::string component = path.substr(position, end - position);
        position = end + 1;
        if (component.empty() || component == ".")
            continue;
        if (component == "..")
            throw UsageError("guest directory '" + path + "' must not contain '..'");
        result += '/';
        result += component;
    }
    return result.empty() ? "/" : result;
}

MountSpec parse_mount_spec(const std::string& text)
{
    std::string rest = text;
    MountSpec spec;
    // The access mode is the optional last field; host paths with ':' in them still work.
    if (rest.size() > 3 && (rest.ends_with(":ro") || rest.ends_with(":rw"))) {
        spec.writable = rest.ends_with(":rw");
        rest.resize(rest.size() - 3);
    }
    size_t separator = rest.rfind(':');
    if (separator == std::string::npos || separator == 0 || separator + 1 == rest.size())
        throw UsageError("--mount wants HOST_DIR:GUEST_DIR[:ro|:rw], not '" + text + "'");
    spec.host_directory = rest.substr(0, separator);
    try {
        spec.guest_directory = normalise_guest_directory(rest.substr(separator + 1));
    } catch (const UsageError& error) {
        throw UsageError(std::string("--mount ") + text + ": " + error.what());
    }
    return spec;
}

ParsedCommandLine parse_command_line(const std::vector<std::string>& arguments)
{
    po::options_description description = describe_options();
    ParsedCommandLine parsed;
    Options& options = parsed.options;

    // Split the options from PROGRAM [ARGS...] ourselves: Boost would also take options that come
    // after the program name, and those belong to the guest.
    std::vector<std::string> option_arguments;
    size_t index = 0;
    bool have_program = false;
    while (index < arguments.size()) {
        const std::string& argument = arguments[index];
        int count = 0;
        if (argument == "--") {
            ++index;
            have_program = index < arguments.size();
            break;
        }
        if (argument.size() < 2 || argument[0] != '-') {
            have_program = true;
            break;
        }
        if (is_verbosity_flag(argument, count)) {
            options.verbosity += count;
            ++index;
            continue;
        }
        option_arguments.push_back(argument);
        ++index;
        if (option_takes_value(description, argument) && index < arguments.size())
            option_arguments.push_back(arguments[index++]);
    }

    po::variables_map values;
    try {
        auto style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
        po::store(po::command_line_parser(option_arguments).options(description).style(style).run(), values);
        po::notify(values);
    } catch (const po::error& error) {
        throw UsageError(std::string(error.what()) + " (see --help)");
    }

    if (values.count("help")) {
        std::ostringstream help;
        help << "Usage: zeroos-run [options] PROGRAM [ARGS...]\n"
             << "Runs a static x86-64 Linux program with every system call served by the ZeroOS kernel,\n"
             << "or a RISC-V vApp linked by zeroos-cc under qemu-system-riscv64 with the same options.\n"
             << "Options end at PROGRAM (or at --); PROGRAM is the guest's argv[0] exactly as given.\n\n"
             << description;
        parsed.action = ParsedCommandLine::Action::PrintHelp;
        parsed.text = help.str();
        return parsed;
    }
    if (values.count("version")) {
        parsed.action = ParsedCommandLine::Action::PrintVersion;
        parsed.text = std::string("zeroos-run ") + ZEROOS_VERSION + "\n";
        return parsed;
    }

    options.seed = parse_unsigned(value_of(values, "seed"), "seed", std::numeric_limits<std::uint64_t>::max());
    options.epoch_seconds = parse_signed(value_of(values, "epoch"), "epoch");
    options.memory_bytes = parse_size(value_of(values, "memory"));
    options.memory_given = !values["memory"].defaulted();
    options.file_space_bytes = values.count("fs-size") ? parse_size(value_of(values, "fs-size"), "fs-size") : options.memory_bytes;
    options.file_space_given = values.count("fs-size") != 0;
    options.max_fds = static_cast<std::uint32_t>(parse_unsigned(value_of(values, "max-fds"), "max-fds", 1u << 20));
    if (options.max_fds < 3)
        throw UsageError("--max-fds must be at least 3");
    options.timeout_seconds = static_cast<std::uint32_t>(parse_unsigned(value_of(values, "timeout"), "timeout", 1u << 30));
    options.max_threads = static_cast<std::uint32_t>(parse_unsigned(value_of(values, "max-threads"), "max-threads", 1u << 20));
    if (options.max_threads < 1)
        throw UsageError("--max-threads must be at least 1");

    std::string on_unsupported = value_of(values, "on-unsupported");
    if (on_unsupported != "fail" && on_unsupported != "enosys")
        throw UsageError("--on-unsupported wants fail or enosys, not '" + on_unsupported + "'");
    options.unsupported_returns_enosys = on_unsupported == "enosys";

    if (values.count("log-level")) {
        std::string level = value_of(values, "log-level");
        bool known = false;
        for (const char* name : kLogLevels)
            known = known || level == name;
        if (!known)
            throw UsageError("--log-level wants trace, debug, info, warn, error or off, not '" + level + "'");
        options.log_level = level;
    }

    if (values.count("mount"))
        for (const auto& text : values["mount"].as<std::vector<std::string>>())
            options.mounts.push_back(parse_mount_spec(text));
    if (values.count("rootfs")) {
        options.rootfs_tar = value_of(values, "rootfs");
        if (options.rootfs_tar.empty())
            throw UsageError("--rootfs wants a tar file name");
    }
    if (values.count("env"))
        for (const auto& variable : values["env"].as<std::vector<std::string>>()) {
            size_t equals = variable.find('=');
            if (equals == std::string::npos || equals == 0)
                throw UsageError("--env wants NAME=VALUE, not '" + variable + "'");
            options.environment.push_back(variable);
        }
    options.inherit_environment = values["inherit-env"].as<bool>();
    options.print_statistics = values["stats"].as<bool>();
    options.count_instructions = values["count-instructions"].as<bool>();
    if (values.count("record")) {
        options.record_path = values["record"].as<std::string>();
        if (options.record_path.empty())
            throw UsageError("--record wants a trace file name");
    }
    options.stop_on_fail = values["stop-on-fail"].as<bool>();
    if (values.count("trace-file")) {
        options.trace_file = value_of(values, "trace-file");
        if (options.trace_file.empty())
            throw UsageError("--trace-file wants a file name");
        options.trace = "all";
    }
    if (values.count("trace")) {
        options.trace = value_of(values, "trace");
        strace::Selection selection;
        char bad[64];
        if (!strace::parse_selection(options.trace.c_str(), selection, bad, sizeof(bad)))
            throw UsageError(std::string("--trace: '") + bad
                + "' is neither a system call of ZeroOS nor a class (names as in docs/syscalls.md: openat, not open)");
    }
    if (values.count("gdb"))
        options.gdb_port = static_cast<int>(parse_unsigned(value_of(values, "gdb"), "gdb", 65535));

    if (!have_program)
        throw UsageError("missing PROGRAM (see --help)");
    options.program = arguments[index];
    options.arguments.assign(arguments.begin() + static_cast<std::ptrdiff_t>(index) + 1, arguments.end());
    if (options.program.empty())
        throw UsageError("PROGRAM must not be empty");
    return parsed;
}

} // namespace zeroos::tracer
