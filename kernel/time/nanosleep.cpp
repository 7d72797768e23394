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

SyscallResult sys_nanosleep(Kernel& kernel, Ptr<Timespec> req, Ptr<>)
{
    i64 duration = TRY(read_timespec_ns(req));
    return sleep_until(kernel, monotonic_deadline(kernel.clock().monotonic_ns(), duration, false, 0));
}

SyscallResult sys_clock_nanosleep(Kernel& kernel, ClockId clockid, Int flags, Ptr<Timespec> request, Ptr<>)
{
    auto info = TRY(clock_info(clockid));
    if (info.sleep_errno)
        return Error::from_errno(info.sleep_errno);
    bool absolute = flags & abi::timer_abstime;
    i64 requested = TRY(read_timespec_ns(request));
    return sleep_until(kernel, monotonic_deadline(kernel.clock().monotonic_ns(), requested, absolute, clock_now_ns(kernel, info.kind)));
}

} // namespace zeroos
