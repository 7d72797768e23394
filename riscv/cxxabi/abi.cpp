// The pieces of the Itanium C++ ABI a program compiled with -fno-exceptions -fno-rtti still calls
// (besides operator new, new.cpp, and static guards, guard.cpp).
#include "fatal.h"

extern "C" {

// The vtable slot of a pure virtual function, reached only through a call during construction or
// destruction of the abstract base.
[[noreturn]] void __cxa_pure_virtual() { zeroos::cxxabi::fatal("pure virtual function called"); }

// The vtable slot of a deleted virtual function.
[[noreturn]] void __cxa_deleted_virtual() { zeroos::cxxabi::fatal("deleted virtual function called"); }

} // extern "C"
