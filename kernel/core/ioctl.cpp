#include "kernel.h"

namespace zeroos {

SyscallResult sys_ioctl(Kernel& kernel, Fd fd, Hex32 request, Hex arg)
{
    auto file = TRY(kernel.fds().get(fd));
    if (file->is_path_only())
        return Error::from_errno(EBADF);
    switch (request) {
    case abi::tcgets:
    case abi::tcsets:
    case abi::tcsetsw:
    case abi::tcsetsf:
    case abi::tiocgpgrp:
    case abi::tiocspgrp:
    case abi::tiocgwinsz:
    case abi::tiocswinsz:
        // Nothing is a terminal, the console included: programs then behave the same everywhere.
        return Error::from_errno(ENOTTY);
    case abi::fionread: {
        i64 available = file->inode->readable_bytes(*file);
        if (available < 0)
            return Error::from_errno(ENOTTY);
        TRY(write_to_user(UserPtr<int>(arg), static_cast<int>(min<i64>(available, 0x7fffffff))));
        return 0;
    }
    case abi::fioclex:
    case abi::fionclex:
        TRY(kernel.fds().set_cloexec(fd, request == abi::fioclex));
        return 0;
    case abi::fionbio: {
        int enable = TRY(read_from_user(UserPtr<int>(arg)));
        file->flags = enable ? (file->flags | abi::o_nonblock) : (file->flags & ~u32(abi::o_nonblock));
        return 0;
    }
    default:
        return Error::unsupported("ioctl request not supported");
    }
}

} // namespace zeroos
