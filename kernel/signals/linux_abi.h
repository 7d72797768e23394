#pragma once

#include "base/types.h"

// The Linux signal ABI ZeroOS serves. x86-64 and riscv64 number the signals alike.

// Each standard signal: its name without "SIG", its number, and its default action.
#define ZEROOS_SIGNAL_LIST(X)                                                                                                              \
    X(HUP, 1, Terminate)                                                                                                                   \
    X(INT, 2, Terminate)                                                                                                                   \
    X(QUIT, 3, Terminate)                                                                                                                  \
    X(ILL, 4, Terminate)                                                                                                                   \
    X(TRAP, 5, Terminate)                                                                                                                  \
    X(ABRT, 6, Terminate)                                                                                                                  \
    X(BUS, 7, Terminate)                                                                                                                   \
    X(FPE, 8, Terminate)                                                                                                                   \
    X(KILL, 9, Terminate)                                                                                                                  \
    X(USR1, 10, Terminate)                                                                                                                 \
    X(SEGV, 11, Terminate)                                                                                                                 \
    X(USR2, 12, Terminate)                                                                                                                 \
    X(PIPE, 13, Terminate)                                                                                                                 \
    X(ALRM, 14, Terminate)                                                                                                                 \
    X(TERM, 15, Terminate)                                                                                                                 \
    X(STKFLT, 16, Terminate)                                                                                                               \
    X(CHLD, 17, Ignore)                                                                                                                    \
    X(CONT, 18, Ignore)                                                                                                                    \
    X(STOP, 19, Stop)                                                                                                                      \
    X(TSTP, 20, Stop)                                                                                                                      \
    X(TTIN, 21, Stop)                                                                                                                      \
    X(TTOU, 22, Stop)                                                                                                                      \
    X(URG, 23, Ignore)                                                                                                                     \
    X(XCPU, 24, Terminate)                                                                                                                 \
    X(XFSZ, 25, Terminate)                                                                                                                 \
    X(VTALRM, 26, Terminate)                                                                                                               \
    X(PROF, 27, Terminate)                                                                                                                 \
    X(WINCH, 28, Ignore)                                                                                                                   \
    X(IO, 29, Terminate)                                                                                                                   \
    X(PWR, 30, Terminate)                                                                                                                  \
    X(SYS, 31, Terminate)

namespace zeroos::abi {

// Named as core/linux_abi.h says; the numbers agree with ZEROOS_SIGNAL_LIST.
inline constexpr int sigill = 4;
inline constexpr int sigtrap = 5;
inline constexpr int sigabrt = 6;
inline constexpr int sigbus = 7;
inline constexpr int sigkill = 9;
inline constexpr int sigusr1 = 10;
inline constexpr int sigsegv = 11;
inline constexpr int sigterm = 15;
inline constexpr int sigchld = 17;
inline constexpr int sigcont = 18;
inline constexpr int sigstop = 19;

inline constexpr int sig_block = 0;
inline constexpr int sig_unblock = 1;
inline constexpr int sig_setmask = 2;

inline constexpr int ss_onstack = 1;
inline constexpr int ss_disable = 2;
inline constexpr u32 ss_autodisarm = 1u << 31;
inline constexpr int minsigstksz = 2048;

} // namespace zeroos::abi

namespace zeroos {

constexpr int kSignalCount = 64; // _NSIG: signals 1..64
constexpr size_t kSigsetSize = 8; // the kernel's sigset_t: one bit per signal
constexpr u64 kSigDefault = 0; // SIG_DFL
constexpr u64 kSigIgnore = 1; // SIG_IGN

constexpr u64 signal_bit(int signal) { return u64(1) << (signal - 1); }
// SIGKILL and SIGSTOP can be neither blocked nor caught.
constexpr u64 kUnblockableSignals = signal_bit(abi::sigkill) | signal_bit(abi::sigstop);

// stack_t on 64-bit targets.
struct LinuxStack {
    u64 ss_sp;
    i32 ss_flags;
    u32 padding;
    u64 ss_size;
};
static_assert(sizeof(LinuxStack) == 24);

} // namespace zeroos
