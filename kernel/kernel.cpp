#include "kernel.h"

namespace zeroos {

ErrorOr<void> Kernel::boot(const BootConfig& config)
{
    config_ = config;
    program_path_ = String::copy(config.program_path);
    if (program_path_.is_null())
        return Error::from_errno(ENOMEM);
    config_.program_path = program_path_.c_str();
    clock_.init(config.epoch_seconds);
    random_.init(config.seed);
    TRY(memory_.init(platform::guest_arena()));
    process_.init(config_, memory_.arena().size);
    TRY(vfs_.init(*this));
    TRY(fds_.init(*this, config.max_fds));
    return {};
}

} // namespace zeroos
