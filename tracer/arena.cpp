#include "arena.h"

#include "confinement.h"

#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

namespace zeroos::tracer {

namespace {

    std::string system_error(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

} // namespace

GuestArena::~GuestArena()
{
    if (view_)
        munmap(view_, size_);
    close_descriptor();
}

void GuestArena::close_descriptor()
{
    if (fd_ >= 0)
        close(fd_);
    fd_ = -1;
}

std::string GuestArena::create(std::uint64_t size)
{
    // Not MFD_CLOEXEC: the guest inherits it through exec and maps it (then closes it).
    fd_ = memfd_create("zeroos-guest-arena", 0);
    if (fd_ < 0)
        return system_error("memfd_create");
    if (ftruncate(fd_, static_cast<off_t>(size)) != 0)
        return system_error("ftruncate of the guest arena");
    void* view = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, fd_, 0);
    if (view == MAP_FAILED)
        return system_error("mmap of the guest arena");
    view_ = static_cast<unsigned char*>(view);
    size_ = size;
    return {};
}

std::string GuestArena::map_into_guest(pid_t pid)
{
    long result = 0;
    const std::uint64_t mmap_arguments[6]
        = { kGuestBase, size_, PROT_NONE, MAP_SHARED | MAP_FIXED_NOREPLACE, static_cast<std::uint64_t>(fd_), 0 };
    std::string failure = inject_syscall(pid, SYS_mmap, mmap_arguments, result);
    if (!failure.empty())
        return "injecting mmap into the guest: " + failure;
    // Kernels before 4.17 take MAP_FIXED_NOREPLACE as a hint: check the address, not just success.
    if (static_cast<std::uint64_t>(result) != kGuestBase) {
        if (result < 0 && result > -4096)
            return "mapping the guest arena at 0x100000000000 failed: " + std::string(std::strerror(static_cast<int>(-result)));
        return "the guest arena was mapped at the wrong address";
    }
    const std::uint64_t close_arguments[6] = { static_cast<std::uint64_t>(fd_), 0, 0, 0, 0, 0 };
    failure = inject_syscall(pid, SYS_close, close_arguments, result);
    if (!failure.empty())
        return "injecting close into the guest: " + failure;
    if (result != 0)
        return "closing the arena descriptor in the guest failed: " + std::string(std::strerror(static_cast<int>(-result)));
    return {};
}

} // namespace zeroos::tracer
