// Every implemented syscall, every pointer argument (the pointer, buffer and path kinds in syscalls.def, so
// the sweep follows the list), every kind of bad address: the kernel answers with an errno, never
// crashes (ASan/UBSan run this too), and never writes outside the valid buffers it was given.
#include "fake_platform.h"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

using namespace zeroos;

namespace {

constexpr size_t kBuffer = 4096;
constexpr size_t kGuard = 64;
constexpr uint8_t kGuardByte = 0xa5;
constexpr uint64_t kAtFdcwd = static_cast<uint64_t>(abi::at_fdcwd);

struct Argument {
    ArgFormat kind;
    std::string name;
};

std::vector<Argument> parameters_of(const ArgumentList& list)
{
    std::vector<Argument> arguments;
    for (size_t i = 0; i < list.count; ++i) {
        const char* name = nullptr;
        size_t length = 0;
        list.name(i, name, length);
        arguments.push_back({ list.formats[i], std::string(name, length) });
    }
    return arguments;
}

// Argument kinds that are guest buffers (syscalls.def: Ptr<T>, and the --trace kinds InBuffer,
// OutBuffer, OutStat).
bool is_buffer(ArgFormat kind)
{
    return kind == ArgFormat::Pointer || kind == ArgFormat::InBuffer || kind == ArgFormat::OutBuffer || kind == ArgFormat::OutStat;
}
bool is_pointer(ArgFormat kind) { return is_buffer(kind) || kind == ArgFormat::String; }

struct BadAddress {
    const char* what;
    uint64_t address;
};
const BadAddress kBadAddresses[] = {
    { "unmapped", fake::kUnmapped },
    { "kernel half", 0xffff800000000000ull },
    { "top of the address space", ~uint64_t(0) - 7 },
    // One non-NUL byte before the unmapped hole: no string ends and no struct fits there.
    { "straddling the end of a mapping", fake::kScratchBase + fake::kScratchSize - 1 },
};

// One call with argument `bad_index` replaced by `bad`; the other pointers are valid buffers with
// guard bytes around them, checked afterwards. Returns the result; `guards_intact` says whether
// every guard survived.
long call_with(const SyscallInfo& info, const std::vector<Argument>& arguments, size_t bad_index, uint64_t bad, bool directory_fd,
    uint64_t length, bool& guards_intact, bool& exited)
{
    KernelFixture f;
    long fd = f.call("openat", kAtFdcwd, f.put_string("/tmp/sweep"), abi::o_rdwr | abi::o_creat, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(f.call("write", static_cast<uint64_t>(fd), f.put_string(std::string(64, 'x')), 64) == 64);
    REQUIRE(f.call("lseek", static_cast<uint64_t>(fd), 0, 0) == 0);
    if (directory_fd)
        fd = f.call("openat", kAtFdcwd, f.put_string("/tmp"), abi::o_directory, 0);
    REQUIRE(fd >= 0);

    *static_cast<char*>(fake::host_address(fake::kScratchBase + fake::kScratchSize - 1, 1)) = 'a';
    uint64_t raw[6] = {};
    std::vector<uint64_t> buffers;
    for (size_t i = 0; i < arguments.size() && i < 6; ++i) {
        ArgFormat kind = arguments[i].kind;
        if (i == bad_index)
            raw[i] = bad;
        else if (is_buffer(kind)) {
            uint64_t guarded = f.reserve(kBuffer + 2 * kGuard, kGuardByte);
            std::memset(fake::host_address(guarded + kGuard, kBuffer), 0, kBuffer);
            buffers.push_back(guarded);
            raw[i] = guarded + kGuard;
        } else if (kind == ArgFormat::String)
            raw[i] = f.put_string("/tmp/sweep");
        else if (kind == ArgFormat::FileDescriptor)
            raw[i] = static_cast<uint64_t>(fd);
        else if (kind == ArgFormat::DirectoryFd)
            raw[i] = kAtFdcwd;
        else if (kind == ArgFormat::Size)
            raw[i] = arguments[i].name == "sigsetsize" ? 8 : length;
        else if (kind == ArgFormat::Mode || kind == ArgFormat::CreateMode)
            raw[i] = 0644;
        else if (kind == ArgFormat::Decimal || kind == ArgFormat::Unsigned)
            raw[i] = 1; // a small count (iovcnt, nfds) that makes the kernel read the pointer
    }
    long result = f.call(info.name, raw[0], raw[1], raw[2], raw[3], raw[4], raw[5]);
    guards_intact = true;
    for (uint64_t guarded : buffers) {
        const auto* bytes = static_cast<const uint8_t*>(fake::host_address(guarded, kBuffer + 2 * kGuard));
        for (size_t i = 0; i < kGuard; ++i)
            guards_intact = guards_intact && bytes[i] == kGuardByte && bytes[kGuard + kBuffer + i] == kGuardByte;
    }
    exited = f.exited();
    return result;
}

// Where Linux, too, answers something other than EFAULT for these arguments (the pointer is only
// stored, never read for this call, or another check comes first), and where ZeroOS differs.
const std::set<std::string> kNotEfault = {
    "clone child_tid: ends the run", // flags 0 asks for a fork: fail-fast, one process
    "clone parent_tid: ends the run",
    "clone stack: ends the run",
    "clone tls: ends the run",
    "execve argv: ends the run", // fail-fast: one program per boot
    "execve envp: ends the run",
    "execve pathname: ends the run",
    "futex timeout: 0", // FUTEX_WAKE reads neither timeout nor uaddr2
    "futex uaddr2: 0",
    "futex uaddr: errno 22", // misaligned
    "getdents64 dirp: errno 20", // the regular file: ENOTDIR first
    "getgroups list: 0", // no supplementary groups: nothing is written
    "nanosleep rem: 0", // written only when interrupted
    "clock_nanosleep remain: 0",
    "read buf: errno 21", // the directory: EISDIR first
    "readv iov: errno 21",
    "pread64 buf: errno 21",
    "readlinkat buf: errno 22", // not a symlink: EINVAL first
    "rt_sigaction act: errno 22", // signal 0: EINVAL first
    "rt_sigaction oldact: errno 22",
    "sendfile offset: errno 9", // the directory is not readable as a file
    "set_robust_list head: errno 22", // len 4096, not 24: EINVAL first
    "set_tid_address tidptr: 1", // only stored
    "sigaltstack old_ss: errno 12", // the new stack (zeroed) is too small: ENOMEM first
    "wait4 rusage: errno 10", // no child: ECHILD first
    "wait4 wstatus: errno 10",
    "write buf: errno 9", // the directory is open read-only
    "writev iov: errno 9",
    "pwrite64 buf: errno 9",
};

} // namespace

TEST_CASE("every pointer argument of every implemented syscall survives bad addresses with guard bytes intact")
{
    size_t count = 0;
    const SyscallInfo* list = syscall_list(count);
    std::set<std::string> answers;
    size_t pointer_arguments = 0;
    for (size_t s = 0; s < count; ++s) {
        const SyscallInfo& info = list[s];
        std::string name = info.name;
        if (info.support != SyscallSupport::IMPLEMENTED || name == "exit" || name == "exit_group")
            continue;
        auto arguments = parameters_of(info.arguments);
        for (size_t a = 0; a < arguments.size(); ++a) {
            if (!is_pointer(arguments[a].kind))
                continue;
            ++pointer_arguments;
            for (bool directory_fd : { false, true }) {
                for (const auto& bad : kBadAddresses) {
                    bool guards_intact = false, exited = false;
                    long result = call_with(info, arguments, a, bad.address, directory_fd, kBuffer, guards_intact, exited);
                    std::string where = name + " " + arguments[a].name;
                    CAPTURE(where, bad.what, directory_fd);
                    CHECK(guards_intact);
                    if (exited)
                        answers.insert(where + ": ends the run");
                    else if (result >= 0)
                        answers.insert(where + ": " + std::to_string(result));
                    else if (result != -EFAULT)
                        answers.insert(where + ": errno " + std::to_string(-result));
                }
            }
        }
    }
    CHECK(pointer_arguments > 60);
    std::string unexpected, missing;
    for (const auto& answer : answers)
        if (!kNotEfault.count(answer))
            unexpected += answer + "\n";
    for (const auto& answer : kNotEfault)
        if (!answers.count(answer))
            missing += answer + "\n";
    CHECK(unexpected == "");
    CHECK(missing == "");
}

TEST_CASE("ppoll and pselect6 check their signal mask like Linux")
{
    KernelFixture f;
    uint64_t mask = f.put_bytes("\0\0\0\0\0\0\0\0", 8);
    CHECK(f.call("ppoll", 0, 0, f.put_bytes("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16), mask, 8) == 0);
    CHECK(f.call("ppoll", 0, 0, 0, mask, 16) == -EINVAL);
    CHECK(f.call("ppoll", 0, 0, 0, fake::kUnmapped, 8) == -EFAULT);
    uint64_t good[2] = { mask, 8 }, wrong_size[2] = { mask, 4 }, bad_mask[2] = { fake::kUnmapped, 8 }, no_mask[2] = { 0, 99 };
    uint64_t zero_timeout = f.put_bytes("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
    CHECK(f.call("pselect6", 0, 0, 0, 0, zero_timeout, f.put_bytes(good, sizeof good)) == 0);
    CHECK(f.call("pselect6", 0, 0, 0, 0, zero_timeout, f.put_bytes(no_mask, sizeof no_mask)) == 0);
    CHECK(f.call("pselect6", 0, 0, 0, 0, zero_timeout, f.put_bytes(wrong_size, sizeof wrong_size)) == -EINVAL);
    CHECK(f.call("pselect6", 0, 0, 0, 0, zero_timeout, f.put_bytes(bad_mask, sizeof bad_mask)) == -EFAULT);
    CHECK(f.call("pselect6", 0, 0, 0, 0, zero_timeout, fake::kUnmapped) == -EFAULT);
}

TEST_CASE("huge lengths with a buffer at the end of a mapping give an errno or a short count")
{
    size_t count = 0;
    const SyscallInfo* list = syscall_list(count);
    size_t pairs = 0;
    for (size_t s = 0; s < count; ++s) {
        const SyscallInfo& info = list[s];
        std::string name = info.name;
        if (info.support != SyscallSupport::IMPLEMENTED)
            continue;
        auto arguments = parameters_of(info.arguments);
        for (size_t a = 0; a + 1 < arguments.size(); ++a) {
            // A buffer and its length (sendfile's offset pointer is followed by a count of bytes to send).
            if (!is_buffer(arguments[a].kind) || arguments[a + 1].kind != ArgFormat::Size || arguments[a].name == "offset")
                continue;
            ++pairs;
            for (uint64_t length : { uint64_t(1) << 40, ~uint64_t(0), uint64_t(1) << 63 }) {
                KernelFixture f;
                // A regular file, so writes do read the buffer (/dev/zero would not even look).
                long fd = f.call("openat", kAtFdcwd, f.put_string("/tmp/huge"), abi::o_rdwr | abi::o_creat, 0644);
                REQUIRE(fd >= 0);
                REQUIRE(f.call("write", static_cast<uint64_t>(fd), f.reserve(2 * kBuffer, 'x'), 2 * kBuffer) == 2 * kBuffer);
                REQUIRE(f.call("lseek", static_cast<uint64_t>(fd), 0, 0) == 0);
                uint64_t raw[6] = {};
                for (size_t i = 0; i < arguments.size() && i < 6; ++i) {
                    ArgFormat kind = arguments[i].kind;
                    if (kind == ArgFormat::FileDescriptor)
                        raw[i] = static_cast<uint64_t>(fd);
                    else if (kind == ArgFormat::DirectoryFd)
                        raw[i] = kAtFdcwd;
                    else if (kind == ArgFormat::String)
                        raw[i] = f.put_string("/tmp/huge");
                    else if (is_buffer(kind))
                        raw[i] = f.reserve(64);
                    else if (kind == ArgFormat::Decimal)
                        raw[i] = 1;
                }
                raw[a] = fake::kScratchBase + fake::kScratchSize - kBuffer;
                raw[a + 1] = length;
                long result = f.call(info.name, raw[0], raw[1], raw[2], raw[3], raw[4], raw[5]);
                CAPTURE(name, arguments[a].name, length, result);
                CHECK((result < 0 || result <= static_cast<long>(kBuffer)));
            }
        }
    }
    CHECK(pairs >= 10);
}

TEST_CASE("a buffer reaching past the user address space is EFAULT even where no byte would be touched")
{
    KernelFixture f;
    constexpr uint64_t kLimit = 0x7ffffffff000; // x86-64's TASK_SIZE_MAX, as access_ok checks
    long null = f.call("openat", kAtFdcwd, f.put_string("/dev/null"), abi::o_rdwr, 0);
    REQUIRE(null >= 0);
    uint64_t buffer = f.put_string("data");
    CHECK(f.call("write", null, buffer, 4) == 4);
    CHECK(f.call("write", null, fake::kUnmapped, 4) == 4); // in range: /dev/null never reads it
    CHECK(f.call("write", null, buffer, kLimit) == -EFAULT);
    CHECK(f.call("write", null, kLimit - 4, 4) == 4);
    CHECK(f.call("write", null, kLimit - 4, 5) == -EFAULT);
    CHECK(f.call("read", null, buffer, ~uint64_t(0)) == -EFAULT);
    CHECK(f.call("pwrite64", null, 0xffff800000000000ull, 1, 0) == -EFAULT);
    uint64_t vectors[4] = { buffer, 4, kLimit, 1 };
    CHECK(f.call("writev", null, f.put_bytes(vectors, sizeof vectors), 2) == -EFAULT);
    CHECK(f.call("writev", null, f.put_bytes(vectors, sizeof vectors), 1) == 4);
}
