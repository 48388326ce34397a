//! I/O multiplexing: poll, ppoll, select, pselect6.
//!
//! Design note: each call turns its arguments into a list of open files
//! and a `scan` that computes readiness from `FileOps::poll`, then
//! [`wait_ready`] repeats: with interrupts off, scan; if nothing is ready,
//! put the thread on every file's `poll_queue` and block (until the
//! deadline, if any). Since a waker must take the queue's lock with
//! interrupts off too, no wake-up falls between the last scan and the
//! block (one CPU). Whatever queue wakes the thread, it leaves all of
//! them and scans again. Descriptors are looked up once, at the start.
//! Signals are not delivered yet, so the sigmask arguments are accepted
//! and ignored; the wait ends with `EINTR` only when the process is being
//! killed. As Linux does, ppoll, select and pselect6 write back the time
//! left.

use super::Args;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::fs::{poll::*, OpenFile, MAX_FDS};
use crate::mm::uaccess::{copy_from_user, copy_to_user, read_user, write_user};
use crate::sched::{self, wait::WaitQueue};
use crate::time::uptime_ns;
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;

/// Normal data readable (reported with POLLIN, as Linux's pipes do).
const POLLRDNORM: u16 = 0x40;
/// Priority band readable.
const POLLRDBAND: u16 = 0x80;
/// Normal data writable (reported with POLLOUT).
const POLLWRNORM: u16 = 0x100;
/// Priority band writable.
const POLLWRBAND: u16 = 0x200;
/// What makes a descriptor "readable" for select (Linux POLLIN_SET).
const SELECT_IN: u16 = POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR;
/// "Writable" for select (POLLOUT_SET).
const SELECT_OUT: u16 = POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR;
/// "Exceptional condition" for select (POLLEX_SET).
const SELECT_EX: u16 = POLLPRI;
const NS_PER_SEC: u64 = 1_000_000_000;

/// Readiness of `file` now, with the RDNORM/WRNORM aliases added.
fn ready_events(file: &OpenFile) -> u16 {
    let mut events = file.ops.poll();
    if events & POLLIN != 0 {
        events |= POLLRDNORM;
    }
    if events & POLLOUT != 0 {
        events |= POLLWRNORM;
    }
    events
}

/// Uptime at which a wait of `timeout_ns` from now ends (`None`: never).
fn deadline_after(timeout_ns: Option<u64>) -> Option<u64> {
    timeout_ns.map(|t| uptime_ns().saturating_add(t))
}

/// Runs `scan` (the number of ready items) until it is non-zero, the
/// deadline passes (0), or the process is killed (`EINTR`); sleeps on the
/// poll queues of `files` in between.
fn wait_ready(files: &[&Arc<OpenFile>], deadline_ns: Option<u64>, mut scan: impl FnMut() -> usize) -> KResult<usize> {
    let mut queues: Vec<&WaitQueue> = Vec::new();
    for q in files.iter().filter_map(|f| f.ops.poll_queue()) {
        if !queues.iter().any(|seen| core::ptr::eq(*seen, q)) {
            queues.push(q);
        }
    }
    let me = sched::current();
    loop {
        let outcome = crate::arch::without_interrupts(|| {
            let ready = scan();
            if ready > 0 {
                return Some(Ok(ready));
            }
            if sched::wait::killed() {
                return Some(Err(Errno::EINTR));
            }
            if deadline_ns.is_some_and(|d| uptime_ns() >= d) {
                return Some(Ok(0));
            }
            for q in &queues {
                q.register(&me);
            }
            match deadline_ns {
                Some(d) => {
                    sched::sleep_until(d);
                }
                None => sched::block_current(),
            }
            for q in &queues {
                q.unregister(&me);
            }
            None
        });
        if let Some(result) = outcome {
            return result;
        }
    }
}

/// One `struct pollfd` (fd, events, revents) as read from user memory.
struct PollFd {
    fd: i32,
    events: u16,
    revents: u16,
}

/// Shared by poll and ppoll: `fds` points at `nfds` pollfds.
fn do_poll(fds: u64, nfds: u64, timeout_ns: Option<u64>) -> KResult<u64> {
    let deadline = deadline_after(timeout_ns);
    if nfds > MAX_FDS as u64 {
        return Err(Errno::EINVAL);
    }
    let mut raw = vec![0u8; nfds as usize * 8];
    copy_from_user(&mut raw, fds)?;
    let mut entries: Vec<PollFd> = raw
        .chunks_exact(8)
        .map(|c| PollFd {
            fd: i32::from_le_bytes([c[0], c[1], c[2], c[3]]),
            events: u16::from_le_bytes([c[4], c[5]]),
            revents: 0,
        })
        .collect();
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    let opened: Vec<Option<Arc<OpenFile>>> = {
        let table = p.fd_table();
        let t = table.lock();
        entries.iter().map(|e| if e.fd < 0 { None } else { t.get(e.fd).ok() }).collect()
    };
    let files: Vec<&Arc<OpenFile>> = opened.iter().flatten().collect();
    let ready = wait_ready(&files, deadline, || {
        let mut ready = 0;
        for (e, f) in entries.iter_mut().zip(&opened) {
            e.revents = match f {
                _ if e.fd < 0 => 0,
                None => POLLNVAL,
                Some(f) => ready_events(f) & (e.events | POLLERR | POLLHUP),
            };
            if e.revents != 0 {
                ready += 1;
            }
        }
        ready
    })?;
    for (i, e) in entries.iter().enumerate() {
        write_user(fds + i as u64 * 8 + 6, &e.revents)?;
    }
    Ok(ready as u64)
}

