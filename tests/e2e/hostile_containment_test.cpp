// Hostile guests: no system call reaches the host kernel whatever gate or number it uses, and no
// path trick reaches a host file outside what is mounted. Each test checks the host side too.
#include "process.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cpuid.h>
#include <csignal>
#include <cstring>
#include <elf.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace {

// What the temp directory the guest attacked holds now.
std::vector<std::string> host_listing(const std::string& directory)
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

bool host_cpu_is_intel()
{
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    __get_cpuid(0, &eax, &ebx, &ecx, &edx);
    char vendor[13] = {};
    std::memcpy(vendor, &ebx, 4);
    std::memcpy(vendor + 4, &edx, 4);
    std::memcpy(vendor + 8, &ecx, 4);
    return std::string(vendor) == "GenuineIntel";
}

} // namespace

TEST_CASE("odd syscall numbers and gates are answered by ZeroOS and never create a host file")
{
    TemporaryDirectory directory;
    auto answered = run_zeroos({ "--on-unsupported=enosys", guest_path("hostile_gates"), directory.path(), "numbers" });
    CHECK(answered.status == 0);
    // Linux would truncate 2^32 + open to open and -2^63 to read: ZeroOS refuses both instead.
    CHECK(answered.out
        == "x32 open: ENOSYS\n"
           "x32 openat: ENOSYS\n"
           "x32 creat: ENOSYS\n"
           "number 512: ENOSYS\n"
           "number 100000: ENOSYS\n"
           "number 2^32 + open: ENOSYS\n"
           "number -1: ENOSYS\n"
           "number -2^63: ENOSYS\n"
           "open of the host path: ENOENT\n"
           "syscall inside an instruction: ENOENT\n"
           "getpid inside an instruction: returned 1\n");
    CHECK(host_listing(directory.path()).empty());

    auto stopped = run_zeroos({ guest_path("hostile_gates-glibc"), directory.path(), "numbers" });
    CHECK(stopped.status == 70);
    CHECK(stopped.out == "");
    CHECK(stopped.err.rfind("zeroos: unsupported syscall #1073741826(...) at pc 0x", 0) == 0);
    CHECK(stopped.err.find(": no such x86-64 system call\n") != std::string::npos);
    CHECK(host_listing(directory.path()).empty());
}

TEST_CASE("int 0x80 and sysenter stop the guest before anything reaches the host")
{
    TemporaryDirectory directory;
    auto int80 = run_zeroos({ guest_path("hostile_gates"), directory.path(), "int80" });
    CHECK(int80.status == 70);
    CHECK(int80.out == "");
    CHECK(int80.err.find("32-bit system call") != std::string::npos);

    // With rcx and r11 as `syscall` leaves them, int 0x80 still is a 32-bit call.
    auto forged = run_zeroos({ guest_path("hostile_gates"), directory.path(), "int80-forged" });
    CHECK(forged.status == 70);
    CHECK(forged.out == "");
    CHECK(forged.err.find("32-bit system call") != std::string::npos);

    // sysenter is #UD in 64-bit mode on AMD; Intel enters the 32-bit syscall path, which stops
    // as a 32-bit system call, or, on a kernel without IA-32 emulation (6.18 here), returns to
    // the absent 32-bit vDSO and faults. Either way the guest stops and the host runs nothing.
    auto sysenter = run_zeroos({ guest_path("hostile_gates"), directory.path(), "sysenter" });
    if (host_cpu_is_intel()) {
        CAPTURE(sysenter.err);
        bool stopped_as_32_bit = sysenter.status == 70 && sysenter.err.find("32-bit system call") != std::string::npos;
        bool faulted = sysenter.status == 128 + SIGSEGV && sysenter.err.find("guest crashed: SIGSEGV") != std::string::npos;
        CHECK((stopped_as_32_bit || faulted));
    } else {
        CHECK(sysenter.status == 128 + SIGILL);
        CHECK(sysenter.err.find("guest crashed: SIGILL") != std::string::npos);
    }
    CHECK(sysenter.out == "");
    CHECK(host_listing(directory.path()).empty());
}

