// Tries to make the host kernel create HOST_DIR/leak-* through every way into it that does not go
// through ZeroOS's 64-bit syscall path: usage `hostile_gates HOST_DIR TRICK`. The tricks that come
// back print what they got; the others end the run (and the test checks how). x86-64 only.
#define _GNU_SOURCE
#include "errno_name.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

// syscall(number, a, b, c) through a `syscall` instruction hidden inside another one: from label 1
// the bytes decode as `mov $0x90c3050f, %eax`, from 1+1 as `syscall; ret`.
long odd_syscall(long number, long a, long b, long c);
__asm__(".text\n"
        ".globl odd_syscall\n"
        "odd_syscall:\n"
        "    mov %rdi, %rax\n"
        "    mov %rsi, %rdi\n"
        "    mov %rdx, %rsi\n"
        "    mov %rcx, %rdx\n"
        "    jmp 1f+1\n"
        "1:  .byte 0xb8, 0x0f, 0x05, 0xc3, 0x90\n");

static char path[4096];
static char line_buffer[16];

static void report(const char* what, long result)
{
    if (result < 0 && result > -4096)
        printf("%s: %s\n", what, errno_name((int)-result));
    else
        printf("%s: returned %ld\n", what, result);
    fflush(stdout);
}

static long raw_syscall3(long number, long a, long b, long c)
{
    long result;
    __asm__ volatile("syscall" : "=a"(result) : "a"(number), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return result;
}

// Runs `syscall; ret` copied into `memory` with rax = open(path, O_CREAT|O_WRONLY, 0644).
static void run_copied_code(unsigned char* memory)
{
    static const unsigned char stub[] = { 0x0f, 0x05, 0xc3 };
    memcpy(memory, stub, sizeof stub);
    long result;
    __asm__ volatile("call *%[code]"
                     : "=a"(result)
                     : [code] "r"(memory), "a"((long)SYS_open), "D"(path), "S"((long)(O_CREAT | O_WRONLY)), "d"(0644L)
                     : "rcx", "r11", "memory");
    report("copied code", result);
}

int main(int argc, char** argv)
{
    if (argc < 3)
        return 2;
    const char* trick = argv[2];
    snprintf(path, sizeof path, "%s/leak-%s", argv[1], trick);
    long create = O_CREAT | O_WRONLY;
    if (strcmp(trick, "clock-maps") == 0) { // where the host's clock pages are (run natively)
        FILE* maps = fopen("/proc/self/maps", "r");
        char line[512];
        while (maps && fgets(line, sizeof line, maps)) {
            unsigned long start;
            char name[64] = "";
            if (sscanf(line, "%lx-%*x %*s %*s %*s %*s %63s", &start, name) == 2
                && (!strcmp(name, "[vdso]") || !strcmp(name, "[vvar]") || !strcmp(name, "[vvar_vclock]")))
                printf("%s %#lx\n", name, start);
        }
        return 0;
    }
    if (strcmp(trick, "peek") == 0) { // whether each address given is mapped: the kernel reads it for write(2)
        int pipe_ends[2];
        if (pipe(pipe_ends) != 0)
            return 3;
        for (int i = 3; i < argc; ++i) {
            unsigned long address = strtoul(argv[i], NULL, 0);
            long written = write(pipe_ends[1], (const void*)address, 1);
            printf("peek %#lx: %s\n", address, written == 1 ? "mapped" : errno_name(errno));
            if (written == 1 && read(pipe_ends[0], line_buffer, 1) != 1)
                return 3;
        }
        return 0;
    }
    if (strcmp(trick, "vsyscall") == 0) { // time(NULL) through the vsyscall page, as pre-2012 libcs did
        long (*vsyscall_time)(long*) = (long (*)(long*))0xffffffffff600400ul;
        long now = vsyscall_time(NULL);
        printf("vsyscall time: %ld\n", now);
        return 0;
    }
    if (strcmp(trick, "numbers") == 0) {
        // Each is answered (ENOSYS under --on-unsupported=enosys) and never reaches the host.
        report("x32 open", raw_syscall3(0x40000000 | SYS_open, (long)path, create, 0644));
        report("x32 openat", raw_syscall3(0x40000000 | SYS_openat, AT_FDCWD, (long)path, create));
        report("x32 creat", raw_syscall3(0x40000000 | SYS_creat, (long)path, 0644, 0));
        report("number 512", raw_syscall3(512, (long)path, create, 0644));
        report("number 100000", raw_syscall3(100000, (long)path, create, 0644));
        report("number 2^32 + open", raw_syscall3(0x100000000l | SYS_open, (long)path, create, 0644));
        report("number -1", raw_syscall3(-1, (long)path, create, 0644));
        report("number -2^63", raw_syscall3((long)(1ul << 63), (long)path, create, 0644));
        report("open of the host path", raw_syscall3(SYS_open, (long)path, create, 0644));
        report("syscall inside an instruction", odd_syscall(SYS_open, (long)path, create, 0644));
        report("getpid inside an instruction", odd_syscall(SYS_getpid, 0, 0, 0));
        return 0;
    }
    if (strcmp(trick, "int80") == 0) { // i386 open = 5; the path is in the low 4 GiB (static data)
        long result;
        __asm__ volatile("int $0x80" : "=a"(result) : "a"(5L), "b"(path), "c"(create), "d"(0644L) : "memory");
        report("int 0x80 open", result);
        return 0;
    }
    if (strcmp(trick, "int80-forged") == 0) {
        // rcx and r11 set as the `syscall` instruction leaves them: a register check takes this
        // for a 64-bit call (5 is fstat there).
        long result;
        __asm__ volatile("lea 1f(%%rip), %%rcx\n"
                         "pushfq\n"
                         "pop %%r11\n"
                         "int $0x80\n"
                         "1:"
                         : "=a"(result)
                         : "a"(5L), "b"(path), "d"(0644L)
                         : "rcx", "r11", "memory");
        report("forged int 0x80 open", result);
        return 0;
    }
    if (strcmp(trick, "sysenter") == 0) {
        long result;
        __asm__ volatile("sysenter" : "=a"(result) : "a"(5L), "b"(path), "c"(create), "d"(0644L) : "r11", "memory");
        report("sysenter open", result);
        return 0;
    }
    if (strcmp(trick, "stack") == 0) {
        unsigned char code[64];
        // mprotect is served by ZeroOS: the host stack stays non-executable.
        report("mprotect stack executable", raw_syscall3(SYS_mprotect, (long)code & ~4095l, 8192, PROT_READ | PROT_WRITE | PROT_EXEC));
        run_copied_code(code);
        return 0;
    }
    if (strcmp(trick, "mmap") == 0) {
        void* memory = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED) {
            report("mmap executable", -errno);
            return 0;
        }
        printf("mmap executable: ok\n");
        fflush(stdout);
        run_copied_code(memory);
        return 0;
    }
    return 2;
}
