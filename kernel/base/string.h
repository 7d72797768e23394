#pragma once

#include "base/heap.h"
#include "base/memory.h"

namespace zeroos {

// An owned, NUL-terminated byte string on the kernel heap (file names, symlink targets). Bytes are
// not required to be UTF-8: Linux names are arbitrary bytes except '/' and NUL.
class String {
public:
    String() = default;
    String(const String&) = delete;
    String& operator=(const String&) = delete;
    String(String&& other)
        : data_(other.data_)
        , length_(other.length_)
    {
        other.data_ = nullptr, other.length_ = 0;
    }
    String& operator=(String&& other)
    {
        if (this != &other) {
            kfree(data_);
            data_ = other.data_, length_ = other.length_;
            other.data_ = nullptr, other.length_ = 0;
        }
        return *this;
    }
    ~String() { kfree(data_); }

    // Empty String with is_null() true when the heap is exhausted.
    static String copy(const char* bytes, size_t length)
    {
        String s;
        s.data_ = static_cast<char*>(kmalloc(length + 1));
        if (!s.data_)
            return s;
        mem_copy(s.data_, bytes, length);
        s.data_[length] = '\0';
        s.length_ = length;
        return s;
    }
    static String copy(const char* c_string) { return copy(c_string, str_length(c_string)); }

    bool is_null() const { return data_ == nullptr; }
    const char* c_str() const { return data_ ? data_ : ""; }
    size_t length() const { return length_; }
    bool equals(const char* bytes, size_t length) const { return length == length_ && mem_compare(c_str(), bytes, length) == 0; }

private:
    char* data_ = nullptr;
    size_t length_ = 0;
};

} // namespace zeroos
