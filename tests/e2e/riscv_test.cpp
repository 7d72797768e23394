// The RISC-V build: vApps use only what a zkVM offers, run under qemu through zeroos-run, and
// behave exactly as their host builds do.
#include "process.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <sstream>

#ifdef ZEROOS_RISCV_ENABLED

namespace {

const char* const kVapps[] = { "hello", "fibonacci", "c-smoke" };

// Instructions retired by a run, from zeroos-run --stats or --count-instructions.
long instructions_retired(const RunResult& run)
{
    std::smatch match;
    static const std::regex pattern("instructions retired: ([0-9]+)");
    if (!std::regex_search(run.err, match, pattern))
        return -1;
    return std::stol(match[1]);
}

} // namespace

TEST_CASE("vApps contain no floating-point instruction and touch only the CSRs a zkVM offers")
{
    // zkVMs (Jolt's RV64IMAC, SP1, RISC Zero) have no F/D unit; the trap code may use only these.
    static const std::regex floating_point(R"(^(f[ls][whdq]|f[a-z]+\.[sdqh]|fmv\.|fcvt\.|fclass|f[rs](csr|rm|flags)|c\.f[ls][dw]))");
    static const std::regex csr_instruction(R"(^csrr?[wsc]?i?$)");
    static const std::regex allowed_csr(R"(\b(mstatus|mtvec|mscratch|mepc|mcause|mtval|minstret|cycle|mcycle|instret)\b)");
    std::vector<std::string> binaries;
    for (const char* name : kVapps)
        binaries.push_back(example_path(std::string(name) + ".rv64"));
    // C++ with libstdc++ (soft-float, like musl), exceptions and threads.
    for (const char* name : { "cpp-smoke", "stl-tour" })
        binaries.push_back(example_path(std::string(name) + ".rv64"));
    for (const char* name : { "determinism", "bad_pointers", "files", "cxx_vapp" })
        binaries.push_back(guest_path(std::string(name) + ".rv64"));
#ifdef ZEROOS_RUST_ENABLED
    // Rust vApps: std, the unwinder and Debian's crates, built for rv64imac by zeroos-rustc/zeroos-cargo.
    for (const char* name : { "rust-hello", "rust-fibonacci", "std-tour", "sha256sum" })
        binaries.push_back(example_path(std::string(name) + ".rv64"));
    for (const char* name : { "rust-panics", "rust-panics-abort" })
        binaries.push_back(guest_path(std::string(name) + ".rv64"));
#endif
    for (const auto& binary : binaries) {
        CAPTURE(binary);
        auto disassembly = run_program({ ZEROOS_RISCV_OBJDUMP, "-d", "--no-show-raw-insn", binary });
        REQUIRE(disassembly.status == 0);
        std::istringstream lines(disassembly.out);
        size_t instructions = 0;
        for (std::string line; std::getline(lines, line);) {
            // "    80000000:\tauipc\tgp,0x5"
            auto tab = line.find(":\t");
            if (tab == std::string::npos)
                continue;
            std::string text = line.substr(tab + 2);
            std::string mnemonic = text.substr(0, text.find('\t'));
            ++instructions;
            CHECK_FALSE(std::regex_search(mnemonic, floating_point));
            if (std::regex_match(mnemonic, csr_instruction)) {
                CAPTURE(line);
                CHECK(std::regex_search(text, allowed_csr));
            }
        }
        CHECK(instructions > 1000);
    }
}

TEST_CASE("a null syscall round trip on RISC-V retires at most 60 instructions")
{
    // The same loop with an ecall (getpid) and with two instructions in its place (li a0, 1; nop),
    // each run for N and 2N iterations so start-up cancels out: the difference per iteration is
    // the round trip, ecall to the instruction after it, minus 2.
    constexpr long kCalls = 10000;
    auto added_by = [](const char* mode) {
        long counts[2];
        for (long times : { 1, 2 }) {
            std::vector<std::string> command { "--count-instructions", guest_path("syscall_loop.rv64"), std::to_string(times * kCalls) };
            if (*mode)
                command.push_back(mode);
            auto run = run_zeroos(command);
            REQUIRE(run.status == 0);
            counts[times - 1] = instructions_retired(run);
            REQUIRE(counts[times - 1] > 0);
        }
        return counts[1] - counts[0];
    };
    long with_calls = added_by(""), without = added_by("nop");
    REQUIRE(with_calls > without);
    REQUIRE((with_calls - without) % kCalls == 0); // -icount is exact: every call costs the same
    long round_trip = (with_calls - without) / kCalls + 2;
    WARN("instructions per getpid round trip: " << round_trip);
    CHECK(round_trip <= 60);
}

