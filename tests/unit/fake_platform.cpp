#include "fake_platform.h"

#include "base/heap.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <sys/mman.h>

namespace {

struct GuestRange {
    uint64_t base;
    uint64_t size;
    uint8_t* memory;
};

struct FakeMachine {
    std::vector<GuestRange> ranges;
    std::string stdin_data;
    size_t stdin_offset = 0;
    std::string stdout_data;
    size_t console_writes = 0;
    std::string stderr_data;
    std::vector<std::string> reports;
    std::vector<std::string> missing_paths;
    std::vector<std::string> trace_lines;
    zeroos::u64 cost_ticks = 0;
    std::vector<fake::CreatedThread> created_threads;
    std::vector<int> destroyed_threads;
    std::vector<fake::ProtectionChange> protection_changes;
    bool fail_thread_creation = false;
    void* heap = nullptr;
};

constexpr size_t kHeapSize = 512ull << 20;

FakeMachine& machine()
{
    static FakeMachine instance;
    return instance;
}

void* map_zeroed(size_t size)
{
    void* memory = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return memory == MAP_FAILED ? nullptr : memory;
}

// The host memory behind [address, address + length), or nullptr when any byte is outside a range.
uint8_t* translate(uint64_t address, size_t length)
{
    if (address + length < address)
        return nullptr;
    for (auto& range : machine().ranges)
        if (address >= range.base && address + length <= range.base + range.size)
            return range.memory + (address - range.base);
    return nullptr;
}

} // namespace

namespace fake {

void reset()
{
    auto& m = machine();
    for (auto& range : m.ranges)
        munmap(range.memory, range.size);
    m.ranges.clear();
    m.ranges.push_back({ kArenaBase, kArenaSize, static_cast<uint8_t*>(map_zeroed(kArenaSize)) });
    m.ranges.push_back({ kScratchBase, kScratchSize, static_cast<uint8_t*>(map_zeroed(kScratchSize)) });
    m.stdin_data.clear();
    m.stdin_offset = 0;
    m.stdout_data.clear();
    m.console_writes = 0;
    m.stderr_data.clear();
    m.reports.clear();
    m.missing_paths.clear();
    m.trace_lines.clear();
    m.cost_ticks = 0;
    m.created_threads.clear();
    m.destroyed_threads.clear();
    m.protection_changes.clear();
    m.fail_thread_creation = false;
    if (!m.heap)
        m.heap = map_zeroed(kHeapSize);
}

void set_stdin(std::string data)
{
    machine().stdin_data = std::move(data);
    machine().stdin_offset = 0;
}

const std::string& stdout_text() { return machine().stdout_data; }
size_t console_writes() { return machine().console_writes; }
const std::string& stderr_text() { return machine().stderr_data; }
const std::vector<std::string>& reports() { return machine().reports; }
const std::vector<std::string>& missing_paths() { return machine().missing_paths; }
const std::vector<std::string>& trace_lines() { return machine().trace_lines; }
const std::vector<CreatedThread>& created_threads() { return machine().created_threads; }
const std::vector<int>& destroyed_threads() { return machine().destroyed_threads; }
const std::vector<ProtectionChange>& protection_changes() { return machine().protection_changes; }
void fail_thread_creation(bool fail) { machine().fail_thread_creation = fail; }

void* host_address(uint64_t guest_address, size_t length) { return translate(guest_address, length); }

} // namespace fake

