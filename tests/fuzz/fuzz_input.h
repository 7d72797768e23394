#pragma once

// A fuzz input read front to back: past its end every read gives zeros (or nothing), so any input
// is a whole program of records.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

class FuzzInput {
public:
    FuzzInput(const uint8_t* data, size_t size)
        : data_(data)
        , size_(size)
    {
    }
    bool empty() const { return offset_ >= size_; }
    uint8_t byte() { return offset_ < size_ ? data_[offset_++] : 0; }
    // `bytes` bytes as a little-endian number.
    uint64_t number(size_t bytes)
    {
        uint64_t value = 0;
        for (size_t i = 0; i < bytes; ++i)
            value |= uint64_t(byte()) << (8 * i);
        return value;
    }
    // Up to `length` bytes in place; `length` becomes what was there.
    const uint8_t* take(size_t& length)
    {
        length = std::min(length, size_ - std::min(offset_, size_));
        const uint8_t* start = data_ + offset_;
        offset_ += length;
        return start;
    }
    std::string bytes(size_t length)
    {
        const uint8_t* start = take(length);
        return std::string(reinterpret_cast<const char*>(start), length);
    }

private:
    const uint8_t* data_;
    size_t size_;
    size_t offset_ = 0;
};
