#include "kernel.h"

#include "base/memory.h"

namespace zeroos {

ErrorOr<void> Kernel::boot(const BootConfig& config)
{
    config_ = config;
    // /proc/self/exe is absolute on Linux (glibc's start-up asserts it). A relative program path
    // names the program as seen from the guest's starting directory, which is /.
    const char* path = config.program_path ? config.program_path : "";
    if (path[0] == '/') {
        program_path_ = String::copy(path);
    } else {
        size_t length = str_length(path);
        char* absolute = static_cast<char*>(kmalloc(length + 2));
        if (!absolute)
            return Error::from_errno(ENOMEM);
        absolute[0] = '/';
        mem_copy(absolute + 1, path, length + 1);
        program_path_ = String::copy(absolute, length + 1);
        kfree(absolute);
    }
    if (program_path_.is_null())
        return Error::from_errno(ENOMEM);
    config_.program_path = program_path_.c_str();
    clock_.init(config.epoch_seconds);
    random_.init(config.seed);
    file_space_.set_limit_pages(align_up(config.file_space_bytes, kPageSize) / kPageSize);
    TRY(memory_.init(platform::guest_arena()));
    process_.init(config_, memory_.arena().size);
#if ZEROOS_FEATURE_VFS
    TRY(vfs_.init(*this));
#endif
    TRY(fds_.init(*this, config.max_fds));
    TRY(threads_.init(config.max_threads));
    return {};
}

} // namespace zeroos