TEST_CASE("code written at run time runs only in executable arena memory, and its system calls are ZeroOS's")
{
    TemporaryDirectory directory;
    auto stack = run_zeroos({ guest_path("hostile_gates"), directory.path(), "stack" });
    CHECK(stack.out == "mprotect stack executable: ENOMEM\n");
    CHECK(stack.status == 128 + SIGSEGV);
    CHECK(stack.err.find("guest crashed: SIGSEGV") != std::string::npos);

    // The copied `syscall; ret` creates a file in the host directory natively; here the open is
    // the kernel's, in the guest's own file system, where that directory does not exist.
    auto arena = run_zeroos({ guest_path("hostile_gates-glibc"), directory.path(), "mmap" });
    CHECK(arena.out == "mmap executable: ok\ncopied code: ENOENT\n");
    CHECK(arena.status == 0);
    CHECK(arena.err == "");
    CHECK(host_listing(directory.path()).empty());
}

TEST_CASE("the guest's memory protections hold on the host: what faults natively faults under zeroos-run")
{
    struct Case {
        const char* what;
        const char* out;
        int status;
    };
    const Case cases[] = {
        { "write-readonly", "reading works\nwriting\n", 128 + SIGSEGV },
        { "read-none", "reading\n", 128 + SIGSEGV },
        { "read-unmapped", "reading\n", 128 + SIGSEGV },
        { "guard", "overflowing\n", 128 + SIGSEGV },
        { "exec", "calling\n42\n", 0 },
        { "exec-noexec", "calling\n", 128 + SIGSEGV },
    };
    for (const Case& expected : cases) {
        for (const char* libc : { "musl", "glibc" }) {
            CAPTURE(expected.what, libc);
            std::string guest = host_build(guest_path("hostile_memory"), libc);
            auto native = run_program({ guest, expected.what });
            CHECK(native.status == expected.status);
            CHECK(native.out == expected.out);
            auto run = run_zeroos({ guest, expected.what });
            CHECK(run.status == expected.status);
            CHECK(run.out == expected.out);
            if (expected.status == 128 + SIGSEGV)
                CHECK(run.err.rfind("zeroos-run: guest crashed: SIGSEGV (Segmentation fault) at address 0x", 0) == 0);
            else
                CHECK(run.err == "");
        }
    }
}

TEST_CASE("host files stay out of reach of absolute paths dot-dot chains and /proc/self/root")
{
    TemporaryDirectory directory;
    write_host_file(directory.path() + "/secret", "host secret\n");
    const std::string secret = directory.path() + "/secret";
    auto run = run_zeroos({ guest_path("hostile_paths"), "read", secret, "read", "/../../.." + secret, "read", "/proc/self/root" + secret,
        "read", "/proc/self/cwd/../.." + secret, "write", secret, "pwned", "write", directory.path() + "/new", "pwned", "long", "4095",
        "long", "4096", "long", "100000", "nul" });
    CHECK(run.status == 0);
    CHECK(run.out
        == "read " + secret + ": ENOENT\n" + "read /../../.." + secret + ": ENOENT\n" + "read /proc/self/root" + secret + ": ENOENT\n"
            + "read /proc/self/cwd/../.." + secret + ": ENOENT\n" + "write " + secret + ": ENOENT\n" + "write " + directory.path()
            + "/new: ENOENT\n" + "long 4095: ENOENT\nlong 4096: ENAMETOOLONG\nlong 100000: ENAMETOOLONG\n"
            + "nul /tmp\\0/../etc/passwd: EISDIR\n");
    CHECK(host_listing(directory.path()) == std::vector<std::string> { "secret" });
    CHECK(read_host_file(secret) == "host secret\n");
    // The one --mount hint names the plain path only: the others would name the wrong tree.
    CHECK(run.err
        == "zeroos-run: note: guest could not see " + secret + "; it exists on the host: add --mount " + directory.path() + ":"
            + directory.path() + " to make it visible\n");
}

namespace {

// tree/ is mounted; outside/ is next to it, reachable only through the symlinks in tree/.
struct MountedTree {
    TemporaryDirectory directory;
    std::string tree = directory.path() + "/tree";
    std::string outside = directory.path() + "/outside";

