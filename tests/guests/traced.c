// Known system calls for --trace, made with syscall() so the trace is the same for glibc, musl and
// RISC-V: strings, flags, an error, a buffer read back and a struct stat.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    char buffer[64];
    struct stat status;
    syscall(SYS_write, 1, "hello\n", 6);
    syscall(SYS_openat, AT_FDCWD, "x", O_RDONLY);
    long fd = syscall(SYS_openat, AT_FDCWD, "/tmp/f", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    syscall(SYS_write, fd, "data\tmore\n", 10);
    syscall(SYS_close, fd);
    fd = syscall(SYS_openat, AT_FDCWD, "/tmp/f", O_RDONLY);
    syscall(SYS_read, fd, buffer, sizeof buffer);
    syscall(SYS_fstat, fd, &status);
    syscall(SYS_close, fd);
    syscall(SYS_read, 99, 0, 1);
    syscall(SYS_write, 1, "0123456789012345678901234567890123456789\n", 41);
    return 0;
}
