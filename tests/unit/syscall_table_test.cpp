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
