// Rust vApps (toolchains/rust, examples/rust, tests/guests/rust): each prints the same bytes and
// exits the same way natively, under zeroos-run and on RISC-V; panics unwind, are caught, or end
// the run as natively; a host recording replays into the RISC-V build; the tools fail in one line.
#include "process.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <regex>

#ifdef ZEROOS_RUST_ENABLED

namespace {

struct Example {
    const char* name;
    std::vector<std::string> arguments;
    std::string input;
    bool takes_directory; // works in the directory given as its last argument
};

// Rust names the thread by its tid in a panic message: the host's natively, ZeroOS's (1, 2...) in
// the guest.
std::string without_thread_ids(const std::string& text)
{
    static const std::regex tid(R"(thread '([^']*)' \([0-9]+\) panicked)");
    return std::regex_replace(text, tid, "thread '$1' panicked");
}

// The targets a Rust program runs on besides natively: zeroos-run with the host build, and the
// RISC-V build when there is one.
std::vector<std::string> guest_builds(const std::string& host_binary)
{
    std::vector<std::string> builds { host_binary };
#ifdef ZEROOS_RISCV_ENABLED
    builds.push_back(host_binary + ".rv64");
#endif
    return builds;
}

// The tools need a cache directory: the build's, so the std it built is reused.
std::vector<std::string> tool_environment(std::vector<std::string> extra = {})
{
    const char* home = std::getenv("HOME");
    extra.push_back("PATH=/usr/bin:/bin");
    extra.push_back(std::string("HOME=") + (home ? home : "/root"));
    for (const char* variable : { "ZEROOS_CACHE_DIR", "XDG_CACHE_HOME" })
        if (const char* value = std::getenv(variable))
            extra.push_back(std::string(variable) + "=" + value);
    return extra;
}

bool is_one_line(const std::string& text) { return !text.empty() && text.find('\n') == text.size() - 1; }

} // namespace

TEST_CASE("Rust examples print the same bytes natively, under zeroos-run and on RISC-V")
{
    std::string tour_input = "first line of stdin\nsecond line\nthird\n";
    std::string hash_input;
    for (int i = 0; i < 3000; ++i)
        hash_input += "line " + std::to_string(i) + " hashed by the sha2 crate\n";
    auto example = GENERATE_COPY(Example { "rust-hello", { "one", "two words" }, "", false }, Example { "rust-fibonacci", {}, "", false },
        Example { "rust-fibonacci", { "93" }, "", false }, Example { "rust-fibonacci", { "94" }, "", false },
        Example { "std-tour", {}, tour_input, true }, Example { "sha256sum", {}, hash_input, false });
    CAPTURE(example.name, example.arguments);

    TemporaryDirectory native_directory;
    std::vector<std::string> native { example_path(example.name) };
    native.insert(native.end(), example.arguments.begin(), example.arguments.end());
    std::vector<std::string> arguments(example.arguments);
    if (example.takes_directory) {
        native.push_back(native_directory.path());
        arguments.push_back("/tmp");
    }
    auto expected = run_program(native, example.input);
    REQUIRE_FALSE((expected.out + expected.err).empty());
    if (example.arguments == std::vector<std::string> { "94" }) {
        CHECK(expected.status == 2);
        CHECK(expected.err == "fibonacci: N must be between 0 and 93\n");
    }
    if (std::string(example.name) == "std-tour") {
        CHECK(expected.status == 3);
        CHECK(expected.out.find("caught: Some(\"unwound through 3 frames of [1, 2, 3]\")\n") != std::string::npos);
        CHECK(expected.out.find("mutex: 4000\n") != std::string::npos);
    }
    if (std::string(example.name) == "sha256sum")
        CHECK(expected.out.rfind(run_program({ "/usr/bin/sha256sum" }, example.input).out, 0) == 0);

    for (const auto& build : guest_builds(example_path(example.name))) {
        CAPTURE(build);
        std::vector<std::string> guest { build };
        guest.insert(guest.end(), arguments.begin(), arguments.end());
        auto actual = run_zeroos(guest, example.input);
        CHECK(actual.out == expected.out);
        CHECK(actual.err == expected.err);
        CHECK(actual.status == expected.status);
    }
}

TEST_CASE("the Rust std tour works in a mounted directory and leaves it as it found it")
{
    TemporaryDirectory native_directory, mounted;
    auto expected = run_program({ example_path("std-tour"), native_directory.path() }, "x\n");
    REQUIRE(expected.status == 3);
    for (const auto& build : guest_builds(example_path("std-tour"))) {
        CAPTURE(build);
        auto actual = run_zeroos({ "--mount", mounted.path() + ":/data:rw", build, "/data" }, "x\n");
        CHECK(actual.out == expected.out);
        CHECK(actual.status == 3);
        CHECK(std::filesystem::is_empty(mounted.path()));
    }
}

