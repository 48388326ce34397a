//! Interval timers: ITIMER_REAL (alarm, setitimer) and POSIX timers
//! (timer_create), expiring in the timer tick (setitimer(2), timer_create(2)).
//!
//! Design note: every armed timer of every process is in one global list
//! whose lock is only ever taken with interrupts off, so the tick can
//! take it too. At expiry the tick must not take locks that ordinary code
//! holds with interrupts on, nor allocate or free: it sets the signal bit
//! with an atomic `fetch_or` on the target's pending set and wakes the
//! target's threads with `sched::wake` (the scheduler lock is only taken
//! with interrupts off). Two process locks are needed to do that well
//! (the disposition, to drop ignored signals; the thread list, to wake
//! them), and those the tick only *tries*: if the interrupted code holds
//! one, the expiry waits for the next tick. Timers hold `Weak` references;
//! an `upgrade` in the tick cannot free anything, since on one CPU
//! with interrupts off nothing else drops the count meanwhile. Entries are
//! added and removed only by system calls (and exit, exec).
//!
//! Resolution is the tick: a timer fires at the first tick at or after
//! its deadline (10 ms at HZ = 100); periodic timers keep their phase and
//! count skipped periods as overruns. An expiry while the timer's signal
//! is still pending also counts as an overrun; the count moves to the
//! reported value (`timer_getoverrun`) once the signal has been taken.

use super::signal::bit;
use super::Process;
use crate::errno::{Errno, KResult};
use crate::sched::{self, Thread};
use crate::time::uptime_ns;
use alloc::sync::{Arc, Weak};
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};
use spin::Mutex;

/// The id of a process's ITIMER_REAL (POSIX timer ids are >= 0).
pub const REAL: i32 = -1;
/// SIGALRM.
pub const SIGALRM: u32 = 14;
/// Most POSIX timers a process may have at once.
const MAX_PER_PROCESS: usize = 256;
/// Largest overrun count reported (DELAYTIMER_MAX, INT_MAX).
const DELAYTIMER_MAX: u32 = i32::MAX as u32;

/// What an expiry does (the kernel's view of a `struct sigevent`).
pub enum Notify {
    /// SIGEV_NONE: nothing; the timer can still be read.
    None,
    /// SIGEV_SIGNAL: this signal to the process.
    Process(u32),
    /// SIGEV_THREAD_ID: this signal to one thread.
    Thread(Weak<Thread>, u32),
}

/// A timer's state as timer_gettime / getitimer report it.
#[derive(Clone, Copy, Default)]
pub struct Setting {
    /// Time to the next expiry, in ns (0: disarmed).
    pub remaining_ns: u64,
    /// Period, in ns (0: one-shot).
    pub interval_ns: u64,
}

/// What `rt_sigtimedwait` reports for a signal a timer sent.
pub struct Expiry {
    /// The timer's id (si_timerid).
    pub id: i32,
    /// Overruns for this signal (si_overrun).
    pub overrun: u32,
    /// sigev_value (si_value).
    pub value: u64,
}

struct Timer {
    pid: u32,
    process: Weak<Process>,
    id: i32,
    clock: u32,
    notify: Notify,
    value: u64,
    /// Uptime of the next expiry, in ns; 0: disarmed.
    deadline_ns: u64,
    interval_ns: u64,
    /// Its signal was queued and has not been seen taken yet.
    queued: bool,
    /// Overruns counted since the signal was queued.
    overrun: u32,
    /// Overruns of the last signal taken (timer_getoverrun).
    overrun_last: u32,
}

static TIMERS: Mutex<Vec<Timer>> = Mutex::new(Vec::new());

/// Runs `f` on the list, with interrupts off (the tick takes the lock).
fn with_timers<R>(f: impl FnOnce(&mut Vec<Timer>) -> R) -> R {
    crate::arch::without_interrupts(|| f(&mut TIMERS.lock()))
}

impl Timer {
    /// Runs `f` on the pending set the timer's signal goes to; `None` if
    /// it has no signal or its target is gone.
    fn with_pending<R>(&self, f: impl FnOnce(&AtomicU64, u32) -> R) -> Option<R> {
        match &self.notify {
            Notify::None => None,
            Notify::Process(sig) => self.process.upgrade().map(|p| f(&p.sig_pending, *sig)),
            Notify::Thread(t, sig) => t.upgrade().map(|t| f(&t.sig_pending, *sig)),
        }
    }

