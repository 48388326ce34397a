//! The scheduler: the seeds' three run queues (policy in the `sched`
//! crate), context switches, blocking and waking, timed sleep, preemption.
//!
//! Design note: one lock protects the run queues and the thread table;
//! it is only taken with interrupts off and is released before the
//! context switch (one CPU: nothing can run in between). Threads are
//! preempted on their way back to user mode, never inside the kernel
//! (like Linux without CONFIG_PREEMPT): a tick that finds the quantum
//! used up only sets `need_resched`.

pub mod thread;
pub mod wait;

use crate::time::uptime_ns;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicPtr, Ordering};
use spin::Mutex;
pub use thread::{State, Thread};

/// The running thread (one CPU): kept alive by the thread table (or by
/// `reap` while a dead thread switches away), so reading it needs no lock.
static CURRENT: AtomicPtr<Thread> = AtomicPtr::new(core::ptr::null_mut());
/// Set by the tick when the running thread should give up the CPU.
static NEED_RESCHED: AtomicBool = AtomicBool::new(false);

/// Most threads that can exist at once.
pub const MAX_THREADS: usize = 1024;

struct Scheduler {
    queues: ::sched::RunQueues<MAX_THREADS>,
    threads: Vec<Option<Arc<Thread>>>,
    /// Slots handed out by `alloc_slot` but not yet spawned.
    reserved: Vec<bool>,
    current: usize,
    idle: usize,
    /// Uptime when `current` was switched in.
    run_start_ns: u64,
    /// A dead thread switched away from, whose stack can now be freed.
    reap: Option<Arc<Thread>>,
    /// Slots of threads in a timed sleep.
    sleepers: Vec<usize>,
}

/// Built in place (the run queues are large): `init` fills the tables.
static SCHED: Mutex<Scheduler> = Mutex::new(Scheduler {
    queues: ::sched::RunQueues::new(),
    threads: Vec::new(),
    reserved: Vec::new(),
    current: 0,
    idle: 0,
    run_start_ns: 0,
    reap: None,
    sleepers: Vec::new(),
});

fn with<R>(f: impl FnOnce(&mut Scheduler) -> R) -> R {
    crate::arch::without_interrupts(|| f(&mut SCHED.lock()))
}

/// Makes the running boot code the idle thread (slot 0).
pub fn init() {
    let idle = Arc::new(Thread::boot(0).expect("memory for the idle thread"));
    with(|s| {
        s.threads.resize_with(MAX_THREADS, || None);
        CURRENT.store(Arc::as_ptr(&idle).cast_mut(), Ordering::Release);
        s.threads[0] = Some(idle);
        s.reserved = alloc::vec![false; MAX_THREADS];
        s.run_start_ns = uptime_ns();
    });
}

/// A free thread slot, reserved by storing `None` until [`spawn`] fills it.
pub fn alloc_slot() -> Option<usize> {
    with(|s| {
        let slot = (1..MAX_THREADS).find(|&i| s.threads[i].is_none() && !s.reserved[i])?;
        s.reserved[slot] = true;
        let _ = s.queues.add_thread(slot);
        Some(slot)
    })
}

/// Gives back a slot from [`alloc_slot`] that was never spawned.
pub fn release_slot(slot: usize) {
    with(|s| {
        if let Some(r) = s.reserved.get_mut(slot) {
            *r = false;
            s.queues.remove_thread(slot);
        }
    });
}

/// Makes `thread` (built on a slot from `alloc_slot`) runnable.
pub fn spawn(thread: Arc<Thread>) {
    with(|s| {
        let slot = thread.slot;
        s.reserved[slot] = false;
        s.threads[slot] = Some(thread);
        let _ = s.queues.make_runnable(slot, uptime_ns());
    });
}

/// The running thread.
pub fn current() -> Arc<Thread> {
    try_current().expect("the scheduler is initialised")
}

