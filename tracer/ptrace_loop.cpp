#include "ptrace_loop.h"

#include "base/format.h"
#include "journal.h"

#include "confinement.h"
#include "exit_codes.h"
#include "guest_memory.h"
#include "kernel_api.h"
#include "logging.h"
#include "rdtsc_trap.h"
#include "signals.h"
#include "spawn.h"
#include "thread_contexts.h"
#include "x86_64/entry.h"

#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <linux/audit.h>
#include <spdlog/spdlog.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unordered_set>

namespace zeroos::tracer {

using x86_64::Registers;

// The shim's Registers must be exactly what PTRACE_GETREGS fills in.
static_assert(sizeof(Registers) == sizeof(user_regs_struct));
static_assert(offsetof(Registers, r15) == offsetof(user_regs_struct, r15));
static_assert(offsetof(Registers, r10) == offsetof(user_regs_struct, r10));
static_assert(offsetof(Registers, r8) == offsetof(user_regs_struct, r8));
static_assert(offsetof(Registers, rax) == offsetof(user_regs_struct, rax));
static_assert(offsetof(Registers, rdx) == offsetof(user_regs_struct, rdx));
static_assert(offsetof(Registers, rsi) == offsetof(user_regs_struct, rsi));
static_assert(offsetof(Registers, rdi) == offsetof(user_regs_struct, rdi));
static_assert(offsetof(Registers, orig_rax) == offsetof(user_regs_struct, orig_rax));
static_assert(offsetof(Registers, rip) == offsetof(user_regs_struct, rip));
static_assert(offsetof(Registers, rsp) == offsetof(user_regs_struct, rsp));
static_assert(offsetof(Registers, fs_base) == offsetof(user_regs_struct, fs_base));
static_assert(offsetof(Registers, gs_base) == offsetof(user_regs_struct, gs_base));
static_assert(offsetof(Registers, gs) == offsetof(user_regs_struct, gs));

namespace {

    constexpr int kSyscallStop = SIGTRAP | 0x80; // PTRACE_O_TRACESYSGOOD

    bool g_stop_on_fail = false;

    // Signals that end a guest with a crash report (a backtrace), whoever raised them.
    bool is_crash_signal(int signal)
    {
        return signal == SIGSEGV || signal == SIGBUS || signal == SIGILL || signal == SIGFPE || signal == SIGABRT;
    }

    std::string hex(std::uint64_t value)
    {
        char text[32];
        std::snprintf(text, sizeof(text), "0x%llx", static_cast<unsigned long long>(value));
        return text;
    }

    bool is_fault_signal(int signal)
    {
        return signal == SIGSEGV || signal == SIGBUS || signal == SIGILL || signal == SIGFPE || signal == SIGTRAP || signal == SIGSYS;
    }

    // Signals whose default action is to do nothing or to stop: a deterministic guest never sees them.
    bool is_harmless_by_default(int signal)
    {
        switch (signal) {
        case SIGCHLD:
        case SIGCONT:
        case SIGURG:
        case SIGWINCH:
        case SIGSTOP:
        case SIGTSTP:
        case SIGTTIN:
        case SIGTTOU:
            return true;
        default:
            return false;
        }
    }

    class StopLoop {
    public:
        StopLoop(Kernel& kernel, pid_t guest)
            : kernel_(kernel)
            , guest_(guest)
        {
        }

        int run();

    private:
        // Each returns true to keep running; otherwise `exit_status_` is set and the guest reaped.
        bool serve_syscall_stop();
        bool entered_through_syscall_instruction(std::uint64_t pc);
        bool entered_through_32_bit_gate(bool& is_32_bit);
        bool write_back_registers(const Registers& before, const Registers& after);
        void trace_syscall(const Registers& before, const SyscallOutcome&);
        bool journal_syscall(const Registers& before, const SyscallOutcome&);
        bool handle_signal_stop(int signal);
        bool emulate_rdtsc(const siginfo_t&);

