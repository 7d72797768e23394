# The first instructions of RAM: set up gp and the kernel stack, clear .bss, enter C++.
    .section .text.boot, "ax"
    .globl _zeroos_boot
_zeroos_boot:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, zeroos_kernel_area + 65536
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  call zeroos_riscv_boot
3:  j 3b

# The C++ side jumps into the program with the initial process stack: sp = stack, a0 = 0 (no
# dynamic-linker finaliser), then the libc entry.
    .text
    .globl zeroos_enter_program
zeroos_enter_program:
    mv sp, a0
    mv t0, a1
    li a0, 0
    li ra, 0
    jr t0
