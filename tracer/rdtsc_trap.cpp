#include "rdtsc_trap.h"

#include "confinement.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <spdlog/spdlog.h>
#include <sstream>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace zeroos::tracer {

namespace {

    std::string hex(std::uint64_t value)
    {
        std::ostringstream text;
        text << "0x" << std::hex << value;
        return text.str();
    }

    struct ExecutableMapping {
        std::uint64_t start, end;
        std::string name;
    };

    std::vector<ExecutableMapping> executable_mappings(pid_t guest, bool& readable)
    {
        std::vector<ExecutableMapping> mappings;
        std::ifstream maps("/proc/" + std::to_string(guest) + "/maps");
        readable = static_cast<bool>(maps);
        for (std::string line; std::getline(maps, line);) {
            std::istringstream fields(line);
            std::string range, permissions, offset, device, inode, name;
            fields >> range >> permissions >> offset >> device >> inode >> name;
            // The vsyscall page is emulated by the host kernel and caught by the seccomp filter.
            if (permissions.size() < 3 || permissions[2] != 'x' || name == "[vsyscall]")
                continue;
            auto dash = range.find('-');
            mappings.push_back({ std::stoull(range.substr(0, dash), nullptr, 16), std::stoull(range.substr(dash + 1), nullptr, 16), name });
        }
        return mappings;
    }

    // The address of the first rdtsc or rdtscp in the bytes, or 0.
    std::uint64_t find_rdtsc(const std::vector<unsigned char>& bytes, std::uint64_t start)
    {
        for (size_t i = 0; i + 1 < bytes.size(); ++i) {
            if (bytes[i] != 0x0f)
                continue;
            if (bytes[i + 1] == 0x31 || (i + 2 < bytes.size() && bytes[i + 1] == 0x01 && bytes[i + 2] == 0xf9))
                return start + i;
        }
        return 0;
    }

} // namespace

RdtscTrap& rdtsc_trap()
{
    static RdtscTrap instance;
    return instance;
}

std::string RdtscTrap::decide_at_exec(pid_t guest)
{
    bool readable = false;
    std::vector<ExecutableMapping> mappings = executable_mappings(guest, readable);
    if (!readable)
        return turn_on(guest, "the guest's /proc/PID/maps cannot be read");
    // /proc/PID/mem reads execute-only pages too (the tracer is the guest's ptrace parent).
    int memory = open(("/proc/" + std::to_string(guest) + "/mem").c_str(), O_RDONLY | O_CLOEXEC);
    if (memory < 0)
        return turn_on(guest, std::string("the guest's memory cannot be read: ") + std::strerror(errno));
    std::string why;
    std::uint64_t scanned = 0;
    for (const ExecutableMapping& mapping : mappings) {
        // Chunks overlap by two bytes: an rdtscp may straddle two of them.
        constexpr std::uint64_t kChunk = 1 << 20;
        std::vector<unsigned char> bytes;
        for (std::uint64_t address = mapping.start; address < mapping.end && why.empty(); address += kChunk) {
            std::uint64_t length = std::min<std::uint64_t>(kChunk + 2, mapping.end - address);
            bytes.resize(length);
            if (pread(memory, bytes.data(), length, static_cast<off_t>(address)) != static_cast<ssize_t>(length))
                why = "the executable mapping at " + hex(mapping.start) + " cannot be read";
            else if (std::uint64_t found = find_rdtsc(bytes, address))
                why = "the bytes of rdtsc or rdtscp are at " + hex(found) + (mapping.name.empty() ? "" : " in " + mapping.name);
        }
        scanned += mapping.end - mapping.start;
        if (!why.empty())
            break;
    }
    close(memory);
    if (!why.empty())
        return turn_on(guest, why);
    spdlog::info("rdtsc trapping is off: the guest's executable mappings ({} KiB) hold no rdtsc or rdtscp; it goes on if the "
                 "guest maps memory executable",
        scanned >> 10);
    return {};
}

std::string RdtscTrap::apply_if_pending(pid_t guest)
{
    if (!pending_)
        return {};
    pending_ = false;
    return turn_on(guest, "the guest made memory executable (mmap or mprotect with PROT_EXEC)");
}

std::string RdtscTrap::turn_on(pid_t guest, const std::string& why)
{
    long result = 0;
    const std::uint64_t arguments[6] = { PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0, 0 };
    if (std::string failure = inject_syscall(guest, SYS_prctl, arguments, result); !failure.empty())
        return "injecting PR_SET_TSC into the guest: " + failure;
    // Best effort, as before: where the host refuses, the guest reads the host's TSC (-v says so).
    if (result != 0)
        spdlog::info("rdtsc trapping could not be turned on ({}): {}", why, std::strerror(static_cast<int>(-result)));
    else
        spdlog::info("rdtsc trapping is on: {}", why);
    on_ = true;
    return {};
}

} // namespace zeroos::tracer