        bool finish(int exit_status);
        bool fail(int exit_status);
        bool guest_ended(int wait_status);
        bool ptrace_failed(const char* request);
        bool wait_for_guest(int& wait_status);

        Kernel& kernel_;
        pid_t guest_;
        int exit_status_ = exit_code::kSoftware;
        bool reaped_ = false;
        std::unordered_set<std::uint64_t> syscall_sites_; // pcs checked to follow a `syscall`
    };

    int StopLoop::run()
    {
        for (;;) {
            // No signal is ever delivered to the guest by the host: faults end the run, rdtsc is
            // answered here, and signals between guest threads are the kernel's business.
            if (ptrace(PTRACE_SYSEMU, guest_, nullptr, nullptr) != 0) {
                ptrace_failed("PTRACE_SYSEMU");
                return exit_status_;
            }
            int status = 0;
            if (!wait_for_guest(status))
                return exit_status_;
            if (WIFEXITED(status) || WIFSIGNALED(status)) {
                guest_ended(status);
                return exit_status_;
            }
            int signal = WSTOPSIG(status);
            bool keep_running = true;
            if (signal == kSyscallStop)
                keep_running = serve_syscall_stop();
            else if (signal == SIGTRAP && (status >> 16) != 0)
                keep_running = true; // a ptrace event (none is expected after exec): nothing to deliver
            else
                keep_running = handle_signal_stop(signal);
            if (!keep_running)
                return exit_status_;
        }
    }

    bool StopLoop::wait_for_guest(int& wait_status)
    {
        for (;;) {
            pid_t waited = waitpid(guest_, &wait_status, __WALL);
            if (waited == guest_)
                return true;
            if (waited < 0 && errno == EINTR)
                continue; // SIGINT/SIGTERM: the handler killed the guest, its death comes next
            say(std::string("waitpid on the guest failed: ") + std::strerror(errno));
            exit_status_ = exit_code::kSoftware;
            return false;
        }
    }

    // A stop came through the 64-bit gate when the two bytes before its pc are the `syscall`
    // instruction (0f 05): int 0x80 is cd 80, and sysenter returns elsewhere. Registers cannot
    // tell (a guest can forge rcx and r11 around int 0x80). The program's own code never changes
    // (no PT_LOAD is both writable and executable), so a site there is read once; code the guest
    // made in the arena can be rewritten, so a site there is read every time.
    bool StopLoop::entered_through_syscall_instruction(std::uint64_t pc)
    {
        if (syscall_sites_.contains(pc))
            return true;
        unsigned char bytes[2];
        if (pc < 2 || guest_memory().read(bytes, pc - 2, sizeof(bytes)) != 0 || bytes[0] != 0x0f || bytes[1] != 0x05)
            return false;
        const auto& memory = guest_memory();
        if (pc - 2 < memory.arena_base() || pc - 2 >= memory.arena_base() + memory.arena_size())
            syscall_sites_.insert(pc);
        return true;
    }

    bool StopLoop::entered_through_32_bit_gate(bool& is_32_bit)
    {
        __ptrace_syscall_info info {};
        if (ptrace(PTRACE_GET_SYSCALL_INFO, guest_, reinterpret_cast<void*>(sizeof(info)), &info) < 0)
            return false;
        is_32_bit = info.arch == AUDIT_ARCH_I386;
        return true;
    }

