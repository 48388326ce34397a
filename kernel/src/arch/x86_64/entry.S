/* System-call entry, the return to user mode, and the context switch.
 *
 * Per-CPU data is reached through GS in kernel mode (see percpu.rs):
 *   %gs:0  self pointer, %gs:8 top of the current thread's kernel stack,
 *   %gs:16 scratch slot for the user RSP during syscall entry.
 *
 * SYSCALL leaves RIP in RCX and RFLAGS in R11, with RSP still the user's
 * (Intel SDM Vol. 2B SYSCALL). The entry builds the same TrapFrame an
 * interrupt does, with vector SYSCALL_VECTOR and the syscall number in the
 * error-code slot (Linux's orig_ax, needed for restarts). */

.set USER_CS, 0x2b
.set USER_DS, 0x23
.set SYSCALL_VECTOR, 0x100

.section .text
.global syscall_entry
syscall_entry:
    swapgs
    mov %rsp, %gs:16
    mov %gs:8, %rsp
    push $USER_DS                      /* SS */
    push %gs:16                        /* RSP */
    push %r11                          /* RFLAGS */
    push $USER_CS                      /* CS */
    push %rcx                          /* RIP */
    push %rax                          /* error-code slot: syscall number */
    push $SYSCALL_VECTOR
    PUSH_GPRS
    cld
    mov %rsp, %rdi
    call syscall_dispatch
    /* fall through */

/* Returns to user mode from the TrapFrame at RSP. SYSRET when the frame
 * allows it (RCX == RIP, R11 == RFLAGS, canonical RIP, no TF/RF: the
 * conditions Linux checks in do_syscall_64), IRETQ otherwise. */
.global return_to_user
return_to_user:
    cli
    mov %rsp, %rdi
    call exit_to_user_mode
    mov 136(%rsp), %rcx                /* RIP */
    cmp %rcx, 96(%rsp)                 /* saved RCX */
    jne 2f
    mov 152(%rsp), %r11                /* RFLAGS */
    cmp %r11, 32(%rsp)                 /* saved R11 */
    jne 2f
    test $0x10100, %r11                /* RF | TF */
    jnz 2f
    mov %rcx, %rax
    shl $16, %rax
    sar $16, %rax
    cmp %rax, %rcx                     /* canonical? */
    jne 2f
    cmpq $USER_CS, 144(%rsp)
    jne 2f
    POP_GPRS
    mov 16(%rsp), %rcx                 /* RIP */
    mov 32(%rsp), %r11                 /* RFLAGS */
    mov 40(%rsp), %rsp                 /* user RSP */
    swapgs
    sysretq
2:  POP_GPRS
    add $16, %rsp
    swapgs
    iretq

/* switch_context(prev_rsp: *mut u64, next_rsp: u64): saves the
 * callee-saved registers on the current stack, stores RSP in *prev_rsp,
 * loads next_rsp and restores the next thread's registers. A new thread's
 * stack is prepared so that the `ret` lands in its entry trampoline. */
.global switch_context
switch_context:
    push %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsp, (%rdi)
    mov %rsi, %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret

/* First code of a new user thread: its kernel stack holds a TrapFrame. */
.global thread_start_user
thread_start_user:
    call thread_start_hook
    jmp return_to_user

/* copy_user(dst, src, len) -> bytes NOT copied (0 on success).
 * Eight bytes at a time, then the tail. A fault on either side jumps to a
 * fixup that returns the count left. SMAP is lifted with STAC/CLAC around
 * the copy when it is on. */
.global copy_user
copy_user:
    mov %rdx, %rcx
    cmpb $0, smap_enabled(%rip)
    je 1f
    stac
1:  shr $3, %rcx
2:  rep movsq
    mov %rdx, %rcx
    and $7, %rcx
3:  rep movsb
    xor %eax, %eax
    jmp 6f
4:  shl $3, %rcx                       /* fault in the words: 8 per word left, plus the tail */
    and $7, %edx
    lea (%rcx, %rdx), %rax
    jmp 6f
5:  mov %rcx, %rax                     /* fault in the tail */
6:  cmpb $0, smap_enabled(%rip)
    je 7f
    clac
7:  ret

.section __ex_table, "a"
.balign 8
    .quad 2b, 4b
    .quad 3b, 5b
