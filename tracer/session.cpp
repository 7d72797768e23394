#include "session.h"

#include "arena.h"
#include "auxv.h"
#include "base/heap.h"
#include "confinement.h"
#include "elf_check.h"
#include "exit_codes.h"
#include "guest_memory.h"
#include "journal.h"
#include "kernel_api.h"
#include "logging.h"
#include "mounts.h"
#include "ptrace_loop.h"
#include "rdtsc_trap.h"
#include "riscv_launcher.h"
#include "signals.h"
#include "spawn.h"
#include "strace/observer.h"
#include "tape_archive.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <spdlog/spdlog.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace zeroos::tracer {

namespace {

    int complain(int exit_status, const std::string& line)
    {
        say(line);
        return exit_status;
    }

    std::vector<std::string> guest_environment(const Options& options)
    {
        std::vector<std::string> environment;
        if (options.inherit_environment)
            for (char** variable = environ; *variable; ++variable)
                environment.emplace_back(*variable);
        // --env wins over an inherited variable of the same name.
        for (const auto& assignment : options.environment) {
            std::string prefix = assignment.substr(0, assignment.find('=') + 1);
            std::erase_if(environment, [&](const std::string& existing) { return existing.starts_with(prefix); });
            environment.push_back(assignment);
        }
        return environment;
    }

    // The guest is stopped at its exec event: patch its auxv, take away its ways to the host's clock,
    // then give it the arena.
    std::string prepare_guest(Kernel& kernel, GuestArena& arena, pid_t guest)
    {
        user_regs_struct registers {};
        if (ptrace(PTRACE_GETREGS, guest, nullptr, &registers) != 0)
            return std::string("PTRACE_GETREGS at exec failed: ") + std::strerror(errno);
        // AT_RANDOM is the first draw from the random stream, so it depends on --seed only.
        std::string problem = prepare_initial_stack(kernel, registers.rsp);
        if (problem.empty())
            problem = confine_at_exec(guest, registers.rsp);
        if (problem.empty())
            problem = rdtsc_trap().decide_at_exec(guest);
        if (problem.empty())
            problem = arena.map_into_guest(guest);
        if (problem.empty() && guest_memory().protections_pending())
            problem = guest_memory().apply_protections();
        return problem;
    }

    // --trace and --stats watch the kernel's dispatch; without them no observer exists at all.
    std::unique_ptr<strace::Observer> make_observer(const Options& options)
    {
        if (options.trace.empty() && !options.print_statistics)
            return nullptr;
        auto observer = std::make_unique<strace::Observer>();
        observer->tracing = !options.trace.empty();
        if (observer->tracing)
            strace::parse_selection(options.trace.c_str(), observer->selection, nullptr, 0);
        observer->counting = options.print_statistics;
        return observer;
    }

    void print_statistics_line(const char* line, void*) { platform::report(line); }

    // A RISC-V vApp runs under qemu with the same options; its inputs travel on the input tape.
    int run_riscv_session(const Options& options)
    {
        if (options.memory_given)
            return complain(
                exit_code::kUsage, "--memory is for host runs: a RISC-V vApp's RAM is set when it is linked (zeroos-cc --memory SIZE)");
        RiscvRun run;
        std::vector<MountSpec> mounts = options.mounts;
        for (const auto& spec : mounts)
            if (!spec.writable)
                run.read_only_directories.push_back(spec.guest_directory);
        if (!mounts.empty())
            if (std::string problem = pack_mounts(mounts, run.mounts_archive); !problem.empty())
                return complain(exit_code::kUsage, problem);
        run.mounts = mounts;
        run.program = options.program;
        run.arguments.push_back(options.program);
        run.arguments.insert(run.arguments.end(), options.arguments.begin(), options.arguments.end());
        run.environment = guest_environment(options);
        run.seed = options.seed;
        run.epoch_seconds = options.epoch_seconds;
        run.unsupported_returns_enosys = options.unsupported_returns_enosys;
        run.max_fds = options.max_fds;
        run.max_threads = options.max_threads;
        run.file_space_bytes = options.file_space_given ? options.file_space_bytes : 0;
        run.rootfs = options.rootfs_tar;
        run.print_statistics = options.print_statistics;
        run.count_instructions = options.count_instructions;
        run.timeout_seconds = options.timeout_seconds;
        run.trace = !options.trace.empty();
        if (run.trace) {
            strace::Selection selection;
            strace::parse_selection(options.trace.c_str(), selection, nullptr, 0);
            static_assert(sizeof(run.trace_selection) == sizeof(selection.bits));
            std::memcpy(run.trace_selection, selection.bits, sizeof(selection.bits));
        }
        run.trace_file = options.trace_file;
        run.gdb_port = options.gdb_port;
        return run_riscv_vapp(run);
    }

