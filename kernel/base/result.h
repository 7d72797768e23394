#pragma once

#include "base/errno.h"
#include "base/types.h"

namespace zeroos {

// An error a syscall handler reports. `code` is a positive Linux errno, or kUnsupported when the
// request is valid Linux but ZeroOS does not implement it (the dispatcher then fails fast and prints
// `detail`, which must be a string literal).
struct Error {
    static constexpr int kUnsupported = -1;

    int code;
    const char* detail = nullptr;

    static constexpr Error from_errno(int errno_value) { return Error { errno_value, nullptr }; }
    static constexpr Error unsupported(const char* what) { return Error { kUnsupported, what }; }
    constexpr bool is_unsupported() const { return code == kUnsupported; }
};

template<typename T> class [[nodiscard]] ErrorOr {
public:
    ErrorOr(T value)
        : value_(static_cast<T&&>(value))
        , error_ { 0 }
    {
    }
    ErrorOr(Error error)
        : error_(error)
    {
    }

    bool is_error() const { return error_.code != 0; }
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
    ErrorOr()
        : error_ { 0 }
    {
    }
    ErrorOr(Error error)
        : error_(error)
    {
    }

    bool is_error() const { return error_.code != 0; }
    Error error() const { return error_; }
    void release_value() { }

private:
    Error error_;
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
