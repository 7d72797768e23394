# The M-mode trap vector. The guest and the kernel share M-mode and one address space; mscratch
# holds the kernel stack pointer while the guest runs, and the Kernel object sits right above that
# stack's top. An ecall saves only the registers the C++ calling convention lets the kernel clobber
# (riscv64::TrapFrame); callee-saved registers survive in place.
#
# The fast path serves an ecall without leaving assembly except for the handler itself: the
# handler comes from a table by number (shim/riscv64/entry.cpp), reads its arguments from the
# frame and returns an ErrorOr<long> in a0 (value) and a1 (0, an errno below 4096, or an
# "unsupported" detail). Only a plain value or errno is applied here; anything else, a raised
# Kernel::attention() (a thread switch, the end of the run), a number without a fast handler and
# every other exception go through the C++ trap handler (riscv/boot.cpp).
#include "trap_layout.h"

    .equ FRAME_SIZE, ZEROOS_TRAP_FRAME_SIZE
    .equ FRAME_ARGS, ZEROOS_TRAP_FRAME_ARGS # a0-a5: the call's SyscallArgs
    .equ FRAME_GUEST_SP, ZEROOS_TRAP_FRAME_GUEST_SP
    .equ FRAME_MEPC, ZEROOS_TRAP_FRAME_MEPC
    .equ KERNEL, FRAME_SIZE             # the Kernel, from sp; its attention flag is its first byte
    .equ CAUSE_ECALL_FROM_M, 11
    .equ NUMBER_LIMIT_BITS, ZEROOS_TRAP_NUMBER_LIMIT_BITS
    .equ ERRNO_LIMIT, ZEROOS_TRAP_ERRNO_LIMIT

    .macro save_caller_saved
    csrrw sp, mscratch, sp
    addi sp, sp, -FRAME_SIZE
    sd ra, 0*8(sp)
    sd t0, 1*8(sp)
    sd t1, 2*8(sp)
    sd t2, 3*8(sp)
    sd a0, 4*8(sp)
    sd a1, 5*8(sp)
    sd a2, 6*8(sp)
    sd a3, 7*8(sp)
    sd a4, 8*8(sp)
    sd a5, 9*8(sp)
    sd a6, 10*8(sp)
    sd a7, 11*8(sp)
    sd t3, 12*8(sp)
    sd t4, 13*8(sp)
    sd t5, 14*8(sp)
    sd t6, 15*8(sp)
    .endm

    # The C++ side wants the whole frame: the guest's sp (in mscratch while in the kernel) and the
    # trapping pc join it. The handler gets the frame in a0 (a1, a2 as they are) and returns a
    # SwitchPlan, or null for a plain return.
    .macro call_into_cpp handler
    csrr t0, mscratch
    sd t0, FRAME_GUEST_SP(sp)
    csrr t1, mepc
    sd t1, FRAME_MEPC(sp)
    mv a0, sp
    call \handler
    bnez a0, zeroos_switch_threads
    .endm

    # Every register the guest had but a0 (the result): the fast path's way out.
    .macro restore_all_but_a0
    ld ra, 0*8(sp)
    ld t0, 1*8(sp)
    ld t1, 2*8(sp)
    ld t2, 3*8(sp)
    ld a1, 5*8(sp)
    ld a2, 6*8(sp)
    ld a3, 7*8(sp)
    ld a4, 8*8(sp)
    ld a5, 9*8(sp)
    ld a6, 10*8(sp)
    ld a7, 11*8(sp)
    ld t3, 12*8(sp)
    ld t4, 13*8(sp)
    ld t5, 14*8(sp)
    ld t6, 15*8(sp)
    .endm

    .section .text.trap, "ax"
    .balign 4
    .globl zeroos_trap_entry
zeroos_trap_entry:
    save_caller_saved
    csrr t0, mcause
    addi t0, t0, -CAUSE_ECALL_FROM_M
    bnez t0, zeroos_trap_slow
    srli t0, a7, NUMBER_LIMIT_BITS
    bnez t0, zeroos_trap_slow
    slli t0, a7, 3
