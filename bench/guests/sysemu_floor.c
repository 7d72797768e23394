// The floor under any ptrace-based syscall server: runs PROGRAM ARGS... under PTRACE_SYSEMU and
// answers every syscall stop after the exec with one GETREGS and one SETREGS (rax = 0; arch_prctl
// ARCH_SET_FS sets fs_base, which musl's start-up needs), as
// zeroos-run's loop does at least; exit_group ends the child with its status. It serves nothing,
// so it runs only programs that need no answer (bench/guests/null_syscalls.c). With
// --tsc the child turns rdtsc trapping on first (PR_SET_TSC), to show what that costs each stop.
// Tracer and child share one CPU, as under zeroos-run.
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    int tsc = argc > 1 && strcmp(argv[1], "--tsc") == 0;
    char** program = argv + 1 + tsc;
    if (!*program) {
        fprintf(stderr, "usage: sysemu_floor [--tsc] PROGRAM [ARGS...]\n");
        return 2;
    }
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    sched_setaffinity(0, sizeof(one), &one);
    pid_t child = fork();
    if (child == 0) {
        if (tsc)
            prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
        ptrace(PTRACE_TRACEME, 0, NULL, NULL);
        raise(SIGSTOP);
        execv(program[0], program);
        _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ptrace(PTRACE_SETOPTIONS, child, NULL, (void*)(long)(PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC));
    // As zeroos-run starts a guest: to the exec event, then to the end of the execve.
    ptrace(PTRACE_CONT, child, NULL, NULL);
    waitpid(child, &status, 0);
    ptrace(PTRACE_SYSCALL, child, NULL, NULL);
    waitpid(child, &status, 0);
    for (;;) {
        ptrace(PTRACE_SYSEMU, child, NULL, NULL);
        if (waitpid(child, &status, 0) != child || WIFEXITED(status) || WIFSIGNALED(status))
            break;
        struct user_regs_struct registers;
        ptrace(PTRACE_GETREGS, child, NULL, &registers);
        if (registers.orig_rax == SYS_exit_group) {
            kill(child, SIGKILL);
            waitpid(child, &status, 0);
            return (int)registers.rdi;
        }
        if (WSTOPSIG(status) != (SIGTRAP | 0x80)) { // a fault: let it end the child
            ptrace(PTRACE_CONT, child, NULL, (void*)(long)WSTOPSIG(status));
            waitpid(child, &status, 0);
            break;
        }
        if (registers.orig_rax == SYS_arch_prctl && registers.rdi == 0x1002) // ARCH_SET_FS: musl's TLS
            registers.fs_base = registers.rsi;
        registers.rax = 0;
        ptrace(PTRACE_SETREGS, child, NULL, &registers);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
