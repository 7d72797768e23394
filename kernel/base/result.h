#pragma once

#include "base/errno.h"
#include "base/types.h"

namespace zeroos {

// An error a syscall handler reports: a positive Linux errno, or "unsupported" when the request is
// valid Linux but ZeroOS does not implement it (the dispatcher then fails fast and prints the
// detail, which must be a string literal). It is one machine word, so an ErrorOr<long> (a handler's
// result) is two and comes back in registers: the RISC-V trap path reads it from a0/a1.
class Error {
public:
    static constexpr int kUnsupported = -1;
    // Errno values are below this; a detail string's address never is.
    static constexpr uintptr_t kErrnoLimit = 4096;

    constexpr Error() = default;
    static constexpr Error from_errno(int errno_value) { return Error(static_cast<uintptr_t>(errno_value)); }
    static Error unsupported(const char* what) { return Error(reinterpret_cast<uintptr_t>(what)); }

    // 0 for "no error".
    constexpr int code() const { return bits_ < kErrnoLimit ? static_cast<int>(bits_) : kUnsupported; }
    constexpr bool is_unsupported() const { return bits_ >= kErrnoLimit; }
    const char* detail() const { return is_unsupported() ? reinterpret_cast<const char*>(bits_) : nullptr; }

    // The whole word, for ErrorOr<long>'s packed form.
    constexpr uintptr_t bits() const { return bits_; }
    static constexpr Error from_bits(uintptr_t bits) { return Error(bits); }

private:
    explicit constexpr Error(uintptr_t bits)
        : bits_(bits)
    {
    }
    uintptr_t bits_ = 0;
};

template<typename T> class [[nodiscard]] ErrorOr {
public:
    ErrorOr(T value)
        : value_(static_cast<T&&>(value))
    {
    }
    ErrorOr(Error error)
        : error_(error)
    {
    }

    bool is_error() const { return error_.code() != 0; }
    Error error() const { return error_; }
    T& value() { return value_; }
    const T& value() const { return value_; }
    T release_value() { return static_cast<T&&>(value_); }

private:
    T value_ {};
    Error error_;
};

template<> class [[nodiscard]] ErrorOr<void> {
public:
    ErrorOr() = default;
    ErrorOr(Error error)
        : error_(error)
    {
    }

    bool is_error() const { return error_.code() != 0; }
    Error error() const { return error_; }
    void release_value() { }

private:
    Error error_;
};

// A syscall handler's result as one 128-bit integer: the value in the low half, the Error's word in
// the high half, so it comes back in a0/a1 (riscv/trap.S reads them there). GCC 12 sends a
// two-field struct through a stack slot on the way; a plain integer pair it keeps in registers.
template<> class [[nodiscard]] ErrorOr<long> {
public:
    ErrorOr(long value)
        : bits_(static_cast<u64>(value))
    {
    }
    ErrorOr(Error error)
        : bits_(static_cast<unsigned __int128>(error.bits()) << 64)
    {
    }

    bool is_error() const { return (bits_ >> 64) != 0; }
    Error error() const { return Error::from_bits(static_cast<uintptr_t>(bits_ >> 64)); }
    long value() const { return static_cast<long>(static_cast<u64>(bits_)); }
    long release_value() const { return value(); }

private:
    unsigned __int128 bits_;
};

// A raw `-errno`/value convention (the seams' return values) turned into an ErrorOr.
inline ErrorOr<long> from_raw(long raw)
{
    if (raw < 0)
        return Error::from_errno(static_cast<int>(-raw));
    return raw;
}

} // namespace zeroos

// Propagates an error out of the enclosing function, otherwise yields the value.
#define TRY(expression)                                                                                                                    \
    ({                                                                                                                                     \
        auto _try_result = (expression);                                                                                                   \
        if (_try_result.is_error())                                                                                                        \
            return _try_result.error();                                                                                                    \
        _try_result.release_value();                                                                                                       \
    })
