// Ends in the way argv[1] says: "exit N", "abort", "segv", "kill-self TERM".
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (argc < 2)
        return 3;
    printf("ending by %s\n", argv[1]);
    fflush(stdout);
    if (strcmp(argv[1], "exit") == 0)
        exit(argc > 2 ? atoi(argv[2]) : 0);
    if (strcmp(argv[1], "abort") == 0)
        abort();
    if (strcmp(argv[1], "segv") == 0)
        *(volatile int*)0x1000000 = 1; // unmapped on the host and on qemu virt
    if (strcmp(argv[1], "kill-self") == 0)
        kill(getpid(), SIGTERM);
    if (strcmp(argv[1], "ignored") == 0) {
        signal(SIGTERM, SIG_IGN);
        kill(getpid(), SIGTERM);
        printf("survived an ignored SIGTERM\n");
        return 0;
    }
    return 4;
}
