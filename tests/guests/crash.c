// Dies in the way argv[1] says, two calls deep, for crash reports: "segv" writes to an unmapped
// address in crash_here (called by caller, called by main); "abort" calls abort().
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) int crash_here(volatile int* target)
{
    *target = 1;
    return *target;
}

__attribute__((noinline)) int caller(long address)
{
    int value = crash_here((volatile int*)address); // unmapped on the host and on qemu virt
    return value + 1; // not a tail call: caller keeps its frame
}

int main(int argc, char** argv)
{
    if (argc > 1 && strcmp(argv[1], "abort") == 0)
        abort();
    return caller(0x1000000);
}
