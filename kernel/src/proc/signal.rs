//! Signals: pending sets, default actions, and delivery to handlers on
//! the way back to user mode (signal(7)).
//!
//! Design note: a signal sent to a process (kill) is pending on the
//! process; one sent to a thread (tgkill, a fault) on the thread. Before
//! returning to user mode a thread takes the lowest-numbered pending
//! signal it does not block: the default action (terminate, ignore, or
//! stop until SIGCONT), SIG_IGN, or a handler, for which the architecture
//! builds a Linux signal frame. Stops and continues are reported to the
//! parent (wait4 WUNTRACED/WCONTINUED, SIGCHLD).
//! Blocking calls return EINTR when an unblocked signal is pending; with
//! SA_RESTART the call is restarted instead when the handler runs.

use super::{signal_status, Process};
use crate::arch::traps::TrapFrame;
use crate::errno::Errno;
use crate::sched::{self, Thread};
use alloc::sync::{Arc, Weak};
use alloc::vec::Vec;
use core::sync::atomic::Ordering;

/// SIGKILL.
pub const SIGKILL: u32 = 9;
/// SIGSTOP.
pub const SIGSTOP: u32 = 19;
/// SIGCHLD.
pub const SIGCHLD: u32 = 17;
const SIG_DFL: u64 = 0;
const SIG_IGN: u64 = 1;
/// sa_flags bits (asm-generic/signal-defs.h).
pub mod sa {
    /// Run on the alternate stack.
    pub const ONSTACK: u64 = 0x0800_0000;
    /// Restart interrupted system calls.
    pub const RESTART: u64 = 0x1000_0000;
    /// Do not block the signal while its handler runs.
    pub const NODEFER: u64 = 0x4000_0000;
    /// Reset to SIG_DFL when delivered.
    pub const RESETHAND: u64 = 0x8000_0000;
}

/// Bit for signal `sig` (1..=64) in a sigset.
pub const fn bit(sig: u32) -> u64 {
    1 << (sig - 1)
}

/// SIGCONT.
pub const SIGCONT: u32 = 18;

/// Signals whose default action is to do nothing: SIGCHLD, SIGCONT,
/// SIGURG, SIGWINCH.
fn ignored_by_default(sig: u32) -> bool {
    matches!(sig, 17 | 18 | 23 | 28)
}

/// Signals whose default action is to stop: SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU.
fn stops_by_default(sig: u32) -> bool {
    matches!(sig, 19..=22)
}

const STOP_SET: u64 = bit(19) | bit(20) | bit(21) | bit(22);

/// Tells the parent that `p` stopped or continued: the report for wait4
/// and a SIGCHLD.
fn notify_parent(p: &Process, report: u32) {
    p.job_report.store(report, Ordering::Release);
    if let Some(parent) = p.parent.lock().upgrade() {
        send_to_process(&parent, SIGCHLD);
        parent.child_exit.wake_all();
    }
}

/// Stops the process of the running thread for `sig` until SIGCONT or
/// SIGKILL: the thread sleeps here, other threads stop on their way back
/// to user mode.
fn stop(p: &Arc<Process>, sig: u32) {
    if !p.stopped.swap(true, Ordering::AcqRel) {
        notify_parent(p, sig);
    }
    wait_while_stopped(p);
}

/// Sleeps while `p` is stopped (returns at once otherwise).
pub fn wait_while_stopped(p: &Process) {
    p.cont_wait.wait_uninterruptible(|| {
        !p.stopped.load(Ordering::Acquire)
            || p.exiting.load(Ordering::Acquire)
            || p.sig_pending.load(Ordering::Acquire) & bit(SIGKILL) != 0
    });
}

/// The action for `sig` in `p`: (handler, flags, restorer, mask).
fn action(p: &Process, sig: u32) -> [u64; 4] {
    p.sigactions.lock().get(sig as usize - 1).copied().unwrap_or([0; 4])
}

/// Sends `sig` (1..=64) to process `p`: dropped at once if ignored,
/// pending otherwise; every thread is woken so one of them takes it.
pub fn send_to_process(p: &Arc<Process>, sig: u32) {
    if !(1..=64).contains(&sig) || p.is_zombie() {
        return;
    }
    // SIGCONT continues a stopped process whatever its disposition, and
    // discards pending stop signals; a stop signal discards a pending SIGCONT.
    if sig == SIGCONT {
        p.sig_pending.fetch_and(!STOP_SET, Ordering::AcqRel);
        if p.stopped.swap(false, Ordering::AcqRel) {
            notify_parent(p, super::CONTINUED);
            p.cont_wait.wake_all();
        }
    } else if stops_by_default(sig) {
        p.sig_pending.fetch_and(!bit(SIGCONT), Ordering::AcqRel);
    }
    let handler = action(p, sig)[0];
    if sig != SIGKILL && sig != SIGSTOP && (handler == SIG_IGN || (handler == SIG_DFL && ignored_by_default(sig))) {
        return;
    }
    p.sig_pending.fetch_or(bit(sig), Ordering::AcqRel);
    if sig == SIGKILL {
        p.cont_wait.wake_all();
    }
    let threads: Vec<Arc<Thread>> = p.threads.lock().iter().filter_map(Weak::upgrade).collect();
    for t in threads {
        sched::wake(&t);
    }
}

