// Asks for a system call ZeroOS does not serve: the guest must stop with one line naming it.
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    printf("before\n");
    fflush(stdout);
    long result = syscall(SYS_io_setup, 128, (void*)0);
    printf("after: %ld\n", result);
    return 0;
}