    std::string read_file(const std::string& path, std::string& contents)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return "cannot read " + path + ": " + std::strerror(errno);
        contents.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        return {};
    }

    // --record: the trace's header, and the initial file system as archives (recorded, then
    // imported from those very bytes, so the trace holds exactly what the guest saw).
    std::string start_recording(Kernel& kernel, const Options& options, Mounts& mounts)
    {
        replay::Configuration configuration;
        std::string program;
        if (std::string problem = read_file(options.program, program); !problem.empty())
            return problem;
        configuration.program_sha256 = replay::sha256(program);
        configuration.program = options.program;
        configuration.arguments = options.arguments;
        configuration.environment = guest_environment(options);
        configuration.seed = options.seed;
        configuration.epoch_seconds = options.epoch_seconds;
        configuration.memory_bytes = options.memory_bytes;
        configuration.allocator = ZEROOS_ALLOCATOR_NAME;
        configuration.max_fds = options.max_fds;
        configuration.max_threads = options.max_threads;
        configuration.file_space_bytes = options.file_space_bytes;
        configuration.unsupported_returns_enosys = options.unsupported_returns_enosys;
        for (const auto& spec : options.mounts)
            configuration.mounts.push_back({ spec.host_directory, spec.guest_directory, spec.writable });
        configuration.rootfs = options.rootfs_tar;

        std::string rootfs, packed_mounts;
        if (!options.rootfs_tar.empty())
            if (std::string problem = read_rootfs_archive(options.rootfs_tar, rootfs); !problem.empty())
                return problem;
        if (!mounts.specs().empty())
            if (std::string problem = pack_mounts(mounts.specs(), packed_mounts); !problem.empty())
                return problem;

        auto& journal = replay::Journal::instance();
        std::string problem = journal.start_recording(options.record_path, configuration);
        std::vector<std::string_view> archives;
        if (!rootfs.empty() && problem.empty()) {
            problem = journal.archive(replay::ArchiveKind::Rootfs, rootfs);
            archives.push_back(rootfs);
        }
        if (!packed_mounts.empty() && problem.empty()) {
            problem = journal.archive(replay::ArchiveKind::Mounts, packed_mounts);
            archives.push_back(packed_mounts);
        }
        if (!problem.empty())
            return problem;
        return mounts.import_archives(kernel, archives);
    }

    // Closes the trace of a recording, or checks a replay's ending against the recorded one.
    int finish_journal(int exit_status)
    {
        auto& journal = replay::Journal::instance();
        std::string problem = journal.finish(exit_status);
        if (problem.empty())
            return exit_status;
        if (journal.mode() == replay::Journal::Mode::Replaying)
            return complain(exit_code::kReplayDiverged, "divergence at the end of the run: " + problem);
        return complain(exit_code::kSoftware, problem);
    }

} // namespace