/// Sends `sig` to thread `t` (tgkill, faults).
pub fn send_to_thread(t: &Arc<Thread>, sig: u32) {
    if !(1..=64).contains(&sig) {
        return;
    }
    t.sig_pending.fetch_or(bit(sig), Ordering::AcqRel);
    sched::wake(t);
}

/// True if the running thread has an unblocked signal pending or its
/// process is exiting: blocking calls give up with EINTR.
pub fn pending() -> bool {
    sched::with_current(|t| {
        let Some(p) = &t.process else { return false };
        if p.exiting.load(Ordering::Acquire) {
            return true;
        }
        let set = t.sig_pending.load(Ordering::Acquire) | p.sig_pending.load(Ordering::Acquire);
        set & !t.sigmask.load(Ordering::Acquire) & !bit(SIGKILL) != 0 || set & bit(SIGKILL) != 0
    })
    .unwrap_or(false)
}

/// Takes the lowest pending signal the thread does not block.
fn dequeue(t: &Thread, p: &Process) -> Option<u32> {
    let mask = t.sigmask.load(Ordering::Acquire) & !(bit(SIGKILL) | bit(SIGSTOP));
    for pend in [&t.sig_pending, &p.sig_pending] {
        let set = pend.load(Ordering::Acquire) & !mask;
        if set != 0 {
            let sig = set.trailing_zeros() + 1;
            pend.fetch_and(!bit(sig), Ordering::AcqRel);
            return Some(sig);
        }
    }
    None
}

/// On the way to user mode: acts on pending signals. May not return
/// (default action terminate).
pub fn deliver(frame: &mut TrapFrame) {
    if let Some(status) = deliver_one(frame) {
        // Every reference taken above is dropped: exit_group never returns.
        super::exit_group(status);
    }
}

/// Takes pending signals until one needs a handler frame or ends the
/// process; returns the wait status for the latter.
fn deliver_one(frame: &mut TrapFrame) -> Option<i32> {
    let t = sched::try_current()?;
    let p = t.process.clone()?;
    while let Some(sig) = dequeue(&t, &p) {
        let [handler, flags, restorer, mask] = action(&p, sig);
        if sig == SIGKILL || handler == SIG_DFL {
            if sig != SIGKILL && ignored_by_default(sig) {
                continue;
            }
            if sig == SIGSTOP || (sig != SIGKILL && stops_by_default(sig)) {
                stop(&p, sig);
                continue;
            }
            return Some(signal_status(sig));
        }
        if handler == SIG_IGN {
            continue;
        }
        // An interrupted system call: restart it if the handler asks.
        if frame.vector == crate::arch::SYSCALL_FRAME_VECTOR && frame.rax as i64 == -i64::from(Errno::EINTR.0) {
            if flags & sa::RESTART != 0 {
                frame.rax = frame.error_code; // the syscall number
                frame.rip -= 2; // back to the SYSCALL instruction
            }
        }
        let old_mask = t.saved_sigmask.lock().take().unwrap_or_else(|| t.sigmask.load(Ordering::Acquire));
        let altstack = *t.altstack.lock();
        // SAFETY: the running thread's own context while it runs.
        let ctx = unsafe { t.context() };
        let built = crate::arch::signal::setup_frame(frame, ctx, sig, handler, flags, restorer, old_mask, altstack);
        if built.is_err() {
            // No room for the frame: Linux kills with SIGSEGV.
            return Some(signal_status(11));
        }
        let mut new_mask = t.sigmask.load(Ordering::Acquire) | mask;
        if flags & sa::NODEFER == 0 {
            new_mask |= bit(sig);
        }
        t.sigmask.store(new_mask & !(bit(SIGKILL) | bit(SIGSTOP)), Ordering::Release);
        if flags & sa::RESETHAND != 0 {
            if let Some(a) = p.sigactions.lock().get_mut(sig as usize - 1) {
                *a = [0; 4];
            }
        }
        return None; // one handler frame at a time; the rest on the next return
    }
    restore_saved_mask();
    None
}

/// A synchronous fault in user mode raises `sig` for the running thread:
/// a handler runs if one is installed and the signal is not blocked,
/// otherwise the process dies.
pub fn force_fault_signal(sig: u32) {
    let fatal = {
        let Some(t) = sched::try_current() else { return };
        let Some(p) = t.process.clone() else { return };
        let handler = action(&p, sig)[0];
        let fatal = handler <= SIG_IGN || t.sigmask.load(Ordering::Acquire) & bit(sig) != 0;
        if !fatal {
            send_to_thread(&t, sig);
        }
        fatal
    };
    if fatal {
        super::exit_group(signal_status(sig));
    }
}

/// After delivery found nothing to run (rt_sigsuspend woke for a signal
/// that was then ignored), puts back a mask saved by rt_sigsuspend.
pub fn restore_saved_mask() {
    sched::with_current(|t| {
        if let Some(m) = t.saved_sigmask.lock().take() {
            t.sigmask.store(m, Ordering::Release);
        }
    });
}
