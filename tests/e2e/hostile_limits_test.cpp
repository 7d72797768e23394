// Resource exhaustion ends with the Linux error or a clear stop, never a hang or a tracer crash.
#include "process.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

TEST_CASE("fd exhaustion gives EMFILE at --max-fds and at the default of 1024")
{
    auto limited = run_zeroos({ "--max-fds", "64", guest_path("hostile_limits"), "fds" });
    CHECK(limited.status == 0);
    CHECK(limited.out == "opened 61, then EMFILE\n");
    auto by_default = run_zeroos({ guest_path("hostile_limits-glibc"), "fds" });
    CHECK(by_default.status == 0);
    CHECK(by_default.out == "opened 1021, then EMFILE\n");
}

TEST_CASE("a memory bomb gets ENOMEM at --memory")
{
    auto run = run_zeroos({ "--memory", "16M", guest_path("hostile_limits"), "memory", "1000" });
    CHECK(run.status == 0);
    CHECK(run.out == "mapped 16 MiB, then ENOMEM\nmalloc(1 TiB): ENOMEM\n");
    CHECK(run.err == "");
}

TEST_CASE("endless recursion ends in SIGSEGV with a report")
{
    auto run = run_zeroos({ guest_path("hostile_limits"), "recurse" });
    CHECK(run.status == 128 + SIGSEGV);
    CHECK(run.out == "recursing\n");
    CHECK(run.err.rfind("zeroos-run: guest crashed: SIGSEGV (Segmentation fault) at address 0x", 0) == 0);
}

TEST_CASE("2 GiB written to stdout stream through a tracer of bounded size")
{
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        std::string guest = guest_path("hostile_limits");
        char* argv[] = { const_cast<char*>(ZEROOS_RUN), guest.data(), const_cast<char*>("flood"), const_cast<char*>("2048"), nullptr };
        char* envp[] = { nullptr };
        execve(argv[0], argv, envp);
        _exit(127);
    }
    int status = 0;
    rusage usage {};
    REQUIRE(wait4(child, &status, 0, &usage) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    // ru_maxrss (KiB) of zeroos-run, or of the guest if larger: far below the 2 GiB that went through.
    CHECK(usage.ru_maxrss < 64 * 1024);
}

TEST_CASE("a guest that never ends is stopped by --timeout with status 124")
{
    auto run = run_zeroos({ "--timeout", "1", guest_path("hostile_limits"), "spin" });
    CHECK(run.status == 124);
    CHECK(run.out == "spinning\n");
    CHECK(run.err == "zeroos-run: guest stopped: --timeout ran out\n");
    const std::string guest = guest_path("hostile_limits");
    auto quick = run_zeroos({ "--timeout", "100", guest, "args" });
    CHECK(quick.status == 0);
    CHECK(quick.out == "argc 2, 0 variables, " + std::to_string(guest.size() + 1 + 5) + " bytes\n");
}

TEST_CASE("huge argv and environment reach the guest whole")
{
    std::vector<std::string> arguments { "--env", "BIG=" + std::string(100000, 'e'), guest_path("hostile_limits"), "args" };
    size_t bytes = arguments[2].size() + 1 + 5 + 4 + 100000 + 1; // argv[0], "args", BIG=..., with their NULs
    for (int i = 0; i < 20000; ++i) {
        arguments.push_back(std::string(8, 'a'));
        bytes += 9;
    }
    auto run = run_zeroos(arguments);
    CHECK(run.status == 0);
    CHECK(run.out == "argc 20002, 1 variables, " + std::to_string(bytes) + " bytes\n");
}

TEST_CASE("fs and gs bases outside the user address space are EPERM as on Linux, not a tracer failure")
{
    const std::string expected = "ARCH_SET_FS 0x800000000000: EPERM\nARCH_SET_GS 0x800000000000: EPERM\n"
                                 "ARCH_SET_FS 0xffff800000000000: EPERM\nARCH_SET_GS 0xffff800000000000: EPERM\n"
                                 "ARCH_SET_FS 0x8000000000000000: EPERM\nARCH_SET_GS 0x8000000000000000: EPERM\n"
                                 "clone with tls 0x8000000000000000: EPERM\n";
    auto native = run_program({ guest_path("hostile_limits-glibc"), "tls" });
    CHECK(native.status == 0);
    CHECK(native.out == expected);
    for (const char* guest : { "hostile_limits", "hostile_limits-glibc" }) {
        CAPTURE(guest);
        auto run = run_zeroos({ guest_path(guest), "tls" });
        CHECK(run.status == 0);
        CHECK(run.out == expected);
        CHECK(run.err == "");
    }
}

TEST_CASE("the auxv a guest reads holds ZeroOS's ids and sizes whoever runs it and on whatever CPU")
{
    for (const char* guest : { "hostile_limits", "hostile_limits-glibc" }) {
        CAPTURE(guest);
        auto run = run_zeroos({ guest_path(guest), "auxv" });
        CHECK(run.status == 0);
        CHECK(run.out
            == "AT_UID 0\nAT_EUID 0\nAT_GID 0\nAT_EGID 0\nAT_SECURE 0\nAT_HWCAP2 0\nAT_MINSIGSTKSZ 16384\nAT_RSEQ_FEATURE_SIZE 0\n"
               "AT_RSEQ_ALIGN 0\nAT_SYSINFO_EHDR 0\n");
    }
}

