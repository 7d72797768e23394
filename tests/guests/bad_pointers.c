// Hands the kernel bad pointers through raw system calls: every one must come back as EFAULT (or
// what Linux answers) and the tracer must keep serving the guest afterwards.
#define _GNU_SOURCE
#include "errno_name.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void expect(const char* what, long result, int expected_errno)
{
    int saved = errno;
    if (result == -1 && saved == expected_errno)
        printf("%s: %s\n", what, errno_name(saved));
    else
        printf("%s: UNEXPECTED result %ld errno %d\n", what, result, saved);
}

int main(void)
{
    void* unmapped = (void*)0x10;
    void* kernel_half = (void*)0xffff800000000000ul;
    expect("write from NULL", syscall(SYS_write, 1, NULL, 10), EFAULT);
    expect("write from kernel half", syscall(SYS_write, 1, kernel_half, 10), EFAULT);
    expect("openat bad path", syscall(SYS_openat, AT_FDCWD, unmapped, O_RDONLY), EFAULT);
    expect("stat into bad buffer", syscall(SYS_newfstatat, AT_FDCWD, "/", unmapped, 0), EFAULT);
    expect("clock_gettime into bad buffer", syscall(SYS_clock_gettime, CLOCK_REALTIME, unmapped), EFAULT);
    expect("getrandom into bad buffer", syscall(SYS_getrandom, unmapped, 16, 0), EFAULT);
    expect("uname into bad buffer", syscall(SYS_uname, kernel_half), EFAULT);
    int fds[2];
    expect("pipe2 into bad buffer", syscall(SYS_pipe2, unmapped, 0), EFAULT);
    if (pipe(fds) == 0)
        printf("pipe after faults: ok\n");
    static char buffer[16];
    int fd = open("/dev/zero", O_RDONLY);
    expect("read past the end of a mapping", syscall(SYS_read, fd, (char*)kernel_half - 8, 16), EFAULT);
    printf("read into a good buffer: %ld\n", (long)read(fd, buffer, sizeof buffer));
    printf("still alive\n");
    return 0;
}
