// Says "ready", then reads stdin to its end: a guest that blocks until someone acts, for tests
// that signal or kill zeroos-run while its guest is running.
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    printf("ready\n");
    fflush(stdout);
    char buffer[4096];
    long total = 0;
    ssize_t n;
    while ((n = read(0, buffer, sizeof buffer)) > 0)
        total += n;
    printf("got %ld bytes\n", total);
    return 0;
}
