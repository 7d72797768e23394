// libFuzzer target: :rw write-back of a host run (Mounts::write_back), after a guest has done what
// it likes to the mounted tree. A host tree with symlinks out of it, a hard link to a file outside,
// a FIFO and a nested mount is imported as zeroos-run imports it; the input is a sequence of file
// system calls on paths in and around it; then the tree is written back. Any crash, leak, sanitizer
// report or hang (opening the FIFO) is a bug, and so is any change outside the :rw trees.
//
// Input: one configuration byte (bit 0: the nested mount is :rw too), then records until the input
// runs out: u8 call, u8 path, u8 second path, u8 mode, u8 length, then that many data bytes.
#include "fake_platform.h"
#include "fuzz_input.h"
#include "mounts.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <spdlog/spdlog.h>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& path, const std::string& contents) { std::ofstream(path, std::ios::binary) << contents; }

std::set<std::string> listing(const fs::path& directory)
{
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory))
        names.insert(entry.path().filename().string());
    return names;
}

// tree/ is mounted at /data (:rw), inner/ at /data/inner; outside/ must stay as it is.
struct Sandbox {
    fs::path root;
    Sandbox()
    {
        char pattern[] = "/tmp/zeroos-host-write-back-fuzz-XXXXXX";
        if (!mkdtemp(pattern))
            std::abort();
        root = pattern;
        fs::create_directories(root / "tree" / "sub");
        fs::create_directories(root / "outside");
        fs::create_directories(root / "inner");
        write_file(root / "outside" / "secret", "host secret\n");
        write_file(root / "inner" / "g", "inner\n");
        write_file(root / "tree" / "inside.txt", "inside\n");
        fs::create_symlink("../outside/secret", root / "tree" / "up");
        fs::create_symlink(root / "outside" / "secret", root / "tree" / "abs");
        fs::create_symlink("../outside", root / "tree" / "dir");
        fs::create_hard_link(root / "outside" / "secret", root / "tree" / "linked");
        if (mkfifo((root / "tree" / "fifo").c_str(), 0644) != 0)
            std::abort();
    }
    ~Sandbox() { fs::remove_all(root); }
};

using Input = FuzzInput;

namespace abi = zeroos::abi;
constexpr uint64_t kAtFdcwd = static_cast<uint64_t>(abi::at_fdcwd);
constexpr uint64_t kOpenFlags[] = { abi::o_wronly | abi::o_creat | abi::o_trunc, abi::o_wronly | abi::o_creat | abi::o_excl,
    abi::o_wronly | abi::o_creat | abi::o_append, abi::o_wronly | abi::o_creat | abi::o_nofollow };

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool quiet = (spdlog::set_level(spdlog::level::warn), true); // no line per file written back
    (void)quiet;
    Input input(data, size);
    bool inner_writable = (input.byte() & 1) != 0;
    Sandbox sandbox;
    const std::string root = sandbox.root.string();
    const std::vector<std::string> paths { "/data", "/data/inside.txt", "/data/up", "/data/abs", "/data/dir", "/data/dir/secret",
        "/data/sub", "/data/sub/f", "/data/new", "/data/new/deeper", "/data/linked", "/data/fifo", "/data/inner", "/data/inner/g",
        "/data/\xff\xfe\x80", "/data/..", "/data/up/x", "/data/sub/../up", "/tmp/t", "/", "../outside", "../outside/secret", "..", ".",
        root + "/outside", root + "/outside/secret", "/data/sub/" + std::string(255, 'n'), "/data/a/b/c" };

    KernelFixture fixture;
    zeroos::tracer::MountSpec tree { root + "/tree", "/data", true };
    zeroos::tracer::MountSpec inner { root + "/inner", "/data/inner", inner_writable };
    zeroos::tracer::Mounts mounts({ tree, inner });
    if (!mounts.import(fixture.kernel(), "").empty())
        std::abort(); // the fixed tree always imports

    for (int call = 0; call < 48 && !input.empty(); ++call) {
        uint8_t what = input.byte();
        uint64_t path = fixture.put_string(paths[input.byte() % paths.size()]);
        uint64_t other = fixture.put_string(paths[input.byte() % paths.size()]);
        uint8_t mode = input.byte();
        std::string bytes = input.bytes(input.byte());
        switch (what % 10) {
        case 0: { // create or rewrite a file
            long fd = fixture.call("openat", kAtFdcwd, path, kOpenFlags[mode % 4], 0600 | (mode & 077));
            if (fd >= 0) {
                fixture.call("write", static_cast<uint64_t>(fd), fixture.put_bytes(bytes.data(), bytes.size()), bytes.size());
                fixture.call("close", static_cast<uint64_t>(fd));
            }
            break;
        }
        case 1:
            fixture.call("mkdirat", kAtFdcwd, path, 0700 | (mode & 077));
            break;
        case 2:
            fixture.call("unlinkat", kAtFdcwd, path, 0);
            break;
        case 3:
            fixture.call("unlinkat", kAtFdcwd, path, abi::at_removedir);
            break;
        case 4:
            fixture.call("renameat", kAtFdcwd, path, kAtFdcwd, other);
            break;
        case 5:
            fixture.call("symlinkat", other, kAtFdcwd, path);
            break;
        case 6:
            fixture.call("linkat", kAtFdcwd, path, kAtFdcwd, other, 0);
            break;
        case 7: // any mode bits, setuid, setgid and sticky included
            fixture.call("fchmodat", kAtFdcwd, path, (uint64_t(mode) << 4 | (bytes.empty() ? 0 : uint8_t(bytes[0]) & 017)) & 07777);
            break;
        case 8: { // truncate to a size of up to 64 KiB
            long fd = fixture.call("openat", kAtFdcwd, path, abi::o_wronly, 0);
            if (fd >= 0) {
                fixture.call("ftruncate", static_cast<uint64_t>(fd), uint64_t(mode) * 257);
                fixture.call("close", static_cast<uint64_t>(fd));
            }
            break;
        }
        default: // a symlink to any text
            fixture.call("symlinkat", fixture.put_string(bytes), kAtFdcwd, path);
            break;
        }
    }
    (void)mounts.write_back(fixture.kernel());

    // Nothing beside the trees, nothing outside changed, a read-only nested mount untouched.
    if (listing(sandbox.root) != std::set<std::string> { "inner", "outside", "tree" })
        std::abort();
    if (listing(sandbox.root / "outside") != std::set<std::string> { "secret" }
        || read_file(sandbox.root / "outside" / "secret") != "host secret\n")
        std::abort();
    if (!inner_writable
        && (listing(sandbox.root / "inner") != std::set<std::string> { "g" } || read_file(sandbox.root / "inner" / "g") != "inner\n"))
        std::abort();
    struct stat status { };
    if (lstat((sandbox.root / "tree" / "fifo").c_str(), &status) != 0 || !S_ISFIFO(status.st_mode))
        std::abort(); // write-back never replaces what it must skip
    if (lstat((sandbox.root / "tree" / "up").c_str(), &status) != 0 || !S_ISLNK(status.st_mode))
        std::abort(); // nor a host symlink
    return 0;
}
