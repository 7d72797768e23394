#include "thread_contexts.h"

#include "kernel_api.h"
#include "platform.h"

#include <elf.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

namespace zeroos::tracer {

namespace {

    // Larger than any XSAVE area so far (AVX-512 with AMX is ~11 KiB); the kernel says how much of
    // it the state takes.
    constexpr size_t kXstateCapacity = 64 * 1024;

} // namespace

ThreadContexts& thread_contexts()
{
    static ThreadContexts instance;
    return instance;
}

bool ThreadContexts::read_xstate(std::vector<std::uint8_t>& state)
{
    // The first read learns the size; the later ones ask for exactly that much.
    state.resize(xstate_size_ ? xstate_size_ : kXstateCapacity);
    iovec buffer { state.data(), state.size() };
    if (ptrace(PTRACE_GETREGSET, guest_, reinterpret_cast<void*>(NT_X86_XSTATE), &buffer) != 0)
        return false;
    xstate_size_ = buffer.iov_len;
    state.resize(buffer.iov_len);
    return true;
}

bool ThreadContexts::write_xstate(std::vector<std::uint8_t>& state) const
{
    iovec buffer { state.data(), state.size() };
    return ptrace(PTRACE_SETREGSET, guest_, reinterpret_cast<void*>(NT_X86_XSTATE), &buffer) == 0;
}

bool ThreadContexts::create(int tid, std::uint64_t stack, bool set_tls, std::uint64_t tls)
{
    if (!stopped_)
        return false;
    Context context { *stopped_, {} };
    if (!read_xstate(context.xstate))
        return false;
    context.registers.rax = 0; // clone returns 0 in the child
    if (stack)
        context.registers.rsp = stack;
    if (set_tls)
        context.registers.fs_base = tls;
    saved_[tid] = std::move(context);
    return true;
}

void ThreadContexts::destroy(int tid)
{
    if (tid == running_tid_)
        running_destroyed_ = true;
    else
        saved_.erase(tid);
}

bool ThreadContexts::switch_to(int tid, long value, const x86_64::Registers& running)
{
    auto target = saved_.find(tid);
    if (target == saved_.end())
        return false;
    if (!running_destroyed_) {
        Context& kept = saved_[running_tid_];
        kept.registers = running;
        if (!read_xstate(kept.xstate))
            return false;
    }
    Context& next = target->second;
    next.registers.rax = static_cast<std::uint64_t>(value);
    if (ptrace(PTRACE_SETREGS, guest_, nullptr, &next.registers) != 0 || !write_xstate(next.xstate))
        return false;
    saved_.erase(target);
    running_tid_ = tid;
    running_destroyed_ = false;
    return true;
}

} // namespace zeroos::tracer

namespace zeroos::platform {

bool thread_create(int tid, u64 stack, bool set_tls, u64 tls) { return tracer::thread_contexts().create(tid, stack, set_tls, tls); }

void thread_destroy(int tid) { tracer::thread_contexts().destroy(tid); }

} // namespace zeroos::platform
