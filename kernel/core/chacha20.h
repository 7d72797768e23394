#pragma once

#include "base/types.h"

namespace zeroos {

// The one source of randomness: a ChaCha20 keystream (RFC 8439 block function) keyed by --seed.
// getrandom, /dev/urandom, /dev/random and AT_RANDOM all draw from it in call order.
// One 64-byte block of the keystream for `key` at block `counter` (zero nonce).
void chacha20_block(const u32 key[8], u64 counter, u8 out[64]);
// The block function exactly as RFC 8439 states it (32-bit counter, 96-bit nonce as little-endian
// words), for checking against the RFC's test vectors.
void chacha20_block_rfc8439(const u32 key[8], u32 counter, const u32 nonce[3], u8 out[64]);

class ChaCha20Stream {
public:
    void init(u64 seed);
    void fill(void* destination, size_t length);

private:
    u32 key_[8] = {};
    u64 block_counter_ = 0;
    u8 block_[64] = {};
    size_t block_used_ = 64;
};

} // namespace zeroos
