// Pure compute: Fibonacci numbers up to N (default 90, the largest that fits in 64 bits is 93),
// and their sum modulo a prime. The exit status is the last number modulo 256.
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 90;
    if (count < 0 || count > 93) {
        fprintf(stderr, "fibonacci: N must be between 0 and 93\n");
        return 2;
    }
    uint64_t previous = 0, current = 1, checksum = 0;
    for (int i = 0; i <= count; ++i) {
        printf("fib(%d) = %" PRIu64 "\n", i, previous);
        checksum = (checksum * 31 + previous) % 1000000007u;
        uint64_t next = previous + current;
        previous = current;
        current = next;
    }
    printf("checksum = %" PRIu64 "\n", checksum);
    return 0;
}
