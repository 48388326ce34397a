//! Threads: a kernel stack, a saved context, a scheduling state, and the
//! process they belong to.

use crate::arch::context::Context;
use crate::mm::kstack::KernelStack;
use crate::proc::Process;
use alloc::sync::Arc;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicU64, AtomicU8, Ordering};

/// sigaltstack flag: no alternate stack.
pub const SS_DISABLE: u32 = 2;

/// Pages in a thread's kernel stack (16 KiB, Linux's THREAD_SIZE).
pub const KSTACK_PAGES: u64 = 4;

/// Scheduling state of a thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum State {
    /// On the CPU or in a run queue.
    Runnable = 0,
    /// Waiting for a wake-up (wait queue or timer).
    Blocked = 1,
    /// Finished; its resources go when it has been switched away from.
    Dead = 2,
}

/// A schedulable thread.
pub struct Thread {
    /// Thread id (Linux TID; the main thread's equals the PID).
    pub tid: u32,
    /// Slot in the scheduler's table.
    pub slot: usize,
    /// The process; `None` for kernel threads (idle).
    pub process: Option<Arc<Process>>,
    context: UnsafeCell<Context>,
    _kstack: Option<KernelStack>,
    state: AtomicU8,
    /// CPU time consumed, in ns.
    pub cpu_time_ns: AtomicU64,
    /// `set_tid_address` / CLONE_CHILD_CLEARTID: zeroed and futex-woken at exit.
    pub clear_child_tid: AtomicU64,
    /// Absolute uptime in ns at which a timed sleep ends (0: none).
    pub wake_at_ns: AtomicU64,
    /// `set_robust_list` head (user address; 0: none).
    pub robust_list: AtomicU64,
    /// Blocked signals (bit n-1 for signal n), set by rt_sigprocmask.
    pub sigmask: AtomicU64,
    /// Signals sent to this thread, not yet taken.
    pub sig_pending: AtomicU64,
    /// The mask to put back after the next handler (rt_sigsuspend).
    pub saved_sigmask: spin::Mutex<Option<u64>>,
    /// sigaltstack: (ss_sp, ss_flags, ss_size).
    pub altstack: spin::Mutex<(u64, u32, u64)>,
}

// SAFETY: `context` is only touched by the scheduler with interrupts off
// on the single CPU (see `sched::schedule`); everything else is atomic or
// immutable.
unsafe impl Sync for Thread {}
// SAFETY: as above; the raw pointers inside Context are owned data.
unsafe impl Send for Thread {}

impl Thread {
    /// A thread with a fresh kernel stack whose context `make` builds from
    /// the stack top. `None` when memory runs out.
    pub fn new(
        tid: u32,
        slot: usize,
        process: Option<Arc<Process>>,
        make: impl FnOnce(u64) -> Option<Context>,
    ) -> Option<Thread> {
        let kstack = KernelStack::new(KSTACK_PAGES).ok()?;
        let context = make(kstack.top())?;
        Some(Thread {
            tid,
            slot,
            process,
            context: UnsafeCell::new(context),
            _kstack: Some(kstack),
            state: AtomicU8::new(State::Runnable as u8),
            cpu_time_ns: AtomicU64::new(0),
            clear_child_tid: AtomicU64::new(0),
            wake_at_ns: AtomicU64::new(0),
            robust_list: AtomicU64::new(0),
            sigmask: AtomicU64::new(0),
            sig_pending: AtomicU64::new(0),
            saved_sigmask: spin::Mutex::new(None),
            altstack: spin::Mutex::new((0, SS_DISABLE, 0)),
        })
    }

    /// The boot thread, which becomes the idle thread (its stack is the boot stack).
    pub fn boot(slot: usize) -> Option<Thread> {
        Some(Thread {
            tid: 0,
            slot,
            process: None,
            context: UnsafeCell::new(Context::current_boot()?),
            _kstack: None,
            state: AtomicU8::new(State::Runnable as u8),
            cpu_time_ns: AtomicU64::new(0),
            clear_child_tid: AtomicU64::new(0),
            wake_at_ns: AtomicU64::new(0),
            robust_list: AtomicU64::new(0),
            sigmask: AtomicU64::new(0),
            sig_pending: AtomicU64::new(0),
            saved_sigmask: spin::Mutex::new(None),
            altstack: spin::Mutex::new((0, SS_DISABLE, 0)),
        })
    }

    /// The scheduling state.
    pub fn state(&self) -> State {
        match self.state.load(Ordering::Acquire) {
            0 => State::Runnable,
            1 => State::Blocked,
            _ => State::Dead,
        }
    }

    pub(super) fn set_state(&self, s: State) {
        self.state.store(s as u8, Ordering::Release);
    }

    /// The saved context.
    ///
    /// # Safety
    /// Only the scheduler on this CPU with interrupts off, or the thread
    /// itself while running, may use it, and not both at once.
    #[allow(clippy::mut_from_ref, reason = "exclusive by the scheduler's protocol")]
    pub unsafe fn context(&self) -> &mut Context {
        // SAFETY: exclusivity is the caller's contract.
        unsafe { &mut *self.context.get() }
    }
}