TEST_CASE("zeroos-run --count-instructions reports the count alone and --stats costs the calls their fast path")
{
    auto counted = run_zeroos({ "--count-instructions", guest_path("syscall_loop.rv64"), "1000" });
    auto stats = run_zeroos({ "--stats", guest_path("syscall_loop.rv64"), "1000" });
    REQUIRE(counted.status == 0);
    REQUIRE(stats.status == 0);
    CHECK(std::regex_match(counted.err, std::regex("zeroos-run: instructions retired: [0-9]+\n")));
    CHECK(stats.err.find("getpid") != std::string::npos);
    // The observer sends every call through the C++ dispatcher, and its own readings are taken off.
    CHECK(instructions_retired(stats) > instructions_retired(counted));
}

TEST_CASE("a RISC-V vApp that runs past --timeout stops with status 124")
{
    auto run = run_zeroos({ "--timeout", "1", guest_path("syscall_loop.rv64"), "1000000000000" });
    CHECK(run.status == 124);
    CHECK(run.err == "zeroos-run: guest stopped: --timeout ran out\n");
}

TEST_CASE("zeroos-run refuses --count-instructions for host programs")
{
    auto run = run_zeroos({ "--count-instructions", guest_path("syscall_loop"), "1" });
    CHECK(run.status == 2);
    CHECK(run.err == "zeroos-run: --count-instructions is for RISC-V vApps; for a host run use --stats\n");
}

TEST_CASE("instructions per thread switch on RISC-V")
{
    auto idle = run_zeroos({ "--count-instructions", guest_path("yield_loop.rv64"), "0" });
    auto busy = run_zeroos({ "--count-instructions", guest_path("yield_loop.rv64"), "2000" });
    REQUIRE(idle.status == 0);
    REQUIRE(busy.status == 0);
    CHECK(busy.out == "2000 yields each\n");
    long base = instructions_retired(idle), loaded = instructions_retired(busy);
    REQUIRE(loaded > base);
    // Each of the 4000 sched_yield calls switches to the other thread.
    double per_switch = static_cast<double>(loaded - base) / 4000.0;
    WARN("instructions per sched_yield that switches threads: " << per_switch);
    CHECK(per_switch < 1000); // about 520: the fast path's detour into the scheduler, both contexts swapped
}

TEST_CASE("threaded RISC-V vApps behave as their host builds do")
{
    struct Case {
        std::string binary;
        std::vector<std::string> arguments;
    };
    std::vector<Case> cases = {
        { example_path("threads"), {} },
        { guest_path("threads_timedwait"), {} },
        { guest_path("threads_main_exit"), {} },
        { guest_path("threads_pthread"), {} },
        { guest_path("threads_deadlock"), {} },
        { guest_path("threads_cpp"), {} },
    };
    // Without an F extension there is no floating-point environment to keep per thread.
    auto comparable = [](const std::string& text) {
        std::string kept;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);)
            if (line.rfind("rounding modes kept", 0) != 0)
                kept += line + "\n";
        return kept;
    };
    for (const auto& test : cases) {
        CAPTURE(test.binary);
        std::vector<std::string> host { test.binary }, riscv { test.binary + ".rv64" };
        host.insert(host.end(), test.arguments.begin(), test.arguments.end());
        riscv.insert(riscv.end(), test.arguments.begin(), test.arguments.end());
        auto expected = run_zeroos(host);
        auto actual = run_zeroos(riscv);
        CHECK(comparable(actual.out) == comparable(expected.out));
        CHECK(actual.status == expected.status);
    }
}

