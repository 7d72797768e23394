// Makes N cheap system calls (getpid), for measuring the cost of one round trip: run it with a
// large N, once as it is and once with "nop" (the same loop with a nop where the ecall was), and
// compare instruction counts. On RISC-V the ecall is issued directly, so the difference is the
// kernel's round trip minus one instruction, not libc's wrapper.
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

// One getpid, or with `nop` the same loop body without the call: a7 set, a0 = 1 (what getpid
// answers) and a nop in the ecall's place.
static long one_call(int nop)
{
#if defined(__riscv)
    register long number __asm__("a7") = SYS_getpid;
    register long result __asm__("a0");
    if (nop)
        __asm__ volatile("li a0, 1\n\tnop" : "=r"(result) : "r"(number) : "memory");
    else
        __asm__ volatile("ecall" : "=r"(result) : "r"(number) : "memory");
    return result;
#else
    return nop ? 1 : syscall(SYS_getpid);
#endif
}

int main(int argc, char** argv)
{
    long count = argc > 1 ? atol(argv[1]) : 0;
    long sum = 0;
    // Two loops, so the choice is made once, outside them.
    if (argc > 2 && strcmp(argv[2], "nop") == 0) {
        for (long i = 0; i < count; ++i)
            sum += one_call(1);
    } else {
        for (long i = 0; i < count; ++i)
            sum += one_call(0);
    }
    return sum == count ? 0 : 1;
}
