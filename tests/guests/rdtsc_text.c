// An rdtsc in the program's own code: zeroos-run's exec-time scan must find it and trap it.
#include "rdtsc_check.h"

static uint64_t rdtsc_in_text(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return (uint64_t)high << 32 | low;
}

int main(void) { return check_tsc("rdtsc in the text", rdtsc_in_text); }
