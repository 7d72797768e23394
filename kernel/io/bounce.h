#pragma once

#include "base/heap.h"
#include "base/types.h"

namespace zeroos {

// Moves guest data through the kernel in chunks of at most this many bytes.
constexpr size_t kBounceChunk = 64 * 1024;

constexpr u64 device_number(u32 major, u32 minor) { return (major << 8) | minor; }

// A kernel buffer for one chunk of a transfer; freed when it goes out of scope.
class Bounce {
public:
    explicit Bounce(size_t wanted)
        : size_(min(wanted, kBounceChunk))
        , data_(static_cast<u8*>(kmalloc(size_ ? size_ : 1)))
    {
    }
    ~Bounce() { kfree(data_); }
    u8* data() { return data_; }
    size_t size() const { return size_; }

private:
    size_t size_;
    u8* data_;
};

} // namespace zeroos
