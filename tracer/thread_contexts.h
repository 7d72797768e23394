#pragma once

#include "x86_64/regs.h"

#include <cstdint>
#include <map>
#include <sys/types.h>
#include <vector>

namespace zeroos::tracer {

// The register state of the guest's threads. The guest is one ptrace'd host thread: the kernel
// decides which guest thread it is running, and a switch saves the running thread's general
// registers (fs_base included) and FP/SSE/AVX state (NT_X86_XSTATE) here and loads another's into
// the host thread, as the RISC-V build swaps trap frames. platform::thread_create/thread_destroy
// land here.
class ThreadContexts {
public:
    void set_process(pid_t guest) { guest_ = guest; }
    // The running thread's registers at the current syscall stop (what thread_create copies).
    void set_stopped_registers(const x86_64::Registers* registers) { stopped_ = registers; }

    bool create(int tid, std::uint64_t stack, bool set_tls, std::uint64_t tls);
    void destroy(int tid);
    // Keeps the running thread's state (`running` holds its registers) unless it was destroyed,
    // then loads thread `tid`'s with `value` in rax into the guest. False when ptrace fails.
    bool switch_to(int tid, long value, const x86_64::Registers& running);

    int running_tid() const { return running_tid_; }
    size_t saved_count() const { return saved_.size(); }

private:
    struct Context {
        x86_64::Registers registers;
        std::vector<std::uint8_t> xstate;
    };
    bool read_xstate(std::vector<std::uint8_t>&);
    bool write_xstate(std::vector<std::uint8_t>&) const;

    pid_t guest_ = -1;
    size_t xstate_size_ = 0;
    const x86_64::Registers* stopped_ = nullptr;
    int running_tid_ = 1;
    bool running_destroyed_ = false;
    std::map<int, Context> saved_;
};

ThreadContexts& thread_contexts();

} // namespace zeroos::tracer
