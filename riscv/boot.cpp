// Boot on bare-metal RISC-V: from the first instruction to the program's _start, and the trap
// handler every ecall and fault comes through. The parts of the boot live beside it: the tape
// (tape.cpp), the initial stack (initial_stack.cpp), the mounted file systems (file_import.cpp).
#include "boot.h"
#include "base/format.h"
#include "base/heap.h"
#include "base/memory.h"
#include "file_import.h"
#include "initial_stack.h"
#include "kernel.h"
#include "port.h"
#include "riscv64/entry.h"
#include "riscv_platform.h"
#include "strace/observer.h"
#include "tape.h"
#include "threads.h"

extern "C" {
extern char __free_start[], __stack_bottom[];
extern void _start(); // the libc's entry point
void zeroos_trap_entry();
void zeroos_trap_entry_observed();
[[noreturn]] void zeroos_enter_program(zeroos::u64 stack, zeroos::u64 entry);
}

// The stack the kernel runs on during boot and in traps (mscratch holds its top while the guest
// runs) and, right above its top, the Kernel: trap.S finds the kernel at sp + its frame size
// without loading an address. Never cleared at boot; the Kernel is constructed in place.
constexpr size_t kKernelStackSize = 64 * 1024;
struct KernelArea {
    alignas(16) char stack[kKernelStackSize];
    alignas(16) zeroos::u8 kernel[sizeof(zeroos::Kernel)];
};
extern "C" {
[[gnu::section(".kernel_stack")]] KernelArea zeroos_kernel_area;
}
static_assert(kKernelStackSize == 65536, "boot.S sets sp to zeroos_kernel_area + 65536");
static_assert(zeroos::Kernel::attention_offset() == 0, "trap.S reads the attention flag at the kernel's address");

namespace zeroos::riscv {

Kernel* g_kernel = nullptr;

namespace {

    // --trace and --stats, when the tape asks for them: on the kernel heap, as its counters are
    // 12 kB that .bss would clear at every boot.
    strace::Observer* g_observer = nullptr;

    // Statistics for the launcher before the run ends: the exact count of retired instructions
    // (qemu's -icount makes minstret exact), on console stream 3, which zeroos-run reads for --stats.
    void report_statistics()
    {
        u64 instructions = platform::cost_counter(); // minstret, less the waits for streamed stdin
        if (g_observer)
            instructions -= g_observer->own_cost; // what --trace/--stats added
        u8 bytes[8];
        for (int i = 0; i < 8; ++i)
            bytes[i] = static_cast<u8>(instructions >> (8 * i));
        port().console_write(kStatisticsStream, reinterpret_cast<const char*>(bytes), sizeof(bytes));
    }

    void emit_statistics_line(const char* line, void*)
    {
        port().console_write(kStatisticsTableStream, line, str_length(line));
        port().console_write(kStatisticsTableStream, "\n", 1);
    }

    [[noreturn]] void halt_with(int status)
    {
        report_statistics(); // first: the table and the changes cost instructions too
        if (g_observer && g_observer->counting)
            strace::write_statistics(*g_observer, "instr", emit_statistics_line, nullptr);
        export_read_write_changes();
        port().exit(status);
        __builtin_unreachable();
    }

    [[noreturn]] void end_run()
    {
        const auto& process = g_kernel->process();
        if (int signal = process.termination_signal()) {
            char buffer[96];
            LineBuilder line(buffer, sizeof(buffer));
            line.text("zeroos: guest killed by signal ").decimal(signal);
            platform::report(buffer);
        }
        halt_with(process.exit_status());
    }

    constexpr u64 kCauseEcallFromU = 8;
    constexpr u64 kCauseEcallFromM = 11;

    // Linux's signal for each synchronous exception cause (the privileged spec's mcause values).
    int signal_for_cause(u64 cause)
    {
        switch (cause) {
        case 0: // instruction address misaligned
        case 4: // load address misaligned
        case 6: // store address misaligned
            return abi::sigbus;
        case 2: // illegal instruction
            return abi::sigill;
        case 3: // breakpoint
            return abi::sigtrap;
        default: // access faults
            return abi::sigsegv;
        }
    }

    const char* cause_name(u64 cause)
    {
        switch (cause) {
        case 0:
            return "instruction address misaligned";
        case 1:
            return "instruction access fault";
        case 2:
            return "illegal instruction";
        case 3:
            return "breakpoint";
        case 4:
            return "load address misaligned";
        case 5:
            return "load access fault";
        case 6:
            return "store address misaligned";
        case 7:
            return "store access fault";
        default:
            return "exception";
        }
    }

} // namespace

void boot_failure(const char* what)
{
    char buffer[160];
    LineBuilder line(buffer, sizeof(buffer));
    line.text("zeroos: boot failed: ").text(what);
    platform::report(buffer);
    halt_with(70);
}

void install_trap_vector() { asm volatile("csrw mtvec, %0" ::"r"(reinterpret_cast<u64>(&zeroos_trap_entry))); }

riscv64::TrapFrame& trap_frame() { return *(reinterpret_cast<riscv64::TrapFrame*>(zeroos_kernel_area.kernel) - 1); }

const u8* free_memory_start() { return reinterpret_cast<const u8*>(__free_start); }

} // namespace zeroos::riscv

using namespace zeroos;
using namespace zeroos::riscv;

