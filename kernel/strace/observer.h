#pragma once

#include "syscalls.h"

// Watching the guest's system calls: --trace (one decoded line per call, through platform::trace)
// and --stats (calls, errors and cost per call, cost being platform::cost_counter() ticks: tracer
// nanoseconds on the host, retired instructions on RISC-V). Nothing here runs unless an Observer
// is installed: dispatch_syscall then pays one test of a null pointer.
namespace zeroos::strace {

// Generic syscall numbers the observer keeps a slot for (all of syscalls.def).
constexpr long kSlots = 512;

// Which calls --trace shows: one bit per generic number.
struct Selection {
    u64 bits[kSlots / 64] = {};

    bool contains(long number) const { return number >= 0 && number < kSlots && (bits[number / 64] >> (number % 64)) & 1; }
    void add(long number)
    {
        if (number >= 0 && number < kSlots)
            bits[number / 64] |= 1ull << (number % 64);
    }
    bool empty() const;
};

// Parses a --trace value: "all", or a comma-separated list of syscall names as syscalls.def spells
// them and classes (%file, %desc, %memory, %process, %signal, %thread, %time, %random). On error
// returns false and copies the token it did not understand into `bad` (NUL-terminated).
bool parse_selection(const char* spec, Selection&, char* bad, size_t bad_capacity);

// The classes --trace=%NAME accepts, each derived from the list's group or argument kinds; the one
// place their membership is defined. Ends with a null name.
struct TraceClass {
    const char* name; // without the '%'
    const char* meaning;
};
extern const TraceClass kTraceClasses[];
bool class_contains(const char* class_name, const SyscallInfo&);

struct CallStatistics {
    u64 calls = 0;
    u64 errors = 0;
    u64 cost = 0;
};

struct Observer {
    bool tracing = false;
    Selection selection;
    bool counting = false;
    CallStatistics statistics[kSlots];
    // What the observer itself cost (its bookkeeping and trace lines, not the calls): RISC-V takes
    // it off the instructions-retired total, which then stays that of an unobserved run.
    u64 own_cost = 0;
    bool prefix_threads = false; // set once the guest has had more than one thread
};

// Installs the observer dispatch_syscall reports to (nullptr: none, the default).
void install(Observer*);
Observer* installed();

// dispatch_syscall with the observer watching.
SyscallOutcome observe(Kernel&, const SyscallRequest&, Observer&);
// Prints one --trace line for a call thread `caller` made (0: no tid prefix).
void trace_call(Kernel&, const SyscallRequest&, const SyscallOutcome&, int caller);

// The --stats table, like strace -c: one line per syscall that was called, costliest first, then a
// total. `unit` names the cost ("ns", "instr"). Each line goes to `emit` without a newline.
void write_statistics(const Observer&, const char* unit, void (*emit)(const char* line, void* context), void* context);

} // namespace zeroos::strace
