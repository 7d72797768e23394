// The mounted file systems of a vApp: imported from the tape at boot (--rootfs, --mount, the
// read-only marks), and the changes under :rw mounts written back through the port at exit.
#include "file_import.h"

#include "base/heap.h"
#include "base/memory.h"
#include "boot.h"
#include "kernel.h"
#include "platform.h"
#include "riscv_platform.h"
#include "vfs/host_api.h"

namespace zeroos::riscv {

namespace {

    // The :rw mount directories (strings on the tape), whose changes go back at exit.
    const char* const* g_read_write_directories = nullptr;
    u64 g_read_write_count = 0;

    void send_changes(void*, const void* data, size_t size) { port().console_write(kChangesStream, static_cast<const char*>(data), size); }

} // namespace

// The guest's files, as a host run gets them: --rootfs at /, the --mount trees over it, then the
// read-only marks, and everything counts as unmodified.
void import_file_system(const Tape& tape)
{
    const TapeHeader& header = *tape.header;
    if ((header.root_archive_size || header.mounts_archive_size) && !ZEROOS_FEATURE_VFS)
        boot_failure("--rootfs and --mount need the vfs feature, which is not built into this runtime");
    if (header.root_archive_size && vfs_import_tar(*g_kernel, tape.root_archive, header.root_archive_size, "/").is_error())
        boot_failure("the root file system archive on the tape is damaged");
    if (header.mounts_archive_size && vfs_import_tar(*g_kernel, tape.mounts_archive, header.mounts_archive_size, "/").is_error())
        boot_failure("the mounts archive on the tape is damaged");
    const char* string = tape.strings;
    for (u64 i = 0; i < header.argc + header.envc; ++i)
        string += str_length(string) + 1;
    for (u64 i = 0; i < header.read_only_count; ++i) {
        if (vfs_mark_read_only(*g_kernel, string).is_error())
            boot_failure("a read-only mount on the tape does not exist");
        string += str_length(string) + 1;
    }
    if (header.read_write_count) {
        auto* directories = static_cast<const char**>(kmalloc(header.read_write_count * sizeof(const char*)));
        if (!directories)
            boot_failure("no memory for the list of :rw mounts");
        for (u64 i = 0; i < header.read_write_count; ++i) {
            directories[i] = string;
            string += str_length(string) + 1;
        }
        g_read_write_directories = directories;
        g_read_write_count = header.read_write_count;
    }
    vfs_clear_modified(*g_kernel);
}

void export_read_write_changes()
{
    // What changed under :rw mounts goes back to the host, as a host run writes it back at exit.
    if (g_read_write_count && vfs_export_changes(*g_kernel, g_read_write_directories, g_read_write_count, send_changes, nullptr).is_error())
        platform::report("zeroos: the changes under the :rw mounts could not be sent back");
}

} // namespace zeroos::riscv
