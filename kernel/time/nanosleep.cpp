#include "kernel.h"
#include "syscalls.h"
#include "time/clocks.h"

// Sleeping blocks the calling thread until the virtual clock reaches the deadline; the clock gets
// there when no thread can run (with one thread: at once). No signal can interrupt a sleep, so
// `rem` is never written.
namespace zeroos {

namespace {

    SyscallResult sleep_until(Kernel& kernel, u64 deadline_ns)
    {
        auto& threads = kernel.threads();
        threads.block_current(Thread::Wait::Sleep, 0);
        threads.set_deadline(threads.current(), deadline_ns, 0);
        return 0;
    }

} // namespace

SyscallResult sys_nanosleep(Kernel& kernel, const SyscallArgs& args)
{
    i64 duration = TRY(read_timespec_ns(args.pointer<LinuxTimespec>(0)));
    return sleep_until(kernel, kernel.clock().monotonic_ns() + static_cast<u64>(duration));
}

SyscallResult sys_clock_nanosleep(Kernel& kernel, const SyscallArgs& args)
{
    auto info = TRY(clock_info(args.int32(0)));
    if (info.sleep_errno)
        return Error::from_errno(info.sleep_errno);
    bool absolute = args.int32(1) & TIMER_ABSTIME;
    i64 requested = TRY(read_timespec_ns(args.pointer<LinuxTimespec>(2)));
    i64 now = static_cast<i64>(kernel.clock().monotonic_ns());
    if (!absolute)
        return sleep_until(kernel, static_cast<u64>(now) + static_cast<u64>(requested));
    // An absolute time on the clock asked for, as the same instant on CLOCK_MONOTONIC.
    i64 deadline = requested - (clock_now_ns(kernel, info.kind) - now);
    return sleep_until(kernel, static_cast<u64>(deadline > now ? deadline : now));
}

} // namespace zeroos