    MountedTree()
    {
        std::filesystem::create_directories(tree);
        std::filesystem::create_directories(outside);
        write_host_file(outside + "/secret", "host secret\n");
        write_host_file(tree + "/inside.txt", "inside\n");
        std::filesystem::create_symlink("../outside/secret", tree + "/up");
        std::filesystem::create_symlink(outside + "/secret", tree + "/abs");
        std::filesystem::create_symlink("../outside", tree + "/dir");
    }

    void check_outside_untouched()
    {
        CHECK(host_listing(outside) == std::vector<std::string> { "secret" });
        CHECK(read_host_file(outside + "/secret") == "host secret\n");
        CHECK(std::filesystem::is_symlink(tree + "/up"));
        CHECK(std::filesystem::is_symlink(tree + "/abs"));
        CHECK(std::filesystem::is_symlink(tree + "/dir"));
    }
};

} // namespace

TEST_CASE("symlinks in a read-only mount that point out of it lead nowhere and every write is EROFS")
{
    MountedTree host;
    auto run = run_zeroos({ "--mount", host.tree + ":/data:ro", guest_path("hostile_paths"), "readlink", "/data/up", "read", "/data/up",
        "read", "/data/abs", "read", "/data/dir/secret", "ls", "/data/dir", "read", "/data/inside.txt", "write", "/data/inside.txt", "x",
        "create", "/data/new", "x", "unlink", "/data/inside.txt", "unlink", "/data/up", "mkdir", "/data/sub", "rename", "/data/inside.txt",
        "/data/moved" });
    CHECK(run.status == 0);
    CHECK(run.out
        == "readlink /data/up: \"../outside/secret\"\n"
           "read /data/up: ENOENT\n"
           "read /data/abs: ENOENT\n"
           "read /data/dir/secret: ENOENT\n"
           "ls /data/dir: ENOENT\n"
           "read /data/inside.txt: \"inside\n\"\n"
           "write /data/inside.txt: EROFS\n"
           "create /data/new: EROFS\n"
           "unlink /data/inside.txt: EROFS\n"
           "unlink /data/up: EROFS\n"
           "mkdir /data/sub: EROFS\n"
           "rename /data/inside.txt /data/moved: EROFS\n");
    host.check_outside_untouched();
    CHECK(host_listing(host.tree) == std::vector<std::string> { "abs", "dir", "inside.txt", "up" });
    CHECK(read_host_file(host.tree + "/inside.txt") == "inside\n");
}

TEST_CASE("a read-write mount changes only files inside its tree and never writes through a host symlink")
{
    MountedTree host;
    auto run = run_zeroos({ "--mount", host.tree + ":/data:rw", guest_path("hostile_paths"), "write", "/data/inside.txt", "changed",
        "write", "/data/abs", "pwned", "unlink", "/data/up", "write", "/data/up", "pwned", "unlink", "/data/dir", "mkdir", "/data/dir",
        "write", "/data/dir/secret", "pwned", "nonutf8", "/data" });
    CHECK(run.status == 0);
    CHECK(run.out
        == "write /data/inside.txt: ok\n"
           "write /data/abs: ENOENT\n"
           "unlink /data/up: ok\n"
           "write /data/up: ok\n"
           "unlink /data/dir: ok\n"
           "mkdir /data/dir: ok\n"
           "write /data/dir/secret: ok\n"
           "nonutf8 /data/\xff\xfe\x80: ok\n");
    // The guest replaced two symlinks; write-back refuses to follow either out of the tree.
    CHECK(run.err.find("refusing to write back /data/up through the host symlink") != std::string::npos);
    CHECK(run.err.find("is not a directory on the host") != std::string::npos);
    host.check_outside_untouched();
    CHECK(read_host_file(host.tree + "/inside.txt") == "changed");
    CHECK(read_host_file(host.tree + "/\xff\xfe\x80") == "latin");
    CHECK(host_listing(host.tree) == std::vector<std::string> { "abs", "dir", "inside.txt", "up", "\xff\xfe\x80" });
}

