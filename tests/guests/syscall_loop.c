// Makes N cheap system calls (getpid), for measuring the cost of one round trip: run it with N = 0
// and with a large N and compare instruction counts. On RISC-V the ecall is issued directly, so
// the difference is the kernel's round trip plus a three-instruction loop, not libc's wrapper.
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long null_syscall(void)
{
#if defined(__riscv)
    register long number __asm__("a7") = SYS_getpid;
    register long result __asm__("a0");
    __asm__ volatile("ecall" : "=r"(result) : "r"(number) : "memory");
    return result;
#else
    return syscall(SYS_getpid);
#endif
}

int main(int argc, char** argv)
{
    long count = argc > 1 ? atol(argv[1]) : 0;
    long sum = 0;
    for (long i = 0; i < count; ++i)
        sum += null_syscall();
    return sum == count ? 0 : 1;
}