    bool StopLoop::serve_syscall_stop()
    {
        Registers registers {};
        if (ptrace(PTRACE_GETREGS, guest_, nullptr, &registers) != 0)
            return ptrace_failed("PTRACE_GETREGS");
        bool is_32_bit = false;
        // Anything else is asked of the host kernel, which knows which gate was taken.
        if (!entered_through_syscall_instruction(registers.rip) && !entered_through_32_bit_gate(is_32_bit))
            return ptrace_failed("PTRACE_GET_SYSCALL_INFO");
        if (is_32_bit) {
            say("32-bit system call (int 0x80 or sysenter) at pc " + hex(registers.rip - 2)
                + ": ZeroOS serves only the 64-bit syscall instruction");
            report_guest_backtrace(guest_);
            return fail(exit_code::kSoftware);
        }

        const Registers before = registers;
        thread_contexts().set_stopped_registers(&before);
        SyscallOutcome outcome = x86_64::serve_syscall(kernel_, registers);
        thread_contexts().set_stopped_registers(nullptr);
        if (!journal_syscall(before, outcome))
            return false;
        // A change to PROT_EXEC always comes with one to the protections.
        if (guest_memory().protections_pending()) [[unlikely]] {
            std::string problem = guest_memory().apply_protections();
            if (problem.empty())
                problem = rdtsc_trap().apply_if_pending(guest_);
            if (!problem.empty()) {
                say(problem);
                return fail(exit_code::kSoftware);
            }
        }
        if (spdlog::should_log(spdlog::level::trace))
            trace_syscall(before, outcome);
        if (outcome.kind == SyscallOutcome::Kind::Exit) {
            const ProcessState& process = kernel_.process();
            int signal = process.termination_signal();
            // abort() ends here, at its tgkill to itself: the stack is still there to report.
            if (is_crash_signal(signal)) {
                say("guest killed by signal " + describe_signal(signal) + " it raised itself at pc " + hex(before.rip - 2));
                report_guest_backtrace(guest_);
                return fail(process.exit_status());
            }
            if (process.failed()) {
                report_guest_backtrace(guest_);
                return fail(process.exit_status());
            }
            finish(process.exit_status());
            if (signal != 0)
                say("guest killed by signal " + describe_signal(signal));
            return false;
        }
        if (outcome.kind == SyscallOutcome::Kind::Switch) [[unlikely]] {
            spdlog::trace("switch from thread {} to thread {}", thread_contexts().running_tid(), outcome.resume_tid);
            if (!thread_contexts().switch_to(outcome.resume_tid, outcome.value, registers))
                return ptrace_failed("switching guest threads (PTRACE_SETREGS/SETREGSET)");
            return true;
        }
        return write_back_registers(before, registers);
    }

    // Measured on the 2-core VM (100,000 rseq round trips): skipping the write saves ~1.5 us per
    // call, and PTRACE_POKEUSER of rax alone ~1 us over a whole PTRACE_SETREGS.
    bool StopLoop::write_back_registers(const Registers& before, const Registers& after)
    {
        Registers only_rax_changed = before;
        only_rax_changed.rax = after.rax;
        if (std::memcmp(&only_rax_changed, &after, sizeof(after)) != 0) {
            if (ptrace(PTRACE_SETREGS, guest_, nullptr, &after) != 0)
                return ptrace_failed("PTRACE_SETREGS");
        } else if (after.rax != before.rax) {
            if (ptrace(
                    PTRACE_POKEUSER, guest_, reinterpret_cast<void*>(offsetof(user_regs_struct, rax)), reinterpret_cast<void*>(after.rax))
                != 0)
                return ptrace_failed("PTRACE_POKEUSER");
        }
        return true;
    }

    // Records the syscall, or checks it against the recording when replaying: at the first
    // difference the replay stops with the call, its arguments and both results.
    bool StopLoop::journal_syscall(const Registers& before, const SyscallOutcome& outcome)
    {
        auto& journal = replay::Journal::instance();
        if (journal.mode() == replay::Journal::Mode::Live)
            return true;
        std::int64_t number = static_cast<std::int64_t>(before.orig_rax);
        std::int64_t result = outcome.kind == SyscallOutcome::Kind::Return ? outcome.value : 0;
        std::optional<replay::SyscallEntry> expected;
        if (journal.syscall(number, result, expected))
            return true;
        char buffer[512];
        LineBuilder call(buffer, sizeof(buffer));
        x86_64::describe_syscall(call, before);
        std::string line = "divergence at syscall " + std::to_string(journal.syscall_index()) + ": " + call.c_str();
        if (!expected) {
            say(line + ": the recording ends before this call (it was made by an unfinished run)");
            finish(exit_code::kReplayIncomplete);
            return false;
        }
        const char* recorded_name = x86_64::syscall_name(static_cast<long>(expected->number));
        if (expected->number != number)
            line += " was made where the recording has "
                + std::string(recorded_name ? recorded_name : "#" + std::to_string(expected->number));
        else
            line += " returned " + std::to_string(result) + "; the recording has " + std::to_string(expected->result);
        say(line + " (pc " + hex(before.rip - 2) + ")");
        finish(exit_code::kReplayDiverged);
        return false;
    }