TEST_CASE("write-back drops setuid setgid and sticky bits")
{
    MountedTree host;
    auto run = run_zeroos({ "--mount", host.tree + ":/data:rw", guest_path("hostile_paths"), "write", "/data/suid", "#!/bin/sh\n", "chmod",
        "/data/suid", "6755", "write", "/data/inside.txt", "changed", "chmod", "/data/inside.txt", "4711", "mkdir", "/data/shared", "chmod",
        "/data/shared", "3777" });
    CHECK(run.status == 0);
    CHECK(run.out
        == "write /data/suid: ok\nchmod /data/suid: ok\nwrite /data/inside.txt: ok\nchmod /data/inside.txt: ok\n"
           "mkdir /data/shared: ok\nchmod /data/shared: ok\n");
    auto mode_of = [](const std::string& path) {
        struct stat status { };
        REQUIRE(lstat(path.c_str(), &status) == 0);
        return status.st_mode & 07777;
    };
    CHECK(read_host_file(host.tree + "/suid") == "#!/bin/sh\n");
    CHECK(mode_of(host.tree + "/suid") == 0755);
    CHECK(mode_of(host.tree + "/inside.txt") == 0711);
    CHECK((mode_of(host.tree + "/shared") & 07000) == 0);
}

TEST_CASE("write-back replaces a hard-linked host file instead of writing through the link")
{
    MountedTree host;
    std::filesystem::create_hard_link(host.outside + "/secret", host.tree + "/linked");
    auto run = run_zeroos(
        { "--mount", host.tree + ":/data:rw", guest_path("hostile_paths"), "read", "/data/linked", "write", "/data/linked", "pwned" });
    CHECK(run.status == 0);
    CHECK(run.out == "read /data/linked: \"host secret\n\"\nwrite /data/linked: ok\n");
    host.check_outside_untouched();
    CHECK(read_host_file(host.tree + "/linked") == "pwned");
    CHECK(std::filesystem::hard_link_count(host.outside + "/secret") == 1);
    // No temporary file is left beside it.
    CHECK(host_listing(host.tree) == std::vector<std::string> { "abs", "dir", "inside.txt", "linked", "up" });
}

