#include "fake_platform.h"
#include "signals/linux_abi.h"

#include <catch2/catch.hpp>

using namespace zeroos;

namespace {

constexpr uint64_t kHandler = 0x401234;

// struct sigaction as the x86-64 kernel reads it: handler, flags, restorer, mask.
struct X86Sigaction {
    uint64_t handler;
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
};

long set_action(KernelFixture& f, int signal, uint64_t handler, uint64_t mask = 0)
{
    X86Sigaction action { handler, 0x04000000, 0x401000, mask };
    return f.call("rt_sigaction", signal, f.put_bytes(&action, sizeof(action)), 0, 8);
}

long procmask(KernelFixture& f, int how, uint64_t mask, uint64_t old = 0)
{
    return f.call("rt_sigprocmask", how, f.put_bytes(&mask, 8), old, 8);
}

uint64_t bit(int signal) { return uint64_t(1) << (signal - 1); }

} // namespace

TEST_CASE("rt_sigaction stores and reports dispositions")
{
    KernelFixture f;
    uint64_t old = f.reserve(sizeof(X86Sigaction), 0xff);
    CHECK(f.call("rt_sigaction", abi::sigusr1, 0, old, 8) == 0);
    CHECK(f.read<X86Sigaction>(old).handler == 0);
    CHECK(f.read<X86Sigaction>(old).mask == 0);
    CHECK(set_action(f, abi::sigusr1, kHandler, bit(abi::sigkill) | bit(abi::sigterm)) == 0);
    CHECK(f.call("rt_sigaction", abi::sigusr1, 0, old, 8) == 0);
    auto stored = f.read<X86Sigaction>(old);
    CHECK(stored.handler == kHandler);
    CHECK(stored.flags == 0x04000000);
    CHECK(stored.restorer == 0x401000);
    CHECK(stored.mask == bit(abi::sigterm)); // SIGKILL cannot be blocked, so Linux drops it
}

TEST_CASE("rt_sigaction errors")
{
    KernelFixture f;
    uint64_t old = f.reserve(sizeof(X86Sigaction));
    CHECK(set_action(f, abi::sigkill, 1) == -EINVAL);
    CHECK(set_action(f, abi::sigstop, 0) == -EINVAL);
    CHECK(f.call("rt_sigaction", abi::sigkill, 0, old, 8) == 0);
    CHECK(set_action(f, 0, 1) == -EINVAL);
    CHECK(set_action(f, 65, 1) == -EINVAL);
    CHECK(f.call("rt_sigaction", abi::sigterm, 0, old, 4) == -EINVAL);
    CHECK(f.call("rt_sigaction", abi::sigterm, fake::kUnmapped, 0, 8) == -EFAULT);
    CHECK(f.call("rt_sigaction", abi::sigterm, 0, fake::kUnmapped, 8) == -EFAULT);
    CHECK(set_action(f, 64, 1) == 0);
}

TEST_CASE("rt_sigprocmask blocks, unblocks and sets; SIGKILL and SIGSTOP stay unblocked")
{
    KernelFixture f;
    uint64_t old = f.reserve(8, 0xff);
    CHECK(procmask(f, abi::sig_block, bit(abi::sigusr1) | bit(abi::sigkill) | bit(abi::sigstop), old) == 0);
    CHECK(f.read<uint64_t>(old) == 0);
    CHECK(procmask(f, abi::sig_block, bit(abi::sigterm), old) == 0);
    CHECK(f.read<uint64_t>(old) == bit(abi::sigusr1));
    CHECK(procmask(f, abi::sig_unblock, bit(abi::sigusr1), old) == 0);
    CHECK(f.read<uint64_t>(old) == (bit(abi::sigusr1) | bit(abi::sigterm)));
    CHECK(procmask(f, abi::sig_setmask, ~uint64_t(0), old) == 0);
    CHECK(f.read<uint64_t>(old) == bit(abi::sigterm));
    CHECK(f.call("rt_sigprocmask", abi::sig_block, 0, old, 8) == 0);
    CHECK(f.read<uint64_t>(old) == (~uint64_t(0) & ~(bit(abi::sigkill) | bit(abi::sigstop))));
    CHECK(procmask(f, 3, 0) == -EINVAL);
    CHECK(f.call("rt_sigprocmask", abi::sig_block, 0, old, 16) == -EINVAL);
    CHECK(f.call("rt_sigprocmask", abi::sig_block, fake::kUnmapped, 0, 8) == -EFAULT);
    CHECK(f.call("rt_sigprocmask", abi::sig_block, 0, fake::kUnmapped, 8) == -EFAULT);
}

