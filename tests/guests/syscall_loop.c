// Makes N cheap system calls (getpid), for measuring the cost of one round trip: run it with a
// large N, once as it is and once with "nop" (the same loop with a nop where the ecall was), and
// compare instruction counts. On RISC-V the ecall is issued directly, so the difference is the
// kernel's round trip minus one instruction, not libc's wrapper.
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
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

static long no_syscall(void)
{
#if defined(__riscv)
    register long number __asm__("a7") = SYS_getpid;
    register long result __asm__("a0");
    __asm__ volatile("li a0, 1\n\tnop" : "=r"(result) : "r"(number) : "memory");
    return result;
#else
    return 1;
#endif
}

int main(int argc, char** argv)
{
    long count = argc > 1 ? atol(argv[1]) : 0;
    long (*call)(void) = argc > 2 && strcmp(argv[2], "nop") == 0 ? no_syscall : null_syscall;
    long sum = 0;
    if (call == no_syscall) {
        for (long i = 0; i < count; ++i)
            sum += no_syscall();
    } else {
        for (long i = 0; i < count; ++i)
            sum += null_syscall();
    }
    return sum == count ? 0 : 1;
}
