// Threads as the kernel sees them: clone, the round-robin switches at blocking calls, exits,
// deadlines on the virtual clock and the deadlock report, against the fake platform.
#include "fake_platform.h"
#include "sched/linux_abi.h"
#include "vfs_helpers.h"

#include <catch2/catch.hpp>

using namespace zeroos;
using vfs_test::make_pipe;

namespace {

constexpr uint64_t kThreadFlags
    = 0x3d0f00; // glibc's pthread_create: VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
constexpr uint64_t kWait = 0, kWake = 1, kPrivate = 128;
constexpr uint64_t kStack = 0x10100000, kTls = 0x10200000;

// A thread made the way pthread_create does; returns its tid as the parent sees it.
long spawn(KernelFixture& f, uint64_t tid_word) { return f.call("clone", kThreadFlags, kStack, tid_word, kTls, tid_word); }

// 100000 bytes of the alphabet over and over: more than a pipe holds.
std::string alphabet_bytes()
{
    std::string data(100000, 'x');
    for (size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<char>('a' + i % 26);
    return data;
}

} // namespace

TEST_CASE("clone makes a thread with the next tid that runs only when its parent blocks")
{
    KernelFixture f;
    uint64_t tid_word = f.reserve(4);
    CHECK(spawn(f, tid_word) == 2);
    CHECK_FALSE(f.switched());
    CHECK(f.read<int32_t>(tid_word) == 2); // CLONE_PARENT_SETTID
    REQUIRE(fake::created_threads().size() == 1);
    CHECK(fake::created_threads()[0].tid == 2);
    CHECK(fake::created_threads()[0].stack == kStack);
    CHECK(fake::created_threads()[0].set_tls);
    CHECK(fake::created_threads()[0].tls == kTls);
    CHECK(f.call("gettid") == 1);
    CHECK(spawn(f, f.reserve(4)) == 3);

    // The main thread yields: thread 2 runs, its clone returning 0; then 3; then 1 again.
    CHECK(f.call("sched_yield") == 0);
    CHECK(f.switched());
    CHECK(f.running_tid() == 2);
    CHECK(f.call("gettid") == 2);
    CHECK(f.call("sched_yield") == 0);
    CHECK(f.running_tid() == 3);
    CHECK(f.call("sched_yield") == 0);
    CHECK(f.running_tid() == 1);
    CHECK(f.call("getpid") == 1);
}

TEST_CASE("clone checks its flags as Linux does and fails fast on a new process")
{
    KernelFixture f;
    CHECK(f.call("clone", kThreadFlags & ~uint64_t(0x800), kStack) == -EINVAL); // THREAD without SIGHAND
    CHECK(f.call("clone", 0x800 | 0x10000, kStack) == -EINVAL); // SIGHAND without VM
    CHECK(fake::created_threads().empty());
    f.call("clone", abi::sigchld /* fork */, 0);
    CHECK(f.exited());
    CHECK(f.kernel().process().exit_status() == 70);
    REQUIRE(fake::reports().size() == 1);
    CHECK(fake::reports()[0].find("clone(flags=0x11") != std::string::npos);
    CHECK(fake::reports()[0].find("unikernel with one process") != std::string::npos);
}

TEST_CASE("clone gives EAGAIN beyond max_threads and when the platform has no room")
{
    BootConfig config;
    config.max_threads = 2;
    KernelFixture f(config);
    CHECK(spawn(f, f.reserve(4)) == 2);
    CHECK(spawn(f, f.reserve(4)) == -EAGAIN);
    fake::fail_thread_creation(true);
    CHECK(f.call("clone", kThreadFlags, kStack, 0, kTls, 0) == -EAGAIN);
    fake::fail_thread_creation(false);
}

TEST_CASE("a futex wait switches to the next thread and a wake makes the waiter runnable")
{
    KernelFixture f;
    uint32_t zero = 0;
    uint64_t futex = f.put_bytes(&zero, 4);
    REQUIRE(spawn(f, f.reserve(4)) == 2);
    CHECK(f.call("futex", futex, kWait | kPrivate, 0) == 0); // thread 2's clone result
    CHECK(f.running_tid() == 2);
    CHECK(f.call("futex", futex, kWake | kPrivate, 5) == 1);
    CHECK_FALSE(f.switched()); // cooperative: the waker keeps running
    CHECK(f.call("futex", futex, kWake | kPrivate, 5) == 0);
    CHECK(f.call("sched_yield") == 0); // thread 1's wait returns 0
    CHECK(f.running_tid() == 1);
}

TEST_CASE("FUTEX_WAKE wakes the oldest waiters first and bitsets and requeues pick who")
{
    KernelFixture f;
    uint32_t words[2] = { 0, 0 };
    uint64_t a = f.put_bytes(&words[0], 4), b = f.put_bytes(&words[1], 4);
    REQUIRE(spawn(f, f.reserve(4)) == 2);
    REQUIRE(spawn(f, f.reserve(4)) == 3);
    REQUIRE(spawn(f, f.reserve(4)) == 4);
    f.call("futex", a, 9 /* WAIT_BITSET */, 0, 0, 0, 0x1); // 1 waits on a, bitset 1
    REQUIRE(f.running_tid() == 2);
    f.call("futex", a, 9 /* WAIT_BITSET */, 0, 0, 0, 0x2); // 2 waits on a, bitset 2
    REQUIRE(f.running_tid() == 3);
    f.call("futex", a, kWait, 0); // 3 waits on a
    REQUIRE(f.running_tid() == 4);
    CHECK(f.call("futex", a, 10 /* WAKE_BITSET */, 1, 0, 0, 0x2) == 1); // 2 is the oldest that matches
    CHECK(f.call("futex", a, 4 /* CMP_REQUEUE */, 0, 1, b, 1) == -EAGAIN);
    CHECK(f.call("futex", a, 4 /* CMP_REQUEUE */, 0, 1, b, 0) == 1); // 1 moves to b
    CHECK(f.call("futex", a, kWake, 1) == 1); // 3 is the only one left on a
    uint32_t add_one_if_zero = (1u << 28) | (1u << 12); // ADD 1, compare EQ 0
    CHECK(f.call("futex", a, 5 /* WAKE_OP */, 1, 1, b, add_one_if_zero) == 1); // wakes 1 on b
    CHECK(f.read<uint32_t>(b) == 1);
    // Woken in order 2, 3, 1: that is the run queue.
    CHECK(f.call("sched_yield") == 0);
    CHECK(f.running_tid() == 2);
    CHECK(f.call("sched_yield") == 0);
    CHECK(f.running_tid() == 3);
    CHECK(f.call("sched_yield") == 0);
    CHECK(f.running_tid() == 1);
}

TEST_CASE("with every thread blocked the clock jumps to the earliest deadline")
{
    KernelFixture f;
    uint32_t zero = 0;
    uint64_t futex = f.put_bytes(&zero, 4);
    Timespec five { 5, 0 }, two { 2, 0 };
    uint64_t five_seconds = f.put_bytes(&five, sizeof five), two_seconds = f.put_bytes(&two, sizeof two);
    REQUIRE(spawn(f, f.reserve(4)) == 2);
    CHECK(f.call("futex", futex, kWait, 0, five_seconds) == 0); // 1 waits up to 5 s; 2 runs
    CHECK(f.call("nanosleep", two_seconds) == 0); // 2 sleeps: at 2 s it is the one to run again
    CHECK(f.running_tid() == 2);
    CHECK_FALSE(f.switched());
    CHECK(f.kernel().clock().monotonic_ns() == 2'000'000'000u);
    CHECK(f.call("futex", futex + 4, kWait, 0) == -ETIMEDOUT); // 2 waits forever; 1 times out at 5 s
    CHECK(f.running_tid() == 1);
    CHECK(f.kernel().clock().monotonic_ns() == 5'000'000'000u);
}

TEST_CASE("an absolute FUTEX_WAIT_BITSET deadline on CLOCK_REALTIME is the same instant")
{
    BootConfig config;
    config.epoch_seconds = 1000;
    KernelFixture f(config);
    uint32_t zero = 0;
    uint64_t futex = f.put_bytes(&zero, 4);
    Timespec deadline { 1003, 250 };
    uint64_t at = f.put_bytes(&deadline, sizeof deadline);
    CHECK(f.call("futex", futex, abi::futex_wait_bitset | abi::futex_clock_realtime, 0, at, 0, 0xffffffff) == -ETIMEDOUT);
    CHECK(f.kernel().clock().monotonic_ns() == 3'000'000'250u);
    CHECK(f.call("futex", futex, 9 | 256, 0, at, 0, 0xffffffff) == -ETIMEDOUT); // already past
    CHECK(f.kernel().clock().monotonic_ns() == 3'000'000'250u);
}

TEST_CASE("a thread's exit clears and wakes its child tid word and the last exit ends the run")
{
    KernelFixture f;
    uint64_t tid_word = f.reserve(4);
    REQUIRE(spawn(f, tid_word) == 2);
    // The main thread joins: it waits while the word holds the tid.
    CHECK(f.call("futex", tid_word, kWait, 2) == 0);
    REQUIRE(f.running_tid() == 2);
    CHECK(f.call("exit", 7) == 0); // the joiner's wait returns 0
    CHECK(f.switched());
    CHECK(f.running_tid() == 1);
    CHECK(f.read<uint32_t>(tid_word) == 0);
    CHECK(fake::destroyed_threads() == std::vector<int> { 2 });
    CHECK(f.call("tkill", 2, 0) == -ESRCH);
    CHECK(f.call("tgkill", 1, 1, 0) == 0);
    f.call("exit", 3);
    CHECK(f.exited());
    CHECK(f.kernel().process().exit_status() == 3);
}

TEST_CASE("robust futexes a thread still holds at its exit get FUTEX_OWNER_DIED")
{
    KernelFixture f;
    REQUIRE(spawn(f, f.reserve(4)) == 2);
    f.call("sched_yield");
    REQUIRE(f.running_tid() == 2);
    // A robust_list_head whose list holds one mutex: entry -> head, futex word right after it.
    uint64_t head = f.reserve(24), entry = f.reserve(16);
    uint64_t head_words[3] = { entry, 8, 0 };
    uint64_t entry_words[2] = { head, 0x80000000u | 2 }; // next, then the word: owner 2 with waiters
    std::memcpy(fake::host_address(head, 24), head_words, 24);
    std::memcpy(fake::host_address(entry, 16), entry_words, 16);
    CHECK(f.call("set_robust_list", head, 24) == 0);
    f.call("exit", 0);
    CHECK(f.read<uint32_t>(entry + 8) == (0x80000000u | 0x40000000u));
}

TEST_CASE("a deadlock names every blocked thread with what it waits on and where")
{
    KernelFixture f;
    uint32_t zero = 0;
    uint64_t futex = f.put_bytes(&zero, 4);
    REQUIRE(spawn(f, f.reserve(4)) == 2);
    f.set_pc(0x401000);
    f.call("futex", futex, kWait, 0);
    REQUIRE(f.running_tid() == 2);
    f.set_pc(0x402000);
    f.call("futex", futex, kWait, 0);
    CHECK(f.exited());
    CHECK(f.kernel().process().exit_status() == 70);
    char address[32];
    std::snprintf(address, sizeof address, "0x%llx", static_cast<unsigned long long>(futex));
    REQUIRE(fake::reports().size() == 3);
    CHECK(fake::reports()[0] == "zeroos: deadlock: every thread is blocked and no timeout is pending (2 threads)");
    CHECK(fake::reports()[1] == std::string("zeroos:   thread 1 waits on futex ") + address + " at pc 0x401000");
    CHECK(fake::reports()[2] == std::string("zeroos:   thread 2 waits on futex ") + address + " at pc 0x402000");
}

TEST_CASE("priority-inheritance futexes fail fast")
{
    KernelFixture f;
    uint32_t zero = 0;
    f.call("futex", f.put_bytes(&zero, 4), 6 /* LOCK_PI */, 0);
    CHECK(f.exited());
    REQUIRE(fake::reports().size() == 1);
    CHECK(fake::reports()[0].find("priority-inheritance") != std::string::npos);
}

TEST_CASE("a read of an empty pipe blocks until another thread writes and then runs again")
{
    KernelFixture f;
    auto [rc, read_end, write_end] = make_pipe(f);
    REQUIRE(rc == 0);
    uint64_t buffer = f.reserve(16);
    REQUIRE(spawn(f, f.reserve(4)) == 2);
    CHECK(f.call("read", read_end, buffer, 16) == 0); // blocks: thread 2 runs (its clone returns 0)
    CHECK(f.running_tid() == 2);
    uint64_t text = f.put_string("hello");
    CHECK(f.call("write", write_end, text, 5) == 5);
    CHECK_FALSE(f.switched());
    CHECK(f.call("sched_yield") == 5); // thread 1's read ran again and got the bytes
    CHECK(f.running_tid() == 1);
    CHECK(f.read_string(buffer, 5) == "hello");

    // A poll waits the same way; closing the write end wakes it with POLLHUP.
    struct {
        int32_t fd;
        int16_t events, revents;
    } entry { read_end, abi::pollin, 0 };
    uint64_t poll_entry = f.put_bytes(&entry, sizeof entry);
    CHECK(f.call("ppoll", poll_entry, 1, 0, 0, 8) == 0); // blocks: thread 2's yield returns 0
    CHECK(f.running_tid() == 2);
    CHECK(f.call("close", write_end) == 0);
    CHECK(f.call("sched_yield") == 1);
    CHECK(f.running_tid() == 1);
    CHECK(f.read<int16_t>(poll_entry + 6) == abi::pollhup);
}

TEST_CASE("a poll timeout with every thread blocked ends at its deadline")
{
    KernelFixture f;
    struct {
        int32_t fd;
        int16_t events, revents;
    } entry { make_pipe(f).read_end, abi::pollin, 0 };
    uint64_t poll_entry = f.put_bytes(&entry, sizeof entry);
    Timespec timeout { 0, 300 };
    uint64_t timeout_pointer = f.put_bytes(&timeout, sizeof timeout);
    REQUIRE(spawn(f, f.reserve(4)) == 2);
    CHECK(f.call("ppoll", poll_entry, 1, timeout_pointer, 0, 8) == 0); // thread 2 runs
    CHECK(f.running_tid() == 2);
    Timespec nap { 0, 100 };
    CHECK(f.call("nanosleep", f.put_bytes(&nap, sizeof nap)) == 0); // thread 2 wakes first, at 100 ns
    CHECK(f.running_tid() == 2);
    CHECK(f.kernel().clock().monotonic_ns() == 100u);
    CHECK(f.call("futex", f.reserve(4), kWait, 0) == 0); // 2 waits forever: 1's poll times out at 300 ns
    CHECK(f.running_tid() == 1);
    CHECK(f.kernel().clock().monotonic_ns() == 300u);
    CHECK(f.read<Timespec>(timeout_pointer).tv_nsec == 0); // nothing left
}

TEST_CASE("a blocking write larger than the pipe waits for room and returns the whole count")
{
    KernelFixture f;
    auto [rc, read_end, write_end] = make_pipe(f);
    REQUIRE(rc == 0);
    std::string data = alphabet_bytes();
    uint64_t source = f.put_bytes(data.data(), data.size()), sink = f.reserve(data.size());
    REQUIRE(spawn(f, f.reserve(4)) == 2);
    CHECK(f.call("write", write_end, source, data.size()) == 0); // 65536 bytes fit: thread 2 runs
    CHECK(f.running_tid() == 2);
    CHECK(f.call("read", read_end, sink, 70000) == 65536);
    CHECK(f.call("sched_yield") == 100000); // thread 1 wrote the rest
    CHECK(f.running_tid() == 1);
    CHECK(f.call("sched_yield") == 0);
    CHECK(f.running_tid() == 2);
    CHECK(f.call("read", read_end, sink + 65536, 70000) == 100000 - 65536);
    CHECK(f.read_string(sink, data.size()) == data);

    // Small writes stay atomic: 10 bytes do not go into 5 free ones, the writer waits for room.
    CHECK(f.call("write", write_end, source, 65531) == 65531);
    CHECK(f.call("write", write_end, source, 10) == 0); // thread 2 blocks; thread 1's yield returns
    CHECK(f.running_tid() == 1);
    CHECK(f.call("read", read_end, sink, 100) == 100);
    CHECK(f.call("sched_yield") == 10);
    CHECK(f.running_tid() == 2);
}

TEST_CASE("sendfile into a full pipe waits when it moved nothing and returns its count when it moved some")
{
    KernelFixture f;
    auto [rc, read_end, write_end] = make_pipe(f);
    REQUIRE(rc == 0);
    std::string data = alphabet_bytes();
    long file = f.call("openat", static_cast<uint64_t>(abi::at_fdcwd), f.put_string("/tmp/data"), abi::o_rdwr | abi::o_creat, 0600);
    REQUIRE(file >= 0);
    REQUIRE(f.call("write", file, f.put_bytes(data.data(), data.size()), data.size()) == 100000);
    REQUIRE(f.call("lseek", file, 0, 0) == 0);
    uint64_t sink = f.reserve(data.size());
    REQUIRE(spawn(f, f.reserve(4)) == 2);
    CHECK(f.call("sendfile", write_end, file, 0, 100000) == 65536); // what fitted, no wait
    CHECK_FALSE(f.switched());
    CHECK(f.call("sendfile", write_end, file, 0, 100000) == 0); // nothing fits: thread 2 runs
    CHECK(f.running_tid() == 2);
    CHECK(f.call("read", read_end, sink, 65536) == 65536);
    CHECK(f.call("sched_yield") == 100000 - 65536); // thread 1's sendfile ran again and moved the rest
    CHECK(f.running_tid() == 1);
    CHECK(f.call("read", read_end, sink + 65536, 65536) == 100000 - 65536);
    CHECK(f.read_string(sink, data.size()) == data);
}

TEST_CASE("writev and readv that moved some bytes before a pipe blocks return what they moved")
{
    KernelFixture f;
    auto [rc, read_end, write_end] = make_pipe(f);
    REQUIRE(rc == 0);
    REQUIRE(spawn(f, f.reserve(4)) == 2);
    uint64_t first = f.reserve(60000, 'a'), second = f.reserve(10000, 'b');
    uint64_t vectors[4] = { first, 60000, second, 10000 };
    uint64_t iov = f.put_bytes(vectors, sizeof vectors);
    CHECK(f.call("writev", write_end, iov, 2) == 65536); // all of the first, what fitted of the second
    CHECK_FALSE(f.switched());
    uint64_t sink = f.reserve(65536);
    CHECK(f.call("read", read_end, sink, 65526) == 65526);
    uint64_t halves[4] = { sink, 10, sink + 10, 6 };
    CHECK(f.call("readv", read_end, f.put_bytes(halves, sizeof halves), 2) == 10); // no wait for the second
    CHECK_FALSE(f.switched());
    CHECK(f.read_string(sink, 10) == "bbbbbbbbbb");
}