TEST_CASE("a default-terminating signal to self ends the run with 128 + signal")
{
    for (int signal : { abi::sigterm, abi::sigusr1, abi::sigsegv, abi::sigkill, 40 }) {
        KernelFixture f;
        CHECK(f.call("kill", 1, signal) == 0);
        CHECK(f.exited());
        CHECK(f.kernel().process().exit_status() == 128 + signal);
        CHECK(f.kernel().process().termination_signal() == signal);
    }
}

TEST_CASE("ignored signals do nothing")
{
    KernelFixture f;
    for (int signal : { abi::sigchld, abi::sigcont, 23 /* SIGURG */, 28 /* SIGWINCH */ })
        CHECK(f.call("kill", 1, signal) == 0);
    CHECK(set_action(f, abi::sigterm, 1) == 0);
    CHECK(f.call("kill", 0, abi::sigterm) == 0);
    CHECK(f.call("tkill", 1, abi::sigterm) == 0);
    CHECK(f.call("tgkill", 1, 1, abi::sigterm) == 0);
    CHECK_FALSE(f.exited());
    // SIGKILL cannot be ignored.
    CHECK(f.call("kill", 1, abi::sigkill) == 0);
    CHECK(f.kernel().process().exit_status() == 137);
}

TEST_CASE("signal 0 checks the target exists; others are ESRCH or EINVAL")
{
    KernelFixture f;
    CHECK(f.call("kill", 1, 0) == 0);
    CHECK(f.call("kill", 0, 0) == 0);
    CHECK(f.call("kill", uint32_t(-1), 0) == -ESRCH); // every process but init and the caller: none
    CHECK(f.call("kill", 2, 0) == -ESRCH);
    CHECK(f.call("kill", 1, 65) == -EINVAL);
    CHECK(f.call("kill", 1, uint32_t(-1)) == -EINVAL);
    CHECK(f.call("tkill", 1, 0) == 0);
    CHECK(f.call("tkill", 2, 0) == -ESRCH);
    CHECK(f.call("tkill", 0, 0) == -EINVAL);
    CHECK(f.call("tgkill", 1, 1, 0) == 0);
    CHECK(f.call("tgkill", 1, 2, 0) == -ESRCH);
    CHECK(f.call("tgkill", 0, 1, 0) == -EINVAL);
    CHECK_FALSE(f.exited());
}

TEST_CASE("a blocked signal waits and is delivered when unblocked")
{
    KernelFixture f;
    CHECK(procmask(f, abi::sig_block, bit(abi::sigterm)) == 0);
    CHECK(f.call("kill", 1, abi::sigterm) == 0);
    CHECK_FALSE(f.exited());
    CHECK(f.kernel().signals().pending() == bit(abi::sigterm));
    CHECK(procmask(f, abi::sig_unblock, bit(12 /* SIGUSR2, unrelated */)) == 0);
    CHECK_FALSE(f.exited());
    CHECK(procmask(f, abi::sig_unblock, bit(abi::sigterm)) == 0);
    CHECK(f.exited());
    CHECK(f.kernel().process().exit_status() == 128 + abi::sigterm);
}

TEST_CASE("ignoring a pending signal discards it")
{
    KernelFixture f;
    CHECK(procmask(f, abi::sig_block, bit(abi::sigterm)) == 0);
    CHECK(f.call("kill", 1, abi::sigterm) == 0);
    CHECK(set_action(f, abi::sigterm, 1) == 0);
    CHECK(f.kernel().signals().pending() == 0);
    CHECK(procmask(f, abi::sig_setmask, 0) == 0);
    CHECK_FALSE(f.exited());
}

// musl's abort(): raise(SIGABRT) with all signals blocked around tkill, then (if that returned)
// block all, reset SIGABRT to SIG_DFL, tkill again and unblock SIGABRT.
TEST_CASE("musl abort() ends with 134")
{
    auto musl_abort = [](KernelFixture& f) {
        uint64_t saved = f.reserve(8);
        procmask(f, abi::sig_block, ~uint64_t(0), saved); // raise(): block all
        f.call("tkill", 1, abi::sigabrt);
        f.call("rt_sigprocmask", abi::sig_setmask, saved, 0, 8); // raise(): restore
        if (f.exited())
            return;
        procmask(f, abi::sig_block, ~uint64_t(0)); // __block_all_sigs
        set_action(f, abi::sigabrt, 0);
        f.call("tkill", 1, abi::sigabrt);
        procmask(f, abi::sig_unblock, bit(abi::sigabrt));
    };
    SECTION("default disposition")
    {
        KernelFixture f;
        musl_abort(f);
        CHECK(f.exited());
        CHECK(f.kernel().process().exit_status() == 134);
    }
    SECTION("SIGABRT ignored")
    {
        KernelFixture f;
        set_action(f, abi::sigabrt, 1);
        musl_abort(f);
        CHECK(f.exited());
        CHECK(f.kernel().process().exit_status() == 134);
    }
    SECTION("SIGABRT blocked by the program")
    {
        KernelFixture f;
        procmask(f, abi::sig_block, bit(abi::sigabrt));
        musl_abort(f);
        CHECK(f.exited());
        CHECK(f.kernel().process().exit_status() == 134);
    }
}

