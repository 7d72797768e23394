#include "vfs/poll.h"

#include "base/memory.h"
#include "kernel.h"
#include "signals/linux_abi.h"
#include "vfs/path.h"

namespace zeroos {

namespace {

    constexpr u32 kAlwaysReported = abi::pollerr | abi::pollhup | abi::pollnval;

    // The events `fd` is ready for, POLLNVAL when it is not an open (non-O_PATH) descriptor.
    u32 ready_events(Kernel& kernel, int fd)
    {
        auto file = kernel.fds().get(fd);
        if (file.is_error() || file.value()->is_path_only())
            return abi::pollnval;
        return file.value()->inode->poll_events(*file.value());
    }

    // ppoll and pselect6 install a signal mask for the wait. No signal arrives during a wait here, so
    // the mask is only checked the way Linux checks it: EINVAL for a wrong size, EFAULT for a bad
    // pointer (the fuzz/bad-pointer sweep found both answered with success).
    ErrorOr<void> check_wait_sigmask(UserPtr<void> mask, size_t size)
    {
        if (mask.is_null())
            return {};
        if (size != kSigsetSize)
            return Error::from_errno(EINVAL);
        u64 bits = 0;
        return copy_from_user(&bits, mask, sizeof(bits));
    }

    // Nothing was ready: the calling thread blocks until a pipe changes or its deadline (the whole
    // call then runs again). False when the deadline has passed and the call should report nothing.
    bool block_until_ready(Kernel& kernel, i64 timeout_ns)
    {
        auto& threads = kernel.threads();
        u64 now = kernel.clock().monotonic_ns();
        u64 deadline = timeout_ns < 0 ? 0 : threads.restartable_deadline(now, static_cast<u64>(timeout_ns));
        if (timeout_ns >= 0 && deadline <= now)
            return false;
        threads.block_current(Thread::Wait::Poll, 0);
        if (timeout_ns >= 0)
            threads.set_deadline(threads.current(), deadline, 0);
        return true;
    }

    ErrorOr<i64> read_timeout(UserPtr<Timespec> pointer)
    {
        if (pointer.is_null())
            return i64(-1);
        return read_timespec_ns(pointer);
    }

    // ppoll and pselect6 write the time left back; a wait either returned at once or used it all.
    ErrorOr<void> write_remaining(UserPtr<Timespec> pointer, long ready)
    {
        if (pointer.is_null() || ready != 0)
            return {};
        return write_to_user(pointer, Timespec { 0, 0 });
    }

    using FdSetWord = u64;

} // namespace

SyscallResult do_poll(Kernel& kernel, UserPtr<void> pointer, u32 count, i64 timeout_ns)
{
    if (count > kernel.fds().max_fds())
        return Error::from_errno(EINVAL);
    auto entries = pointer.cast<abi::PollFd>();
    long ready = 0;
    for (u32 pass = 0; pass < 2; ++pass) {
        for (u32 i = 0; i < count; ++i) {
            auto entry = TRY(read_from_user(entries.element(i)));
            u32 events = entry.fd < 0 ? 0 : ready_events(kernel, entry.fd);
            entry.revents = static_cast<int16_t>(events & (static_cast<u16>(entry.events) | kAlwaysReported));
            if (pass == 0) {
                if (entry.revents)
                    ++ready;
                continue;
            }
            TRY(write_to_user(entries.element(i), entry));
        }
        if (pass == 0 && ready == 0 && timeout_ns != 0 && block_until_ready(kernel, timeout_ns))
            return 0; // the result comes when it runs again
    }
    return ready;
}

SyscallResult do_select(Kernel& kernel, int nfds, UserPtr<void> readfds, UserPtr<void> writefds, UserPtr<void> exceptfds, i64 timeout_ns)
{
    if (nfds < 0 || static_cast<u64>(nfds) > kernel.fds().max_fds())
        return Error::from_errno(EINVAL);
    constexpr size_t kBits = 8 * sizeof(FdSetWord);
    size_t words = (static_cast<size_t>(nfds) + kBits - 1) / kBits;
    UserPtr<void> sets[3] = { readfds, writefds, exceptfds };
    const u32 wanted[3]
        = { abi::pollin | abi::pollrdnorm | abi::pollhup | abi::pollerr, abi::pollout | abi::pollwrnorm | abi::pollerr, abi::pollpri };
    long ready = 0;
    for (u32 pass = 0; pass < 2; ++pass) {
        for (size_t word = 0; word < words; ++word) {
            FdSetWord in[3] = {}, out[3] = {};
            for (int s = 0; s < 3; ++s)
                if (!sets[s].is_null())
                    in[s] = TRY(read_from_user(sets[s].cast<FdSetWord>().element(word)));
            for (size_t bit = 0; bit < kBits; ++bit) {
                int fd = static_cast<int>(word * kBits + bit);
                FdSetWord mask = FdSetWord(1) << bit;
                if (fd >= nfds || !((in[0] | in[1] | in[2]) & mask))
                    continue;
                u32 events = ready_events(kernel, fd);
                if (events & abi::pollnval)
                    return Error::from_errno(EBADF);
                for (int s = 0; s < 3; ++s) {
                    if ((in[s] & mask) && (events & wanted[s])) {
                        out[s] |= mask;
                        ++ready;
                    }
                }
            }
            if (pass == 1) {
                for (int s = 0; s < 3; ++s)
                    if (!sets[s].is_null())
                        TRY(write_to_user(sets[s].cast<FdSetWord>().element(word), out[s]));
            }
        }
        if (pass == 0) {
            if (ready == 0 && timeout_ns != 0 && block_until_ready(kernel, timeout_ns))
                return 0; // the result comes when it runs again
            ready = 0; // counted again while writing the sets back
        }
    }
    return ready;
}

SyscallResult sys_ppoll(Kernel& kernel, Ptr<> fds, Uint nfds, Ptr<Timespec> timeout_pointer, Ptr<> sigmask, Size sigsetsize)
{
    i64 timeout_ns = TRY(read_timeout(timeout_pointer));
    TRY(check_wait_sigmask(sigmask, sigsetsize));
    long ready = TRY(do_poll(kernel, fds, nfds, timeout_ns));
    if (kernel.threads().switch_requested())
        return 0; // blocked: the timeout is read again when it runs again
    TRY(write_remaining(timeout_pointer, ready));
    return ready;
}

SyscallResult sys_pselect6(
    Kernel& kernel, Int nfds, Ptr<> readfds, Ptr<> writefds, Ptr<> exceptfds, Ptr<Timespec> timeout_pointer, Ptr<> sigmask)
{
    i64 timeout_ns = TRY(read_timeout(timeout_pointer));
    // The sixth argument points to { const sigset_t* mask; size_t size; }.
    if (auto packed = sigmask; !packed.is_null()) {
        u64 mask_and_size[2];
        TRY(copy_from_user(mask_and_size, packed, sizeof(mask_and_size)));
        TRY(check_wait_sigmask(UserPtr<void>(mask_and_size[0]), static_cast<size_t>(mask_and_size[1])));
    }
    long ready = TRY(do_select(kernel, nfds, readfds, writefds, exceptfds, timeout_ns));
    if (kernel.threads().switch_requested())
        return 0; // blocked: the timeout is read again when it runs again
    TRY(write_remaining(timeout_pointer, ready));
    return ready;
}

} // namespace zeroos
