//! Timer calls: alarm, setitimer/getitimer (ITIMER_REAL) and POSIX timers
//! (timer_create and friends). The timers themselves are `proc::timer`;
//! this file converts between user structures, clocks and uptime
//! deadlines. Resolution is the 10 ms tick.

use super::time::{clock_ns, read_timespec, timespec};
use super::Args;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::mm::uaccess::{read_user, write_user};
use crate::proc::timer::{self, Notify, Setting, REAL, SIGALRM};
use crate::time::uptime_ns;
use alloc::sync::{Arc, Weak};

const NS_PER_SEC: u64 = 1_000_000_000;
const NS_PER_USEC: u64 = 1_000;
const ITIMER_REAL: u64 = 0;
const ITIMER_VIRTUAL: u64 = 1;
const ITIMER_PROF: u64 = 2;
const CLOCK_REALTIME: u32 = 0;
const CLOCK_MONOTONIC: u32 = 1;
const CLOCK_BOOTTIME: u32 = 7;
const TIMER_ABSTIME: u64 = 1;
const SIGEV_SIGNAL: u32 = 0;
const SIGEV_NONE: u32 = 1;
const SIGEV_THREAD: u32 = 2;
const SIGEV_THREAD_ID: u32 = 4;

fn current() -> KResult<Arc<crate::proc::Process>> {
    crate::proc::current().ok_or(Errno::EINVAL)
}

/// A user `struct timeval` as ns; EINVAL if out of range.
fn timeval_ns(sec: i64, usec: i64) -> KResult<u64> {
    if sec < 0 || !(0..1_000_000).contains(&usec) {
        return Err(Errno::EINVAL);
    }
    Ok((sec as u64).saturating_mul(NS_PER_SEC).saturating_add(usec as u64 * NS_PER_USEC))
}

/// `ns` as a `struct timeval`, rounded up to whole microseconds (an armed
/// timer never reads as 0).
fn timeval(ns: u64) -> [i64; 2] {
    let usec = ns.div_ceil(NS_PER_USEC);
    [(usec / 1_000_000) as i64, (usec % 1_000_000) as i64]
}

/// A `struct itimerval` (interval, value) for `s`.
fn itimerval(s: Setting) -> [i64; 4] {
    let [isec, iusec] = timeval(s.interval_ns);
    let [vsec, vusec] = timeval(s.remaining_ns);
    [isec, iusec, vsec, vusec]
}

/// Only ITIMER_REAL is kept; ITIMER_VIRTUAL and ITIMER_PROF (CPU time)
/// give EINVAL.
fn check_which(which: u64) -> KResult<()> {
    match which {
        ITIMER_REAL => Ok(()),
        ITIMER_VIRTUAL | ITIMER_PROF => Err(Errno::EINVAL),
        _ => Err(Errno::EINVAL),
    }
}

/// Arms ITIMER_REAL `value_ns` from now (0 disarms); the old setting.
fn set_real(value_ns: u64, interval_ns: u64) -> KResult<Setting> {
    let deadline = if value_ns == 0 { 0 } else { uptime_ns().saturating_add(value_ns) };
    timer::set(&current()?, REAL, deadline, interval_ns)
}

/// alarm(seconds): SIGALRM after `seconds` (0 cancels); the seconds left
/// on the previous alarm, rounded to nearest and at least 1 if armed.
pub fn alarm(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let seconds = u64::from(a[0] as u32);
    let old = set_real(seconds * NS_PER_SEC, 0)?;
    let (secs, rem_ns) = (old.remaining_ns / NS_PER_SEC, old.remaining_ns % NS_PER_SEC);
    Ok(if (secs == 0 && rem_ns != 0) || rem_ns >= NS_PER_SEC / 2 { secs + 1 } else { secs })
}

/// getitimer(which, curr_value)
pub fn getitimer(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    check_which(a[0])?;
    let s = timer::get(current()?.pid, REAL)?;
    write_user(a[1], &itimerval(s))?;
    Ok(0)
}

/// setitimer(which, new_value, old_value): a NULL new value disarms, as
/// Linux does.
pub fn setitimer(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    check_which(a[0])?;
    let [isec, iusec, vsec, vusec]: [i64; 4] = if a[1] != 0 { read_user(a[1])? } else { [0; 4] };
    let (interval_ns, value_ns) = (timeval_ns(isec, iusec)?, timeval_ns(vsec, vusec)?);
    let old = set_real(value_ns, interval_ns)?;
    if a[2] != 0 {
        write_user(a[2], &itimerval(old))?;
    }
    Ok(0)
}

