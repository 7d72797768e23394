#pragma once

#include "base/types.h"

namespace zeroos::x86_64 {

// The general registers as ptrace's PTRACE_GETREGS returns them (Linux's user_regs_struct; the
// tracer checks the layout against <sys/user.h>).
struct Registers {
    u64 r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    u64 rax, rcx, rdx, rsi, rdi, orig_rax;
    u64 rip, cs, eflags, rsp, ss;
    u64 fs_base, gs_base;
    u64 ds, es, fs, gs;
};
static_assert(sizeof(Registers) == 27 * 8);

} // namespace zeroos::x86_64