/// The running thread, or `None` before the scheduler is initialised.
pub fn try_current() -> Option<Arc<Thread>> {
    let p = CURRENT.load(Ordering::Acquire);
    if p.is_null() {
        return None;
    }
    // SAFETY: CURRENT always comes from `Arc::as_ptr` of a thread that the
    // table (or `reap`) keeps alive for as long as it is current, so the
    // allocation is live and taking one more reference is sound.
    unsafe {
        Arc::increment_strong_count(p);
        Some(Arc::from_raw(p))
    }
}

/// Runs `f` on the running thread without taking a reference (`None`
/// before the scheduler is initialised).
pub fn with_current<R>(f: impl FnOnce(&Thread) -> R) -> Option<R> {
    let p = CURRENT.load(Ordering::Acquire);
    // SAFETY: as in `try_current`; the reference does not outlive `f`,
    // during which the running thread cannot be freed (it is running).
    unsafe { p.as_ref() }.map(f)
}

/// CPU time the idle thread has had, in ns (/proc/uptime, /proc/stat).
pub fn idle_time_ns() -> u64 {
    with(|s| s.threads.get(s.idle).and_then(Option::as_ref).map_or(0, |t| t.cpu_time_ns.load(Ordering::Relaxed)))
}

/// Switches to the next thread to run. The current thread stays runnable
/// unless it set itself Blocked or Dead first.
pub fn schedule() {
    crate::arch::without_interrupts(|| {
        let (prev, next) = {
            let mut guard = SCHED.lock();
            let s = &mut *guard;
            NEED_RESCHED.store(false, Ordering::Relaxed);
            let now = uptime_ns();
            let prev_slot = s.current;
            let prev = s.threads[prev_slot].clone().expect("current thread exists");
            let burst = now.saturating_sub(s.run_start_ns);
            prev.cpu_time_ns.fetch_add(burst, Ordering::Relaxed);
            if prev_slot != s.idle {
                s.queues.account(prev_slot, burst);
                if prev.state() == State::Runnable {
                    let _ = s.queues.make_runnable(prev_slot, now);
                }
            }
            let next_slot = s.queues.pick_next(now).unwrap_or(s.idle);
            s.run_start_ns = now;
            if next_slot == prev_slot {
                return;
            }
            s.current = next_slot;
            let next = s.threads[next_slot].clone().expect("queued thread exists");
            CURRENT.store(Arc::as_ptr(&next).cast_mut(), Ordering::Release);
            if prev.state() == State::Dead {
                s.threads[prev_slot] = None;
                s.queues.remove_thread(prev_slot);
            }
            (prev, next)
        };
        if let Some(p) = &next.process {
            crate::arch::activate_page_table(p.page_table_root());
        }
        // SAFETY: interrupts are off and the lock is released: nothing else
        // touches either context until the switch is done. Both threads are
        // kept alive: `next` by the table, `prev` by `reap` if it died.
        unsafe {
            let prev_ctx: *mut _ = prev.context();
            let next_ctx: *const _ = next.context();
            if prev.state() == State::Dead {
                with_locked(|s| s.reap = Some(prev));
            } else {
                drop(prev);
            }
            drop(next);
            crate::arch::context::switch(&mut *prev_ctx, &*next_ctx);
        }
        finish_switch();
    });
}

fn with_locked<R>(f: impl FnOnce(&mut Scheduler) -> R) -> R {
    f(&mut SCHED.lock())
}

/// Runs after every switch on the new thread: frees a dead thread's stack.
pub fn finish_switch() {
    let dead = crate::arch::without_interrupts(|| with_locked(|s| s.reap.take()));
    drop(dead);
}

/// Gives up the CPU; the thread stays runnable.
pub fn yield_now() {
    schedule();
}

/// Blocks the current thread until [`wake`]. Callers register it where a
/// waker will find it (a wait queue) before calling, with interrupts off.
pub fn block_current() {
    current().set_state(State::Blocked);
    schedule();
}

