// Every example prints under zeroos-run exactly what it prints natively, with the same status.
#include "process.h"

#include <catch2/catch.hpp>

namespace {

struct Example {
    const char* name;
    std::vector<std::string> arguments;
    bool takes_directory; // works in the directory given as its last argument
};

} // namespace

TEST_CASE("examples give their native output under zeroos-run")
{
    auto example = GENERATE(Example { "hello", { "one", "two words" }, false }, Example { "fibonacci", {}, false },
        Example { "fibonacci", { "93" }, false }, Example { "c-smoke", {}, true }, Example { "cpp-smoke", {}, true },
        Example { "stl-tour", {}, true }, Example { "threads", {}, false }, Example { "threads", { "12345" }, false });
    auto libc = GENERATE(as<std::string> {}, "glibc", "musl");
    std::string binary = example_path(host_build(example.name, libc));
    CAPTURE(binary, example.arguments);

    TemporaryDirectory native_directory;
    std::vector<std::string> native { binary };
    native.insert(native.end(), example.arguments.begin(), example.arguments.end());
    std::vector<std::string> guest = native;
    if (example.takes_directory) {
        native.push_back(native_directory.path());
        guest.push_back("/tmp");
    }
    auto expected = run_program(native);
    REQUIRE(expected.status == 0);
    REQUIRE_FALSE(expected.out.empty());

    auto actual = run_zeroos(guest);
    CHECK(actual.err == "");
    CHECK(actual.out == expected.out);
    CHECK(actual.status == expected.status);
}

TEST_CASE("busybox sha256sum hashes stdin exactly as natively")
{
    std::string input;
    for (int i = 0; i < 20000; ++i)
        input += "line " + std::to_string(i) + " of the input tape\n";
    auto expected = run_program({ "/bin/busybox", "sha256sum" }, input);
    REQUIRE(expected.status == 0);
    auto actual = run_zeroos({ "/bin/busybox", "sha256sum" }, input);
    CHECK(actual.err == "");
    CHECK(actual.out == expected.out);
    CHECK(actual.status == 0);
}

TEST_CASE("busybox applets see only the guest file system")
{
    TemporaryDirectory directory;
    write_host_file(directory.path() + "/data.txt", "mounted bytes\n");
    auto expected = run_program({ "/bin/busybox", "sha256sum", directory.path() + "/data.txt" });
    auto actual = run_zeroos({ "--mount", directory.path() + ":/data", "/bin/busybox", "sha256sum", "/data/data.txt" });
    CHECK(actual.status == 0);
    CHECK(actual.out.substr(0, 64) == expected.out.substr(0, 64));
    CHECK(actual.out.substr(64) == "  /data/data.txt\n");
}
