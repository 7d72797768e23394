// Echoes the first N lines of stdin (N the argument, default 1) as "line K: ...", each flushed at
// once, then exits without reading on: it answers a writer that keeps the pipe open, and stops an
// endless producer. At the end of input it says how many lines there were.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    long wanted = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
    char line[4096];
    long count = 0;
    while (count < wanted && fgets(line, sizeof line, stdin)) {
        printf("line %ld: %s", ++count, line);
        fflush(stdout);
    }
    if (count < wanted)
        printf("end of input after %ld lines\n", count);
    return 0;
}