TEST_CASE("write-back never opens a FIFO or a device in the mounted tree and says it skipped them")
{
    MountedTree host;
    REQUIRE(mkfifo((host.tree + "/fifo").c_str(), 0644) == 0);
    // A device node needs root (CI runs as root); without it only the FIFO is checked.
    bool with_device
        = mknod((host.tree + "/null").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0 && chmod((host.tree + "/null").c_str(), 0666) == 0;
    if (!with_device)
        WARN("not root: the device-node half of this test is skipped");
    // Import skips both, so the guest creates regular files at their names; write-back would block
    // forever opening the FIFO for writing, and write into the device.
    auto run = run_zeroos({ "--timeout", "20", "--mount", host.tree + ":/data:rw", guest_path("hostile_paths"), "write", "/data/fifo",
        "guest bytes", "write", "/data/null", "guest bytes", "chmod", "/data/null", "0600" });
    CHECK(run.status == 0);
    CHECK(run.out == "write /data/fifo: ok\nwrite /data/null: ok\nchmod /data/null: ok\n");
    CHECK(run.err.find("not writing back /data/fifo: " + host.tree + "/fifo is a FIFO on the host") != std::string::npos);
    struct stat status { };
    REQUIRE(lstat((host.tree + "/fifo").c_str(), &status) == 0);
    CHECK(S_ISFIFO(status.st_mode));
    if (with_device) {
        CHECK(run.err.find("not writing back /data/null: " + host.tree + "/null is a character device on the host") != std::string::npos);
        REQUIRE(lstat((host.tree + "/null").c_str(), &status) == 0);
        CHECK(S_ISCHR(status.st_mode));
        CHECK((status.st_mode & 07777) == 0666);
    }
    host.check_outside_untouched();
}

namespace {

// A copy of `guest` with PF_W added to its executable PT_LOAD (or PF_X to its PT_GNU_STACK).
std::string with_writable_code(const std::string& guest, const std::string& copy, Elf64_Word segment_type)
{
    std::ifstream in(guest, std::ios::binary);
    std::string image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Elf64_Ehdr header;
    std::memcpy(&header, image.data(), sizeof(header));
    bool patched = false;
    for (int i = 0; i < header.e_phnum && !patched; ++i) {
        Elf64_Phdr segment;
        size_t offset = header.e_phoff + i * sizeof(Elf64_Phdr);
        std::memcpy(&segment, image.data() + offset, sizeof(segment));
        if (segment.p_type != segment_type || (segment_type == PT_LOAD && !(segment.p_flags & PF_X)))
            continue;
        segment.p_flags |= PF_W | PF_X;
        std::memcpy(image.data() + offset, &segment, sizeof(segment));
        patched = true;
    }
    REQUIRE(patched);
    write_host_file(copy, image);
    std::filesystem::permissions(copy, std::filesystem::perms::owner_all);
    return copy;
}

} // namespace

TEST_CASE("a program with a writable and executable segment or an executable stack is refused before it starts")
{
    TemporaryDirectory directory;
    auto rwx = with_writable_code(guest_path("exit_status"), directory.path() + "/rwx", PT_LOAD);
    auto run = run_zeroos({ rwx });
    CHECK(run.status == 2);
    CHECK(run.err == "zeroos-run: " + rwx + " has a segment that is both writable and executable; relink it without -N/--omagic\n");

    auto stack = with_writable_code(guest_path("exit_status"), directory.path() + "/stack", PT_GNU_STACK);
    run = run_zeroos({ stack });
    CHECK(run.status == 2);
    CHECK(run.err == "zeroos-run: " + stack + " asks for an executable stack; relink it with -z noexecstack\n");

    CHECK(run_zeroos({ guest_path("exit_status") }).status == 3); // the unpatched program runs (and exits with 3)
}

TEST_CASE("the vDSO and vvar pages are gone from the guest, so no clock read escapes without a system call")
{
    TemporaryDirectory directory;
    // With ASLR off, as zeroos-run runs guests, they sit at the same addresses in a native run.
    auto native = run_program({ "/usr/bin/setarch", "x86_64", "-R", guest_path("hostile_gates"), directory.path(), "clock-maps" });
    REQUIRE(native.status == 0);
    std::istringstream lines(native.out);
    std::vector<std::string> command { guest_path("hostile_gates"), directory.path(), "peek" };
    std::string expected;
    for (std::string name, address; lines >> name >> address;) {
        command.push_back(address);
        expected += "peek " + address + ": EFAULT\n";
    }
    REQUIRE(native.out.find("[vdso] ") != std::string::npos);
    auto run = run_zeroos(command);
    CHECK(run.status == 0);
    CHECK(run.out == expected);
}

TEST_CASE("a call into the vsyscall page stops the guest instead of reading the host's clock")
{
    TemporaryDirectory directory;
    auto native = run_program({ guest_path("hostile_gates"), directory.path(), "vsyscall" });
    auto run = run_zeroos({ guest_path("hostile_gates"), directory.path(), "vsyscall" });
    CHECK(run.out == "");
    if (native.status == 0) { // the host kernel emulates the page (vsyscall=xonly or emulate)
        CHECK(run.status == 70);
        CHECK(run.err.rfind("zeroos-run: unsupported: a call into the vsyscall page (time at 0xffffffffff600400) returning to pc 0x", 0)
            == 0);
    } else { // vsyscall=none: the page is not there at all
        CHECK(run.status == 128 + SIGSEGV);
    }
}

TEST_CASE("no --mount hint for files a libc probes by itself, nor for a host symlink the hinted mount would leave dangling")
{
    TemporaryDirectory directory;
    std::filesystem::create_directories(directory.path() + "/dir");
    write_host_file(directory.path() + "/dir/target", "x");
    write_host_file(directory.path() + "/outside", "x");
    std::filesystem::create_symlink("target", directory.path() + "/dir/inside-link");
    std::filesystem::create_symlink("../outside", directory.path() + "/dir/outside-link");
    auto run = run_zeroos({ guest_path("hostile_paths"), "read", "/etc/localtime", "read", "/etc/resolv.conf", "read",
        directory.path() + "/dir/outside-link", "read", directory.path() + "/dir/inside-link" });
    CHECK(run.status == 0);
    // Only the link whose target the suggested mount carries gets a note.
    CHECK(run.err
        == "zeroos-run: note: guest could not see " + directory.path() + "/dir/inside-link; it exists on the host: add --mount "
            + directory.path() + "/dir:" + directory.path() + "/dir to make it visible\n");
}
