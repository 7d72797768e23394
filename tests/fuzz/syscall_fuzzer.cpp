// libFuzzer target: sequences of syscalls, decoded from the input, fed to the kernel through the
// unit tests' fake platform (guest memory with holes) and the x86-64 shim. Any crash, sanitizer
// report or leak is a bug in the kernel.
//
// Input: one configuration byte, then records until the input runs out:
//   u8 how         bit 7 set: an x86-64 number through the shim (u16 follows; bit 6 adds the x32
//                  bit); clear: entry (how % count) of the generic list, through the dispatcher
//   6 arguments    each a selector byte and its payload (see `argument`)
//   u8 data        bytes copied into the guest's scratch memory before the call (0..255, capped)
#include "fake_platform.h"
#include "fuzz_input.h"
#include "x86_64/entry.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {

using Input = FuzzInput;

// Strings the kernel is likely to find interesting, placed at the start of scratch memory.
const char* const kStrings[] = { "/", "/tmp", "/tmp/a", "/tmp/b/c", "/dev/null", "/dev/zero", "/dev/urandom", "/proc/self/exe", "a", ".",
    "..", "../../..", "", "/tmp/a/", "//tmp//./a", "/proc/self/fd/0" };
constexpr size_t kStringCount = sizeof(kStrings) / sizeof(kStrings[0]);
constexpr uint64_t kStringSlot = 32;
constexpr uint64_t kDataBase = fake::kScratchBase + kStringCount * kStringSlot;
constexpr uint64_t kDataSize = 4096;

void place_strings()
{
    for (size_t i = 0; i < kStringCount; ++i)
        std::memcpy(fake::host_address(fake::kScratchBase + i * kStringSlot, kStringSlot), kStrings[i], std::strlen(kStrings[i]) + 1);
}

uint64_t argument(Input& input, uint64_t previous)
{
    uint8_t selector = input.byte();
    switch (selector % 16) {
    case 0:
        return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(input.byte())));
    case 1:
        return input.number(2);
    case 2:
        return input.number(8);
    case 3:
        return kDataBase + input.number(2) % kDataSize;
    case 4: // straddling the end of scratch memory, where an unmapped hole follows
        return fake::kScratchBase + fake::kScratchSize - input.byte();
    case 5:
        return fake::kArenaBase + input.number(4) % fake::kArenaSize;
    case 6:
        return 0;
    case 7:
        return fake::kUnmapped + input.byte();
    case 8:
        return 0xffff800000000000ull + input.number(2);
    case 9:
        return fake::kScratchBase + (input.byte() % kStringCount) * kStringSlot;
    case 10:
        return input.byte() % 12;
    case 11:
        return static_cast<uint64_t>(zeroos::abi::at_fdcwd);
    case 12:
        return fake::kArenaBase + fake::kArenaSize - input.byte();
    case 13:
        return ~uint64_t(0);
    case 14:
        return previous;
    default:
        return uint64_t(1) << (input.byte() % 64);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Input input(data, size);
    uint8_t configuration = input.byte();
    zeroos::BootConfig config;
    config.unsupported_returns_enosys = (configuration & 1) != 0;
    config.max_fds = 3 + configuration / 2 % 32;
    KernelFixture fixture(config);
    place_strings();

    size_t count = 0;
    const zeroos::SyscallInfo* list = zeroos::syscall_list(count);
    uint64_t previous = 0;
    for (int call = 0; call < 64 && !input.empty(); ++call) {
        uint8_t how = input.byte();
        zeroos::x86_64::Registers registers {};
        if (how & 0x80) {
            uint64_t number = input.number(2) % 600;
            if (how & 0x40)
                number |= 0x40000000;
            registers.orig_rax = number;
        }
        uint64_t args[6];
        for (auto& value : args)
            value = argument(input, previous);
        size_t length = input.byte();
        const uint8_t* bytes = input.take(length);
        std::memcpy(fake::host_address(kDataBase, kDataSize), bytes, length);

        zeroos::SyscallOutcome outcome;
        if (how & 0x80) {
            registers.rdi = args[0];
            registers.rsi = args[1];
            registers.rdx = args[2];
            registers.r10 = args[3];
            registers.r8 = args[4];
            registers.r9 = args[5];
            registers.rip = 0x401002;
            outcome = zeroos::x86_64::serve_syscall(fixture.kernel(), registers);
        } else {
            zeroos::SyscallRequest request;
            request.number = list[how % count].number;
            for (int i = 0; i < 6; ++i)
                request.args.raw[i] = args[i];
            request.pc = 0x401000;
            outcome = zeroos::dispatch_syscall(fixture.kernel(), request);
        }
        if (outcome.kind == zeroos::SyscallOutcome::Kind::Exit)
            break;
        previous = static_cast<uint64_t>(outcome.value);
    }
    return 0;
}
