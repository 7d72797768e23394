#include "session.h"

#include "arena.h"
#include "auxv.h"
#include "base/heap.h"
#include "elf_check.h"
#include "exit_codes.h"
#include "guest_memory.h"
#include "kernel_api.h"
#include "mounts.h"
#include "ptrace_loop.h"
#include "riscv_launcher.h"
#include "signals.h"
#include "spawn.h"

#include <cerrno>
#include <csignal>
#include <cstring>
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
        platform::report(("zeroos-run: " + line).c_str());
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

    void kill_and_reap(pid_t guest)
    {
        kill(guest, SIGKILL);
        for (;;) {
            int status = 0;
            pid_t waited = waitpid(guest, &status, __WALL);
            if (waited < 0 && errno == EINTR)
                continue;
            if (waited < 0 || WIFEXITED(status) || WIFSIGNALED(status))
                break;
        }
    }

    // The guest is stopped at its exec event: patch its auxv, then give it the arena.
    std::string prepare_guest(Kernel& kernel, GuestArena& arena, pid_t guest)
    {
        user_regs_struct registers {};
        if (ptrace(PTRACE_GETREGS, guest, nullptr, &registers) != 0)
            return std::string("PTRACE_GETREGS at exec failed: ") + std::strerror(errno);
        // AT_RANDOM is the first draw from the random stream, so it depends on --seed only.
        std::string problem = prepare_initial_stack(kernel, registers.rsp);
        if (!problem.empty())
            return problem;
        return arena.map_into_guest(guest);
    }

    // A RISC-V vApp runs under qemu with the same options; its inputs travel on the input tape.
    int run_riscv_session(const Options& options)
    {
        if (!options.mounts.empty())
            return complain(exit_code::kUsage, "--mount is not supported for RISC-V runs yet: pack the tree with tar and pass --rootfs");
        RiscvRun run;
        run.program = options.program;
        run.arguments.push_back(options.program);
        run.arguments.insert(run.arguments.end(), options.arguments.begin(), options.arguments.end());
        run.environment = guest_environment(options);
        run.seed = options.seed;
        run.epoch_seconds = options.epoch_seconds;
        run.unsupported_returns_enosys = options.unsupported_returns_enosys;
        run.rootfs = options.rootfs_tar;
        run.print_statistics = options.print_statistics;
        return run_riscv_vapp(run);
    }

} // namespace

int run_session(const Options& options)
{
    ProgramCheck check = check_program(options.program);
    if (!check.runnable)
        return complain(check.exit_status, check.message);
    if (check.riscv)
        return run_riscv_session(options);

    install_signal_handlers();
    // The probe forks, so it runs only when someone will read its answer; rdtsc faults are
    // answered from the virtual clock either way.
    if (spdlog::should_log(spdlog::level::info)) {
        if (rdtsc_trapping_works())
            spdlog::debug("rdtsc traps on this host: the guest reads the virtual clock");
        else
            spdlog::info("rdtsc cannot be made deterministic on this host: PR_SET_TSC is accepted but rdtsc does not trap");
    }
    pin_to_current_cpu();

    auto heap = platform::kernel_heap_region();
    if (heap.size == 0)
        return complain(exit_code::kSoftware, std::string("cannot reserve the kernel heap: ") + std::strerror(errno));
    kernel_heap().init(reinterpret_cast<void*>(heap.base), heap.size);

    // Whole pages: the arena is mapped, and handed out by the kernel, in pages.
    const std::uint64_t arena_bytes = (options.memory_bytes + 4095) & ~std::uint64_t(4095);
    GuestArena arena;
    std::string problem = arena.create(arena_bytes);
    if (!problem.empty())
        return complain(exit_code::kSoftware, "cannot create the guest arena of " + std::to_string(arena_bytes) + " bytes: " + problem);
    guest_memory().set_arena(GuestArena::kGuestBase, arena.size(), arena.tracer_view());

    BootConfig config;
    config.seed = options.seed;
    config.epoch_seconds = options.epoch_seconds;
    config.program_path = options.program.c_str();
    config.unsupported_returns_enosys = options.unsupported_returns_enosys;
    config.max_fds = options.max_fds;
    config.max_threads = options.max_threads;
    Kernel* kernel = make<Kernel>();
    if (!kernel)
        return complain(exit_code::kSoftware, "cannot allocate the kernel");
    auto booted = kernel->boot(config);
    if (booted.is_error())
        return complain(exit_code::kSoftware, std::string("kernel boot failed: ") + std::strerror(booted.error().code));

    Mounts mounts(options.mounts);
    problem = mounts.import(*kernel, options.rootfs_tar);
    if (!problem.empty())
        return complain(exit_code::kUsage, problem);

    if (int signal = interrupting_signal())
        return exit_code::kSignalBase + signal;
    SpawnResult spawned = spawn_traced(SpawnRequest { options.program, options.arguments, guest_environment(options) });
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
    int exit_status = run_stop_loop(*kernel, spawned.pid);
    mounts.write_back(*kernel);
    return exit_status;
}

} // namespace zeroos::tracer
