//! The x86-64 signal frame (Linux's `struct rt_sigframe`), built on the
//! user stack before a handler runs and read back by rt_sigreturn.
//!
//! Layout (arch/x86/include/asm/sigframe.h, uapi/asm/sigcontext.h):
//! `pretcode` (the sa_restorer the handler returns to), `struct ucontext`
//! (uc_flags, uc_link, uc_stack, uc_mcontext = struct sigcontext of 256
//! bytes, uc_sigmask), `struct siginfo` (128 bytes); the FPU state
//! (XSAVE/FXSAVE image) sits below, 64-byte aligned, pointed at by
//! sigcontext.fpstate.

use super::context::Context;
use super::gdt::{USER_CS, USER_DS};
use super::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::mm::uaccess::{copy_from_user, copy_to_user};
use alloc::vec;

const UCONTEXT_BYTES: u64 = 304;
const SIGINFO_BYTES: u64 = 128;
const FRAME_BYTES: u64 = 8 + UCONTEXT_BYTES + SIGINFO_BYTES;
/// Offset of uc_mcontext in struct ucontext.
const MCONTEXT: usize = 40;
/// SS_ONSTACK in uc_stack.ss_flags when running on the alternate stack.
const SS_ONSTACK: u32 = 1;
/// RFLAGS bits user code may set through sigreturn (Linux FIX_EFLAGS).
const USER_RFLAGS_MASK: u64 = 0x0004_0dd5;

fn put(buf: &mut [u8], off: usize, v: u64) {
    buf[off..off + 8].copy_from_slice(&v.to_le_bytes());
}

fn get(buf: &[u8], off: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&buf[off..off + 8]);
    u64::from_le_bytes(b)
}

/// sigcontext register order: r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags.
fn registers(f: &TrapFrame) -> [u64; 18] {
    [
        f.r8, f.r9, f.r10, f.r11, f.r12, f.r13, f.r14, f.r15, f.rdi, f.rsi, f.rbp, f.rbx, f.rdx, f.rax, f.rcx,
        f.rsp, f.rip, f.rflags,
    ]
}

/// Builds the frame for handler `handler` of signal `sig` and points the
/// user registers at it. `altstack` is (ss_sp, ss_flags, ss_size).
/// `Err(EFAULT)` if the stack cannot take it.
#[allow(clippy::too_many_arguments, reason = "the fields of a sigaction plus the thread state")]
pub fn setup_frame(
    f: &mut TrapFrame,
    ctx: &mut Context,
    sig: u32,
    handler: u64,
    flags: u64,
    restorer: u64,
    old_mask: u64,
    altstack: (u64, u32, u64),
) -> KResult<()> {
    use crate::proc::signal::sa;
    let (ss_sp, ss_flags, ss_size) = altstack;
    let on_alt = ss_flags & 2 == 0 && ss_size != 0 && f.rsp.wrapping_sub(ss_sp) < ss_size;
    let mut sp = if flags & sa::ONSTACK != 0 && ss_flags & 2 == 0 && ss_size != 0 && !on_alt {
        ss_sp + ss_size
    } else {
        f.rsp.wrapping_sub(128) // skip the red zone
    };
    let fpu = ctx.save_running_fpu();
    sp = sp.checked_sub(fpu.len() as u64).ok_or(Errno::EFAULT)? & !63;
    let fpstate = sp;
    copy_to_user(fpstate, fpu)?;
    sp = ((sp - FRAME_BYTES) & !15) - 8;

    let mut frame = vec![0u8; FRAME_BYTES as usize];
    put(&mut frame, 0, restorer); // pretcode
    let uc = 8;
    put(&mut frame, uc, if ctx_uses_xsave() { 1 } else { 0 }); // uc_flags: UC_FP_XSTATE
    put(&mut frame, uc + 16, ss_sp);
    frame[uc + 24..uc + 28].copy_from_slice(&(if on_alt { SS_ONSTACK } else { ss_flags }).to_le_bytes());
    put(&mut frame, uc + 32, ss_size);
    let mc = uc + MCONTEXT;
    for (i, v) in registers(f).iter().enumerate() {
        put(&mut frame, mc + i * 8, *v);
    }
    // cs, gs, fs, ss (u16 each) at 144.
    frame[mc + 144..mc + 146].copy_from_slice(&USER_CS.to_le_bytes());
    frame[mc + 150..mc + 152].copy_from_slice(&USER_DS.to_le_bytes());
    put(&mut frame, mc + 152, f.error_code & 0xffff_ffff); // err
    put(&mut frame, mc + 160, f.vector & 0xff); // trapno
    put(&mut frame, mc + 168, old_mask); // oldmask
    put(&mut frame, mc + 176, x86_64::registers::control::Cr2::read_raw()); // cr2
    put(&mut frame, mc + 184, fpstate);
    put(&mut frame, uc + MCONTEXT + 256, old_mask); // uc_sigmask
    let info = 8 + UCONTEXT_BYTES as usize;
    frame[info..info + 4].copy_from_slice(&sig.to_le_bytes()); // si_signo
    copy_to_user(sp, &frame)?;


    f.rip = handler;
    f.rsp = sp;
    f.rdi = u64::from(sig);
    f.rsi = sp + info as u64;
    f.rdx = sp + uc as u64;
    f.rax = 0;
    f.rflags &= !(0x100 | 0x400); // TF, DF
    f.cs = u64::from(USER_CS);
    f.ss = u64::from(USER_DS);
    Ok(())
}

fn ctx_uses_xsave() -> bool {
    matches!(super::cpu::info().fpu_save, super::cpu::FpuSave::Xsave { .. })
}

/// rt_sigreturn: restores the registers, FPU state and signal mask saved
/// in the frame whose ucontext is at user `rsp`; returns the mask.
pub fn restore_frame(f: &mut TrapFrame, ctx: &mut Context) -> KResult<u64> {
    let uc_addr = f.rsp; // the handler's `ret` popped pretcode
    let mut uc = vec![0u8; UCONTEXT_BYTES as usize];
    copy_from_user(&mut uc, uc_addr)?;
    let mc = MCONTEXT;
    let r: [u64; 18] = core::array::from_fn(|i| get(&uc, mc + i * 8));
    let rip = r[16];
    if rip >= crate::mm::address_space::USER_END {
        return Err(Errno::EFAULT);
    }
    [f.r8, f.r9, f.r10, f.r11, f.r12, f.r13, f.r14, f.r15, f.rdi, f.rsi, f.rbp, f.rbx, f.rdx, f.rax, f.rcx, f.rsp] =
        [r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]];
    f.rip = rip;
    f.rflags = (f.rflags & !USER_RFLAGS_MASK) | (r[17] & USER_RFLAGS_MASK) | 0x200;
    f.cs = u64::from(USER_CS);
    f.ss = u64::from(USER_DS);
    let fpstate = get(&uc, mc + 184);
    if fpstate != 0 {
        let len = ctx.save_running_fpu().len();
        let mut image = vec![0u8; len];
        copy_from_user(&mut image, fpstate)?;
        ctx.restore_running_fpu(&image);
    }
    Ok(get(&uc, MCONTEXT + 256))
}
