// libFuzzer target: :rw write-back of the changes archive a RISC-V vApp sends at exit (console
// stream 6), which zeroos-run must not trust. Each input is written back into a fresh host
// directory; any crash, leak or sanitizer report is a bug, and so is anything written beside it.
#include "mounts.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

// tree/ is the mount; sibling/ next to it must stay empty whatever the archive says.
struct Sandbox {
    std::filesystem::path root;
    Sandbox()
    {
        char pattern[] = "/tmp/zeroos-write-back-fuzz-XXXXXX";
        if (!mkdtemp(pattern))
            std::abort();
        root = pattern;
        std::filesystem::create_directories(root / "tree");
        std::filesystem::create_directories(root / "sibling");
    }
    ~Sandbox() { std::filesystem::remove_all(root); }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Sandbox sandbox;
    zeroos::tracer::MountSpec spec;
    spec.host_directory = (sandbox.root / "tree").string();
    spec.guest_directory = "/data";
    spec.writable = true;
    zeroos::tracer::Mounts mounts({ spec });
    (void)mounts.write_back_archive(std::string(reinterpret_cast<const char*>(data), size));
    if (!std::filesystem::is_empty(sandbox.root / "sibling")
        || std::distance(std::filesystem::directory_iterator(sandbox.root), std::filesystem::directory_iterator()) != 2)
        std::abort(); // written outside the mount
    return 0;
}
