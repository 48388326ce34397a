//! Signal state calls. Dispositions, masks and the alternate stack are
//! recorded with Linux semantics; delivering signals to handlers is not
//! done yet (see docs/syscalls.md).

use super::Args;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::mm::uaccess::{read_user, write_user};
use core::sync::atomic::Ordering;

const SIGKILL: u64 = 9;
const SIGSTOP: u64 = 19;
/// sizeof(sigset_t) in the kernel ABI.
const SIGSET_SIZE: u64 = 8;

/// rt_sigaction(sig, act, oact, sigsetsize): kernel `struct sigaction`
/// (handler, flags, restorer, mask).
pub fn rt_sigaction(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let sig = a[0];
    if !(1..=64).contains(&sig) || a[3] != SIGSET_SIZE {
        return Err(Errno::EINVAL);
    }
    let p = crate::proc::current().ok_or(Errno::EINVAL)?;
    let new: Option<[u64; 4]> = if a[1] != 0 { Some(read_user(a[1])?) } else { None };
    if new.is_some() && (sig == SIGKILL || sig == SIGSTOP) {
        return Err(Errno::EINVAL);
    }
    let old = p.sigactions.lock()[sig as usize - 1];
    if a[2] != 0 {
        write_user(a[2], &old)?;
    }
    if let Some(mut act) = new {
        act[3] &= !((1 << (SIGKILL - 1)) | (1 << (SIGSTOP - 1)));
        p.sigactions.lock()[sig as usize - 1] = act;
    }
    Ok(0)
}

/// rt_sigprocmask(how, set, oldset, sigsetsize): SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK.
pub fn rt_sigprocmask(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[3] != SIGSET_SIZE {
        return Err(Errno::EINVAL);
    }
    let t = crate::sched::current();
    let old = t.sigmask.load(Ordering::Relaxed);
    if a[1] != 0 {
        let set: u64 = read_user(a[1])?;
        let set = set & !((1 << (SIGKILL - 1)) | (1 << (SIGSTOP - 1)));
        let new = match a[0] {
            0 => old | set,
            1 => old & !set,
            2 => set,
            _ => return Err(Errno::EINVAL),
        };
        t.sigmask.store(new, Ordering::Relaxed);
    }
    if a[2] != 0 {
        write_user(a[2], &old)?;
    }
    Ok(0)
}

/// sigaltstack(ss, old_ss): `stack_t` is (ss_sp, ss_flags, ss_size);
/// SS_DISABLE or a size of at least MINSIGSTKSZ (2048).
pub fn sigaltstack(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const SS_DISABLE: u32 = 2;
    const MINSIGSTKSZ: u64 = 2048;
    let t = crate::sched::current();
    let old = *t.altstack.lock();
    if a[1] != 0 {
        let raw: [u64; 3] = [old.0, u64::from(old.1), old.2];
        write_user(a[1], &raw)?;
    }
    if a[0] != 0 {
        let raw: [u64; 3] = read_user(a[0])?;
        let flags = raw[1] as u32;
        if flags & !SS_DISABLE != 0 {
            return Err(Errno::EINVAL);
        }
        let new = if flags & SS_DISABLE != 0 {
            (0, SS_DISABLE, 0)
        } else if raw[2] < MINSIGSTKSZ {
            return Err(Errno::ENOMEM);
        } else {
            (raw[0], 0, raw[2])
        };
        *t.altstack.lock() = new;
    }
    Ok(0)
}

/// rt_sigreturn(): returns from a handler through the frame on the user
/// stack; a corrupt frame kills the process with SIGSEGV, as Linux does.
pub fn rt_sigreturn(_: &Args, f: &mut TrapFrame) -> KResult<u64> {
    let t = crate::sched::current();
    // SAFETY: the running thread's own context while it runs.
    let ctx = unsafe { t.context() };
    let restored = crate::arch::signal::restore_frame(f, ctx);
    if let Ok(mask) = restored {
        t.sigmask.store(mask & !((1 << (SIGKILL - 1)) | (1 << (SIGSTOP - 1))), Ordering::Release);
        return Ok(f.rax);
    }
    drop(t); // exit_group never returns: no reference may stay on this stack
    crate::proc::exit_group(crate::proc::signal_status(11))
}

/// rt_sigpending(set, sigsetsize): signals pending for the thread or its process.
pub fn rt_sigpending(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[1] != SIGSET_SIZE {
        return Err(Errno::EINVAL);
    }
    let t = crate::sched::current();
    let p = crate::proc::current().ok_or(Errno::EINVAL)?;
    let set = t.sig_pending.load(Ordering::Acquire) | p.sig_pending.load(Ordering::Acquire);
    write_user(a[0], &set)?;
    Ok(0)
}

/// rt_sigsuspend(mask, sigsetsize): waits with `mask` until a signal
/// arrives; always EINTR. The old mask comes back after the handler.
pub fn rt_sigsuspend(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[1] != SIGSET_SIZE {
        return Err(Errno::EINVAL);
    }
    let mask: u64 = read_user(a[0])?;
    let t = crate::sched::current();
    let old = t.sigmask.swap(mask & !((1 << (SIGKILL - 1)) | (1 << (SIGSTOP - 1))), Ordering::AcqRel);
    *t.saved_sigmask.lock() = Some(old);
    crate::sched::wait::WaitQueue::new().wait_until(|| false);
    Err(Errno::EINTR)
}
