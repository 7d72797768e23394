// A vApp from outside the ZeroOS tree: same sources, host and RISC-V builds.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    unsigned long sum = 0;
    for (int i = 1; i < argc; ++i)
        sum += strtoul(argv[i], NULL, 10);
    printf("installed ZeroOS: %d arguments, sum %lu\n", argc - 1, sum);
    return 0;
}
