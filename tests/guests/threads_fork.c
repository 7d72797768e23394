// A new process is what a unikernel cannot give: fork() and posix_spawn() must stop the guest
// with one clear line and status 70 (glibc's fork is a clone without CLONE_VM, musl's the fork
// call; both libcs spawn with clone(CLONE_VM | CLONE_VFORK)).
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    printf("starting a process\n");
    fflush(stdout);
    if (argc > 1 && strcmp(argv[1], "spawn") == 0) {
        pid_t child;
        char* child_argv[] = { "true", NULL };
        char* environment[] = { NULL };
        int error = posix_spawn(&child, "/bin/true", NULL, NULL, child_argv, environment);
        printf("posix_spawn returned %d\n", error);
        return 0;
    }
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    printf("fork returned %s\n", child > 0 ? "a pid" : "an error");
    return 0;
}
