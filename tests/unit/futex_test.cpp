#include "fake_platform.h"

#include <catch2/catch.hpp>

using namespace zeroos;

namespace {
constexpr uint64_t kWait = 0, kWake = 1, kCmpRequeue = 4, kWakeOp = 5, kWaitBitset = 9, kPrivate = 128;
} // namespace

TEST_CASE("futex with one thread: mismatched waits and wakes and timeouts on the virtual clock")
{
    KernelFixture f;
    uint32_t word = 5;
    uint64_t futex = f.put_bytes(&word, sizeof word);

    CHECK(f.call("futex", futex, kWait | kPrivate, 4) == -EAGAIN);
    CHECK(f.call("futex", futex, kWake | kPrivate, 1) == 0);
    CHECK(f.call("futex", futex + 1, kWake, 1) == -EINVAL);
    CHECK(f.call("futex", fake::kUnmapped, kWait, 0) == -EFAULT);
    // A shared futex is found by its page, a private one by its address alone (as on Linux).
    CHECK(f.call("futex", fake::kUnmapped, kWake, 1) == -EFAULT);
    CHECK(f.call("futex", fake::kUnmapped, kWake | kPrivate, 1) == 0);
    CHECK(f.call("futex", futex, kCmpRequeue, 1, 1, fake::kUnmapped, 5) == -EFAULT);
    CHECK(f.call("futex", futex, kCmpRequeue | kPrivate, 1, 1, fake::kUnmapped, 5) == 0);

    Timespec timeout { 2, 500 };
    uint64_t relative = f.put_bytes(&timeout, sizeof timeout);
    CHECK(f.call("futex", futex, kWait | kPrivate, 5, relative) == -ETIMEDOUT);
    CHECK(f.kernel().clock().monotonic_ns() == 2'000'000'500u);

    Timespec deadline { 10, 0 };
    uint64_t absolute = f.put_bytes(&deadline, sizeof deadline);
    CHECK(f.call("futex", futex, kWaitBitset, 5, absolute, 0, 0xffffffff) == -ETIMEDOUT);
    CHECK(f.kernel().clock().monotonic_ns() == 10'000'000'000u);
    CHECK(f.call("futex", futex, kWaitBitset, 5, absolute, 0, 0) == -EINVAL);

    CHECK(f.call("futex", futex, kCmpRequeue, 1, 1, futex, 4) == -EAGAIN);
    CHECK(f.call("futex", futex, kCmpRequeue, 1, 1, futex, 5) == 0);
}

TEST_CASE("FUTEX_WAKE_OP applies its operation to the second word")
{
    KernelFixture f;
    uint32_t words[2] = { 0, 40 };
    uint64_t first = f.put_bytes(&words[0], 4), second = f.put_bytes(&words[1], 4);
    uint32_t add_two = (1u << 28) | (2u << 12); // FUTEX_OP_ADD, argument 2
    CHECK(f.call("futex", first, kWakeOp, 1, 1, second, add_two) == 0);
    CHECK(f.read<uint32_t>(second) == 42);
}

TEST_CASE("a futex wait nobody can end stops the guest as a deadlock")
{
    KernelFixture f;
    uint32_t word = 0;
    uint64_t futex = f.put_bytes(&word, sizeof word);
    f.call("futex", futex, kWait, 0);
    CHECK(f.exited());
    CHECK(f.kernel().process().exit_status() == 70);
    REQUIRE(fake::reports().size() == 2);
    CHECK(fake::reports()[0] == "zeroos: deadlock: every thread is blocked and no timeout is pending (1 thread)");
    CHECK(fake::reports()[1].find("zeroos:   thread 1 waits on futex 0x") == 0);
}
