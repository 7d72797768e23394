#pragma once

#include "base/types.h"

namespace zeroos {

// Builds a bounded diagnostic line without a libc (fail-fast reports, decoded arguments). Output
// past the capacity is dropped; the buffer always stays NUL-terminated.
class LineBuilder {
public:
    LineBuilder(char* buffer, size_t capacity)
        : buffer_(buffer)
        , capacity_(capacity)
    {
        if (capacity_)
            buffer_[0] = '\0';
    }

    LineBuilder& text(const char* s);
    LineBuilder& bytes(const char* s, size_t length);
    LineBuilder& character(char c);
    LineBuilder& decimal(i64 value);
    LineBuilder& unsigned_decimal(u64 value);
    LineBuilder& hex(u64 value); // 0x-prefixed
    // A guest string, quoted, with non-printable bytes escaped, cut at `limit` bytes with "...".
    LineBuilder& quoted(const char* s, size_t length, size_t limit);

    const char* c_str() const { return buffer_; }
    size_t length() const { return length_; }

private:
    char* buffer_;
    size_t capacity_;
    size_t length_ = 0;
};

} // namespace zeroos
