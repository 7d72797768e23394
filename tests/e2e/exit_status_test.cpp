// zeroos-run exits as the guest did: its status, or 128 + the signal that ended it.
#include "process.h"

#include <catch2/catch.hpp>
#include <filesystem>

TEST_CASE("the guest's exit status is zeroos-run's")
{
    auto libc = GENERATE(as<std::string> {}, "glibc", "musl");
    std::string guest = guest_path(host_build("exit_status", libc));

    auto exited = run_zeroos({ guest, "exit", "7" });
    CHECK(exited.status == 7);
    CHECK(exited.out == "ending by exit\n");
    CHECK(exited.err == "");

    auto aborted = run_zeroos({ guest, "abort" });
    CHECK(aborted.status == 134);
    CHECK(aborted.err.find("SIGABRT") != std::string::npos);

    auto faulted = run_zeroos({ guest, "segv" });
    CHECK(faulted.status == 139);
    CHECK(faulted.err.find("SIGSEGV") != std::string::npos);

    auto terminated = run_zeroos({ guest, "kill-self" });
    CHECK(terminated.status == 143);
    CHECK(terminated.err.find("SIGTERM") != std::string::npos);

    auto ignored = run_zeroos({ guest, "ignored" });
    CHECK(ignored.status == 0);
    CHECK(ignored.out == "ending by ignored\nsurvived an ignored SIGTERM\n");
}

TEST_CASE("zeroos-run explains what it cannot run")
{
    auto missing = run_zeroos({ "/no/such/program" });
    CHECK(missing.status == 127);
    CHECK(missing.err.find("/no/such/program") != std::string::npos);

    auto dynamic = run_zeroos({ "/bin/true" });
    CHECK(dynamic.status != 0);
    CHECK(dynamic.err.find("statically") != std::string::npos);

    auto bad_option = run_zeroos({ "--no-such-option", guest_path("exit_status") });
    CHECK(bad_option.status == 2);
    CHECK(bad_option.err.rfind("zeroos-run: ", 0) == 0);

    auto help = run_zeroos({ "--help" });
    CHECK(help.status == 0);
    for (const char* option : { "--seed", "--epoch", "--memory", "--mount", "--rootfs", "--env", "--on-unsupported" })
        CHECK(help.out.find(option) != std::string::npos);
}

TEST_CASE("an arena size that wraps and a trace file in a missing directory are one clear line each")
{
    auto huge = run_zeroos({ "--memory", "18446744073709551615", guest_path("exit_status") });
    CHECK(huge.status == 2);
    CHECK(huge.err == "zeroos-run: --memory '18446744073709551615' is more than the largest arena, 1024G\n");

    TemporaryDirectory directory;
    const std::string file = directory.path() + "/missing/run.log";
    auto traced = run_zeroos({ "--trace", "--trace-file", file, guest_path("exit_status") });
    CHECK(traced.status == 2);
    CHECK(traced.err == "zeroos-run: cannot open the trace file " + file + ": No such file or directory\n");
    CHECK_FALSE(std::filesystem::exists(directory.path() + "/missing"));
}
