#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>

// What keeps a guest's clock reads and system calls inside ZeroOS beyond the ptrace loop itself:
// the host kernel offers a guest two ways to the time without a syscall stop (the vDSO, and the
// vsyscall page it emulates), and a guest detached by --stop-on-fail must make no host syscall.
namespace zeroos::tracer {

// Runs one system call in the stopped guest: the `syscall` instruction is written over the bytes
// at rip and executed with PTRACE_SYSCALL (enter and exit stops); the guest's registers and code
// are put back afterwards. On success `result` is the raw return value. Returns an error or "".
std::string inject_syscall(pid_t pid, long number, const std::uint64_t (&arguments)[6], long& result);

// At the exec stop: unmaps [vdso] and [vvar] (the auxv no longer names them, but a guest could
// find them), and installs a seccomp filter that turns every call into the vsyscall page into a
// SIGSYS, which the stop loop reports (vsyscall_name). Returns an error or "".
std::string confine_at_exec(pid_t pid, std::uint64_t stack_pointer);

// Before a guest is let go (--stop-on-fail): a seccomp filter that kills it at its next system
// call, whoever continues it. A debugger can still read and write it. Returns an error or "".
std::string forbid_all_syscalls(pid_t pid, std::uint64_t stack_pointer);

// The vsyscall page's three entries, by the address called; nullptr elsewhere.
const char* vsyscall_name(std::uint64_t address);

} // namespace zeroos::tracer
