// Touches memory the way buggy programs do: usage `hostile_memory WHAT`. Each access that Linux
// refuses must crash here as it does natively; the last line printed says how far it got.
//   write-readonly  stores into a page made PROT_READ
//   read-none       loads from a PROT_NONE page
//   read-unmapped   loads from a page just unmapped
//   guard           overflows a thread's stack into its guard page
//   exec            runs code written into a page made PROT_READ|PROT_EXEC (prints 42)
//   exec-noexec     runs the same code from a page that is only PROT_READ|PROT_WRITE
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static volatile char sink;

static char* map_pages(int count, int prot)
{
    char* pages = mmap(NULL, (size_t)count * 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) {
        perror("mmap");
        _exit(1);
    }
    return pages;
}

static void say(const char* line)
{
    printf("%s\n", line);
    fflush(stdout);
}

// Recurses until `limit` (never reached: the stack runs out first).
static long recurse(long depth, long limit)
{
    volatile char frame[1024];
    frame[0] = (char)depth;
    if (depth == limit)
        return frame[0];
    return recurse(depth + 1, limit) + frame[0];
}

static void* overflow(void* unused)
{
    (void)unused;
    return (void*)recurse(0, -1);
}

// mov eax, 42; ret
static const unsigned char kAnswer[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

int main(int argc, char** argv)
{
    const char* what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "write-readonly")) {
        char* page = map_pages(1, PROT_READ | PROT_WRITE);
        page[0] = 1;
        mprotect(page, 4096, PROT_READ);
        say("reading works");
        sink = page[0];
        say("writing");
        page[1] = 2;
        say("written");
        return 0;
    }
    if (!strcmp(what, "read-none")) {
        char* page = map_pages(1, PROT_NONE);
        say("reading");
        sink = page[0];
        say("read");
        return 0;
    }
    if (!strcmp(what, "read-unmapped")) {
        char* pages = map_pages(2, PROT_READ | PROT_WRITE);
        pages[4096] = 1;
        munmap(pages + 4096, 4096);
        sink = pages[0];
        say("reading");
        sink = pages[4096];
        say("read");
        return 0;
    }
    if (!strcmp(what, "guard")) {
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setstacksize(&attributes, 64 * 1024);
        pthread_t thread;
        say("overflowing");
        if (pthread_create(&thread, &attributes, overflow, NULL) != 0)
            return say("pthread_create failed"), 1;
        pthread_join(thread, NULL);
        say("joined");
        return 0;
    }
    if (!strcmp(what, "exec") || !strcmp(what, "exec-noexec")) {
        char* page = map_pages(1, PROT_READ | PROT_WRITE);
        memcpy(page, kAnswer, sizeof kAnswer);
        if (!strcmp(what, "exec"))
            mprotect(page, 4096, PROT_READ | PROT_EXEC);
        say("calling");
        int answer = ((int (*)(void))(void*)page)();
        printf("%d\n", answer);
        return 0;
    }
    say("usage: hostile_memory write-readonly|read-none|read-unmapped|guard|exec|exec-noexec");
    return 2;
}
