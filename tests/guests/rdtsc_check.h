// Shared by the rdtsc guests: reads the TSC through `read_tsc` between two reads of the monotonic
// clock. Under zeroos-run the TSC ticks once per virtual nanosecond, so it must lie between them;
// the host's TSC (counting since boot at its own rate) does not.
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static uint64_t monotonic_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static int check_tsc(const char* how, uint64_t (*read_tsc)(void))
{
    uint64_t before = monotonic_ns();
    uint64_t tsc = read_tsc();
    uint64_t after = monotonic_ns();
    int virtual_clock = before <= tsc && tsc <= after;
    printf("%s: tsc %llu, %s\n", how, (unsigned long long)tsc, virtual_clock ? "within the monotonic clock" : "not the monotonic clock");
    return virtual_clock ? 0 : 1;
}