// Any exception other than ecall ends the run as the signal Linux would send. Out of line, so the
// syscall path does not pay for its registers.
[[noreturn, gnu::noinline, gnu::cold]] static void stop_on_exception(const riscv64::TrapFrame* frame, u64 cause)
{
    u64 value;
    asm volatile("csrr %0, mtval" : "=r"(value));
    int signal = signal_for_cause(cause);
    char buffer[192];
    LineBuilder line(buffer, sizeof(buffer));
    line.text("zeroos: guest stopped by ").text(cause_name(cause)).text(" at pc ").hex(frame->mepc).text(", mtval ").hex(value);
    line.text(" (signal ").decimal(signal).text(")");
    platform::report(buffer);
    halt_with(128 + signal);
}

// What trap.S does after a served call: nothing more, a switch (the plan), or never return.
static SwitchPlan* leave_kernel(riscv64::TrapFrame& frame, const SyscallOutcome& outcome)
{
    if (outcome.kind == SyscallOutcome::Kind::Exit)
        end_run();
    return finish_syscall(frame, outcome);
}

// Every trap comes here from trap.S. Returns what trap.S must do beyond a plain return (a thread
// switch), or nullptr.
extern "C" SwitchPlan* zeroos_riscv_trap(riscv64::TrapFrame* frame)
{
    u64 cause;
    asm volatile("csrr %0, mcause" : "=r"(cause));
    if (cause != kCauseEcallFromM && cause != kCauseEcallFromU)
        stop_on_exception(frame, cause);
    return leave_kernel(*frame, riscv64::serve_syscall(*g_kernel, *frame));
}

// The rest of a call whose handler trap.S ran on its fast path, when the result needs more than
// a0 (an unsupported request, a thread switch, the end of the run). Returns as zeroos_riscv_trap.
extern "C" SwitchPlan* zeroos_riscv_finish(riscv64::TrapFrame* frame, SyscallResult result)
{
    return leave_kernel(*frame, riscv64::finish_fast_syscall(*g_kernel, *frame, result));
}

extern "C" [[noreturn]] void zeroos_riscv_boot()
{
    __platform_bootstrap();
    asm volatile("csrw mscratch, %0" ::"r"(reinterpret_cast<u64>(zeroos_kernel_area.stack + kKernelStackSize)));

    Tape tape = read_tape(port().tape);
    // Free RAM after the image and the tape: a quarter for the kernel heap, the rest for the
    // guest arena (brk and mmap).
    u64 free_start = reinterpret_cast<u64>(__free_start);
    if (tape.header && port().tape == reinterpret_cast<const u8*>(__free_start))
        free_start += tape.header->total_size;
    free_start = align_up(free_start, kPageSize);
    u64 free_end = align_down(reinterpret_cast<u64>(__stack_bottom), kPageSize);
    if (free_end <= free_start + 16 * kPageSize)
        boot_failure("no free memory below the stack");
    u64 heap_size = align_down((free_end - free_start) / 4, kPageSize);
    set_memory_regions({ free_start, heap_size }, { free_start + heap_size, free_end - free_start - heap_size });
    kernel_heap().init(reinterpret_cast<void*>(free_start), heap_size);
    if (tape.header && (tape.header->flags & kTapeStdinStreamed)) {
        if (!port().stdin_read)
            boot_failure("the tape says stdin is streamed, but this port has no stdin_read");
        set_stdin_streamed();
    } else if (tape.header) {
        set_stdin(tape.stdin_data, tape.header->stdin_size);
    }

    BootConfig config;
    if (tape.header) {
        config.seed = tape.header->seed;
        config.epoch_seconds = tape.header->epoch_seconds;
        config.unsupported_returns_enosys = tape.header->flags & kTapeUnsupportedEnosys;
        config.program_path = tape.strings;
        config.max_fds = static_cast<u32>(tape.header->max_fds);
        config.max_threads = static_cast<u32>(tape.header->max_threads);
        config.file_space_bytes = tape.header->file_space_bytes;
        if (tape.header->flags & (kTapeTrace | kTapeStatistics)) {
            g_observer = make<strace::Observer>();
            if (!g_observer)
                boot_failure("no memory for --trace or --stats");
            g_observer->tracing = tape.header->flags & kTapeTrace;
            static_assert(sizeof(tape.header->trace_selection) == sizeof(g_observer->selection.bits));
            mem_copy(g_observer->selection.bits, tape.header->trace_selection, sizeof(g_observer->selection.bits));
            g_observer->counting = tape.header->flags & kTapeStatistics;
            // The observer sees every call, so none takes trap.S's fast path.
            strace::install(g_observer);
            asm volatile("csrw mtvec, %0" ::"r"(reinterpret_cast<u64>(&zeroos_trap_entry_observed)));
        }
    } else {
        config.program_path = "vapp";
    }
    g_kernel = new (zeroos_kernel_area.kernel) Kernel();
    if (g_kernel->boot(config).is_error())
        boot_failure("the kernel could not start");
    if (tape.header)
        import_file_system(tape);

    u8 random_bytes[16];
    g_kernel->random().fill(random_bytes, sizeof(random_bytes));
    u64 stack = build_initial_stack(tape, random_bytes);
    zeroos_enter_program(stack, reinterpret_cast<u64>(&_start));
}
