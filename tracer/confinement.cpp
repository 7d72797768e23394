#include "confinement.h"

#include "guest_memory.h"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sstream>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <vector>

namespace zeroos::tracer {

namespace {

    std::string system_error(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

    constexpr std::uint64_t kVsyscallPage = 0xffffffffff600000;

    // The mappings through which the host kernel answers clock reads in user space.
    bool is_clock_mapping(const std::string& name) { return name == "[vdso]" || name == "[vvar]" || name == "[vvar_vclock]"; }

    std::string unmap_clock_mappings(pid_t pid)
    {
        std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
        if (!maps)
            return system_error("reading the guest's /proc/PID/maps");
        std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
        for (std::string line; std::getline(maps, line);) {
            // "7ffc1d5f8000-7ffc1d5fc000 r--p 00000000 00:00 0                          [vvar]"
            std::istringstream fields(line);
            std::string range, permissions, offset, device, inode, name;
            fields >> range >> permissions >> offset >> device >> inode >> name;
            if (!is_clock_mapping(name))
                continue;
            auto dash = range.find('-');
            std::uint64_t start = std::stoull(range.substr(0, dash), nullptr, 16), end = std::stoull(range.substr(dash + 1), nullptr, 16);
            if (!ranges.empty() && ranges.back().second == start)
                ranges.back().second = end; // they are usually adjacent: one munmap for all
            else
                ranges.emplace_back(start, end);
        }
        for (const auto& [start, end] : ranges) {
            long result = 0;
            const std::uint64_t arguments[6] = { start, end - start, 0, 0, 0, 0 };
            if (std::string failure = inject_syscall(pid, SYS_munmap, arguments, result); !failure.empty())
                return "injecting munmap of the vDSO: " + failure;
            if (result != 0)
                return "unmapping the vDSO failed: " + std::string(std::strerror(static_cast<int>(-result)));
        }
        return {};
    }

    // Installs a seccomp filter in the guest: the program is written below the guest's stack
    // pointer (past the red zone), passed to an injected seccomp(2), and the bytes there put back.
    std::string install_filter(pid_t pid, std::uint64_t stack_pointer, const std::vector<sock_filter>& program)
    {
        const size_t program_bytes = program.size() * sizeof(sock_filter);
        const std::uint64_t scratch = (stack_pointer - 1024 - program_bytes - sizeof(sock_fprog)) & ~std::uint64_t(15);
        const std::uint64_t filter_address = scratch + sizeof(sock_fprog);
        std::vector<unsigned char> saved(sizeof(sock_fprog) + program_bytes);
        if (guest_memory().read(saved.data(), scratch, saved.size()) != 0)
            return "cannot read the guest's stack to install a seccomp filter";
        // The guest's own layout of struct sock_fprog: a 16-bit length, padding, a pointer.
        std::vector<unsigned char> bytes(saved.size(), 0);
        auto length = static_cast<unsigned short>(program.size());
        std::memcpy(bytes.data() + offsetof(sock_fprog, len), &length, sizeof(length));
        std::memcpy(bytes.data() + offsetof(sock_fprog, filter), &filter_address, sizeof(filter_address));
        std::memcpy(bytes.data() + sizeof(sock_fprog), program.data(), program_bytes);
        if (guest_memory().write(scratch, bytes.data(), bytes.size()) != 0)
            return "cannot write a seccomp filter into the guest";

        long result = 0;
        const std::uint64_t arguments[6] = { SECCOMP_SET_MODE_FILTER, 0, scratch, 0, 0, 0 };
        std::string failure = inject_syscall(pid, SYS_seccomp, arguments, result);
        if (failure.empty() && result != 0)
            failure = "seccomp: " + std::string(std::strerror(static_cast<int>(-result)));
        if (guest_memory().write(scratch, saved.data(), saved.size()) != 0 && failure.empty())
            failure = "cannot restore the guest's stack after installing a seccomp filter";
        return failure.empty() ? failure : "installing a seccomp filter in the guest: " + failure;
    }

} // namespace

std::string inject_syscall(pid_t pid, long number, const std::uint64_t (&arguments)[6], long& result)
{
    // Stopped at a call's entry (PTRACE_SYSEMU: the host skips it), the next stop would be that
    // call's exit: go there first, so the two stops below are the injected call's own.
    __ptrace_syscall_info info {};
    if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, reinterpret_cast<void*>(sizeof(info)), &info) > 0 && info.op == PTRACE_SYSCALL_INFO_ENTRY) {
        int status = 0;
        if (ptrace(PTRACE_SYSCALL, pid, nullptr, nullptr) != 0)
            return system_error("PTRACE_SYSCALL");
        if (waitpid(pid, &status, __WALL) != pid)
            return system_error("waitpid");
        if (!WIFSTOPPED(status) || WSTOPSIG(status) != (SIGTRAP | 0x80))
            return "the guest did not stop at the end of its system call (wait status " + std::to_string(status) + ")";
    }
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
    if (ptrace(PTRACE_POKETEXT, pid, reinterpret_cast<void*>(saved.rip), reinterpret_cast<void*>(original_code)) != 0 && failure.empty())
        failure = system_error("PTRACE_POKETEXT (restoring code)");
    if (ptrace(PTRACE_SETREGS, pid, nullptr, &saved) != 0 && failure.empty())
        failure = system_error("PTRACE_SETREGS (restoring registers)");
    return failure;
}

std::string confine_at_exec(pid_t pid, std::uint64_t stack_pointer)
{
    if (std::string problem = unmap_clock_mappings(pid); !problem.empty())
        return problem;
    // Needed to install a filter without CAP_SYS_ADMIN; ZeroOS serves no exec anyway.
    long result = 0;
    const std::uint64_t no_new_privileges[6] = { PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0 };
    if (std::string failure = inject_syscall(pid, SYS_prctl, no_new_privileges, result); !failure.empty())
        return "injecting PR_SET_NO_NEW_PRIVS: " + failure;
    if (result != 0)
        return "PR_SET_NO_NEW_PRIVS failed: " + std::string(std::strerror(static_cast<int>(-result)));
    // The host kernel emulates calls into the vsyscall page without a syscall stop, but it does
    // run seccomp for them (with the page's address as the pc), and only for them: under
    // PTRACE_SYSEMU ordinary system calls stop before seccomp is consulted.
    constexpr std::uint32_t kPcLow = offsetof(seccomp_data, instruction_pointer);
    const std::vector<sock_filter> program {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, kPcLow + 4),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(kVsyscallPage >> 32), 0, 3),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, kPcLow),
        BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xfffff000),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(kVsyscallPage), 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
    };
    return install_filter(pid, stack_pointer, program);
}

std::string forbid_all_syscalls(pid_t pid, std::uint64_t stack_pointer)
{
    return install_filter(pid, stack_pointer, { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS) });
}

const char* vsyscall_name(std::uint64_t address)
{
    switch (address) {
    case kVsyscallPage:
        return "gettimeofday";
    case kVsyscallPage + 0x400:
        return "time";
    case kVsyscallPage + 0x800:
        return "getcpu";
    default:
        return nullptr;
    }
}

} // namespace zeroos::tracer
