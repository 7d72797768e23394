#pragma once

// The numbers riscv/trap.S is written against. The assembler cannot see C++ types, so each one is
// stated here once and checked against the C++ that defines it (static_asserts in
// riscv/threads.cpp): a change on one side fails the build instead of corrupting a frame.
#define ZEROOS_TRAP_FRAME_SIZE (18 * 8) // sizeof(riscv64::TrapFrame)
#define ZEROOS_TRAP_FRAME_ARGS (4 * 8) // offsetof(TrapFrame, args): a0-a5, the call's SyscallArgs
#define ZEROOS_TRAP_FRAME_GUEST_SP (16 * 8) // offsetof(TrapFrame, sp)
#define ZEROOS_TRAP_FRAME_MEPC (17 * 8) // offsetof(TrapFrame, mepc)
#define ZEROOS_TRAP_NUMBER_LIMIT_BITS 9 // 1 << 9 == kSyscallNumberLimit
#define ZEROOS_TRAP_ERRNO_LIMIT 4096 // Error::kErrnoLimit
#define ZEROOS_TRAP_CONTEXT_PC (32 * 8) // offsetof(riscv::ThreadContext, pc)
