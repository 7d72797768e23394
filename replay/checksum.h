#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace zeroos::replay {

// SHA-256 through OpenSSL's libcrypto, incrementally.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view bytes);
    std::array<std::uint8_t, 32> finish();

private:
    void* context_;
};

std::array<std::uint8_t, 32> sha256(std::string_view bytes);

// A record's checksum: the first 8 bytes of SHA-256 over its type, length and payload.
std::array<std::uint8_t, 8> record_checksum(std::uint8_t type, std::uint64_t length, std::string_view payload);

std::string hex(const std::uint8_t* bytes, std::size_t length);

} // namespace zeroos::replay
