// A tour of what C programs ask of an OS: formatted floats, heap churn, and files and directories.
// Works in the directory given as argv[1] (default /tmp) and leaves it as it found it, so its
// output is the same natively and under zeroos-run.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void check(int ok, const char* what)
{
    if (!ok) {
        printf("FAILED: %s (%s)\n", what, strerror(errno));
        exit(1);
    }
}

static void floats(void)
{
    double values[] = { 3.14159265358979, -2.5e-7, 1e300, 0.1 + 0.2, sqrt(2.0), exp(1.0) };
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; ++i)
        printf("%.6f %e %g\n", values[i], values[i], values[i]);
    printf("%.17g %a\n", 1.0 / 3.0, 0.75);
}

static void heap_churn(void)
{
    unsigned long checksum = 0;
    char* blocks[64] = { 0 };
    for (int round = 0; round < 2000; ++round) {
        int slot = (round * 7919) % 64;
        size_t size = (size_t)((round * 2654435761u) % 70000) + 1;
        char* grown = realloc(blocks[slot], size);
        check(grown != NULL, "realloc");
        blocks[slot] = grown;
        memset(grown, round & 0xff, size);
        checksum += (unsigned char)grown[size - 1] + size;
    }
    for (int i = 0; i < 64; ++i)
        free(blocks[i]);
    char* big = calloc(1, 32 << 20);
    check(big != NULL && big[12345] == 0, "calloc 32 MiB");
    free(big);
    printf("heap checksum %lu\n", checksum);
}

static int compare_names(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

static void files(const char* where)
{
    check(chdir(where) == 0, "chdir");
    check(mkdir("c-smoke.d", 0755) == 0, "mkdir");
    check(mkdir("c-smoke.d/sub", 0700) == 0, "mkdir sub");

    FILE* f = fopen("c-smoke.d/numbers.txt", "w");
    check(f != NULL, "fopen w");
    for (int i = 1; i <= 100; ++i)
        fprintf(f, "%d\n", i * i);
    check(fclose(f) == 0, "fclose");

    f = fopen("c-smoke.d/numbers.txt", "r");
    check(f != NULL, "fopen r");
    long sum = 0, value;
    while (fscanf(f, "%ld", &value) == 1)
        sum += value;
    fclose(f);
    printf("sum of squares %ld\n", sum);

    struct stat st;
    check(stat("c-smoke.d/numbers.txt", &st) == 0, "stat");
    printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));

    int fd = open("c-smoke.d/sparse.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
    check(fd >= 0, "open sparse");
    check(pwrite(fd, "end", 3, 1 << 20) == 3, "pwrite past the end");
    char hole[4] = { 1, 1, 1, 1 };
    check(pread(fd, hole, 4, 4096) == 4, "pread hole");
    printf("hole reads %d %d %d %d, size %lld\n", hole[0], hole[1], hole[2], hole[3], (long long)lseek(fd, 0, SEEK_END));
    close(fd);

    check(rename("c-smoke.d/numbers.txt", "c-smoke.d/sub/squares.txt") == 0, "rename");
    check(symlink("sub/squares.txt", "c-smoke.d/link") == 0, "symlink");
    char target[64] = { 0 };
    check(readlink("c-smoke.d/link", target, sizeof target - 1) > 0, "readlink");
    printf("link -> %s\n", target);
    errno = 0;
    printf("open missing: %s\n", open("c-smoke.d/missing", O_RDONLY) < 0 ? strerror(errno) : "opened?");
    printf("rmdir non-empty: %s\n", rmdir("c-smoke.d/sub") < 0 ? strerror(errno) : "removed?");

    DIR* dir = opendir("c-smoke.d");
    check(dir != NULL, "opendir");
    char* names[16];
    int count = 0;
    struct dirent* entry;
    while ((entry = readdir(dir)) != NULL && count < 16)
        names[count++] = strdup(entry->d_name);
    closedir(dir);
    qsort(names, count, sizeof names[0], compare_names);
    printf("directory:");
    for (int i = 0; i < count; ++i) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");

    check(unlink("c-smoke.d/link") == 0, "unlink link");
    check(unlink("c-smoke.d/sparse.bin") == 0, "unlink sparse");
    check(unlink("c-smoke.d/sub/squares.txt") == 0, "unlink squares");
    check(rmdir("c-smoke.d/sub") == 0, "rmdir sub");
    check(rmdir("c-smoke.d") == 0, "rmdir");
}

int main(int argc, char** argv)
{
    floats();
    heap_churn();
    files(argc > 1 ? argv[1] : "/tmp");
    printf("c-smoke done\n");
    return 0;
}
