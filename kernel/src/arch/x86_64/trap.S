/* Interrupt and exception entry stubs.
 *
 * 256 stubs, 16 bytes apart from trap_stubs: each pushes a zero error code
 * when the CPU pushes none (so every frame has the same shape), then its
 * vector number, and jumps to trap_common, which saves the general
 * registers, calls trap_dispatch(&mut TrapFrame) and returns with IRETQ.
 * Vectors with a CPU error code: 8, 10-14, 17, 21, 29, 30
 * (Intel SDM Vol. 3A Table 6-1, AMD APM Vol. 2 §8.2). */

.section .text
.balign 16
.global trap_stubs
trap_stubs:
.set vec, 0
.rept 256
    .balign 16
    .if (vec == 8) || (vec >= 10 && vec <= 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
    .else
    push $0
    .endif
    push $vec
    jmp trap_common
    .set vec, vec + 1
.endr

/* Saves the general registers below the CPU's frame (TrapFrame layout),
 * switching to the kernel GS base first when the interrupt came from user
 * mode (CS RPL 3). Frame offsets: vector 120, error code 128, RIP 136,
 * CS 144, RFLAGS 152, RSP 160, SS 168. */
trap_common:
    testb $3, 24(%rsp)                 /* CS, above vector and error code */
    jz 1f
    swapgs
1:  PUSH_GPRS
    cld
    mov %rsp, %rdi
    call trap_dispatch
    testb $3, 144(%rsp)
    jnz return_to_user
    /* Back to kernel code. */
    POP_GPRS
    add $16, %rsp
    iretq
