// Reads and writes files given on the command line: `files cat PATH` (`-`: stdin), `files write PATH TEXT`,
// `files ls DIR`, `files open-all PATH` (opens PATH until that fails), `files change-tree DIR` (creates and changes files and directories
// below DIR, one of them with a name longer than a tar header holds). Prints errors as errno names, so tests can check EROFS, ENOENT...
#define _GNU_SOURCE
#include "errno_name.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char* what)
{
    printf("%s: %s\n", what, errno_name(errno));
    return 1;
}

int main(int argc, char** argv)
{
    if (argc < 3)
        return 2;
    if (strcmp(argv[1], "open-all") == 0) {
        long opened = 0;
        while (open(argv[2], O_RDONLY) >= 0)
            ++opened;
        printf("opened %ld, then %s\n", opened, errno_name(errno));
        return 0;
    }
    if (strcmp(argv[1], "cat") == 0) {
        int fd = strcmp(argv[2], "-") == 0 ? 0 : open(argv[2], O_RDONLY);
        if (fd < 0)
            return fail("open");
        char buffer[4096];
        ssize_t n;
        while ((n = read(fd, buffer, sizeof buffer)) > 0)
            fwrite(buffer, 1, (size_t)n, stdout);
        return n < 0 ? fail("read") : 0;
    }
    if (strcmp(argv[1], "write") == 0 && argc > 3) {
        int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            return fail("open");
        if (write(fd, argv[3], strlen(argv[3])) < 0)
            return fail("write");
        return close(fd) < 0 ? fail("close") : 0;
    }
    if (strcmp(argv[1], "change-tree") == 0) {
        char path[512];
        static const char* const kFiles[][2] = {
            { "new.txt", "a new file\n" },
            { "sub/a.txt", "changed by the guest\n" },
            { "made/deeper/b.txt", "two directories down\n" },
            { "made/deeper/a-name-longer-than-the-hundred-bytes-a-tar-header-holds-for-one-name-so-it-takes-a-gnu-long-name.txt",
                "long\n" },
        };
        snprintf(path, sizeof path, "%s/made", argv[2]);
        if (mkdir(path, 0750) < 0)
            return fail("mkdir");
        snprintf(path, sizeof path, "%s/made/deeper", argv[2]);
        if (mkdir(path, 0700) < 0)
            return fail("mkdir");
        for (size_t i = 0; i < sizeof kFiles / sizeof kFiles[0]; ++i) {
            snprintf(path, sizeof path, "%s/%s", argv[2], kFiles[i][0]);
            int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, i == 0 ? 0600 : 0644);
            if (fd < 0 || write(fd, kFiles[i][1], strlen(kFiles[i][1])) < 0 || close(fd) < 0)
                return fail(path);
        }
        return 0;
    }
    if (strcmp(argv[1], "ls") == 0) {
        DIR* dir = opendir(argv[2]);
        if (!dir)
            return fail("opendir");
        struct dirent** names;
        closedir(dir);
        int count = scandir(argv[2], &names, NULL, alphasort);
        for (int i = 0; i < count; ++i)
            printf("%s\n", names[i]->d_name);
        return 0;
    }
    return 2;
}
