#include "base/format.h"

#include "base/memory.h"

namespace zeroos {

LineBuilder& LineBuilder::character(char c)
{
    if (length_ + 1 < capacity_) {
        buffer_[length_++] = c;
        buffer_[length_] = '\0';
    }
    return *this;
}

LineBuilder& LineBuilder::bytes(const char* s, size_t length)
{
    for (size_t i = 0; i < length; ++i)
        character(s[i]);
    return *this;
}

LineBuilder& LineBuilder::text(const char* s) { return bytes(s, str_length(s)); }

LineBuilder& LineBuilder::unsigned_decimal(u64 value)
{
    char digits[20];
    size_t count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value);
    while (count)
        character(digits[--count]);
    return *this;
}

LineBuilder& LineBuilder::decimal(i64 value)
{
    if (value < 0) {
        character('-');
        return unsigned_decimal(~static_cast<u64>(value) + 1);
    }
    return unsigned_decimal(static_cast<u64>(value));
}

LineBuilder& LineBuilder::hex(u64 value)
{
    text("0x");
    char digits[16];
    size_t count = 0;
    do {
        digits[count++] = "0123456789abcdef"[value & 0xf];
        value >>= 4;
    } while (value);
    while (count)
        character(digits[--count]);
    return *this;
}

LineBuilder& LineBuilder::quoted(const char* s, size_t length, size_t limit)
{
    character('"');
    for (size_t i = 0; i < length && i < limit; ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '\n':
            text("\\n");
            break;
        case '\t':
            text("\\t");
            break;
        case '\r':
            text("\\r");
            break;
        case '"':
            text("\\\"");
            break;
        case '\\':
            text("\\\\");
            break;
        default:
            if (c < 0x20 || c >= 0x7f) {
                character('\\');
                character(static_cast<char>('0' + ((c >> 6) & 7)));
                character(static_cast<char>('0' + ((c >> 3) & 7)));
                character(static_cast<char>('0' + (c & 7)));
            } else {
                character(static_cast<char>(c));
            }
        }
    }
    character('"');
    if (length > limit)
        text("...");
    return *this;
}

} // namespace zeroos