/// The timer id argument (Linux's `timer_t` is an int).
fn timer_id(v: u64) -> KResult<i32> {
    let id = v as u32 as i32;
    if id < 0 {
        return Err(Errno::EINVAL);
    }
    Ok(id)
}

/// timer_create(clockid, sevp, timerid): CLOCK_REALTIME, CLOCK_MONOTONIC,
/// CLOCK_BOOTTIME; SIGEV_SIGNAL (and SIGEV_THREAD, which the C library
/// builds on it), SIGEV_THREAD_ID, SIGEV_NONE. A NULL sevp is SIGEV_SIGNAL
/// with SIGALRM and the timer id as value.
pub fn timer_create(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let clock = a[0] as u32;
    if !matches!(clock, CLOCK_REALTIME | CLOCK_MONOTONIC | CLOCK_BOOTTIME) {
        return Err(Errno::EINVAL);
    }
    let p = current()?;
    let (notify, value) = if a[1] == 0 {
        (Notify::Process(SIGALRM), None)
    } else {
        // struct sigevent: sigev_value (8 bytes), sigev_signo, sigev_notify,
        // then sigev_notify_thread_id.
        let [lo, hi, signo, how, tid]: [u32; 5] = read_user(a[1])?;
        let value = Some(u64::from(lo) | (u64::from(hi) << 32));
        let valid_signal = (1..=64).contains(&signo);
        match how {
            SIGEV_NONE => (Notify::None, value),
            SIGEV_SIGNAL | SIGEV_THREAD if valid_signal => (Notify::Process(signo), value),
            SIGEV_THREAD_ID if valid_signal => {
                let t = p.threads.lock().iter().filter_map(Weak::upgrade).find(|t| t.tid == tid).ok_or(Errno::EINVAL)?;
                (Notify::Thread(Arc::downgrade(&t), signo), value)
            }
            _ => return Err(Errno::EINVAL),
        }
    };
    crate::mm::uaccess::check_range(a[2], 4)?;
    let id = timer::create(&p, clock, notify, value)?;
    if let Err(e) = write_user(a[2], &id) {
        let _ = timer::delete(p.pid, id);
        return Err(e);
    }
    Ok(0)
}

/// A `struct itimerspec` (interval, value) for `s`.
fn itimerspec(s: Setting) -> [i64; 4] {
    let [isec, insec] = timespec(s.interval_ns);
    let [vsec, vnsec] = timespec(s.remaining_ns);
    [isec, insec, vsec, vnsec]
}

/// timer_settime(timerid, flags, new_value, old_value): relative or
/// TIMER_ABSTIME on the timer's clock; a zero value disarms.
pub fn timer_settime(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let id = timer_id(a[0])?;
    if a[1] & !TIMER_ABSTIME != 0 || a[2] == 0 {
        return Err(Errno::EINVAL);
    }
    let p = current()?;
    let clock = timer::clock(p.pid, id)?;
    let interval_ns = read_timespec(a[2])?;
    let value_ns = read_timespec(a[2] + 16)?;
    let now = uptime_ns();
    let deadline = match value_ns {
        0 => 0,
        v if a[1] & TIMER_ABSTIME == 0 => now.saturating_add(v),
        // An absolute time on the timer's clock, as an uptime.
        v => now.saturating_add(v.saturating_sub(clock_ns(u64::from(clock))?)).max(1),
    };
    let old = timer::set(&p, id, deadline, interval_ns)?;
    if a[3] != 0 {
        write_user(a[3], &itimerspec(old))?;
    }
    Ok(0)
}

/// timer_gettime(timerid, curr_value)
pub fn timer_gettime(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let s = timer::get(current()?.pid, timer_id(a[0])?)?;
    write_user(a[1], &itimerspec(s))?;
    Ok(0)
}

/// timer_getoverrun(timerid): expiries lost while the last signal taken
/// was pending.
pub fn timer_getoverrun(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    Ok(u64::from(timer::overrun(current()?.pid, timer_id(a[0])?)?))
}

/// timer_delete(timerid)
pub fn timer_delete(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    timer::delete(current()?.pid, timer_id(a[0])?)?;
    Ok(0)
}
