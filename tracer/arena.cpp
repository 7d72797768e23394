#include "arena.h"

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

    // Runs one system call in the stopped guest: the `syscall` instruction is written over the
    // bytes at rip and executed with PTRACE_SYSCALL (enter and exit stops); the guest's registers
    // and code are put back afterwards. On success `result` is the raw return value.
    std::string inject_syscall(pid_t pid, long number, const std::uint64_t (&arguments)[6], long& result)
    {
        user_regs_struct saved {};
        if (ptrace(PTRACE_GETREGS, pid, nullptr, &saved) != 0)
            return system_error("PTRACE_GETREGS");
        errno = 0;
        long original_code = ptrace(PTRACE_PEEKTEXT, pid, reinterpret_cast<void*>(saved.rip), nullptr);
        if (errno != 0)
            return system_error("PTRACE_PEEKTEXT");

        // PTRACE_POKETEXT writes even to the read-only text; process_vm_writev would not.
        long patched_code = original_code;
        const unsigned char syscall_instruction[2] = { 0x0f, 0x05 };
        std::memcpy(&patched_code, syscall_instruction, sizeof(syscall_instruction));
        if (ptrace(PTRACE_POKETEXT, pid, reinterpret_cast<void*>(saved.rip), reinterpret_cast<void*>(patched_code)) != 0)
            return system_error("PTRACE_POKETEXT");

        user_regs_struct call = saved;
        call.rax = static_cast<unsigned long long>(number);
        call.rdi = arguments[0];
        call.rsi = arguments[1];
        call.rdx = arguments[2];
        call.r10 = arguments[3];
        call.r8 = arguments[4];
        call.r9 = arguments[5];

        std::string failure;
        if (ptrace(PTRACE_SETREGS, pid, nullptr, &call) != 0)
            failure = system_error("PTRACE_SETREGS");
        for (int stop = 0; failure.empty() && stop < 2; ++stop) { // syscall-enter, then syscall-exit
            int status = 0;
            if (ptrace(PTRACE_SYSCALL, pid, nullptr, nullptr) != 0) {
                failure = system_error("PTRACE_SYSCALL");
            } else if (waitpid(pid, &status, __WALL) != pid) {
                failure = system_error("waitpid");
            } else if (!WIFSTOPPED(status) || WSTOPSIG(status) != (SIGTRAP | 0x80)) {
                failure = "the guest did not stop at the injected system call (wait status " + std::to_string(status) + ")";
            }
        }
        if (failure.empty()) {
            user_regs_struct after {};
            if (ptrace(PTRACE_GETREGS, pid, nullptr, &after) != 0)
                failure = system_error("PTRACE_GETREGS");
            result = static_cast<long>(after.rax);
        }
        // Put everything back even after a failure, as far as the guest still lets us.
        if (ptrace(PTRACE_POKETEXT, pid, reinterpret_cast<void*>(saved.rip), reinterpret_cast<void*>(original_code)) != 0
            && failure.empty())
            failure = system_error("PTRACE_POKETEXT (restoring code)");
        if (ptrace(PTRACE_SETREGS, pid, nullptr, &saved) != 0 && failure.empty())
            failure = system_error("PTRACE_SETREGS (restoring registers)");
        return failure;
    }

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
        = { kGuestBase, size_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED_NOREPLACE, static_cast<std::uint64_t>(fd_), 0 };
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
