// Makes N cheap system calls (getpid), for measuring the cost of one round trip: run it with N = 0
// and with a large N and compare instruction counts.
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    long count = argc > 1 ? atol(argv[1]) : 0;
    long sum = 0;
    for (long i = 0; i < count; ++i)
        sum += syscall(SYS_getpid);
    return sum == count ? 0 : 1;
}