/// Makes a blocked thread runnable again; does nothing otherwise.
pub fn wake(thread: &Thread) {
    with(|s| {
        if thread.state() == State::Blocked {
            thread.set_state(State::Runnable);
            thread.wake_at_ns.store(0, Ordering::Relaxed);
            let _ = s.queues.make_runnable(thread.slot, uptime_ns());
        }
    });
}

/// Sleeps until uptime `deadline_ns` or an earlier [`wake`]. Returns true
/// if the deadline passed, false if woken early.
pub fn sleep_until(deadline_ns: u64) -> bool {
    let t = current();
    crate::arch::without_interrupts(|| {
        t.wake_at_ns.store(deadline_ns.max(1), Ordering::Relaxed);
        with_locked(|s| s.sleepers.push(t.slot));
        block_current();
    });
    uptime_ns() >= deadline_ns
}

/// Ends the current thread: it never runs again; its stack is freed
/// after the switch away from it.
pub fn exit_current() -> ! {
    crate::arch::disable_interrupts();
    current().set_state(State::Dead);
    schedule();
    unreachable!("a dead thread was scheduled");
}

/// Timer tick (interrupt context): wakes expired sleepers, and asks for a
/// reschedule when the current thread's quantum is used up.
pub fn tick() {
    let Some(mut guard) = SCHED.try_lock() else { return };
    let s = &mut *guard;
    if s.threads.is_empty() {
        return;
    }
    let now = uptime_ns();
    let mut i = 0;
    while i < s.sleepers.len() {
        let slot = s.sleepers[i];
        let due = match &s.threads[slot] {
            Some(t) => {
                let at = t.wake_at_ns.load(Ordering::Relaxed);
                if at == 0 {
                    Some(None) // woken early: just drop it from the list
                } else if at <= now && t.state() == State::Blocked {
                    Some(Some(t.clone()))
                } else {
                    None
                }
            }
            None => Some(None),
        };
        match due {
            Some(wake_it) => {
                s.sleepers.swap_remove(i);
                if let Some(t) = wake_it {
                    t.wake_at_ns.store(0, Ordering::Relaxed);
                    t.set_state(State::Runnable);
                    let _ = s.queues.make_runnable(slot, now);
                }
            }
            None => i += 1,
        }
    }
    let used = now.saturating_sub(s.run_start_ns);
    if (s.current == s.idle && !s.queues.is_empty()) || used >= s.queues.quantum_ns(s.current) {
        NEED_RESCHED.store(true, Ordering::Relaxed);
    }
}

/// On the way back to user mode (interrupts off): exits if the process
/// is being killed, reschedules if asked.
pub fn exit_to_user(frame: &mut crate::arch::traps::TrapFrame) {
    if NEED_RESCHED.load(Ordering::Relaxed) {
        schedule();
    }
    let work = with_current(|t| {
        t.process.as_ref().is_some_and(|p| {
            p.exiting.load(Ordering::Acquire)
                || p.stopped.load(Ordering::Relaxed)
                || t.sig_pending.load(Ordering::Relaxed) | p.sig_pending.load(Ordering::Relaxed) != 0
        })
    });
    if work == Some(true) {
        exit_to_user_slow(frame);
    }
}

/// Stops, exits or delivers signals: out of line, so the common return
/// path stays a few loads and branches.
#[cold]
#[inline(never)]
fn exit_to_user_slow(frame: &mut crate::arch::traps::TrapFrame) {
    // The reference is dropped before exit_thread, which never returns.
    let exiting = crate::proc::current().is_some_and(|p| {
        crate::proc::signal::wait_while_stopped(&p);
        p.exiting.load(Ordering::Acquire)
    });
    if exiting {
        crate::proc::exit_thread();
    }
    crate::proc::signal::deliver(frame);
}

/// The idle loop: runs whatever is runnable, halts otherwise. Never returns.
pub fn idle_loop() -> ! {
    loop {
        let runnable = with(|s| !s.queues.is_empty());
        if runnable {
            schedule();
        } else {
            crate::arch::enable_interrupts_and_halt();
        }
    }
}
