//! Fast user-space mutexes: FUTEX_WAIT, FUTEX_WAKE, FUTEX_WAIT_BITSET,
//! FUTEX_WAKE_BITSET, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE, with
//! FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME and timeouts. futex(2).
//!
//! Design note: waiters are keyed as Linux keys them: a private futex by
//! (address space, virtual address), so copy-on-write cannot separate a
//! waiter from its waker; a shared one by the physical address of the
//! word, so processes sharing the page meet. The table lock is held, with
//! interrupts off, from reading the futex word to blocking, so a wake
//! cannot slip in between.

use super::Args;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::mm::uaccess::read_user;
use crate::proc::Process;
use crate::sched::{self, Thread};
use alloc::collections::{BTreeMap, VecDeque};
use alloc::sync::Arc;
use core::sync::atomic::{AtomicBool, Ordering};
use spin::Mutex;

const FUTEX_WAIT: u64 = 0;
const FUTEX_WAKE: u64 = 1;
const FUTEX_REQUEUE: u64 = 3;
const FUTEX_CMP_REQUEUE: u64 = 4;
const FUTEX_WAIT_BITSET: u64 = 9;
const FUTEX_WAKE_BITSET: u64 = 10;
const FUTEX_PRIVATE_FLAG: u64 = 128;
const FUTEX_CLOCK_REALTIME: u64 = 256;
const FUTEX_BITSET_MATCH_ANY: u32 = u32::MAX;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Key {
    /// (address space identity, virtual address).
    Private(usize, u64),
    /// Physical address.
    Shared(u64),
}

struct Waiter {
    thread: Arc<Thread>,
    bitset: u32,
    woken: Arc<AtomicBool>,
}

static TABLE: Mutex<BTreeMap<Key, VecDeque<Waiter>>> = Mutex::new(BTreeMap::new());

fn key_for(p: &Process, uaddr: u64, private: bool) -> KResult<Key> {
    let mm = p.address_space();
    if private {
        return Ok(Key::Private(Arc::as_ptr(&mm) as usize, uaddr));
    }
    let root = mm.lock().root();
    crate::arch::paging::translate(root, uaddr).map(|t| Key::Shared(t.phys)).ok_or(Errno::EFAULT)
}

/// Wakes up to `n` waiters on `key` whose bitset intersects `bitset`.
fn wake_key(table: &mut BTreeMap<Key, VecDeque<Waiter>>, key: Key, n: u32, bitset: u32) -> u32 {
    let Some(q) = table.get_mut(&key) else { return 0 };
    let mut woken = 0;
    let mut i = 0;
    while i < q.len() && woken < n {
        if q[i].bitset & bitset != 0 {
            if let Some(w) = q.remove(i) {
                w.woken.store(true, Ordering::Release);
                sched::wake(&w.thread);
                woken += 1;
            }
        } else {
            i += 1;
        }
    }
    if q.is_empty() {
        table.remove(&key);
    }
    woken
}

/// Wakes up to `n` waiters on the word at `uaddr` in `p`, private or
/// shared (thread exit with CLONE_CHILD_CLEARTID).
pub fn wake(p: &Process, uaddr: u64, n: u32) {
    crate::arch::without_interrupts(|| {
        let mut table = TABLE.lock();
        for private in [true, false] {
            if let Ok(key) = key_for(p, uaddr, private) {
                wake_key(&mut table, key, n, FUTEX_BITSET_MATCH_ANY);
            }
        }
    });
}