/// poll(fds, nfds, timeout_ms): a negative timeout waits for ever.
pub fn poll(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let timeout_ms = a[2] as i32;
    let timeout_ns = u64::try_from(timeout_ms).ok().map(|ms| ms * 1_000_000);
    do_poll(a[0], a[1], timeout_ns)
}

/// A user `struct timespec` timeout in ns (`None` for a null pointer).
fn read_timespec_timeout(addr: u64) -> KResult<Option<u64>> {
    if addr == 0 {
        return Ok(None);
    }
    let [sec, nsec]: [i64; 2] = read_user(addr)?;
    if sec < 0 || !(0..NS_PER_SEC as i64).contains(&nsec) {
        return Err(Errno::EINVAL);
    }
    Ok(Some((sec as u64).saturating_mul(NS_PER_SEC).saturating_add(nsec as u64)))
}

/// Writes the time left until `deadline_ns` as a timespec (a failed write
/// is ignored, as Linux does once the call itself has finished).
fn write_timespec_left(addr: u64, deadline_ns: u64) {
    let left = deadline_ns.saturating_sub(uptime_ns());
    let _ = write_user(addr, &[(left / NS_PER_SEC) as i64, (left % NS_PER_SEC) as i64]);
}

/// ppoll(fds, nfds, tsp, sigmask, sigsetsize): the timespec (null: no
/// timeout) gets the time left.
pub fn ppoll(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[3] != 0 && a[4] != 8 {
        return Err(Errno::EINVAL);
    }
    let timeout_ns = read_timespec_timeout(a[2])?;
    let deadline = deadline_after(timeout_ns);
    let result = do_poll(a[0], a[1], timeout_ns);
    if let Some(d) = deadline {
        write_timespec_left(a[2], d);
    }
    result
}

/// Shared by select and pselect6: the three `fd_set` bitmaps (any may be
/// null) for descriptors below `nfds`, rewritten with the ready ones.
fn do_select(nfds: u64, sets: [u64; 3], deadline_ns: Option<u64>) -> KResult<u64> {
    let nfds = usize::try_from(nfds as i32).map_err(|_| Errno::EINVAL)?.min(MAX_FDS);
    let words = nfds.div_ceil(64);
    let mut wanted = [vec![0u64; words], vec![0u64; words], vec![0u64; words]];
    for (set, &addr) in wanted.iter_mut().zip(&sets) {
        if addr != 0 && words > 0 {
            let mut raw = vec![0u8; words * 8];
            copy_from_user(&mut raw, addr)?;
            for (w, c) in set.iter_mut().zip(raw.chunks_exact(8)) {
                *w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            }
        }
    }
    let bit = |set: &[u64], fd: usize| set.get(fd / 64).is_some_and(|w| w & (1 << (fd % 64)) != 0);
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    let mut watched: Vec<(usize, Arc<OpenFile>)> = Vec::new();
    {
        let table = p.fd_table();
        let t = table.lock();
        for fd in (0..nfds).filter(|&fd| wanted.iter().any(|s| bit(s, fd))) {
            watched.push((fd, t.get(fd as i32)?));
        }
    }
    let files: Vec<&Arc<OpenFile>> = watched.iter().map(|(_, f)| f).collect();
    let mut result = [vec![0u64; words], vec![0u64; words], vec![0u64; words]];
    let ready = wait_ready(&files, deadline_ns, || {
        let mut ready = 0;
        for r in &mut result {
            r.fill(0);
        }
        for (fd, f) in &watched {
            let events = ready_events(f);
            for (i, mask) in [SELECT_IN, SELECT_OUT, SELECT_EX].into_iter().enumerate() {
                if bit(&wanted[i], *fd) && events & mask != 0 {
                    if let Some(w) = result[i].get_mut(fd / 64) {
                        *w |= 1 << (fd % 64);
                    }
                    ready += 1;
                }
            }
        }
        ready
    })?;
    for (set, &addr) in result.iter().zip(&sets) {
        if addr != 0 && words > 0 {
            let bytes: Vec<u8> = set.iter().flat_map(|w| w.to_le_bytes()).collect();
            copy_to_user(addr, &bytes)?;
        }
    }
    Ok(ready as u64)
}

/// select(nfds, readfds, writefds, exceptfds, timeout): the timeval (null:
/// no timeout) gets the time left.
pub fn select(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const US_PER_SEC: i64 = 1_000_000;
    let timeout_ns = if a[4] == 0 {
        None
    } else {
        let [sec, usec]: [i64; 2] = read_user(a[4])?;
        if sec < 0 || usec < 0 {
            return Err(Errno::EINVAL);
        }
        let sec = sec.saturating_add(usec / US_PER_SEC) as u64;
        Some(sec.saturating_mul(NS_PER_SEC).saturating_add((usec % US_PER_SEC) as u64 * 1000))
    };
    let deadline = deadline_after(timeout_ns);
    let result = do_select(a[0], [a[1], a[2], a[3]], deadline);
    if let Some(d) = deadline {
        let left_us = d.saturating_sub(uptime_ns()) / 1000;
        let _ = write_user(a[4], &[(left_us / 1_000_000) as i64, (left_us % 1_000_000) as i64]);
    }
    result
}

/// pselect6(nfds, readfds, writefds, exceptfds, tsp, sig): `sig` points at
/// {sigmask, sigsetsize}, accepted and ignored; the timespec gets the
/// time left.
pub fn pselect6(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let timeout_ns = read_timespec_timeout(a[4])?;
    let deadline = deadline_after(timeout_ns);
    let result = do_select(a[0], [a[1], a[2], a[3]], deadline);
    if let Some(d) = deadline {
        write_timespec_left(a[4], d);
    }
    result
}
