#pragma once

#include "base/format.h"
#include "regs.h"
#include "syscalls.h"

namespace zeroos::x86_64 {

// Serves the syscall a stopped x86-64 guest is making: orig_rax holds the number, rdi, rsi, rdx,
// r10, r8, r9 the arguments. Puts the result in rax (unless the run ends) and may change fs_base
// (arch_prctl). The caller writes the registers back.
SyscallOutcome serve_syscall(Kernel&, Registers&);

// The x86-64 name of a syscall number, or nullptr.
const char* syscall_name(long x86_number);

// Appends "name(arg=value, ...)" for the call in `registers` (orig_rax and the argument
// registers), decoded as the kernel's list describes the generic call it maps to.
void describe_syscall(LineBuilder&, const Registers&);

// The legacy calls (open, stat, dup2, poll...) rewritten onto generic ones, one adapter each, as
// x86_64_syscalls.def names them (legacy.cpp). `as_called` is in x86-64 numbering.
#define X86_DIRECT(number, name)
#define X86_NONE(number, name)
#define X86_ADAPTER(number, name, adapter) SyscallOutcome adapter(Kernel&, Registers&, const SyscallRequest& as_called);
#include "x86_64_syscalls.def"
#undef X86_DIRECT
#undef X86_NONE
#undef X86_ADAPTER

} // namespace zeroos::x86_64