/// futex(uaddr, op, val, timeout/val2, uaddr2, val3)
pub fn futex(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let (uaddr, op, val) = (a[0], a[1], a[2] as u32);
    if uaddr % 4 != 0 {
        return Err(Errno::EINVAL);
    }
    let private = op & FUTEX_PRIVATE_FLAG != 0;
    let realtime = op & FUTEX_CLOCK_REALTIME != 0;
    let cmd = op & !(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    if realtime && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT {
        return Err(Errno::ENOSYS);
    }
    let p = crate::proc::current().ok_or(Errno::EINVAL)?;
    match cmd {
        FUTEX_WAIT | FUTEX_WAIT_BITSET => {
            let bitset = if cmd == FUTEX_WAIT { FUTEX_BITSET_MATCH_ANY } else { a[5] as u32 };
            if bitset == 0 {
                return Err(Errno::EINVAL);
            }
            let deadline = match a[3] {
                0 => None,
                t => {
                    let [sec, nsec]: [i64; 2] = read_user(t)?;
                    if sec < 0 || !(0..1_000_000_000).contains(&nsec) {
                        return Err(Errno::EINVAL);
                    }
                    let ns = (sec as u64).saturating_mul(1_000_000_000).saturating_add(nsec as u64);
                    let now = crate::time::uptime_ns();
                    Some(match (cmd, realtime) {
                        (FUTEX_WAIT, _) => now.saturating_add(ns),
                        (_, true) => now.saturating_add(ns.saturating_sub(crate::time::realtime_ns())),
                        _ => ns,
                    })
                }
            };
            wait(&p, uaddr, val, bitset, private, deadline)
        }
        FUTEX_WAKE | FUTEX_WAKE_BITSET => {
            let bitset = if cmd == FUTEX_WAKE { FUTEX_BITSET_MATCH_ANY } else { a[5] as u32 };
            if bitset == 0 {
                return Err(Errno::EINVAL);
            }
            let key = key_for(&p, uaddr, private);
            let Ok(key) = key else { return Ok(0) };
            Ok(u64::from(crate::arch::without_interrupts(|| wake_key(&mut TABLE.lock(), key, val, bitset))))
        }
        FUTEX_REQUEUE | FUTEX_CMP_REQUEUE => {
            let (n_wake, n_requeue, uaddr2) = (val, a[3] as u32, a[4]);
            if uaddr2 % 4 != 0 || (n_wake as i32) < 0 || (n_requeue as i32) < 0 {
                return Err(Errno::EINVAL);
            }
            let from = key_for(&p, uaddr, private)?;
            let to = key_for(&p, uaddr2, private)?;
            crate::arch::without_interrupts(|| {
                let mut table = TABLE.lock();
                if cmd == FUTEX_CMP_REQUEUE {
                    let cur: u32 = read_user(uaddr)?;
                    if cur != a[5] as u32 {
                        return Err(Errno::EAGAIN);
                    }
                }
                let woken = wake_key(&mut table, from, n_wake, FUTEX_BITSET_MATCH_ANY);
                let mut moved = 0;
                while moved < n_requeue {
                    let Some(w) = table.get_mut(&from).and_then(|q| q.pop_front()) else { break };
                    table.entry(to).or_default().push_back(w);
                    moved += 1;
                }
                if table.get(&from).is_some_and(|q| q.is_empty()) {
                    table.remove(&from);
                }
                Ok(u64::from(woken + moved))
            })
        }
        _ => Err(Errno::ENOSYS),
    }
}

fn wait(p: &Arc<Process>, uaddr: u64, val: u32, bitset: u32, private: bool, deadline: Option<u64>) -> KResult<u64> {
    let me = sched::current();
    let woken = Arc::new(AtomicBool::new(false));
    let key = crate::arch::without_interrupts(|| -> KResult<Key> {
        // Reading the word may fault it in; do that before taking the lock.
        let _: u32 = read_user(uaddr)?;
        let key = key_for(p, uaddr, private)?;
        let mut table = TABLE.lock();
        let cur: u32 = read_user(uaddr)?;
        if cur != val {
            return Err(Errno::EAGAIN);
        }
        table.entry(key).or_default().push_back(Waiter { thread: me.clone(), bitset, woken: woken.clone() });
        drop(table);
        match deadline {
            Some(d) => {
                sched::sleep_until(d);
            }
            None => sched::block_current(),
        }
        Ok(key)
    })?;
    if woken.load(Ordering::Acquire) {
        return Ok(0);
    }
    // Timed out or interrupted: leave the queue.
    crate::arch::without_interrupts(|| {
        let mut table = TABLE.lock();
        if let Some(q) = table.get_mut(&key) {
            q.retain(|w| !Arc::ptr_eq(&w.woken, &woken));
            if q.is_empty() {
                table.remove(&key);
            }
        }
    });
    if woken.load(Ordering::Acquire) {
        Ok(0)
    } else if deadline.is_some_and(|d| crate::time::uptime_ns() >= d) {
        Err(Errno::ETIMEDOUT)
    } else {
        Err(Errno::EINTR)
    }
}