1:  auipc t1, %pcrel_hi(zeroos_riscv64_fast_handlers)
    add t1, t1, t0
    ld t1, %pcrel_lo(1b)(t1)
    beqz t1, zeroos_trap_slow
    addi a0, sp, KERNEL
    addi a1, sp, FRAME_ARGS
    jalr t1
    lbu t0, KERNEL(sp)
    bnez t0, zeroos_trap_finish
    bnez a1, zeroos_trap_error
zeroos_fast_return:
    csrr t0, mepc
    addi t0, t0, 4                      # past the ecall, which is never compressed
    csrw mepc, t0
    restore_all_but_a0
    addi sp, sp, FRAME_SIZE
    csrrw sp, mscratch, sp
    mret

zeroos_trap_error:
    li t0, ERRNO_LIMIT
    bgeu a1, t0, zeroos_trap_finish
    neg a0, a1
    j zeroos_fast_return

    # The handler ran; the kernel's dispatcher finishes the call: zeroos_riscv_finish(frame, result).
zeroos_trap_finish:
    mv a2, a1
    mv a1, a0
    call_into_cpp zeroos_riscv_finish
    j zeroos_trap_return

    # --trace and --stats watch every call: the C++ handler serves them all. (mtvec's low bits
    # are its mode: the entry must be 4-byte aligned.)
    .balign 4
    .globl zeroos_trap_entry_observed
zeroos_trap_entry_observed:
    save_caller_saved
zeroos_trap_slow:
    call_into_cpp zeroos_riscv_trap
zeroos_trap_return:
    ld t1, FRAME_MEPC(sp)
    csrw mepc, t1
    ld a0, 4*8(sp)
    restore_all_but_a0
    addi sp, sp, FRAME_SIZE
    csrrw sp, mscratch, sp
    mret

# The scheduler switched threads, or a clone needs the callee-saved registers (riscv/threads.h,
# SwitchPlan in a0). They still hold the trapping thread's values: the kernel's code preserved them.
# tp is not among them: threads.cpp records it (a clone's child gets its own).
    .equ CONTEXT_PC, ZEROOS_TRAP_CONTEXT_PC
    .macro store_callee_saved base
    sd gp, 3*8(\base)
    sd s0, 8*8(\base)
    sd s1, 9*8(\base)
    sd s2, 18*8(\base)
    sd s3, 19*8(\base)
    sd s4, 20*8(\base)
    sd s5, 21*8(\base)
    sd s6, 22*8(\base)
    sd s7, 23*8(\base)
    sd s8, 24*8(\base)
    sd s9, 25*8(\base)
    sd s10, 26*8(\base)
    sd s11, 27*8(\base)
    .endm
zeroos_switch_threads:
    ld t0, 0(a0)
    beqz t0, 1f
    store_callee_saved t0
1:  ld t0, 8(a0)
    beqz t0, 2f
    store_callee_saved t0
2:  ld t0, 16(a0)
    beqz t0, zeroos_trap_return
    # Resume another thread: the kernel stack is empty again, and every register comes from its
    # context, t0 (the base) last.
    addi sp, sp, FRAME_SIZE
    csrw mscratch, sp
    ld t1, CONTEXT_PC(t0)
    csrw mepc, t1
    ld ra, 1*8(t0)
    ld sp, 2*8(t0)
    ld gp, 3*8(t0)
    ld tp, 4*8(t0)
    ld t1, 6*8(t0)
    ld t2, 7*8(t0)
    ld s0, 8*8(t0)
    ld s1, 9*8(t0)
    ld a0, 10*8(t0)
    ld a1, 11*8(t0)
    ld a2, 12*8(t0)
    ld a3, 13*8(t0)
    ld a4, 14*8(t0)
    ld a5, 15*8(t0)
    ld a6, 16*8(t0)
    ld a7, 17*8(t0)
    ld s2, 18*8(t0)
    ld s3, 19*8(t0)
    ld s4, 20*8(t0)
    ld s5, 21*8(t0)
    ld s6, 22*8(t0)
    ld s7, 23*8(t0)
    ld s8, 24*8(t0)
    ld s9, 25*8(t0)
    ld s10, 26*8(t0)
    ld s11, 27*8(t0)
    ld t3, 28*8(t0)
    ld t4, 29*8(t0)
    ld t5, 30*8(t0)
    ld t6, 31*8(t0)
    ld t0, 5*8(t0)
    mret
