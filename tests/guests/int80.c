// Makes a 32-bit system call through `int $0x80` from 64-bit code (getpid, 20 in the i386 table).
// ZeroOS must never let it reach the host kernel.
#include <stdio.h>

int main(void)
{
    printf("trying int 0x80\n");
    fflush(stdout);
    long result;
    __asm__ volatile("int $0x80" : "=a"(result) : "a"(20L) : "memory");
    printf("int 0x80 returned %ld\n", result);
    return 0;
}
