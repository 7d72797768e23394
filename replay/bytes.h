#pragma once

// Little-endian integers, varints and length-prefixed strings for trace payloads. The reader
// never reads past its end: every accessor reports failure instead, so a corrupt payload is an
// error, not a crash.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace zeroos::replay {

class ByteWriter {
public:
    void u8(std::uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
    void fixed64(std::uint64_t value)
    {
        for (int i = 0; i < 8; ++i)
            u8(static_cast<std::uint8_t>(value >> (8 * i)));
    }
    void varint(std::uint64_t value)
    {
        while (value >= 0x80) {
            u8(static_cast<std::uint8_t>(value | 0x80));
            value >>= 7;
        }
        u8(static_cast<std::uint8_t>(value));
    }
    // Signed values zigzag-encoded, so small negative results (-ENOENT) stay one byte.
    void signed_varint(std::int64_t value) { varint((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63)); }
    void bytes(std::string_view data)
    {
        varint(data.size());
        bytes_.append(data);
    }
    void raw(const void* data, std::size_t length) { bytes_.append(static_cast<const char*>(data), length); }

    const std::string& data() const { return bytes_; }
    std::string& data() { return bytes_; }
    void clear() { bytes_.clear(); }

private:
    std::string bytes_;
};

class ByteReader {
public:
    explicit ByteReader(std::string_view data)
        : data_(data)
    {
    }

    bool u8(std::uint8_t& value)
    {
        if (offset_ >= data_.size())
            return false;
        value = static_cast<std::uint8_t>(data_[offset_++]);
        return true;
    }
    bool fixed64(std::uint64_t& value)
    {
        value = 0;
        for (int i = 0; i < 8; ++i) {
            std::uint8_t byte;
            if (!u8(byte))
                return false;
            value |= static_cast<std::uint64_t>(byte) << (8 * i);
        }
        return true;
    }
    bool varint(std::uint64_t& value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            std::uint8_t byte;
            if (!u8(byte))
                return false;
            value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return true;
        }
        return false; // more than ten bytes: not a varint we wrote
    }
    bool signed_varint(std::int64_t& value)
    {
        std::uint64_t encoded;
        if (!varint(encoded))
            return false;
        value = static_cast<std::int64_t>(encoded >> 1) ^ -static_cast<std::int64_t>(encoded & 1);
        return true;
    }
    bool bytes(std::string& value)
    {
        std::uint64_t length;
        if (!varint(length) || length > data_.size() - offset_)
            return false;
        value.assign(data_.substr(offset_, length));
        offset_ += length;
        return true;
    }
    bool raw(void* destination, std::size_t length)
    {
        if (length > data_.size() - offset_)
            return false;
        std::memcpy(destination, data_.data() + offset_, length);
        offset_ += length;
        return true;
    }
    bool at_end() const { return offset_ == data_.size(); }
    std::string_view rest() const { return data_.substr(offset_); }

private:
    std::string_view data_;
    std::size_t offset_ = 0;
};

} // namespace zeroos::replay