TEST_CASE("a --rootfs that is a device, a directory or no tar is refused in one line before anything is read")
{
    TemporaryDirectory directory;
    write_host_file(directory.path() + "/text.tar", std::string(4096, 'x'));
    const std::vector<std::pair<std::string, std::string>> cases {
        { "/dev/zero", "--rootfs /dev/zero is not a regular file (a tar archive is expected)" },
        { "/etc", "--rootfs /etc is not a regular file (a tar archive is expected)" },
        { directory.path() + "/text.tar",
            "--rootfs " + directory.path() + "/text.tar is not a tar archive (no ustar header at its start)" },
        { directory.path() + "/absent.tar", "cannot read --rootfs " + directory.path() + "/absent.tar: No such file or directory" },
    };
    for (const auto& [rootfs, message] : cases) {
        CAPTURE(rootfs);
        for (const char* guest : { "exit_status", "exit_status.rv64" }) {
            if (std::string(guest).ends_with(".rv64") && !std::filesystem::exists(guest_path(guest)))
                continue;
            auto run = run_zeroos({ "--timeout", "20", "--rootfs", rootfs, guest_path(guest) });
            CHECK(run.status == 2);
            CHECK(run.err == "zeroos-run: " + message + "\n");
        }
    }
}

namespace {

// zeroos-run --timeout 1 ARGUMENTS with a stdin whose writer never writes nor closes, or a stdout
// whose reader never reads: the exit status, or -1 if it is still running after 30 seconds.
int status_with_stuck_stdio(const std::vector<std::string>& arguments, bool stuck_stdout)
{
    int stdin_pipe[2], stdout_pipe[2];
    REQUIRE(pipe(stdin_pipe) == 0);
    REQUIRE(pipe(stdout_pipe) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(stuck_stdout ? null : stdin_pipe[0], 0);
        dup2(stuck_stdout ? stdout_pipe[1] : null, 1);
        dup2(null, 2);
        std::vector<std::string> command { ZEROOS_RUN, "--timeout", "1" };
        command.insert(command.end(), arguments.begin(), arguments.end());
        std::vector<char*> argv;
        for (auto& part : command)
            argv.push_back(part.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(stdin_pipe[0]);
    close(stdout_pipe[1]);
    // Both other ends stay open and untouched until zeroos-run has ended (or is given up on).
    int pidfd = static_cast<int>(syscall(SYS_pidfd_open, child, 0));
    REQUIRE(pidfd >= 0);
    pollfd ended { pidfd, POLLIN, 0 };
    int ready = poll(&ended, 1, 30000);
    int status = 0;
    if (ready != 1)
        kill(child, SIGKILL);
    waitpid(child, &status, 0);
    close(pidfd);
    close(stdin_pipe[1]);
    close(stdout_pipe[0]);
    return ready == 1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST_CASE("the timeout ends a run blocked on a stdin nobody writes or a stdout nobody reads")
{
    CHECK(status_with_stuck_stdio({ guest_path("wait_for_input") }, false) == 124);
    CHECK(status_with_stuck_stdio({ guest_path("hostile_limits"), "flood", "64" }, true) == 124);
    if (std::filesystem::exists(guest_path("wait_for_input.rv64")))
        CHECK(status_with_stuck_stdio({ guest_path("wait_for_input.rv64") }, false) == 124);
}

// Not in the sanitizer tree: ASan reserves terabytes of shadow address space at start-up, which
// no ulimit -v a test could set leaves room for.
#ifndef ZEROOS_SANITIZED
TEST_CASE("zeroos-run runs under an address-space limit far below its usual 8 GiB kernel heap")
{
    // ulimit -v 3 GiB: the 1 GiB arena first, then the largest kernel heap that still fits.
    auto run = run_program(
        { "/bin/sh", "-c", std::string("ulimit -v 3145728 && exec ") + ZEROOS_RUN + " -v " + guest_path("exit_status") + " exit 5" });
    CHECK(run.status == 5);
    CHECK(run.err.find("zeroos-run: [info] the kernel heap is 1024 MiB (the address-space limit leaves no room for 8192 MiB)\n")
        != std::string::npos);
}
#endif

TEST_CASE("file data is charged to --fs-size, by default the --memory size, and a sparse file costs only its pages")
{
    const std::string expected = "wrote 16740352 bytes, then ENOSPC\n" // 16 MiB less the table pages of the file
                                 "full: 4096 blocks, 0 free\n"
                                 "after unlink: 4096 blocks, 4096 free\n"
                                 "pwrite at 256 GiB: 1, size 274877906945, 8 blocks of 512\n"
                                 "read back: 1 'z'\n"
                                 "sparse: 4096 blocks, 4093 free\n" // the data page, a leaf and a middle node
                                 "truncated: 4096 blocks, 4096 free\n";
    auto by_memory = run_zeroos({ "--memory", "16M", guest_path("file_space") });
    CHECK(by_memory.status == 0);
    CHECK(by_memory.out == expected);
    CHECK(by_memory.err == "");
    auto by_fs_size = run_zeroos({ "--fs-size", "16M", guest_path("file_space-glibc") });
    CHECK(by_fs_size.status == 0);
    CHECK(by_fs_size.out == expected);
    if (std::filesystem::exists(guest_path("file_space.rv64"))) {
        auto riscv = run_zeroos({ "--fs-size", "16M", guest_path("file_space.rv64") });
        CHECK(riscv.status == 0);
        CHECK(riscv.out == expected);
    }
}

TEST_CASE("mounted files larger than --fs-size are refused in one line before the guest starts")
{
    TemporaryDirectory directory;
    write_host_file(directory.path() + "/big", std::string(2 << 20, 'b'));
    auto run = run_zeroos({ "--fs-size", "1M", "--mount", directory.path() + ":/data", guest_path("exit_status"), "exit", "0" });
    CHECK(run.status == 2);
    CHECK(run.out == "");
    CHECK(run.err
        == "zeroos-run: cannot mount " + directory.path() + " at /data: /data/big: the files are larger than --fs-size (1048576 bytes)\n");
}
