// The guest of bench/file_space.sh, in one of three modes:
//   sparse OFFSET   one byte written at OFFSET into a new /tmp file (a sparse file of OFFSET + 1 bytes)
//   fill BYTES      1 MiB writes to a new /tmp file until BYTES are written or a write fails
//   mmap COUNT      COUNT pairs of a 16 KiB anonymous read-write mmap and its munmap
// Each prints one line saying what it did.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int usage(void)
{
    fprintf(stderr, "usage: file_space sparse OFFSET | fill BYTES | mmap COUNT\n");
    return 2;
}

int main(int argc, char** argv)
{
    if (argc != 3)
        return usage();
    unsigned long long amount = strtoull(argv[2], NULL, 0);
    if (strcmp(argv[1], "sparse") == 0) {
        int fd = open("/tmp/sparse", O_CREAT | O_RDWR | O_TRUNC, 0644);
        if (fd < 0 || pwrite(fd, "x", 1, (off_t)amount) != 1) {
            printf("sparse write failed: %s\n", strerror(errno));
            return 1;
        }
        printf("file size %lld\n", (long long)lseek(fd, 0, SEEK_END));
        return 0;
    }
    if (strcmp(argv[1], "fill") == 0) {
        static char chunk[1 << 20];
        memset(chunk, 'z', sizeof(chunk));
        int fd = open("/tmp/fill", O_CREAT | O_WRONLY | O_TRUNC, 0644);
        if (fd < 0)
            return 1;
        unsigned long long written = 0;
        while (written < amount) {
            size_t want = amount - written < sizeof(chunk) ? (size_t)(amount - written) : sizeof(chunk);
            ssize_t n = write(fd, chunk, want);
            if (n <= 0) {
                printf("wrote %llu bytes, then %s\n", written, n < 0 ? strerror(errno) : "a short write");
                return 0;
            }
            written += (unsigned long long)n;
        }
        printf("wrote %llu bytes\n", written);
        return 0;
    }
    if (strcmp(argv[1], "mmap") == 0) {
        for (unsigned long long i = 0; i < amount; ++i) {
            char* p = mmap(NULL, 16384, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == MAP_FAILED)
                return 1;
            p[0] = 1;
            munmap(p, 16384);
        }
        printf("%llu mmap/munmap pairs\n", amount);
        return 0;
    }
    return usage();
}
