// Fills the in-memory file system and says what the budget allowed: usage `file_space`.
// Writes 1 MiB blocks to /tmp/fill until a write fails, shows statfs before and after removing the
// file, then writes one byte 256 GiB into a sparse file, which must cost a few pages, not a table
// of every page before it.
#include "errno_name.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

static void print_statfs(const char* when)
{
    struct statfs answer;
    if (statfs("/tmp", &answer) != 0) {
        printf("%s: statfs %s\n", when, errno_name(errno));
        return;
    }
    printf("%s: %llu blocks, %llu free\n", when, (unsigned long long)answer.f_blocks, (unsigned long long)answer.f_bfree);
}

int main(void)
{
    static char block[1 << 20];
    memset(block, 'x', sizeof block);
    int fd = open("/tmp/fill", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return printf("open: %s\n", errno_name(errno)), 1;
    long long total = 0;
    for (;;) {
        ssize_t written = write(fd, block, sizeof block);
        if (written < 0) {
            printf("wrote %lld bytes, then %s\n", total, errno_name(errno));
            break;
        }
        total += written;
    }
    print_statfs("full");
    close(fd);
    unlink("/tmp/fill");
    print_statfs("after unlink");

    fd = open("/tmp/sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);
    long long far = 256ll << 30;
    ssize_t written = pwrite(fd, "z", 1, far);
    struct stat status;
    fstat(fd, &status);
    printf("pwrite at 256 GiB: %zd, size %lld, %lld blocks of 512\n", written, (long long)status.st_size, (long long)status.st_blocks);
    char back = 0;
    ssize_t read_count = pread(fd, &back, 1, far);
    printf("read back: %zd '%c'\n", read_count, back);
    print_statfs("sparse");
    ftruncate(fd, 0);
    print_statfs("truncated");
    return 0;
}
