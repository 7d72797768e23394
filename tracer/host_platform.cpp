// The platform seam (kernel/platform.h) on a Linux host, inside zeroos-run.
#include "kernel_api.h"
#include "mm/linux_abi.h"
#include "platform.h"

#include "guest_memory.h"
#include "host_io.h"
#include "journal.h"
#include "logging.h"
#include "rdtsc_trap.h"
#include "signals.h"

#include <cerrno>
#include <climits>
#include <set>
#include <spdlog/spdlog.h>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

namespace zeroos::platform {

namespace {

    // Reserved address space, not memory: pages exist only once the kernel touches them.
    constexpr u64 kKernelHeapSize = 8ull << 30;

    std::string parent_directory(const std::string& path)
    {
        size_t slash = path.rfind('/');
        if (slash == std::string::npos || slash == 0)
            return "/";
        return path.substr(0, slash);
    }

} // namespace

int copy_from_user(void* kernel_destination, u64 user_source, size_t length)
{
    return tracer::guest_memory().read(kernel_destination, user_source, length);
}

int copy_to_user(u64 user_destination, const void* kernel_source, size_t length)
{
    return tracer::guest_memory().write(user_destination, kernel_source, length);
}

int clear_user(u64 user_destination, size_t length) { return tracer::guest_memory().clear(user_destination, length); }

long strncpy_from_user(char* kernel_destination, u64 user_source, size_t capacity)
{
    return tracer::guest_memory().read_string(kernel_destination, user_source, capacity);
}

long console_write(int stream, const void* data, size_t length)
{
    if (stream != 1 && stream != 2)
        return -EBADF;
    replay::Journal::instance().output(stream, data, length);
    const auto* bytes = static_cast<const char*>(data);
    size_t written = 0;
    while (written < length) {
        ssize_t count = ::write(stream, bytes + written, length - written);
        if (count < 0 && errno == EINTR && !tracer::stop_requested())
            continue;
        if (count < 0)
            return written > 0 ? static_cast<long>(written) : -errno; // EPIPE: SIGPIPE is ignored in the tracer
        if (count == 0)
            break;
        written += static_cast<size_t>(count);
    }
    return static_cast<long>(written);
}

long stdin_read(void* data, size_t length)
{
    // A replay serves stdin from the trace; a recording keeps what the host gave.
    return replay::Journal::instance().read_stdin(data, length, tracer::read_host_stdin);
}

void report(const char* line)
{
    std::string text(line);
    text += '\n';
    tracer::write_fully(2, text.data(), text.size());
}

// Only a path without ".", ".." or empty components, outside /proc, makes a --mount suggestion
// that works: "/../etc/x" or "/proc/self/root/etc/x" would name the wrong tree (or zeroos-run's own).
static bool is_plain_absolute_path(const std::string& path)
{
    if (path.starts_with("/proc/") || path == "/proc")
        return false;
    for (size_t start = 1; start <= path.size();) {
        size_t end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        std::string_view component(path.data() + start, end - start);
        if (component.empty() || component == "." || component == "..")
            return false;
        start = end + 1;
    }
    return true;
}

// Files a libc opens on its own (time zone, resolver, NSS set-up): their absence is the
// deterministic default (UTC, no network), and mounting /etc to show them would undo isolation.
static bool is_probed_by_libc(const std::string& path)
{
    static const std::set<std::string> probed { "/etc/localtime", "/etc/nsswitch.conf", "/etc/resolv.conf", "/etc/host.conf",
        "/etc/gai.conf", "/etc/ld.so.cache", "/etc/ld.so.preload" };
    return probed.contains(path);
}

void note_missing_path(const char* absolute_path)
{
    static std::set<std::string> hinted;
    std::string path(absolute_path);
    struct stat status { };
    if (path.empty() || path[0] != '/' || !is_plain_absolute_path(path) || is_probed_by_libc(path) || lstat(path.c_str(), &status) != 0)
        return;
    std::string directory = parent_directory(path);
    // A mount copies symlinks as links: one that leads out of the suggested directory would
    // still dangle in the guest, so the hint would not work.
    if (S_ISLNK(status.st_mode)) {
        char resolved[PATH_MAX];
        if (!realpath(path.c_str(), resolved) || !std::string(resolved).starts_with(directory == "/" ? "/" : directory + "/"))
            return;
    }
    if (!hinted.insert(path).second)
        return;
    report(("zeroos-run: note: guest could not see " + path + "; it exists on the host: add --mount " + directory + ":" + directory
        + " to make it visible")
               .c_str());
}

void trace(const char* line) { tracer::trace_line(line); }

u64 cost_counter()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<u64>(now.tv_sec) * 1'000'000'000ull + static_cast<u64>(now.tv_nsec);
}

void set_guest_protection(u64 address, u64 length, u32 prot)
{
    if (prot & abi::prot_exec)
        tracer::rdtsc_trap().note_executable_memory();
    tracer::guest_memory().note_protection(address, length, prot);
}

Region guest_arena()
{
    const auto& memory = tracer::guest_memory();
    return { memory.arena_base(), memory.arena_size() };
}

Region kernel_heap_region()
{
    // Address space only (MAP_NORESERVE), but it counts against RLIMIT_AS: under a `ulimit -v`
    // the largest reservation that fits is taken, halving down to a floor, and logged.
    static const Region region = [] {
        constexpr u64 kSmallestHeap = 64ull << 20;
        for (u64 size = kKernelHeapSize; size >= kSmallestHeap; size /= 2) {
            void* heap = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
            if (heap == MAP_FAILED)
                continue;
            if (size != kKernelHeapSize)
                spdlog::info(
                    "the kernel heap is {} MiB (the address-space limit leaves no room for {} MiB)", size >> 20, kKernelHeapSize >> 20);
            return Region { reinterpret_cast<u64>(heap), size };
        }
        return Region { 0, 0 };
    }();
    return region;
}

} // namespace zeroos::platform
