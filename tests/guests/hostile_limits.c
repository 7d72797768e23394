// Exhausts one resource and says how it ended: usage `hostile_limits WHAT [N]`.
//   fds          opens /dev/null until it fails
//   memory       maps 1 MiB anonymous chunks until it fails (N: give up after N MiB)
//   recurse      recurses without end (the guest stack is the host's: SIGSEGV)
//   flood N      writes N MiB of zeros to stdout in 1 MiB writes
//   spin         says "spinning" and loops forever without a system call
//   args         prints argc and the bytes in argv and envp
//   auxv         prints the auxv entries that come from the host's kernel and CPU
//   tls          asks for fs/gs bases outside the user address space (arch_prctl, clone's tls)
#define _GNU_SOURCE
#include "errno_name.h"
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

// Recurses until `limit` (never reached in practice: the stack runs out first).
static long depth(volatile char* previous, long limit)
{
    volatile char frame[256];
    frame[0] = previous ? previous[0] + 1 : 0;
    if (limit == 0)
        return frame[0];
    return depth(frame, limit - 1) + frame[1];
}

int main(int argc, char** argv, char** envp)
{
    const char* what = argc > 1 ? argv[1] : "";
    long n = argc > 2 ? atol(argv[2]) : 0;
    if (!strcmp(what, "fds")) {
        long opened = 0;
        while (open("/dev/null", O_RDONLY) >= 0)
            ++opened;
        printf("opened %ld, then %s\n", opened, errno_name(errno));
        return 0;
    }
    if (!strcmp(what, "memory")) {
        long mapped = 0;
        for (; mapped < n; ++mapped) {
            char* chunk = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (chunk == MAP_FAILED)
                break;
            chunk[0] = chunk[(1 << 20) - 1] = 1;
        }
        printf("mapped %ld MiB, then %s\n", mapped, mapped < n ? errno_name(errno) : "gave up");
        void* huge = malloc((size_t)1 << 40);
        printf("malloc(1 TiB): %s\n", huge ? "ok" : errno_name(errno));
        return 0;
    }
    if (!strcmp(what, "recurse")) {
        printf("recursing\n");
        fflush(stdout);
        return (int)depth(NULL, n ? n : -1);
    }
    if (!strcmp(what, "flood")) {
        char* chunk = calloc(1, 1 << 20);
        for (long i = 0; i < n; ++i)
            for (long done = 0; done < (1 << 20);) {
                long written = write(1, chunk + done, (1 << 20) - done);
                if (written <= 0)
                    return 1;
                done += written;
            }
        return 0;
    }
    if (!strcmp(what, "spin")) {
        printf("spinning\n");
        fflush(stdout);
        for (volatile unsigned long i = 0;; ++i) { }
    }
    if (!strcmp(what, "args")) {
        size_t bytes = 0, variables = 0;
        for (int i = 0; i < argc; ++i)
            bytes += strlen(argv[i]) + 1;
        for (char** e = envp; *e; ++e, ++variables)
            bytes += strlen(*e) + 1;
        printf("argc %d, %zu variables, %zu bytes\n", argc, variables, bytes);
        return 0;
    }
    if (!strcmp(what, "auxv")) {
        static const struct {
            const char* name;
            unsigned long type;
        } entries[] = { { "AT_UID", AT_UID }, { "AT_EUID", AT_EUID }, { "AT_GID", AT_GID }, { "AT_EGID", AT_EGID },
            { "AT_SECURE", AT_SECURE }, { "AT_HWCAP2", AT_HWCAP2 }, { "AT_MINSIGSTKSZ", 51 }, { "AT_RSEQ_FEATURE_SIZE", 27 },
            { "AT_RSEQ_ALIGN", 28 }, { "AT_SYSINFO_EHDR", AT_SYSINFO_EHDR } };
        for (size_t i = 0; i < sizeof entries / sizeof entries[0]; ++i)
            printf("%s %lu\n", entries[i].name, getauxval(entries[i].type));
        return 0;
    }
    if (!strcmp(what, "tls")) {
        // Linux refuses bases at or above TASK_SIZE_MAX with EPERM, and the registers keep their values.
        const unsigned long bases[] = { 1ul << 47, 0xffff800000000000ul, 1ul << 63 };
        for (size_t i = 0; i < sizeof bases / sizeof bases[0]; ++i) {
            long fs = syscall(SYS_arch_prctl, 0x1002 /* ARCH_SET_FS */, bases[i]);
            printf("ARCH_SET_FS %#lx: %s\n", bases[i], fs == 0 ? "ok" : errno_name(errno));
            long gs = syscall(SYS_arch_prctl, 0x1001 /* ARCH_SET_GS */, bases[i]);
            printf("ARCH_SET_GS %#lx: %s\n", bases[i], gs == 0 ? "ok" : errno_name(errno));
        }
        static char stack[16384] __attribute__((aligned(16)));
        int parent_tid = 0, child_tid = 0;
        long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS;
        long cloned = syscall(SYS_clone, flags, stack + sizeof stack, &parent_tid, &child_tid, 1ul << 63);
        if (cloned == 0)
            syscall(SYS_exit, 0); // only if the base were taken: the child leaves at once
        printf("clone with tls %#lx: %s\n", 1ul << 63, cloned > 0 ? "a thread" : errno_name(errno));
        return 0;
    }
    return 2;
}