    /// If the queued signal has been taken, moves its overruns to the
    /// reported count. True if it did.
    fn settle(&mut self) -> bool {
        if !self.queued || self.with_pending(|set, sig| set.load(Ordering::Acquire) & bit(sig) != 0) == Some(true) {
            return false;
        }
        self.queued = false;
        self.overrun_last = self.overrun.min(DELAYTIMER_MAX);
        self.overrun = 0;
        true
    }

    fn setting(&self, now_ns: u64) -> Setting {
        let remaining_ns = if self.deadline_ns == 0 { 0 } else { self.deadline_ns.saturating_sub(now_ns).max(1) };
        Setting { remaining_ns, interval_ns: self.interval_ns }
    }

    /// Interrupt context: signals the expiry (`missed` periods skipped
    /// besides this one). False if a lock was busy: try again next tick.
    fn fire(&mut self, missed: u32) -> bool {
        let (target, sig) = match &self.notify {
            Notify::None => return true,
            Notify::Process(sig) => (None, *sig),
            Notify::Thread(t, sig) => match t.upgrade() {
                Some(t) => (Some(t), *sig),
                None => return true,
            },
        };
        let Some(p) = self.process.upgrade() else { return true };
        let Some(ignored) = p.sigactions.try_lock().map(|a| ignored(a.get(sig as usize - 1).map_or(0, |a| a[0]), sig)) else {
            return false;
        };
        if ignored {
            return true;
        }
        match target {
            Some(t) => {
                self.queue(&t.sig_pending, sig, missed);
                sched::wake(&t);
            }
            None => {
                let Some(threads) = p.threads.try_lock() else { return false };
                self.queue(&p.sig_pending, sig, missed);
                for t in threads.iter().filter_map(Weak::upgrade) {
                    sched::wake(&t);
                }
            }
        }
        true
    }

    fn queue(&mut self, set: &AtomicU64, sig: u32, missed: u32) {
        self.settle();
        let already = set.fetch_or(bit(sig), Ordering::AcqRel) & bit(sig) != 0;
        let extra = missed.saturating_add(u32::from(already));
        self.overrun = self.overrun.saturating_add(extra);
        self.queued = true;
    }
}

/// True if a signal with this handler is dropped when sent (SIG_IGN, or
/// SIG_DFL for SIGCHLD, SIGCONT, SIGURG, SIGWINCH).
fn ignored(handler: u64, sig: u32) -> bool {
    handler == 1 || (handler == 0 && matches!(sig, 17 | 18 | 23 | 28))
}

/// Timer tick (interrupt context, interrupts off): fires due timers.
pub fn tick() {
    let Some(mut timers) = TIMERS.try_lock() else { return };
    let now = uptime_ns();
    for t in timers.iter_mut() {
        t.settle();
        if t.deadline_ns == 0 || t.deadline_ns > now {
            continue;
        }
        let late = now - t.deadline_ns;
        let missed = if t.interval_ns == 0 { 0 } else { late / t.interval_ns };
        if !t.fire(u32::try_from(missed).unwrap_or(u32::MAX)) {
            continue;
        }
        t.deadline_ns = if t.interval_ns == 0 {
            0
        } else {
            t.deadline_ns.saturating_add((missed + 1).saturating_mul(t.interval_ns))
        };
    }
}

/// Creates a disarmed POSIX timer for `p` on `clock`: its id, the
/// smallest free one. EAGAIN when the process has too many.
pub fn create(p: &Arc<Process>, clock: u32, notify: Notify, value: Option<u64>) -> KResult<i32> {
    with_timers(|timers| {
        let mine: Vec<i32> = timers.iter().filter(|t| t.pid == p.pid && t.id >= 0).map(|t| t.id).collect();
        if mine.len() >= MAX_PER_PROCESS {
            return Err(Errno::EAGAIN);
        }
        let id = (0..).find(|i| !mine.contains(i)).unwrap_or(0);
        timers.push(Timer {
            pid: p.pid,
            process: Arc::downgrade(p),
            id,
            clock,
            notify,
            value: value.unwrap_or(id as u64),
            deadline_ns: 0,
            interval_ns: 0,
            queued: false,
            overrun: 0,
            overrun_last: 0,
        });
        Ok(id)
    })
}

