// Reaches for host files and mount trees by every path trick, as a script of operations given on
// the command line; each prints one line: "OP PATH: RESULT". Operations:
//   read PATH | write PATH TEXT | create PATH TEXT (O_EXCL) | readlink PATH | unlink PATH |
//   mkdir PATH | rmdir PATH | rename FROM TO | ls PATH | long LENGTH (a path of that many bytes) |
//   component LENGTH (one name of that many bytes) | nul (a path with a NUL inside) |
//   nonutf8 DIR (creates DIR/<0xff 0xfe 0x80> holding "latin") | stat PATH
#define _GNU_SOURCE
#include "errno_name.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void result(const char* op, const char* path, long value)
{
    if (value < 0)
        printf("%s %s: %s\n", op, path, errno_name(errno));
    else
        printf("%s %s: ok\n", op, path);
}

static void write_file(const char* op, const char* path, const char* text, int flags)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | flags, 0644);
    if (fd < 0) {
        result(op, path, -1);
        return;
    }
    long written = write(fd, text, strlen(text));
    close(fd);
    result(op, path, written == (long)strlen(text) ? 0 : -1);
}

static void read_file(const char* path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        result("read", path, -1);
        return;
    }
    char buffer[256];
    long got = read(fd, buffer, sizeof buffer - 1);
    close(fd);
    if (got < 0) {
        result("read", path, -1);
        return;
    }
    buffer[got] = 0;
    printf("read %s: \"%s\"\n", path, buffer);
}

static void list(const char* path)
{
    DIR* directory = opendir(path);
    if (!directory) {
        result("ls", path, -1);
        return;
    }
    printf("ls %s:", path);
    struct dirent* entry;
    while ((entry = readdir(directory)))
        if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, ".."))
            printf(" %s", entry->d_name);
    printf("\n");
    closedir(directory);
}

// A path of `length` bytes (not counting the NUL): "/" then "a/" repeated, then 'a' as needed.
static char* long_path(size_t length, int one_component)
{
    char* path = malloc(length + 1);
    for (size_t i = 0; i < length; ++i)
        path[i] = one_component ? 'a' : (i % 2 ? 'a' : '/');
    path[0] = '/';
    path[length] = 0;
    return path;
}

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const char* op = argv[i];
        const char* a = i + 1 < argc ? argv[i + 1] : "";
        const char* b = i + 2 < argc ? argv[i + 2] : "";
        struct stat status;
        char link[256];
        if (!strcmp(op, "read"))
            read_file(a), i += 1;
        else if (!strcmp(op, "write"))
            write_file(op, a, b, 0), i += 2;
        else if (!strcmp(op, "create"))
            write_file(op, a, b, O_EXCL), i += 2;
        else if (!strcmp(op, "readlink")) {
            long length = readlink(a, link, sizeof link - 1);
            if (length >= 0)
                printf("readlink %s: \"%.*s\"\n", a, (int)length, link);
            else
                result(op, a, -1);
            i += 1;
        } else if (!strcmp(op, "unlink"))
            result(op, a, unlink(a)), i += 1;
        else if (!strcmp(op, "mkdir"))
            result(op, a, mkdir(a, 0755)), i += 1;
        else if (!strcmp(op, "chmod"))
            result(op, a, chmod(a, (mode_t)strtoul(b, NULL, 8))), i += 2;
        else if (!strcmp(op, "rmdir"))
            result(op, a, rmdir(a)), i += 1;
        else if (!strcmp(op, "stat"))
            result(op, a, stat(a, &status)), i += 1;
        else if (!strcmp(op, "rename")) {
            printf("rename %s %s: %s\n", a, b, rename(a, b) == 0 ? "ok" : errno_name(errno));
            i += 2;
        } else if (!strcmp(op, "ls"))
            list(a), i += 1;
        else if (!strcmp(op, "inodes")) { // readdir order, with each entry's inode number
            DIR* directory = opendir(a);
            struct dirent* entry;
            printf("inodes %s:", a);
            while (directory && (entry = readdir(directory)))
                if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, ".."))
                    printf(" %s=%llu", entry->d_name, (unsigned long long)entry->d_ino);
            printf("\n");
            if (directory)
                closedir(directory);
            i += 1;
        } else if (!strcmp(op, "long") || !strcmp(op, "component")) {
            size_t length = strtoul(a, NULL, 10);
            char* path = long_path(length, op[0] == 'c');
            if (op[0] == 'c')
                path[0] = '/';
            int fd = open(path, O_RDONLY);
            printf("%s %zu: %s\n", op, length, fd >= 0 ? "ok" : errno_name(errno));
            free(path);
            i += 1;
        } else if (!strcmp(op, "nul")) {
            // The kernel sees only up to the NUL: this is "/tmp", a directory.
            static const char path[] = "/tmp\0/../etc/passwd";
            result(op, "/tmp\\0/../etc/passwd", open(path, O_WRONLY | O_CREAT, 0644));
        } else if (!strcmp(op, "nonutf8")) {
            char path[512];
            snprintf(path, sizeof path, "%s/\xff\xfe\x80", a);
            write_file(op, path, "latin", 0);
            i += 1;
        } else {
            printf("unknown operation %s\n", op);
            return 2;
        }
    }
    return 0;
}
