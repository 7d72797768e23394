#pragma once

#include "base/heap.h"
#include "base/result.h"
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

// Moves `length` bytes a bounce buffer at a time: `step(buffer, offset, chunk)` moves one chunk and
// returns how many bytes it moved. As Linux does, an error after some progress returns the bytes
// moved so far, and a short step ends the transfer.
template<typename Step> ErrorOr<size_t> move_in_chunks(size_t length, Step step)
{
    Bounce bounce(length);
    if (!bounce.data())
        return Error::from_errno(ENOMEM);
    size_t done = 0;
    while (done < length) {
        size_t chunk = min(length - done, bounce.size());
        auto moved = step(bounce.data(), done, chunk);
        if (moved.is_error())
            return done ? ErrorOr<size_t>(done) : moved;
        done += moved.value();
        if (moved.value() < chunk)
            break;
    }
    return done;
}

} // namespace zeroos
