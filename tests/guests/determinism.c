// Prints everything that would differ between two runs on a real OS: clocks, random bytes,
// AT_RANDOM, pid. Under zeroos-run two runs with the same --seed and --epoch print the same text.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void print_clocks(const char* when)
{
    struct timespec realtime, monotonic;
    clock_gettime(CLOCK_REALTIME, &realtime);
    clock_gettime(CLOCK_MONOTONIC, &monotonic);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("%s: realtime %lld.%09ld monotonic %lld.%09ld gettimeofday %lld.%06ld time %lld\n", when, (long long)realtime.tv_sec,
        realtime.tv_nsec, (long long)monotonic.tv_sec, monotonic.tv_nsec, (long long)tv.tv_sec, (long)tv.tv_usec, (long long)time(NULL));
}

int main(void)
{
    print_clocks("start");
    struct timespec nap = { 1, 500000000 };
    nanosleep(&nap, NULL);
    print_clocks("after 1.5 s sleep");

    unsigned char bytes[16];
    if (getrandom(bytes, sizeof bytes, 0) != sizeof bytes)
        return 1;
    printf("getrandom:");
    for (unsigned i = 0; i < sizeof bytes; ++i)
        printf(" %02x", bytes[i]);
    const unsigned char* at_random = (const unsigned char*)getauxval(AT_RANDOM);
    printf("\nAT_RANDOM:");
    for (unsigned i = 0; i < 16; ++i)
        printf(" %02x", at_random[i]);
    FILE* urandom = fopen("/dev/urandom", "rb");
    if (!urandom || fread(bytes, 1, sizeof bytes, urandom) != sizeof bytes)
        return 2;
    fclose(urandom);
    printf("\n/dev/urandom:");
    for (unsigned i = 0; i < sizeof bytes; ++i)
        printf(" %02x", bytes[i]);
    printf("\npid %d ppid %d uid %d\n", getpid(), getppid(), getuid());
    srand(42);
    printf("malloc'd pointer parity %d\n", (int)(((unsigned long)malloc(100)) & 1));
    return 0;
}
