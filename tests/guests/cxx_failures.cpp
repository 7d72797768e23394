// The ways the C++ runtime stops a program: every mode but "nothrow" ends in std::terminate and
// abort() (status 134), with the same libsupc++ message on the host and on RISC-V (an exception
// nobody catches: std::bad_alloc, __gnu_cxx::recursive_init_error; a pure virtual call);
// "nothrow" shows the nothrow forms returning null instead.
//   cxx_failures out-of-memory|new-handler|nothrow|pure-virtual|recursive-static
#include <new>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

namespace {

// More than either target's memory, and not a constant the compiler could reason about.
size_t huge_size(const char* mode) { return (static_cast<size_t>(1) << 40) + strlen(mode); }

void out_of_memory(const char* mode)
{
    char* block = new char[huge_size(mode)];
    printf("allocated %p\n", static_cast<void*>(block));
}

void give_up()
{
    printf("new_handler called\n");
    fflush(stdout);
    std::set_new_handler(nullptr);
}

void nothrow(const char* mode)
{
    char* block = new (std::nothrow) char[huge_size(mode)];
    void* aligned = ::operator new(huge_size(mode), std::align_val_t(64), std::nothrow);
    printf("nothrow new: %s, aligned nothrow new: %s\n", block ? "memory" : "null", aligned ? "memory" : "null");
}

int recursive_static(int depth);

int initial_value(int depth) { return depth > 2 ? depth : recursive_static(depth + 1); }

[[gnu::noinline]] int recursive_static(int depth)
{
    static int value = initial_value(depth);
    return value;
}

} // namespace

// Outside the anonymous namespace, so gcc cannot see every class derived from Base and turn the
// call below into a direct call of Derived::describe.
struct Base {
    Base() { call_describe(); }
    virtual ~Base() = default;
    virtual void describe() = 0;
    // Reached from the constructor, where the object is still a Base: the call lands on
    // __cxa_pure_virtual.
    [[gnu::noinline]] void call_describe() { describe(); }
};

struct Derived : Base {
    void describe() override { printf("derived\n"); }
};

int main(int argc, char** argv)
{
    const char* mode = argc > 1 ? argv[1] : "";
    printf("mode %s\n", mode);
    fflush(stdout);
    if (strcmp(mode, "out-of-memory") == 0) {
        out_of_memory(mode);
    } else if (strcmp(mode, "new-handler") == 0) {
        std::set_new_handler(give_up);
        out_of_memory(mode);
    } else if (strcmp(mode, "nothrow") == 0) {
        nothrow(mode);
        return 0;
    } else if (strcmp(mode, "pure-virtual") == 0) {
        Derived derived;
        derived.describe();
    } else if (strcmp(mode, "recursive-static") == 0) {
        printf("value %d\n", recursive_static(0));
    } else {
        fprintf(stderr, "usage: cxx_failures out-of-memory|new-handler|nothrow|pure-virtual|recursive-static\n");
        return 2;
    }
    printf("not reached\n");
    return 1;
}
