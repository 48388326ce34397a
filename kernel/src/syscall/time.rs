//! Clocks, sleeping, yielding, random numbers.

use super::Args;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::mm::uaccess::{read_user, write_user, copy_to_user};
use crate::time::{realtime_ns, uptime_ns};

const CLOCK_REALTIME: u64 = 0;
const CLOCK_MONOTONIC: u64 = 1;
const CLOCK_PROCESS_CPUTIME_ID: u64 = 2;
const CLOCK_THREAD_CPUTIME_ID: u64 = 3;
const CLOCK_MONOTONIC_RAW: u64 = 4;
const CLOCK_REALTIME_COARSE: u64 = 5;
const CLOCK_MONOTONIC_COARSE: u64 = 6;
const CLOCK_BOOTTIME: u64 = 7;
const TIMER_ABSTIME: u64 = 1;

/// The time of clock `id` in ns, or EINVAL.
pub(super) fn clock_ns(id: u64) -> KResult<u64> {
    Ok(match id {
        CLOCK_REALTIME | CLOCK_REALTIME_COARSE => realtime_ns(),
        CLOCK_MONOTONIC | CLOCK_MONOTONIC_RAW | CLOCK_MONOTONIC_COARSE | CLOCK_BOOTTIME => uptime_ns(),
        CLOCK_THREAD_CPUTIME_ID => crate::sched::current().cpu_time_ns.load(core::sync::atomic::Ordering::Relaxed),
        CLOCK_PROCESS_CPUTIME_ID => {
            let p = crate::proc::current().ok_or(Errno::EINVAL)?;
            let threads = p.threads.lock();
            let live: u64 = threads.iter().filter_map(|w| w.upgrade()).map(|t| t.cpu_time_ns.load(core::sync::atomic::Ordering::Relaxed)).sum();
            live + p.exited_cpu_ns.load(core::sync::atomic::Ordering::Relaxed)
        }
        _ => return Err(Errno::EINVAL),
    })
}

pub(super) fn timespec(ns: u64) -> [i64; 2] {
    [(ns / 1_000_000_000) as i64, (ns % 1_000_000_000) as i64]
}

/// A user `struct timespec` as ns; EINVAL if out of range.
pub(super) fn read_timespec(addr: u64) -> KResult<u64> {
    let [sec, nsec]: [i64; 2] = read_user(addr)?;
    if sec < 0 || !(0..1_000_000_000).contains(&nsec) {
        return Err(Errno::EINVAL);
    }
    Ok((sec as u64).saturating_mul(1_000_000_000).saturating_add(nsec as u64))
}

/// clock_gettime(clockid, tp)
pub fn clock_gettime(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    write_user(a[1], &timespec(clock_ns(a[0])?))?;
    Ok(0)
}

/// clock_getres(clockid, res): 1 ns for the TSC clocks, a tick for the coarse ones.
pub fn clock_getres(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    clock_ns(a[0])?;
    let res = if matches!(a[0], CLOCK_REALTIME_COARSE | CLOCK_MONOTONIC_COARSE) { 1_000_000_000 / crate::time::HZ } else { 1 };
    if a[1] != 0 {
        write_user(a[1], &timespec(res))?;
    }
    Ok(0)
}

/// gettimeofday(tv, tz): tz is zeroed (UTC).
pub fn gettimeofday(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let ns = realtime_ns();
    if a[0] != 0 {
        write_user(a[0], &[(ns / 1_000_000_000) as i64, ((ns / 1000) % 1_000_000) as i64])?;
    }
    if a[1] != 0 {
        write_user(a[1], &[0i32; 2])?;
    }
    Ok(0)
}

/// time(tloc)
pub fn time(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let secs = realtime_ns() / 1_000_000_000;
    if a[0] != 0 {
        write_user(a[0], &secs)?;
    }
    Ok(secs)
}

/// Sleeps until uptime `deadline`; EINTR (with the remaining time in
/// `rem`) when a signal arrives meanwhile.
fn sleep(deadline: u64, rem: u64) -> KResult<u64> {
    loop {
        // Checked and slept on with interrupts off, so a signal sent by the
        // timer tick in between still wakes the sleep.
        let outcome = crate::arch::without_interrupts(|| {
            if crate::proc::signal::pending() {
                return Some(true);
            }
            if uptime_ns() >= deadline {
                return Some(false);
            }
            crate::sched::sleep_until(deadline);
            None
        });
        match outcome {
            Some(true) => {
                if rem != 0 {
                    write_user(rem, &timespec(deadline.saturating_sub(uptime_ns())))?;
                }
                return Err(Errno::EINTR);
            }
            Some(false) => return Ok(0),
            None => {}
        }
    }
}

/// nanosleep(req, rem)
pub fn nanosleep(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let ns = read_timespec(a[0])?;
    sleep(uptime_ns().saturating_add(ns), a[1])
}

/// clock_nanosleep(clockid, flags, req, rem): TIMER_ABSTIME supported.
pub fn clock_nanosleep(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let (id, flags) = (a[0], a[1]);
    if !matches!(id, CLOCK_REALTIME | CLOCK_MONOTONIC | CLOCK_BOOTTIME) {
        return Err(Errno::EINVAL);
    }
    let ns = read_timespec(a[2])?;
    let deadline = if flags & TIMER_ABSTIME != 0 {
        let now = clock_ns(id)?;
        uptime_ns().saturating_add(ns.saturating_sub(now))
    } else {
        uptime_ns().saturating_add(ns)
    };
    sleep(deadline, if flags & TIMER_ABSTIME != 0 { 0 } else { a[3] })
}

/// sched_yield()
pub fn sched_yield(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    crate::sched::yield_now();
    Ok(0)
}

/// getrandom(buf, len, flags): GRND_NONBLOCK and GRND_RANDOM accepted (the
/// pool is always ready); at most 32 MiB per call, as Linux.
pub fn getrandom(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const GRND_NONBLOCK: u64 = 1;
    const GRND_RANDOM: u64 = 2;
    const GRND_INSECURE: u64 = 4;
    if a[2] & !(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) != 0 {
        return Err(Errno::EINVAL);
    }
    let len = (a[1] as usize).min(32 << 20);
    crate::mm::uaccess::check_range(a[0], len)?;
    let mut buf = [0u8; 256];
    let mut done = 0;
    while done < len {
        let n = (len - done).min(buf.len());
        crate::random::fill(&mut buf[..n]);
        copy_to_user(a[0] + done as u64, &buf[..n])?;
        done += n;
    }
    Ok(len as u64)
}
