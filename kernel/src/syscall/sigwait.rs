//! Waiting for signals without a handler running first: rt_sigtimedwait
//! (sigwaitinfo, sigtimedwait, sigwait) and pause.
//!
//! Design note: the pending sets are checked and the thread put to sleep
//! with interrupts off, so a signal the timer tick sends in between still
//! wakes it (the tick only sets bits and wakes threads).

use super::time::read_timespec;
use super::Args;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::mm::uaccess::{read_user, write_user};
use crate::proc::signal::{bit, SIGKILL, SIGSTOP};
use crate::proc::{timer, Process};
use crate::sched::{self, Thread};
use crate::time::uptime_ns;
use core::sync::atomic::Ordering;

/// sizeof(sigset_t) in the kernel ABI.
const SIGSET_SIZE: u64 = 8;
/// si_code for kill(2) and for a timer expiry.
const SI_USER: i32 = 0;
const SI_TIMER: i32 = -2;

/// Takes the lowest signal of `set` pending for `t` (first) or `p`.
fn take(t: &Thread, p: &Process, set: u64) -> Option<u32> {
    for pending in [&t.sig_pending, &p.sig_pending] {
        let mine = pending.load(Ordering::Acquire) & set;
        if mine != 0 {
            let sig = mine.trailing_zeros() + 1;
            pending.fetch_and(!bit(sig), Ordering::AcqRel);
            return Some(sig);
        }
    }
    None
}

/// rt_sigtimedwait(set, info, timeout, sigsetsize): takes a signal of
/// `set` (normally blocked by the caller) without running its handler and
/// returns its number; EAGAIN when `timeout` passes first, EINTR when
/// another unblocked signal arrives. `info` gets si_signo and si_code
/// (SI_TIMER with si_timerid, si_overrun and si_value for a timer's
/// signal, SI_USER otherwise).
pub fn rt_sigtimedwait(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[3] != SIGSET_SIZE {
        return Err(Errno::EINVAL);
    }
    let set = read_user::<u64>(a[0])? & !(bit(SIGKILL) | bit(SIGSTOP));
    let deadline = if a[2] != 0 { Some(uptime_ns().saturating_add(read_timespec(a[2])?)) } else { None };
    let t = sched::current();
    let p = crate::proc::current().ok_or(Errno::EINVAL)?;
    let (sig, from_timer) = loop {
        let done = crate::arch::without_interrupts(|| {
            if let Some(sig) = take(&t, &p, set) {
                return Some(Ok((sig, timer::taken(p.pid, sig))));
            }
            if crate::proc::signal::pending() {
                return Some(Err(Errno::EINTR));
            }
            if deadline.is_some_and(|d| uptime_ns() >= d) {
                return Some(Err(Errno::EAGAIN));
            }
            sched::sleep_until(deadline.unwrap_or(u64::MAX));
            None
        });
        if let Some(r) = done {
            break r?;
        }
    };
    if a[1] != 0 {
        // struct siginfo: si_signo, si_errno, si_code, then the union at
        // byte 16 (for a timer: si_tid, si_overrun, si_value).
        let mut info = [0u32; 32];
        info[0] = sig;
        info[2] = SI_USER as u32;
        if let Some(e) = from_timer {
            info[2] = SI_TIMER as u32;
            info[4] = e.id as u32;
            info[5] = e.overrun;
            info[6] = e.value as u32;
            info[7] = (e.value >> 32) as u32;
        }
        write_user(a[1], &info)?;
    }
    Ok(u64::from(sig))
}

/// pause(): sleeps until a signal arrives; always EINTR.
pub fn pause(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    crate::sched::wait::WaitQueue::new().wait_until(|| false);
    Err(Errno::EINTR)
}
