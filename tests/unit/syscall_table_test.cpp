#include "fake_platform.h"
#include "x86_64/entry.h"

#include <catch2/catch.hpp>

using namespace zeroos;

TEST_CASE("the syscall list is sorted and every entry is reachable by name and number")
{
    size_t count = 0;
    const SyscallInfo* list = syscall_list(count);
    REQUIRE(count > 50);
    for (size_t i = 0; i < count; ++i) {
        CHECK(syscall_info(list[i].number) == &list[i]);
        CHECK(syscall_info_by_name(list[i].name) == &list[i]);
        CHECK((list[i].support == SyscallSupport::IMPLEMENTED) == (list[i].handler != nullptr));
    }
    CHECK(syscall_info(100000) == nullptr);
}

TEST_CASE("quiet ENOSYS calls answer ENOSYS and keep the guest running")
{
    KernelFixture f;
    CHECK(f.call("rseq") == -ENOSYS);
    CHECK(f.call("clone3") == -ENOSYS);
    CHECK_FALSE(f.exited());
    CHECK(fake::reports().empty());
}

TEST_CASE("an unknown syscall number fails fast with exit status 70")
{
    KernelFixture f;
    SyscallRequest request {};
    request.number = 4000;
    request.pc = 0x401000;
    auto outcome = dispatch_syscall(f.kernel(), request);
    CHECK(outcome.kind == SyscallOutcome::Kind::Exit);
    CHECK(f.kernel().process().exit_status() == 70);
    REQUIRE(fake::reports().size() == 1);
    CHECK(fake::reports()[0] == "zeroos: unsupported syscall #4000(...) at pc 0x401000");
}

TEST_CASE("on-unsupported=enosys answers ENOSYS instead of stopping")
{
    BootConfig config;
    config.unsupported_returns_enosys = true;
    KernelFixture f(config);
    SyscallRequest request {};
    request.number = 4000;
    auto outcome = dispatch_syscall(f.kernel(), request);
    CHECK(outcome.kind == SyscallOutcome::Kind::Return);
    CHECK(outcome.value == -ENOSYS);
    CHECK_FALSE(f.kernel().process().has_exited());
    // Said once, however often the guest retries.
    dispatch_syscall(f.kernel(), request);
    REQUIRE(fake::reports().size() == 1);
    CHECK(fake::reports()[0] == "zeroos: unsupported syscall #4000(...) at pc 0x0 (answered ENOSYS from now on)");
}

TEST_CASE("on-unsupported=enosys reports each unsupported call once, told apart by ABI and legacy call")
{
    BootConfig config;
    config.unsupported_returns_enosys = true;
    KernelFixture f(config);
    auto x86_call = [&](long number) {
        x86_64::Registers registers {};
        registers.orig_rax = static_cast<unsigned long long>(number);
        registers.rip = 0x401002;
        auto outcome = x86_64::serve_syscall(f.kernel(), registers);
        CHECK(outcome.kind == SyscallOutcome::Kind::Return);
        return static_cast<long>(registers.rax);
    };
    CHECK(x86_call(47) == -ENOSYS); // x86-64 recvmsg
    CHECK(f.call("fallocate", 0, 0, 0, 4096) == -ENOSYS); // asm-generic 47
    CHECK(x86_call(57) == -ENOSYS); // fork and vfork: legacy calls, each its own report
    CHECK(x86_call(58) == -ENOSYS);
    CHECK(x86_call(47) == -ENOSYS);
    CHECK(x86_call(57) == -ENOSYS);
    CHECK(f.call("fallocate", 0, 0, 0, 4096) == -ENOSYS);
    REQUIRE(fake::reports().size() == 4);
    CHECK(fake::reports()[0].rfind("zeroos: unsupported syscall recvmsg(", 0) == 0);
    CHECK(fake::reports()[1].rfind("zeroos: unsupported syscall fallocate(", 0) == 0);
    CHECK(fake::reports()[2].rfind("zeroos: unsupported syscall fork(", 0) == 0);
    CHECK(fake::reports()[3].rfind("zeroos: unsupported syscall vfork(", 0) == 0);
}

namespace {

struct Seen {
    int fd = 0;
    int number = 0;
    u32 flags = 0;
    size_t size = 0;
    i64 offset = 0;
    u64 pointer = 0;
} g_seen;

SyscallResult typed_handler(Kernel&, Fd fd, Int number, OpenFlags flags, Size size, Offset offset, Ptr<Timespec> pointer)
{
    g_seen = { fd, number, flags, size, offset, pointer.address() };
    return 7;
}

} // namespace

TEST_CASE("typed handlers get each register narrowed to its kind as Linux narrows it")
{
    KernelFixture f;
    SyscallArgs args;
    // Garbage in the upper halves of 32-bit arguments is ignored; 64-bit ones keep every bit.
    args.raw[0] = 0xdeadbeef00000003ull;
    args.raw[1] = 0x00000001ffffffffull;
    args.raw[2] = 0xffffffff00080241ull;
    args.raw[3] = 0xffffffffffffffffull;
    args.raw[4] = 0x8000000000000000ull;
    args.raw[5] = 0x00007fff12345678ull;
    SyscallHandler handler = &unpack_and_call<&typed_handler>;
    auto result = handler(f.kernel(), args);
    REQUIRE(!result.is_error());
    CHECK(result.value() == 7);
    CHECK(g_seen.fd == 3);
    CHECK(g_seen.number == -1);
    CHECK(g_seen.flags == 0x00080241u);
    CHECK(g_seen.size == ~size_t(0));
    CHECK(g_seen.offset == INT64_MIN);
    CHECK(g_seen.pointer == 0x00007fff12345678ull);
}

TEST_CASE("an argument list knows each parameter's format and name from its declaration")
{
    constexpr ArgumentList list = ZEROOS_ARGUMENTS((DirFd dirfd, Path pathname, Ptr<Timespec> times, AtFlags flags));
    static_assert(list.count == 4);
    static_assert(list.formats[0] == ArgFormat::DirectoryFd && list.formats[1] == ArgFormat::String);
    static_assert(list.formats[2] == ArgFormat::Pointer && list.formats[3] == ArgFormat::AtFlags);
    std::vector<std::string> names;
    for (size_t i = 0; i < list.count; ++i) {
        const char* name = nullptr;
        size_t length = 0;
        list.name(i, name, length);
        names.emplace_back(name, length);
    }
    CHECK(names == std::vector<std::string> { "dirfd", "pathname", "times", "flags" });
    constexpr ArgumentList none = ZEROOS_ARGUMENTS(());
    static_assert(none.count == 0);
}

TEST_CASE("fail-fast reports name each argument as syscalls.def does and decode it by its kind")
{
    KernelFixture f;
    SyscallRequest request {};
    request.number = syscall_info_by_name("fallocate")->number;
    request.args.raw[0] = 3;
    request.args.raw[1] = 1;
    request.args.raw[2] = static_cast<u64>(-5);
    request.args.raw[3] = 4096;
    request.pc = 0x401000;
    dispatch_syscall(f.kernel(), request);
    REQUIRE(fake::reports().size() == 1);
    CHECK(fake::reports()[0] == "zeroos: unsupported syscall fallocate(fd=3, mode=1, offset=-5, len=4096) at pc 0x401000");
}
