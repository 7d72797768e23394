// Guards of function-local statics (Itanium C++ ABI 3.3.2): the compiler checks the guard's first
// byte inline and calls __cxa_guard_acquire only while it is zero; a return of 1 means "initialise
// it, then call __cxa_guard_release".
//
// ZeroOS threads are cooperative, but an initialiser may still block (a sleep, a read, a mutex), and
// then another thread runs and may reach the same static: it must wait, not initialise it again and
// not see it half built. So the guard's second 32-bit word holds the tid of the initialising thread,
// and waiters sleep on it with a futex. The same thread reaching its own guard again is a recursive
// initialisation, undefined behaviour that would otherwise deadlock: it stops with a message.
//
//   byte 0         1 once initialised (what the compiler's inline check reads)
//   bytes 4..7     0 when nobody initialises it, else the initialising tid | kWaiters
#include "fatal.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

using AliasedByte = unsigned char __attribute__((may_alias));
using AliasedWord = uint32_t __attribute__((may_alias));

constexpr uint32_t kWaiters = 0x80000000u;
constexpr int kFutexWaitPrivate = 128; // FUTEX_WAIT | FUTEX_PRIVATE_FLAG
constexpr int kFutexWakePrivate = 129; // FUTEX_WAKE | FUTEX_PRIVATE_FLAG

AliasedByte* done_byte(uint64_t* guard) { return reinterpret_cast<AliasedByte*>(guard); }
AliasedWord* owner_word(uint64_t* guard) { return reinterpret_cast<AliasedWord*>(guard) + 1; }

bool initialised(uint64_t* guard) { return __atomic_load_n(done_byte(guard), __ATOMIC_ACQUIRE) != 0; }

// Ends an initialisation (done or abandoned): clears the owner and wakes whoever waits.
void leave(uint64_t* guard)
{
    uint32_t previous = __atomic_exchange_n(owner_word(guard), 0, __ATOMIC_ACQ_REL);
    if (previous & kWaiters)
        syscall(SYS_futex, owner_word(guard), kFutexWakePrivate, INT32_MAX, nullptr);
}

} // namespace

extern "C" {

int __cxa_guard_acquire(uint64_t* guard)
{
    AliasedWord* owner = owner_word(guard);
    const uint32_t self = static_cast<uint32_t>(gettid());
    for (;;) {
        if (initialised(guard))
            return 0;
        uint32_t current = 0;
        if (__atomic_compare_exchange_n(owner, &current, self, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            // Another thread may have finished between the check above and taking the guard.
            if (initialised(guard)) {
                leave(guard);
                return 0;
            }
            return 1;
        }
        if ((current & ~kWaiters) == self)
            zeroos::cxxabi::fatal("recursive initialisation of a function-local static (its initialiser reached itself)");
        if (!(current & kWaiters)
            && !__atomic_compare_exchange_n(owner, &current, current | kWaiters, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            continue;
        // Sleeps until the owner leaves; returns at once if the word changed meanwhile.
        syscall(SYS_futex, owner, kFutexWaitPrivate, current | kWaiters, nullptr);
    }
}

void __cxa_guard_release(uint64_t* guard)
{
    __atomic_store_n(done_byte(guard), 1, __ATOMIC_RELEASE);
    leave(guard);
}

// Called when an initialiser throws; vApps have no exceptions, but the ABI has the entry point.
void __cxa_guard_abort(uint64_t* guard) { leave(guard); }

} // extern "C"
