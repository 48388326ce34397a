//! Wait queues: threads blocked until some condition may have changed.

use super::Thread;
use alloc::collections::VecDeque;
use alloc::sync::Arc;
use spin::Mutex;

/// A FIFO of blocked threads.
#[derive(Default)]
pub struct WaitQueue {
    waiters: Mutex<VecDeque<Arc<Thread>>>,
}

impl WaitQueue {
    /// An empty queue.
    pub const fn new() -> Self {
        WaitQueue { waiters: Mutex::new(VecDeque::new()) }
    }

    /// Blocks the current thread until `ready()` returns true, re-checking
    /// after every wake-up. `ready` runs with interrupts off and must not
    /// block. Returns false, without waiting for `ready`, when the thread's
    /// process is being killed (the caller returns to user mode, where the
    /// thread exits).
    pub fn wait_until(&self, ready: impl FnMut() -> bool) -> bool {
        self.wait(ready, true)
    }

    /// Blocks until `ready()` returns true, whatever signals arrive (a
    /// stopped process waiting for SIGCONT; `ready` watches for SIGKILL).
    pub fn wait_uninterruptible(&self, ready: impl FnMut() -> bool) {
        self.wait(ready, false);
    }

    fn wait(&self, mut ready: impl FnMut() -> bool, interruptible: bool) -> bool {
        loop {
            let done = crate::arch::without_interrupts(|| {
                if ready() {
                    return Some(true);
                }
                if interruptible && killed() {
                    return Some(false);
                }
                let me = super::current();
                self.waiters.lock().push_back(me.clone());
                super::block_current();
                self.waiters.lock().retain(|t| !Arc::ptr_eq(t, &me));
                None
            });
            if let Some(r) = done {
                return r;
            }
        }
    }

    /// Adds `thread` without blocking it: for a thread that waits on
    /// several queues at once (poll, select). With interrupts off, the
    /// caller checks readiness, registers on every queue and blocks (so
    /// no wake-up falls in between), then calls [`WaitQueue::unregister`].
    pub fn register(&self, thread: &Arc<Thread>) {
        crate::arch::without_interrupts(|| self.waiters.lock().push_back(thread.clone()));
    }

    /// Removes `thread` if it is still queued (it was not the one woken).
    pub fn unregister(&self, thread: &Arc<Thread>) {
        crate::arch::without_interrupts(|| self.waiters.lock().retain(|t| !Arc::ptr_eq(t, thread)));
    }

    /// Wakes every waiting thread.
    pub fn wake_all(&self) {
        let woken: VecDeque<_> = crate::arch::without_interrupts(|| core::mem::take(&mut *self.waiters.lock()));
        for t in woken {
            super::wake(&t);
        }
    }
}

/// True if the current thread has an unblocked signal pending or its
/// process is exiting: blocking calls return `EINTR` instead of waiting.
pub fn killed() -> bool {
    crate::proc::signal::pending()
}
