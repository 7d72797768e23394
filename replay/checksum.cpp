#include "checksum.h"

#include <openssl/evp.h>
#include <string>

namespace zeroos::replay {

Sha256::Sha256()
    : context_(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(context_), EVP_sha256(), nullptr);
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_)); }

void Sha256::update(std::string_view bytes) { EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(context_), bytes.data(), bytes.size()); }

std::array<std::uint8_t, 32> Sha256::finish()
{
    std::array<std::uint8_t, 32> digest {};
    unsigned length = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(context_), digest.data(), &length);
    return digest;
}

std::array<std::uint8_t, 32> sha256(std::string_view bytes)
{
    Sha256 hash;
    hash.update(bytes);
    return hash.finish();
}

std::array<std::uint8_t, 8> record_checksum(std::uint8_t type, std::uint64_t length, std::string_view payload)
{
    Sha256 hash;
    char prefix[9];
    prefix[0] = static_cast<char>(type);
    for (int i = 0; i < 8; ++i)
        prefix[1 + i] = static_cast<char>(length >> (8 * i));
    hash.update(std::string_view(prefix, sizeof prefix));
    hash.update(payload);
    auto digest = hash.finish();
    std::array<std::uint8_t, 8> checksum {};
    for (int i = 0; i < 8; ++i)
        checksum[static_cast<std::size_t>(i)] = digest[static_cast<std::size_t>(i)];
    return checksum;
}

std::string hex(const std::uint8_t* bytes, std::size_t length)
{
    static const char digits[] = "0123456789abcdef";
    std::string text;
    for (std::size_t i = 0; i < length; ++i) {
        text.push_back(digits[bytes[i] >> 4]);
        text.push_back(digits[bytes[i] & 15]);
    }
    return text;
}

} // namespace zeroos::replay
