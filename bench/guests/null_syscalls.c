// N getppid calls through the raw syscall instruction. Built twice by bench/syscall_cost.sh: as is,
// and with -DWITH_RDTSC, which puts one (never executed) rdtsc in the text, so zeroos-run's
// exec-time scan turns rdtsc trapping on: the cost of every stop with it, as before issue 18.
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef WITH_RDTSC
__attribute__((noinline, used)) unsigned long long read_tsc(void)
{
    unsigned int low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return (unsigned long long)high << 32 | low;
}
#endif

int main(int argc, char** argv)
{
    long count = argc > 1 ? atol(argv[1]) : 0;
    for (long i = 0; i < count; ++i)
        syscall(SYS_getppid);
    return 0;
}
