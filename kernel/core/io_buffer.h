#pragma once

#include "base/memory.h"
#include "uaccess.h"

namespace zeroos {

// The memory on the other side of a read or write: guest memory for read(2)/write(2), a kernel
// buffer for sendfile's bounce. Guest memory is still only reached through uaccess.h.
class IoBuffer {
public:
    static IoBuffer user(UserPtr<void> address) { return IoBuffer(address.address(), nullptr); }
    static IoBuffer kernel(void* address) { return IoBuffer(0, static_cast<u8*>(address)); }

    // EFAULT when a user buffer of `length` bytes reaches past the user address space (access_ok).
    ErrorOr<void> check_range(size_t length) const
    {
        if (!kernel_ && !access_ok(user_, length))
            return Error::from_errno(EFAULT);
        return {};
    }

    // Fills [offset, offset + length) of the buffer (the destination of a read).
    ErrorOr<void> fill(size_t offset, const void* source, size_t length) const
    {
        if (kernel_) {
            mem_copy(kernel_ + offset, source, length);
            return {};
        }
        return copy_to_user(UserPtr<void>(user_ + offset), source, length);
    }
    ErrorOr<void> zero(size_t offset, size_t length) const
    {
        if (kernel_) {
            mem_set(kernel_ + offset, 0, length);
            return {};
        }
        return clear_user(UserPtr<void>(user_ + offset), length);
    }
    // Takes [offset, offset + length) of the buffer (the source of a write).
    ErrorOr<void> take(size_t offset, void* destination, size_t length) const
    {
        if (kernel_) {
            mem_copy(destination, kernel_ + offset, length);
            return {};
        }
        return copy_from_user(destination, UserPtr<void>(user_ + offset), length);
    }

private:
    IoBuffer(u64 user, u8* kernel)
        : user_(user)
        , kernel_(kernel)
    {
    }
    u64 user_;
    u8* kernel_;
};

} // namespace zeroos
