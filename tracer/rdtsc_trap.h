#pragma once

#include <string>
#include <sys/types.h>

namespace zeroos::tracer {

// rdtsc trapping (PR_SET_TSC, PR_TSC_SIGSEGV) is what lets the tracer answer rdtsc from the
// virtual clock, but while it is on every switch between tracer and guest rewrites CR4, which
// doubles the cost of a syscall stop on a VM. So it is on only when the guest can execute
// rdtsc or rdtscp: its executable mappings contain one at exec, or it makes memory it could have
// written executable later. The guest is one host thread (ThreadContexts), so one prctl covers
// every guest thread, and it is inherited by nothing else.
class RdtscTrap {
public:
    // At the exec stop, after the vDSO is gone: scans the guest's executable mappings for the
    // bytes of rdtsc (0f 31) and rdtscp (0f 01 f9). A byte scan is conservative: a false match
    // (the bytes inside another instruction) only costs speed. Turns trapping on if it finds one
    // or cannot read a mapping; says which way it went at -v.
    std::string decide_at_exec(pid_t guest);

    // The kernel gave arena pages PROT_EXEC (mmap or mprotect): from here on the guest may run
    // code it wrote. Trapping goes on before the guest runs again (apply_if_pending).
    void note_executable_memory()
    {
        if (!on_)
            pending_ = true;
    }
    bool pending() const { return pending_; }
    std::string apply_if_pending(pid_t guest);

    bool on() const { return on_; }

private:
    std::string turn_on(pid_t guest, const std::string& why);

    bool on_ = false;
    bool pending_ = false;
};

// The one guest's, used by the platform seam (set_guest_protection) and the stop loop.
RdtscTrap& rdtsc_trap();

} // namespace zeroos::tracer
