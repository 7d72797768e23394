#pragma once

#include "base/result.h"
#include "platform.h"

// Typed guest pointers and the only ways kernel code touches guest memory: the platform's raw
// user-memory calls are made here and nowhere else in kernel/ (tests/check_uaccess.cmake).
namespace zeroos {

constexpr size_t kPathMax = 4096; // PATH_MAX, including the NUL

// A guest address. It cannot be dereferenced: copy through the helpers below.
template<typename T> class UserPtr {
public:
    constexpr UserPtr() = default;
    constexpr explicit UserPtr(u64 address)
        : address_(address)
    {
    }

    constexpr u64 address() const { return address_; }
    constexpr bool is_null() const { return address_ == 0; }
    // The element `index` places further on (array arguments such as iovecs and pollfds).
    constexpr UserPtr element(size_t index) const { return UserPtr(address_ + index * sizeof(T)); }
    template<typename U> constexpr UserPtr<U> cast() const { return UserPtr<U>(address_); }
    constexpr UserPtr byte_offset(u64 bytes) const { return UserPtr(address_ + bytes); }

private:
    u64 address_ = 0;
};

// The top of the user address space (x86-64's TASK_SIZE_MAX). Linux refuses a buffer that reaches
// past it with EFAULT before it looks at the file, even for a call that touches no byte of it (a
// write to /dev/null); ZeroOS does the same, on both targets.
constexpr u64 kUserAddressLimit = 0x7ffffffff000;
constexpr bool access_ok(u64 address, size_t length) { return length <= kUserAddressLimit && address <= kUserAddressLimit - length; }

inline ErrorOr<void> copy_from_user(void* destination, UserPtr<void> source, size_t length)
{
    if (int rc = platform::copy_from_user(destination, source.address(), length); rc < 0)
        return Error::from_errno(-rc);
    return {};
}

inline ErrorOr<void> copy_to_user(UserPtr<void> destination, const void* source, size_t length)
{
    if (int rc = platform::copy_to_user(destination.address(), source, length); rc < 0)
        return Error::from_errno(-rc);
    return {};
}

inline ErrorOr<void> clear_user(UserPtr<void> destination, size_t length)
{
    if (int rc = platform::clear_user(destination.address(), length); rc < 0)
        return Error::from_errno(-rc);
    return {};
}

// A NUL-terminated guest string of at most `capacity` bytes, its NUL included: its length, EFAULT,
// or ENAMETOOLONG when no NUL comes within `capacity` bytes (which are then all in `destination`).
inline ErrorOr<size_t> strncpy_from_user(char* destination, UserPtr<const char> source, size_t capacity)
{
    long length = platform::strncpy_from_user(destination, source.address(), capacity);
    if (length < 0)
        return Error::from_errno(static_cast<int>(-length));
    return static_cast<size_t>(length);
}

template<typename T> ErrorOr<T> read_from_user(UserPtr<T> source)
{
    T value;
    TRY(copy_from_user(&value, source.template cast<void>(), sizeof(T)));
    return value;
}

template<typename T> ErrorOr<void> write_to_user(UserPtr<T> destination, const T& value)
{
    return copy_to_user(destination.template cast<void>(), &value, sizeof(T));
}

// A guest path copied in: EFAULT for a bad pointer, ENAMETOOLONG past PATH_MAX, ENOENT when empty
// (callers that accept AT_EMPTY_PATH check for that first with copy_path_allow_empty).
struct PathBuffer {
    char bytes[kPathMax];
    size_t length;
};
ErrorOr<void> copy_path_from_user(PathBuffer& path, UserPtr<const char> source);
ErrorOr<void> copy_path_allow_empty(PathBuffer& path, UserPtr<const char> source);

} // namespace zeroos