TEST_CASE("a Rust panic unwinds and is caught on every target")
{
    auto native = run_program({ guest_path("rust-panics"), "catch" });
    REQUIRE(native.status == 0);
    REQUIRE(native.out
        == "dropped innermost\ndropped frame\ndropped frame\ncaught: deep panic at depth 0\n"
           "dropped innermost\ndropped frame\nthread panicked: true\n");
    for (const auto& build : guest_builds(guest_path("rust-panics"))) {
        CAPTURE(build);
        auto actual = run_zeroos({ build, "catch" });
        CHECK(actual.out == native.out);
        CHECK(without_thread_ids(actual.err) == without_thread_ids(native.err));
        CHECK(actual.status == 0);
    }
}

TEST_CASE("an uncaught Rust panic prints Rust's message and exits 101 on every target")
{
    const std::string message = "\nthread 'main' panicked at " + std::string(ZEROOS_SOURCE_DIR)
        + "/tests/guests/rust/panics.rs:18:9:\ndeep panic at depth 0\n"
          "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
    auto native = run_program({ guest_path("rust-panics"), "uncaught" });
    REQUIRE(native.status == 101);
    REQUIRE(native.out == "dropped innermost\ndropped frame\ndropped main\n");
    REQUIRE(without_thread_ids(native.err) == message);
    for (const auto& build : guest_builds(guest_path("rust-panics"))) {
        CAPTURE(build);
        auto actual = run_zeroos({ build, "uncaught" });
        CHECK(actual.out == native.out);
        CHECK(without_thread_ids(actual.err) == message);
        CHECK(actual.status == 101);
    }
}

TEST_CASE("with panic=abort a Rust panic aborts (134) on every target, without unwinding")
{
    auto native = run_program({ guest_path("rust-panics-abort"), "catch" });
    REQUIRE(native.status == 134);
    REQUIRE(native.out == "");
    REQUIRE(without_thread_ids(native.err).find("\nthread 'main' panicked at ") == 0);
    for (const auto& build : guest_builds(guest_path("rust-panics-abort"))) {
        CAPTURE(build);
        auto actual = run_zeroos({ build, "catch" });
        CHECK(actual.out == ""); // nothing was dropped: the first panic ended the run
        CHECK(actual.status == 134);
        CHECK(without_thread_ids(actual.err).find(without_thread_ids(native.err)) == 0);
    }
}

TEST_CASE("process::exit from a Rust thread ends the run with its status on every target")
{
    auto native = run_program({ guest_path("rust-panics"), "exit" });
    REQUIRE(native.status == 7);
    REQUIRE(native.out == "exiting from a thread\n");
    for (const auto& build : guest_builds(guest_path("rust-panics"))) {
        CAPTURE(build);
        auto actual = run_zeroos({ build, "exit" });
        CHECK(actual.out == native.out);
        CHECK(actual.err == "");
        CHECK(actual.status == 7);
    }
}

#ifdef ZEROOS_RISCV_ENABLED
TEST_CASE("HashMap order follows --seed, the same on the host and on RISC-V")
{
    std::vector<std::string> orders;
    for (const char* seed : { "0", "5" }) {
        auto host = run_zeroos({ "--seed", seed, guest_path("rust-hash-order") });
        auto riscv = run_zeroos({ "--seed", seed, guest_path("rust-hash-order.rv64") });
        REQUIRE(host.status == 0);
        CHECK(riscv.status == 0);
        CHECK(riscv.out == host.out);
        orders.push_back(host.out);
    }
    CHECK(orders[0] != orders[1]); // the keys do come from the seed
}

TEST_CASE("a Rust vApp recorded on the host replays into its RISC-V build")
{
    TemporaryDirectory directory;
    std::string input;
    for (int i = 0; i < 500; ++i)
        input += "recorded line " + std::to_string(i) + "\n";
    struct Case {
        const char* name;
        std::vector<std::string> arguments;
    };
    for (const auto& test : { Case { "sha256sum", {} }, Case { "std-tour", { "/tmp" } } }) {
        CAPTURE(test.name);
        std::string trace = directory.path() + "/" + test.name + ".trace";
        std::vector<std::string> record { "--record", trace, "--seed", "4", example_path(test.name) };
        record.insert(record.end(), test.arguments.begin(), test.arguments.end());
        auto recorded = run_zeroos(record, input);
        REQUIRE(recorded.status == (std::string(test.name) == "std-tour" ? 3 : 0));
        auto replayed = run_program({ ZEROOS_REPLAY, trace, "--riscv", example_path(std::string(test.name) + ".rv64") }, "other input\n");
        CHECK(replayed.status == recorded.status);
        CHECK(replayed.out == recorded.out);
        CHECK(replayed.err.find("the RISC-V build matches the recording") != std::string::npos);
    }
}
#endif

