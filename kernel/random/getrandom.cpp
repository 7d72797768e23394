#include "kernel.h"
#include "random/linux_abi.h"
#include "syscalls.h"

// getrandom draws from the one seeded ChaCha20 stream: the pool is always "initialised", so the
// flags that choose how to wait change nothing.
namespace zeroos {

SyscallResult sys_getrandom(Kernel& kernel, Ptr<> buffer, Size buflen, Uint flags)
{
    size_t length = buflen;
    if (flags & ~u32(abi::grnd_nonblock | abi::grnd_random | abi::grnd_insecure))
        return Error::from_errno(EINVAL);
    if ((flags & abi::grnd_random) && (flags & abi::grnd_insecure))
        return Error::from_errno(EINVAL);
    constexpr size_t kMaxLength = 0x7fffffff; // Linux caps one call at INT_MAX bytes
    length = min(length, kMaxLength);

    // As Linux does, a fault after some bytes were written returns the count written so far.
    u8 chunk[256];
    size_t done = 0;
    while (done < length) {
        size_t count = min(length - done, sizeof(chunk));
        kernel.random().fill(chunk, count);
        auto copied = copy_to_user(buffer.cast<u8>().byte_offset(done).cast<void>(), chunk, count);
        mem_set(chunk, 0, sizeof(chunk));
        if (copied.is_error()) {
            if (done == 0)
                return copied.error();
            break;
        }
        done += count;
    }
    return static_cast<long>(done);
}

} // namespace zeroos
