// The one way the C++ runtime of vApps stops a program: without exceptions there is nothing to
// throw, so a broken promise of the language (memory exhausted, a pure virtual call, a static whose
// initialisation re-enters itself) prints one line on stderr and aborts.
#pragma once

#include <stddef.h>

namespace zeroos::cxxabi {

// "zeroos: MESSAGE\n", or "zeroos: MESSAGE NUMBER SUFFIX\n" when a suffix is given, then abort().
[[noreturn]] void fatal(const char* message, size_t number = 0, const char* suffix = nullptr);

} // namespace zeroos::cxxabi