/// The clock a POSIX timer of `pid` counts on; EINVAL if there is none.
pub fn clock(pid: u32, id: i32) -> KResult<u32> {
    with_timers(|timers| timers.iter().find(|t| t.pid == pid && t.id == id).map(|t| t.clock).ok_or(Errno::EINVAL))
}

/// Arms (`deadline_ns`, an uptime; 0 disarms) timer `id` of `p`, with
/// period `interval_ns`, and returns its previous setting. ITIMER_REAL
/// ([`REAL`]) is created on first use; other ids must exist (EINVAL).
pub fn set(p: &Arc<Process>, id: i32, deadline_ns: u64, interval_ns: u64) -> KResult<Setting> {
    with_timers(|timers| {
        if id == REAL && !timers.iter().any(|t| t.pid == p.pid && t.id == REAL) {
            timers.push(Timer {
                pid: p.pid,
                process: Arc::downgrade(p),
                id: REAL,
                clock: 1,
                notify: Notify::Process(SIGALRM),
                value: 0,
                deadline_ns: 0,
                interval_ns: 0,
                queued: false,
                overrun: 0,
                overrun_last: 0,
            });
        }
        let t = timers.iter_mut().find(|t| t.pid == p.pid && t.id == id).ok_or(Errno::EINVAL)?;
        let old = t.setting(uptime_ns());
        t.deadline_ns = deadline_ns;
        t.interval_ns = if deadline_ns == 0 { 0 } else { interval_ns };
        t.overrun = 0;
        Ok(old)
    })
}

/// The setting of timer `id` of `pid` (a never-set ITIMER_REAL is disarmed).
pub fn get(pid: u32, id: i32) -> KResult<Setting> {
    with_timers(|timers| match timers.iter().find(|t| t.pid == pid && t.id == id) {
        Some(t) => Ok(t.setting(uptime_ns())),
        None if id == REAL => Ok(Setting::default()),
        None => Err(Errno::EINVAL),
    })
}

/// Overruns of the last signal taken from timer `id` of `pid`.
pub fn overrun(pid: u32, id: i32) -> KResult<u32> {
    with_timers(|timers| {
        let t = timers.iter_mut().find(|t| t.pid == pid && t.id == id && id >= 0).ok_or(Errno::EINVAL)?;
        t.settle();
        Ok(t.overrun_last)
    })
}

/// Deletes POSIX timer `id` of `pid`.
pub fn delete(pid: u32, id: i32) -> KResult<()> {
    let gone = with_timers(|timers| {
        let i = timers.iter().position(|t| t.pid == pid && t.id == id && id >= 0).ok_or(Errno::EINVAL)?;
        Ok(timers.swap_remove(i))
    })?;
    drop(gone);
    Ok(())
}

/// After `pid` took `sig` itself (rt_sigtimedwait): the timer that had
/// queued it, if any, with the overruns for that signal.
pub fn taken(pid: u32, sig: u32) -> Option<Expiry> {
    with_timers(|timers| {
        let mut found = None;
        for t in timers.iter_mut().filter(|t| t.pid == pid) {
            let sent = matches!(t.notify, Notify::Process(s) | Notify::Thread(_, s) if s == sig);
            if t.settle() && sent && found.is_none() {
                found = Some(Expiry { id: t.id, overrun: t.overrun_last, value: t.value });
            }
        }
        found
    })
}

/// execve: POSIX timers are deleted; ITIMER_REAL is kept.
pub fn exec(pid: u32) {
    let gone: Vec<Timer> = with_timers(|timers| extract(timers, |t| t.pid == pid && t.id != REAL));
    drop(gone);
}

/// The process exited: all its timers go.
pub fn exit(pid: u32) {
    let gone: Vec<Timer> = with_timers(|timers| extract(timers, |t| t.pid == pid));
    drop(gone);
}

/// Takes the timers matching `f` (and any whose process has been freed)
/// out of the list.
fn extract(timers: &mut Vec<Timer>, f: impl Fn(&Timer) -> bool) -> Vec<Timer> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < timers.len() {
        if f(&timers[i]) || timers[i].process.strong_count() == 0 {
            out.push(timers.swap_remove(i));
        } else {
            i += 1;
        }
    }
    out
}