TEST_CASE("zeroos-rustc builds a new program with the cached std, for both targets")
{
    TemporaryDirectory directory;
    std::string source = directory.path() + "/app.rs";
    write_host_file(source, "fn main() { let v: Vec<u64> = (1..=10).collect(); println!(\"sum {}\", v.iter().sum::<u64>()); }\n");
    std::vector<std::string> targets { "host" };
#ifdef ZEROOS_RISCV_ENABLED
    targets.push_back("riscv64");
#endif
    for (const auto& target : targets) {
        CAPTURE(target);
        std::string output = directory.path() + "/app-" + target;
        auto built = run_program({ ZEROOS_RUSTC, "--target", target, "-O", "-o", output, source }, "", tool_environment());
        CHECK(built.status == 0);
        CHECK(built.err == ""); // the build tree's first build made the std this one reuses
        auto ran = run_zeroos({ output });
        CHECK(ran.out == "sum 55\n");
        CHECK(ran.status == 0);
    }
    // zeroos-cargo run: the crate built for RISC-V and run under zeroos-run.
    std::filesystem::create_directories(directory.path() + "/crate/src");
    write_host_file(directory.path() + "/crate/Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    write_host_file(directory.path() + "/crate/src/main.rs", "fn main() { println!(\"{} args\", std::env::args().count()); }\n");
    auto ran = run_program({ "/bin/sh", "-c", "cd \"$0\" && exec \"$1\" --target \"$2\" run --release --quiet -- a b",
                               directory.path() + "/crate", ZEROOS_CARGO, targets.back() },
        "", tool_environment());
    CHECK(ran.out == "3 args\n");
    CHECK(ran.status == 0);
#ifdef ZEROOS_RISCV_ENABLED
    CHECK(std::filesystem::exists(directory.path() + "/crate/target/riscv64imac-zeroos-linux-musl/release/app"));
#endif

    auto help = run_program({ ZEROOS_RUSTC, "--help" }, "", tool_environment());
    CHECK(help.status == 0);
    CHECK(help.out.find("zeroos-rustc -O -o app.rv64 app.rs") != std::string::npos);
    auto cargo_help = run_program({ ZEROOS_CARGO, "--help" }, "", tool_environment());
    CHECK(cargo_help.status == 0);
    CHECK(cargo_help.out.find("zeroos-cargo build --release") != std::string::npos);
}

TEST_CASE("the Rust tools fail in one clear line on bad input")
{
    TemporaryDirectory directory;
    std::string source = directory.path() + "/app.rs";
    write_host_file(source, "fn main() {}\n");
    std::string output = directory.path() + "/app";

    auto missing = run_program({ ZEROOS_RUSTC, "-o", output, source }, "", tool_environment({ "ZEROOS_RUSTC=/nonexistent/rustc" }));
    CHECK(missing.status != 0);
    CHECK(is_one_line(missing.err));
    CHECK(missing.err.find("zeroos-rustc: Debian's Rust 1.96 is missing (/nonexistent/rustc does not run): apt-get install rustc-web "
                           "cargo-web rust-web-src")
        == 0);

    // A rustc that is not Debian's 1.96, as a rustup toolchain first on PATH would be.
    std::string impostor = directory.path() + "/rustc";
    write_host_file(impostor, "#!/bin/sh\necho 'rustc 1.70.0 (90c541806 2023-05-31)'\necho 'release: 1.70.0'\n");
    std::filesystem::permissions(impostor, std::filesystem::perms::owner_all);
    auto old = run_program({ ZEROOS_RUSTC, "-o", output, source }, "", tool_environment({ "ZEROOS_RUSTC=" + impostor }));
    CHECK(old.status != 0);
    CHECK(old.err
        == "zeroos-rustc: " + impostor
            + " is Rust 1.70.0, not Debian's 1.96: apt-get install rustc-web cargo-web rust-web-src (or run ./bootstrap)\n");

    auto target = run_program({ ZEROOS_RUSTC, "--target", "arm", "-o", output, source }, "", tool_environment());
    CHECK(target.status != 0);
    CHECK(target.err
        == "zeroos-rustc: unknown --target 'arm': use riscv64 (bare-metal rv64imac, the default) or host (static x86-64 musl)\n");
    auto cargo_target = run_program({ ZEROOS_CARGO, "--target=x86_64-unknown-linux-gnu", "build" }, "", tool_environment());
    CHECK(cargo_target.status != 0);
    CHECK(is_one_line(cargo_target.err));
    CHECK(cargo_target.err.find("zeroos-cargo: unknown --target 'x86_64-unknown-linux-gnu'") == 0);

    std::filesystem::create_directories(directory.path() + "/crate/src");
    write_host_file(directory.path() + "/crate/Cargo.toml",
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nzeroos_no_such_crate = \"1\"\n");
    write_host_file(directory.path() + "/crate/src/main.rs", "fn main() {}\n");
    auto unpackaged = run_program(
        { "/bin/sh", "-c", "cd \"$0\" && exec \"$1\" --target host build --release", directory.path() + "/crate", ZEROOS_CARGO }, "",
        tool_environment());
    CHECK(unpackaged.status != 0);
    CHECK(is_one_line(unpackaged.err));
    CHECK(unpackaged.err.find(
              "zeroos-cargo: crate 'zeroos_no_such_crate' is not among Debian's packaged crates in /usr/share/cargo/registry: "
              "install librust-zeroos-no-such-crate-dev if Debian has it")
        == 0);
    CHECK_FALSE(std::filesystem::exists(directory.path() + "/crate/target"));
}

#endif
