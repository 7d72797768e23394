// A C++ vApp from outside the ZeroOS tree: built with the installed zeroos-c++ for RISC-V (no C++
// library: <new> and musl's C headers) and with g++ for the host.
#include <new>
#include <stdio.h>
#include <stdlib.h>

namespace {

struct Term {
    virtual ~Term() = default;
    virtual unsigned long value() const = 0;
};

struct Number final : Term {
    unsigned long number;
    explicit Number(unsigned long number_)
        : number(number_)
    {
    }
    unsigned long value() const override { return number; }
};

struct Greeting {
    Greeting() { printf("installed zeroos-c++: constructed\n"); }
    ~Greeting() { printf("installed zeroos-c++: destroyed\n"); }
} g_greeting;

} // namespace

int main(int argc, char** argv)
{
    Term** terms = new Term*[argc];
    int count = 0;
    for (int i = 1; i < argc; ++i)
        terms[count++] = new Number(strtoul(argv[i], nullptr, 10));
    unsigned long sum = 0;
    auto add = [&sum](const Term& term) { sum += term.value(); };
    for (int i = 0; i < count; ++i) {
        add(*terms[i]);
        delete terms[i];
    }
    delete[] terms;
    printf("installed zeroos-c++: %d terms, sum %lu\n", count, sum);
    return 0;
}