namespace zeroos::platform {

int copy_from_user(void* destination, u64 source, size_t length)
{
    if (length == 0)
        return 0;
    uint8_t* host = translate(source, length);
    if (!host)
        return -EFAULT;
    std::memcpy(destination, host, length);
    return 0;
}

int copy_to_user(u64 destination, const void* source, size_t length)
{
    if (length == 0)
        return 0;
    uint8_t* host = translate(destination, length);
    if (!host)
        return -EFAULT;
    std::memcpy(host, source, length);
    return 0;
}

int clear_user(u64 destination, size_t length)
{
    if (length == 0)
        return 0;
    uint8_t* host = translate(destination, length);
    if (!host)
        return -EFAULT;
    std::memset(host, 0, length);
    return 0;
}

long strncpy_from_user(char* destination, u64 source, size_t capacity)
{
    for (size_t i = 0; i < capacity; ++i) {
        uint8_t* host = translate(source + i, 1);
        if (!host)
            return -EFAULT;
        destination[i] = static_cast<char>(*host);
        if (*host == 0)
            return static_cast<long>(i);
    }
    return -ENAMETOOLONG;
}

long console_write(int stream, const void* data, size_t length)
{
    ++machine().console_writes;
    auto& target = stream == 2 ? machine().stderr_data : machine().stdout_data;
    target.append(static_cast<const char*>(data), length);
    return static_cast<long>(length);
}

long stdin_read(void* data, size_t length)
{
    auto& m = machine();
    size_t available = m.stdin_data.size() - m.stdin_offset;
    size_t count = length < available ? length : available;
    std::memcpy(data, m.stdin_data.data() + m.stdin_offset, count);
    m.stdin_offset += count;
    return static_cast<long>(count);
}

void report(const char* line) { machine().reports.emplace_back(line); }
void note_missing_path(const char* absolute_path) { machine().missing_paths.emplace_back(absolute_path); }
void trace(const char* line) { machine().trace_lines.emplace_back(line); }
// Ten ticks per reading: --stats costs in unit tests are exact.
u64 cost_counter() { return machine().cost_ticks += 10; }

bool thread_create(int tid, u64 stack, bool set_tls, u64 tls)
{
    if (machine().fail_thread_creation)
        return false;
    machine().created_threads.push_back({ tid, stack, set_tls, tls });
    return true;
}

void thread_destroy(int tid) { machine().destroyed_threads.push_back(tid); }

Region guest_arena() { return { fake::kArenaBase, fake::kArenaSize }; }
Region kernel_heap_region() { return { reinterpret_cast<u64>(machine().heap), kHeapSize }; }
void set_guest_protection(u64 address, u64 length, u32 prot) { machine().protection_changes.push_back({ address, length, prot }); }

} // namespace zeroos::platform

KernelFixture::KernelFixture(zeroos::BootConfig config)
{
    fake::reset();
    auto heap = zeroos::platform::kernel_heap_region();
    zeroos::kernel_heap().init(reinterpret_cast<void*>(heap.base), heap.size);
    kernel_ = zeroos::make<zeroos::Kernel>();
    auto booted = kernel_->boot(config);
    if (booted.is_error())
        throw std::runtime_error("kernel boot failed: errno " + std::to_string(booted.error().code()));
}

KernelFixture::~KernelFixture() { zeroos::destroy(kernel_); }

long KernelFixture::call(const char* name, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    const auto* info = zeroos::syscall_info_by_name(name);
    if (!info)
        throw std::runtime_error(std::string("no syscall named ") + name);
    zeroos::SyscallRequest request;
    request.number = info->number;
    request.args.raw[0] = a0;
    request.args.raw[1] = a1;
    request.args.raw[2] = a2;
    request.args.raw[3] = a3;
    request.args.raw[4] = a4;
    request.args.raw[5] = a5;
    request.pc = pc_;
    auto outcome = zeroos::dispatch_syscall(*kernel_, request);
    exited_ = outcome.kind == zeroos::SyscallOutcome::Kind::Exit;
    switched_ = outcome.kind == zeroos::SyscallOutcome::Kind::Switch;
    if (switched_)
        running_tid_ = outcome.resume_tid;
    return exited_ ? 0 : outcome.value;
}

uint64_t KernelFixture::reserve(size_t length, uint8_t fill)
{
    uint64_t address = scratch_next_;
    scratch_next_ = (scratch_next_ + length + 15) & ~uint64_t(15);
    if (scratch_next_ > fake::kScratchBase + fake::kScratchSize)
        throw std::runtime_error("test scratch memory exhausted");
    std::memset(fake::host_address(address, length ? length : 1), fill, length);
    return address;
}

uint64_t KernelFixture::put_bytes(const void* data, size_t length)
{
    uint64_t address = reserve(length);
    std::memcpy(fake::host_address(address, length ? length : 1), data, length);
    return address;
}

uint64_t KernelFixture::put_string(const std::string& text) { return put_bytes(text.c_str(), text.size() + 1); }

std::string KernelFixture::read_string(uint64_t guest_address, size_t length)
{
    auto* host = static_cast<const char*>(fake::host_address(guest_address, length));
    return host ? std::string(host, length) : std::string("<unmapped>");
}
