#pragma once

#include "base/types.h"

// The C memory functions, through the compiler builtins: both targets link a libc that provides
// the out-of-line versions (glibc in the tracer, musl in the vApp), and the kernel stays free of
// libc headers.
namespace zeroos {

inline void mem_copy(void* dst, const void* src, size_t n) { __builtin_memcpy(dst, src, n); }
inline void mem_move(void* dst, const void* src, size_t n) { __builtin_memmove(dst, src, n); }
inline void mem_set(void* dst, int value, size_t n) { __builtin_memset(dst, value, n); }
inline int mem_compare(const void* a, const void* b, size_t n) { return __builtin_memcmp(a, b, n); }
inline size_t str_length(const char* s) { return __builtin_strlen(s); }

inline bool str_equal(const char* a, const char* b)
{
    size_t length = str_length(a);
    return length == str_length(b) && mem_compare(a, b, length) == 0;
}

} // namespace zeroos
