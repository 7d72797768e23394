// Says "ready", then reads stdin to its end (saying "reading" after the first piece): a guest that blocks until someone acts, for tests
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
    while ((n = read(0, buffer, sizeof buffer)) > 0) {
        total += n;
        if (total == n) { // the first piece: tell a waiting test that input is flowing
            printf("reading\n");
            fflush(stdout);
        }
    }
    printf("got %ld bytes\n", total);
    return 0;
}