// glibc's abort(): unblock SIGABRT, raise it (tgkill with all signals blocked, then restore), and
// if it returned, reset SIGABRT to SIG_DFL and raise again.
TEST_CASE("glibc abort() ends with 134")
{
    auto glibc_raise = [](KernelFixture& f) {
        uint64_t saved = f.reserve(8);
        procmask(f, abi::sig_block, ~uint64_t(0), saved);
        f.call("tgkill", 1, 1, abi::sigabrt);
        f.call("rt_sigprocmask", abi::sig_setmask, saved, 0, 8);
    };
    auto glibc_abort = [&](KernelFixture& f) {
        procmask(f, abi::sig_unblock, bit(abi::sigabrt));
        glibc_raise(f);
        if (f.exited())
            return;
        set_action(f, abi::sigabrt, 0, ~uint64_t(0));
        glibc_raise(f);
    };
    SECTION("default disposition, SIGABRT blocked beforehand")
    {
        KernelFixture f;
        procmask(f, abi::sig_block, bit(abi::sigabrt));
        glibc_abort(f);
        CHECK(f.exited());
        CHECK(f.kernel().process().exit_status() == 134);
    }
    SECTION("SIGABRT ignored")
    {
        KernelFixture f;
        set_action(f, abi::sigabrt, 1);
        glibc_abort(f);
        CHECK(f.exited());
        CHECK(f.kernel().process().exit_status() == 134);
    }
}

TEST_CASE("a signal with a guest handler fails fast, naming the signal")
{
    KernelFixture f;
    CHECK(set_action(f, abi::sigusr1, kHandler) == 0);
    f.call("kill", 1, abi::sigusr1);
    CHECK(f.exited());
    CHECK(f.kernel().process().exit_status() == 70);
    REQUIRE(fake::reports().size() == 1);
    CHECK(fake::reports()[0].find("delivering SIGUSR1 to a guest handler is not supported yet") != std::string::npos);
}

TEST_CASE("SIGSTOP to self fails fast")
{
    KernelFixture f;
    f.call("kill", 1, abi::sigstop);
    CHECK(f.exited());
    CHECK(f.kernel().process().exit_status() == 70);
}

TEST_CASE("sigaltstack stores and reports the alternate stack")
{
    KernelFixture f;
    uint64_t old = f.reserve(sizeof(LinuxStack), 0xff);
    CHECK(f.call("sigaltstack", 0, old) == 0);
    CHECK(f.read<LinuxStack>(old).ss_flags == abi::ss_disable);
    CHECK(f.read<LinuxStack>(old).ss_size == 0);
    LinuxStack stack { 0x7000000, 0, 0, 65536 };
    CHECK(f.call("sigaltstack", f.put_bytes(&stack, sizeof(stack)), 0) == 0);
    CHECK(f.call("sigaltstack", 0, old) == 0);
    CHECK(f.read<LinuxStack>(old).ss_sp == 0x7000000);
    CHECK(f.read<LinuxStack>(old).ss_size == 65536);
    CHECK(f.read<LinuxStack>(old).ss_flags == 0);
    LinuxStack small { 0x7000000, 0, 0, 1024 };
    CHECK(f.call("sigaltstack", f.put_bytes(&small, sizeof(small)), 0) == -ENOMEM);
    LinuxStack bad_flags { 0x7000000, 4, 0, 65536 };
    CHECK(f.call("sigaltstack", f.put_bytes(&bad_flags, sizeof(bad_flags)), 0) == -EINVAL);
    LinuxStack disable { 0x1234, abi::ss_disable, 0, 10 };
    CHECK(f.call("sigaltstack", f.put_bytes(&disable, sizeof(disable)), old) == 0);
    CHECK(f.read<LinuxStack>(old).ss_sp == 0x7000000); // the previous stack
    CHECK(f.call("sigaltstack", 0, old) == 0);
    CHECK(f.read<LinuxStack>(old).ss_flags == abi::ss_disable);
    CHECK(f.read<LinuxStack>(old).ss_sp == 0);
    CHECK(f.call("sigaltstack", fake::kUnmapped, 0) == -EFAULT);
    CHECK(f.call("sigaltstack", 0, fake::kUnmapped) == -EFAULT);
}

TEST_CASE("rt_sigreturn still fails fast")
{
    KernelFixture f;
    f.call("rt_sigreturn");
    CHECK(f.exited());
    CHECK(f.kernel().process().exit_status() == 70);
}