TEST_CASE("RISC-V vApps print exactly what their host builds print")
{
    struct Case {
        const char* binary;
        std::vector<std::string> arguments;
        std::string input;
    };
    std::vector<Case> cases = {
        { "hello", { "one", "two words" }, "" },
        { "fibonacci", { "93" }, "" },
        { "c-smoke", {}, "" },
    };
    for (const auto& test : cases) {
        CAPTURE(test.binary);
        std::vector<std::string> host { example_path(std::string(test.binary)) };
        std::vector<std::string> riscv { example_path(std::string(test.binary) + ".rv64") };
        for (const auto& argument : test.arguments) {
            host.push_back(argument);
            riscv.push_back(argument);
        }
        auto expected = run_zeroos(host, test.input);
        auto actual = run_zeroos(riscv, test.input);
        CHECK(actual.out == expected.out);
        CHECK(actual.status == expected.status);
    }
    for (const char* guest : { "determinism", "bad_pointers" }) {
        CAPTURE(guest);
        auto expected = run_zeroos({ "--seed", "3", "--epoch", "99", guest_path(std::string(guest)) });
        auto actual = run_zeroos({ "--seed", "3", "--epoch", "99", guest_path(std::string(guest) + ".rv64") });
        CHECK(actual.out == expected.out);
        CHECK(actual.status == expected.status);
    }
    for (const char* ending : { "abort", "kill-self" }) {
        auto expected = run_zeroos({ guest_path("exit_status"), ending });
        auto actual = run_zeroos({ guest_path("exit_status.rv64"), ending });
        CHECK(actual.out == expected.out);
        CHECK(actual.status == expected.status);
    }
}

TEST_CASE("C++ vApps built by zeroos-c++ print exactly what their host musl builds print")
{
    // Constructors in priority order, virtual dispatch, templates, lambdas, new/delete, a contended
    // static local and destructors at exit, with libstdc++ on both targets (cxx_stdlib_test.cpp
    // has the library itself).
    auto expected = run_zeroos({ guest_path("cxx_vapp-glibc") });
    auto actual = run_zeroos({ guest_path("cxx_vapp.rv64") });
    CHECK(expected.status == 3);
    CHECK(expected.out.find("destroy early global (init_priority 200)\ndestructor function (.fini_array)\n") != std::string::npos);
    CHECK(actual.out == expected.out);
    CHECK(actual.status == expected.status);
    // musl's static start-up never runs .preinit_array; vapp.ld runs it on RISC-V as glibc does.
    const std::string preinit = "preinit_array entry\n";
    REQUIRE(expected.out.rfind(preinit, 0) == 0);
    auto musl = run_zeroos({ guest_path("cxx_vapp") });
    CHECK(musl.out == expected.out.substr(preinit.size()));
    CHECK(musl.status == 3);
}

TEST_CASE("mounted trees and rootfs archives reach RISC-V vApps as they reach host runs")
{
    TemporaryDirectory directory;
    std::filesystem::create_directories(directory.path() + "/mounted/sub");
    write_host_file(directory.path() + "/mounted/sub/a.txt", "from the mount\n");
    std::filesystem::create_symlink("sub/a.txt", directory.path() + "/mounted/link");
    std::filesystem::create_directories(directory.path() + "/root/etc");
    write_host_file(directory.path() + "/root/etc/motd", "from the rootfs\n");
    REQUIRE(run_program({ "/bin/tar", "-C", directory.path() + "/root", "-cf", directory.path() + "/root.tar", "." }).status == 0);

    std::vector<std::vector<std::string>> commands = {
        { "cat", "/data/link" },
        { "ls", "/data" },
        { "ls", "/etc" },
        { "cat", "/etc/motd" },
        { "write", "/data/new.txt", "refused" },
    };
    for (const auto& command : commands) {
        CAPTURE(command);
        std::vector<std::string> options { "--rootfs", directory.path() + "/root.tar", "--mount", directory.path() + "/mounted:/data" };
        auto host = options, riscv = options;
        host.push_back(guest_path("files"));
        riscv.push_back(guest_path("files.rv64"));
        host.insert(host.end(), command.begin(), command.end());
        riscv.insert(riscv.end(), command.begin(), command.end());
        auto expected = run_zeroos(host);
        auto actual = run_zeroos(riscv);
        CHECK(actual.out == expected.out);
        CHECK(actual.status == expected.status);
    }
}