int run_session(const Options& options, const replay::RecordingReader* replaying)
{
    ProgramCheck check = check_program(options.program);
    if (!check.runnable)
        return complain(check.exit_status, check.message);
    install_signal_handlers(); // from here a signal stops the guest (or qemu) and the run reports it
    if (check.riscv) {
        if (!options.record_path.empty())
            return complain(exit_code::kUsage,
                "--record records host runs; record the x86-64 build and replay it into the vApp with zeroos-replay --riscv");
        return run_riscv_session(options);
    }

    if (options.gdb_port)
        return complain(exit_code::kUsage, "--gdb is for RISC-V vApps; for a host run use --stop-on-fail and gdb -p");
    if (options.count_instructions)
        return complain(exit_code::kUsage, "--count-instructions is for RISC-V vApps; for a host run use --stats");
    std::unique_ptr<strace::Observer> observer = make_observer(options);
    if (observer && observer->tracing) {
        std::string trace_problem = setup_trace_output(options.trace_file);
        if (!trace_problem.empty())
            return complain(exit_code::kUsage, trace_problem);
    }
    set_stop_on_fail(options.stop_on_fail);
    // The probe forks, so it runs only when someone will read its answer; rdtsc faults are
    // answered from the virtual clock either way.
    if (spdlog::should_log(spdlog::level::info)) {
        if (rdtsc_trapping_works())
            spdlog::debug("rdtsc traps on this host: the guest reads the virtual clock");
        else
            spdlog::info("rdtsc cannot be made deterministic on this host: PR_SET_TSC is accepted but rdtsc does not trap");
        // Instructions no ptrace stop sees and zeroos-run does not trap (cpuid could be, with
        // CPUID faulting, which these VMs lack; rdpid and lsl on the per-CPU segment never).
        spdlog::info("cpuid, rdpid and lsl run natively: a guest executing them sees the host CPU (its features and number)");
    }
    pin_to_current_cpu();

    // Whole pages: the arena is mapped, and handed out by the kernel, in pages. It comes first:
    // under an address-space limit the kernel heap takes what --memory leaves.
    const std::uint64_t arena_bytes = (options.memory_bytes + 4095) & ~std::uint64_t(4095);
    GuestArena arena;
    std::string problem = arena.create(arena_bytes);
    if (!problem.empty())
        return complain(exit_code::kSoftware, "cannot create the guest arena of " + std::to_string(arena_bytes) + " bytes: " + problem);
    guest_memory().set_arena(GuestArena::kGuestBase, arena.size(), arena.tracer_view());

    auto heap = platform::kernel_heap_region();
    if (heap.size == 0)
        return complain(exit_code::kSoftware, std::string("cannot reserve the kernel heap: ") + std::strerror(errno));
    kernel_heap().init(reinterpret_cast<void*>(heap.base), heap.size);

    BootConfig config;
    config.seed = options.seed;
    config.epoch_seconds = options.epoch_seconds;
    config.program_path = options.program.c_str();
    config.unsupported_returns_enosys = options.unsupported_returns_enosys;
    config.max_fds = options.max_fds;
    config.max_threads = options.max_threads;
    config.file_space_bytes = options.file_space_bytes;
    Kernel* kernel = make<Kernel>();
    if (!kernel)
        return complain(exit_code::kSoftware, "cannot allocate the kernel");
    auto booted = kernel->boot(config);
    if (booted.is_error())
        return complain(exit_code::kSoftware, std::string("kernel boot failed: ") + std::strerror(booted.error().code()));

    Mounts mounts(options.mounts);
    auto& journal = replay::Journal::instance();
    if (replaying) {
        std::vector<std::string_view> archives;
        for (const auto& archive : replaying->archives())
            archives.push_back(archive.bytes);
        journal.start_replaying(*replaying);
        problem = mounts.import_archives(*kernel, archives);
    } else if (!options.record_path.empty()) {
        problem = start_recording(*kernel, options, mounts);
    } else {
        problem = mounts.import(*kernel, options.rootfs_tar);
    }
    if (!problem.empty())
        return complain(exit_code::kUsage, problem);

    if (int signal = interrupting_signal())
        return exit_code::kSignalBase + signal;
    SpawnResult spawned = spawn_traced(SpawnRequest { options.program, options.arguments, guest_environment(options), arena.descriptor() });
    if (spawned.pid < 0)
        return complain(spawned.exit_status, spawned.error);
    set_guest_for_signals(spawned.pid);
    guest_memory().set_process(spawned.pid);

    problem = prepare_guest(*kernel, arena, spawned.pid);
    if (!problem.empty()) {
        kill_and_reap(spawned.pid);
        if (int signal = interrupting_signal())
            return exit_code::kSignalBase + signal;
        return complain(exit_code::kSoftware, "cannot prepare the guest: " + problem);
    }

    arena.close_descriptor(); // the tracer keeps only its mapping
    strace::install(observer.get());
    arm_timeout(options.timeout_seconds);
    int exit_status = run_stop_loop(*kernel, spawned.pid);
    strace::install(nullptr);
    if (!replaying)
        mounts.write_back(*kernel); // a replay never touches the host's files
    if (observer && observer->counting)
        strace::write_statistics(*observer, "ns", print_statistics_line, nullptr);
    return finish_journal(exit_status);
}

} // namespace zeroos::tracer