    void StopLoop::trace_syscall(const Registers& before, const SyscallOutcome& outcome)
    {
        const char* name = x86_64::syscall_name(static_cast<long>(before.orig_rax));
        spdlog::trace("syscall {}#{}(rdi={}, rsi={}, rdx={}, r10={}) = {}", name ? name : "", before.orig_rax, hex(before.rdi),
            hex(before.rsi), hex(before.rdx), hex(before.r10),
            outcome.kind == SyscallOutcome::Kind::Exit ? std::string("end of run") : std::to_string(outcome.value));
    }

    bool StopLoop::emulate_rdtsc(const siginfo_t& info)
    {
        if (info.si_signo != SIGSEGV || info.si_code != SI_KERNEL)
            return false;
        Registers registers {};
        if (ptrace(PTRACE_GETREGS, guest_, nullptr, &registers) != 0)
            return false;
        unsigned char code[3] = {};
        if (guest_memory().read(code, registers.rip, sizeof(code)) != 0 || code[0] != 0x0f)
            return false;
        bool rdtsc = code[1] == 0x31;
        bool rdtscp = code[1] == 0x01 && code[2] == 0xf9;
        if (!rdtsc && !rdtscp)
            return false;
        // One tick per virtual nanosecond: the answer is a function of the virtual clock only.
        std::uint64_t ticks = kernel_.clock().monotonic_ns();
        registers.rax = ticks & 0xffffffffu;
        registers.rdx = ticks >> 32;
        if (rdtscp)
            registers.rcx = 0; // IA32_TSC_AUX: cpu 0
        registers.rip += rdtsc ? 2 : 3;
        return ptrace(PTRACE_SETREGS, guest_, nullptr, &registers) == 0;
    }

    bool StopLoop::handle_signal_stop(int signal)
    {
        siginfo_t info {};
        if (ptrace(PTRACE_GETSIGINFO, guest_, nullptr, &info) != 0)
            return true; // not a signal-delivery-stop (a group-stop): resume without a signal
        if (emulate_rdtsc(info))
            return true;
        constexpr int kSeccompTrap = 1; // SYS_SECCOMP: the filter of confine_at_exec caught a vsyscall
        if (signal == SIGSYS && info.si_code == kSeccompTrap) {
            auto address = reinterpret_cast<std::uint64_t>(info.si_call_addr);
            const char* name = vsyscall_name(address);
            Registers registers {};
            std::string pc = ptrace(PTRACE_GETREGS, guest_, nullptr, &registers) == 0 ? hex(registers.rip) : std::string("unknown");
            say("unsupported: a call into the vsyscall page (" + std::string(name ? name : "no entry") + " at " + hex(address)
                + ") returning to pc " + pc + ": ZeroOS serves system calls made with the syscall instruction only");
            report_guest_backtrace(guest_);
            return fail(exit_code::kSoftware);
        }
        if (is_fault_signal(signal) && info.si_code > 0) {
            Registers registers {};
            std::string pc = ptrace(PTRACE_GETREGS, guest_, nullptr, &registers) == 0 ? hex(registers.rip) : std::string("unknown");
            say("guest crashed: " + describe_signal(signal) + " at address " + hex(reinterpret_cast<std::uint64_t>(info.si_addr)) + ", pc "
                + pc);
            report_guest_backtrace(guest_, true);
            return fail(exit_code::kSignalBase + signal);
        }
        if (is_harmless_by_default(signal)) {
            spdlog::debug("ignoring {} sent to the guest from outside", describe_signal(signal));
            return true;
        }
        say("guest killed by signal " + describe_signal(signal) + " sent from outside zeroos-run");
        return finish(exit_code::kSignalBase + signal);
    }

