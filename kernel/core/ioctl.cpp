#include "kernel.h"

namespace zeroos {

SyscallResult sys_ioctl(Kernel& kernel, Fd fd, Hex32 request, Hex arg)
{
    auto file = TRY(kernel.fds().get(fd));
    if (file->is_path_only())
        return Error::from_errno(EBADF);
    switch (request) {
    case TCGETS:
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
    case TIOCGPGRP:
    case TIOCSPGRP:
    case TIOCGWINSZ:
    case TIOCSWINSZ:
        // Nothing is a terminal, the console included: programs then behave the same everywhere.
        return Error::from_errno(ENOTTY);
    case FIONREAD: {
        i64 available = file->inode->readable_bytes(*file);
        if (available < 0)
            return Error::from_errno(ENOTTY);
        TRY(write_to_user(UserPtr<int>(arg), static_cast<int>(min<i64>(available, 0x7fffffff))));
        return 0;
    }
    case FIOCLEX:
    case FIONCLEX:
        TRY(kernel.fds().set_cloexec(fd, request == FIOCLEX));
        return 0;
    case FIONBIO: {
        int enable = TRY(read_from_user(UserPtr<int>(arg)));
        file->flags = enable ? (file->flags | O_NONBLOCK) : (file->flags & ~u32(O_NONBLOCK));
        return 0;
    }
    default:
        return Error::unsupported("ioctl request not supported");
    }
}

} // namespace zeroos