TEST_CASE("a RISC-V vApp's changes under a :rw mount are written back as a host run writes them")
{
    // The same changes made by the host build and by the vApp, each in its own copy of a tree.
    auto tree_after = [](const std::string& program, const std::vector<std::string>& extra_options) {
        TemporaryDirectory directory;
        std::filesystem::create_directories(directory.path() + "/sub");
        write_host_file(directory.path() + "/sub/a.txt", "from the host\n");
        write_host_file(directory.path() + "/untouched.txt", "stays\n");
        std::vector<std::string> command { "--mount", directory.path() + ":/data:rw" };
        command.insert(command.end(), extra_options.begin(), extra_options.end());
        command.insert(command.end(), { program, "change-tree", "/data" });
        auto run = run_zeroos(command);
        CHECK(run.status == 0);
        CHECK(run.err == "");
        std::vector<std::string> listing;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(directory.path())) {
            std::string line = std::filesystem::relative(entry.path(), directory.path()).string();
            auto permissions = static_cast<unsigned>(std::filesystem::status(entry.path()).permissions());
            // (append, not " " + ...: GCC 12 warns falsely about the temporary's memcpy.)
            line.append(" ").append(std::to_string(permissions & 0777));
            if (entry.is_regular_file())
                line.append(" ").append(read_host_file(entry.path().string()));
            listing.push_back(line);
        }
        std::sort(listing.begin(), listing.end());
        return listing;
    };
    auto host = tree_after(guest_path("files"), {});
    CHECK(host.size() == 8);
    CHECK(tree_after(guest_path("files.rv64"), {}) == host);
    // --trace sends every call through the C++ dispatcher; the changes are the same.
    CHECK(tree_after(guest_path("files.rv64"), { "--trace-file", "/dev/null" }) == host);
}

TEST_CASE("a RISC-V vApp stopped before it ends writes nothing back to a :rw mount")
{
    TemporaryDirectory directory;
    write_host_file(directory.path() + "/a.txt", "before\n");
    auto run
        = run_zeroos({ "--timeout", "1", "--mount", directory.path() + ":/data:rw", guest_path("syscall_loop.rv64"), "1000000000000" });
    CHECK(run.status == 124);
    CHECK(read_host_file(directory.path() + "/a.txt") == "before\n");
    CHECK(std::filesystem::directory_iterator(directory.path())->path().filename() == "a.txt");
}

TEST_CASE("a faulting RISC-V vApp stops with the cause, mepc and mtval, as SIGSEGV")
{
    auto run = run_zeroos({ guest_path("exit_status.rv64"), "segv" });
    CHECK(run.status == 139);
    CHECK(run.err.find("store access fault") != std::string::npos);
}

TEST_CASE("a memory size given for a RISC-V vApp is refused, naming zeroos-cc --memory, instead of ignored")
{
    auto run = run_zeroos({ "--memory", "64M", guest_path("exit_status.rv64"), "exit", "0" });
    CHECK(run.status == 2);
    CHECK(run.err == "zeroos-run: --memory is for host runs: a RISC-V vApp's RAM is set when it is linked (zeroos-cc --memory SIZE)\n");
    CHECK(run_zeroos({ guest_path("exit_status.rv64"), "exit", "0" }).status == 0);
}

TEST_CASE("the fd limit and the file-space size reach a RISC-V vApp as they reach its host build")
{
    for (const char* guest : { "files", "files.rv64" }) {
        CAPTURE(guest);
        auto limited = run_zeroos({ "--max-fds", "16", guest_path(guest), "open-all", "/dev/null" });
        CHECK(limited.status == 0);
        CHECK(limited.out == "opened 13, then EMFILE\n");
    }
    // 8 KiB hold two pages: a file's first data page needs three (its leaf and middle nodes too).
    auto small = run_zeroos({ "--fs-size", "8K", guest_path("files.rv64"), "write", "/tmp/a", "x" });
    CHECK(small.out == "write: ENOSPC\n");
    CHECK(small.status == 1);
    CHECK(run_zeroos({ guest_path("files.rv64"), "write", "/tmp/a", "x" }).status == 0);
}

#endif