    bool StopLoop::finish(int exit_status)
    {
        exit_status_ = exit_status;
        if (!reaped_) {
            kill_and_reap(guest_);
            reaped_ = true;
        }
        return false;
    }

    // A crash or fail-fast stop: the guest dies, or with --stop-on-fail stays stopped for a debugger.
    bool StopLoop::fail(int exit_status)
    {
        if (!g_stop_on_fail || reaped_)
            return finish(exit_status);
        exit_status_ = exit_status;
        // Whatever continues it later (SIGCONT, a debugger detaching) must not let one system
        // call reach the host: its next one kills it.
        Registers registers {};
        if (ptrace(PTRACE_GETREGS, guest_, nullptr, &registers) != 0)
            return finish(exit_status);
        if (std::string problem = forbid_all_syscalls(guest_, registers.rsp); !problem.empty()) {
            say(problem + "; the guest is killed instead of left stopped");
            return finish(exit_status);
        }
        if (ptrace(PTRACE_DETACH, guest_, nullptr, reinterpret_cast<void*>(SIGSTOP)) != 0)
            return finish(exit_status);
        reaped_ = true; // not ours any more: it waits, stopped, for the debugger
        // Still our child: report only once it has stopped, so the pid is ready for gdb -p.
        int status = 0;
        while (waitpid(guest_, &status, WUNTRACED) < 0 && errno == EINTR) { }
        say("the guest is stopped and detached (--stop-on-fail): pid " + std::to_string(guest_) + "; debug it with:");
        platform::report(("  gdb -p " + std::to_string(guest_)).c_str());
        // zeroos-run stays until the guest ends: were it to exit, the guest's process group would
        // be orphaned with a stopped member, and Linux would end it with SIGHUP.
        while (waitpid(guest_, &status, 0) < 0 && errno == EINTR) { }
        return false;
    }

    bool StopLoop::guest_ended(int wait_status)
    {
        reaped_ = true;
        if (timed_out()) {
            say("guest stopped: --timeout ran out");
            exit_status_ = exit_code::kTimeout;
        } else if (int signal = interrupting_signal()) {
            spdlog::info("stopped the guest on {}", describe_signal(signal));
            exit_status_ = exit_code::kSignalBase + signal;
        } else if (WIFEXITED(wait_status)) {
            say("guest exited on its own with status " + std::to_string(WEXITSTATUS(wait_status)));
            exit_status_ = WEXITSTATUS(wait_status);
        } else {
            say("guest killed by signal " + describe_signal(WTERMSIG(wait_status)) + " from outside zeroos-run");
            exit_status_ = exit_code::kSignalBase + WTERMSIG(wait_status);
        }
        return false;
    }

    bool StopLoop::ptrace_failed(const char* request)
    {
        int error = errno;
        if (error == ESRCH) {
            // The guest is gone (killed from outside or by our SIGINT handler): collect how.
            int status = 0;
            if (wait_for_guest(status) && (WIFEXITED(status) || WIFSIGNALED(status)))
                return guest_ended(status);
        }
        say(std::string(request) + " failed: " + std::strerror(error));
        return finish(exit_code::kSoftware);
    }

} // namespace

void set_stop_on_fail(bool stop) { g_stop_on_fail = stop; }

int run_stop_loop(Kernel& kernel, pid_t guest)
{
    guest_memory().set_process(guest);
    thread_contexts().set_process(guest);
    set_guest_for_signals(guest);
    StopLoop loop(kernel, guest);
    return loop.run();
}

} // namespace zeroos::tracer
