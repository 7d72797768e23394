#include "fatal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

namespace zeroos::cxxabi {

namespace {

    // Appends TEXT at END (within LIMIT) and returns the new end.
    char* append(char* end, const char* limit, const char* text)
    {
        while (*text && end < limit)
            *end++ = *text++;
        return end;
    }

    char* append_decimal(char* end, const char* limit, size_t number)
    {
        char digits[24];
        size_t count = 0;
        do {
            digits[count++] = static_cast<char>('0' + number % 10);
            number /= 10;
        } while (number != 0);
        while (count > 0 && end < limit)
            *end++ = digits[--count];
        return end;
    }

} // namespace

// No stdio: the message must get out even when the heap is what failed.
void fatal(const char* message, size_t number, const char* suffix)
{
    char line[256];
    const char* limit = line + sizeof line - 1;
    char* end = append(line, limit, "zeroos: ");
    end = append(end, limit, message);
    if (suffix) {
        end = append(end, limit, " ");
        end = append_decimal(end, limit, number);
        end = append(end, limit, suffix);
    }
    *end++ = '\n';
    for (const char* start = line; start < end;) {
        ssize_t written = write(STDERR_FILENO, start, static_cast<size_t>(end - start));
        if (written <= 0)
            break;
        start += written;
    }
    abort();
}

} // namespace zeroos::cxxabi
