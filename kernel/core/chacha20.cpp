#include "core/chacha20.h"

#include "base/memory.h"

namespace zeroos {

namespace {

    constexpr u32 rotate_left(u32 value, int bits) { return (value << bits) | (value >> (32 - bits)); }

    void quarter_round(u32* s, int a, int b, int c, int d)
    {
        s[a] += s[b], s[d] ^= s[a], s[d] = rotate_left(s[d], 16);
        s[c] += s[d], s[b] ^= s[c], s[b] = rotate_left(s[b], 12);
        s[a] += s[b], s[d] ^= s[a], s[d] = rotate_left(s[d], 8);
        s[c] += s[d], s[b] ^= s[c], s[b] = rotate_left(s[b], 7);
    }

} // namespace

// The RFC 8439 block function over the state words 12-15 (counter and nonce).
static void chacha20_block_words(const u32 key[8], const u32 words12to15[4], u8 out[64])
{
    u32 initial[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
    for (int i = 0; i < 8; ++i)
        initial[4 + i] = key[i];
    for (int i = 0; i < 4; ++i)
        initial[12 + i] = words12to15[i];
    u32 state[16];
    mem_copy(state, initial, sizeof(state));
    for (int round = 0; round < 10; ++round) {
        quarter_round(state, 0, 4, 8, 12);
        quarter_round(state, 1, 5, 9, 13);
        quarter_round(state, 2, 6, 10, 14);
        quarter_round(state, 3, 7, 11, 15);
        quarter_round(state, 0, 5, 10, 15);
        quarter_round(state, 1, 6, 11, 12);
        quarter_round(state, 2, 7, 8, 13);
        quarter_round(state, 3, 4, 9, 14);
    }
    for (int i = 0; i < 16; ++i) {
        u32 word = state[i] + initial[i];
        out[4 * i + 0] = static_cast<u8>(word);
        out[4 * i + 1] = static_cast<u8>(word >> 8);
        out[4 * i + 2] = static_cast<u8>(word >> 16);
        out[4 * i + 3] = static_cast<u8>(word >> 24);
    }
}

// The stream's form: a 64-bit block counter in words 12-13 and a zero nonce, so one keystream per
// seed, 2^70 bytes long.
void chacha20_block(const u32 key[8], u64 counter, u8 out[64])
{
    const u32 words[4] = { static_cast<u32>(counter), static_cast<u32>(counter >> 32), 0, 0 };
    chacha20_block_words(key, words, out);
}

void chacha20_block_rfc8439(const u32 key[8], u32 counter, const u32 nonce[3], u8 out[64])
{
    const u32 words[4] = { counter, nonce[0], nonce[1], nonce[2] };
    chacha20_block_words(key, words, out);
}

void ChaCha20Stream::init(u64 seed)
{
    // The seed fills the first two key words; the rest of the key is zero.
    for (auto& word : key_)
        word = 0;
    key_[0] = static_cast<u32>(seed);
    key_[1] = static_cast<u32>(seed >> 32);
    block_counter_ = 0;
    block_used_ = sizeof(block_);
}

void ChaCha20Stream::fill(void* destination, size_t length)
{
    auto* out = static_cast<u8*>(destination);
    while (length) {
        if (block_used_ == sizeof(block_)) {
            chacha20_block(key_, block_counter_++, block_);
            block_used_ = 0;
        }
        size_t chunk = min(length, sizeof(block_) - block_used_);
        mem_copy(out, block_ + block_used_, chunk);
        block_used_ += chunk;
        out += chunk;
        length -= chunk;
    }
}

} // namespace zeroos
