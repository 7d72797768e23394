// libFuzzer target: the tar reader behind --rootfs (and the RISC-V input tape) with arbitrary
// archives, then a walk over what it built, the way --mount write-back walks a tree. The archive is
// untrusted: any crash, sanitizer report or leak is a bug.
#include "fake_platform.h"
#include "vfs/host_api.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

struct Walk {
    zeroos::Kernel* kernel;
    std::string directory;
};

void visit(void* context, const zeroos::TreeEntry& entry)
{
    auto& walk = *static_cast<Walk*>(context);
    std::string path = walk.directory + "/" + entry.relative_path;
    char buffer[64];
    if (entry.kind == zeroos::NodeKind::RegularFile)
        (void)zeroos::vfs_read_file(*walk.kernel, path.c_str(), entry.size > 8 ? entry.size - 8 : 0, buffer, sizeof buffer);
    else if (entry.kind == zeroos::NodeKind::Symlink)
        (void)zeroos::vfs_read_link(*walk.kernel, path.c_str(), buffer, sizeof buffer);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    KernelFixture fixture;
    // An exact-size heap copy, so ASan sees any read past the end of the archive.
    std::vector<uint8_t> archive(data, data + size);
    for (const char* directory : { "/", "/tmp/unpacked" }) {
        if (zeroos::vfs_import_tar(fixture.kernel(), archive.data(), archive.size(), directory).is_error())
            return 0;
        Walk walk { &fixture.kernel(), directory[1] ? directory : "" };
        (void)zeroos::vfs_walk(fixture.kernel(), directory, visit, &walk);
    }
    return 0;
}
