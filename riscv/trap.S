# The M-mode trap vector. The guest and the kernel share M-mode and one address space; mscratch
# holds the kernel stack pointer while the guest runs. An ecall saves only the registers the C++
# calling convention lets the kernel clobber (riscv64::TrapFrame), so a syscall round trip stays
# short; callee-saved registers survive in place.
    .equ FRAME_SIZE, 18 * 8

    .section .text.trap, "ax"
    .balign 4
    .globl zeroos_trap_entry
zeroos_trap_entry:
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
    csrr t0, mscratch
    sd t0, 16*8(sp)
    csrr t1, mepc
    sd t1, 17*8(sp)
    mv a0, sp
    call zeroos_riscv_trap
    ld t1, 17*8(sp)
    csrw mepc, t1
    ld ra, 0*8(sp)
    ld t0, 1*8(sp)
    ld t1, 2*8(sp)
    ld t2, 3*8(sp)
    ld a0, 4*8(sp)
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
    addi sp, sp, FRAME_SIZE
    csrrw sp, mscratch, sp
    mret
