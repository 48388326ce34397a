//! Three-queue scheduling policy: Hot, Normal and Cold run queues, with
//! threads classified by an exponential moving average (EMA) of their CPU
//! bursts, and aging so that no runnable thread starves.
//!
//! A *burst* is the CPU time a thread used between being picked and giving up
//! the CPU (blocking, yielding or being preempted at the end of its quantum).
//! Threads with short bursts (interactive, I/O bound) are Hot and run first;
//! threads that use whole quanta (CPU bound) are Cold and run last.
//!
//! # Design
//!
//! The kernel calls this with interrupts off, so nothing allocates and every
//! operation is O(1). [`RunQueues<N>`] holds one fixed entry per thread *slot*
//! `0..N` (the kernel maps its threads to slots); the three FIFO queues are
//! doubly linked through those entries (`next`/`prev` slot indices,
//! `u32::MAX` = none), as in the `buddy` crate. `new` is a `const fn`, so the
//! run queues can live in a `static`. Time is whatever monotonic `now_ns` the
//! caller passes; the crate never reads a clock.
//!
//! Caller's loop: [`pick_next`](RunQueues::pick_next), run the thread for at
//! most [`quantum_ns`](RunQueues::quantum_ns); when it stops, call
//! [`account`](RunQueues::account) with the burst and, if it is still
//! runnable, [`make_runnable`](RunQueues::make_runnable).
//!
//! # Policy and constants
//!
//! * [`QUANTUM_NS`] = 10 ms for every class: the seeds' preemption period
//!   (timer preemption every 10 ms). A shorter Hot quantum is not needed: a
//!   full-quantum burst always ends Hot status (see `HOT_EXIT_NS`), so a Hot
//!   thread gone CPU-bound holds the CPU at Hot priority for one quantum only.
//! * EMA: `ema = (burst + 3 * ema) / 4` (alpha = 1/4), with bursts clamped to
//!   [`QUANTUM_NS`]. 1/4 weights the last four bursts about 68%: one atypical
//!   burst moves the EMA by at most a quarter quantum, yet a change of
//!   behaviour shows within a few bursts. The clamp keeps `ema <= QUANTUM_NS`
//!   (no overflow) and stops one huge burst (e.g. preemption disabled) from
//!   pinning a thread in Cold: beyond a quantum a burst says nothing more.
//! * [`INITIAL_EMA_NS`] = 4.5 ms, the middle of the Normal band, so a new
//!   thread starts Normal: a fork storm cannot claim Hot, and a new interactive
//!   thread is not pushed behind CPU hogs; its bursts place it within a few runs.
//! * Classes, with hysteresis so a thread whose EMA hovers at a threshold does
//!   not flip class at every burst:
//!   Normal -> Hot when `ema < HOT_ENTER_NS` (1 ms);
//!   Hot -> Normal when `ema >= HOT_EXIT_NS` (2 ms, below `QUANTUM_NS / 4` =
//!   2.5 ms, which is the least EMA after a full-quantum burst);
//!   Normal -> Cold when `ema > COLD_ENTER_NS` (8 ms, i.e. the thread uses over
//!   80% of its quanta); Cold -> Normal when `ema <= COLD_EXIT_NS` (6 ms).
//!   Resulting migrations (checked by the tests): a new thread is Hot after 6
//!   bursts of 100 us and Cold after 4 bursts of 10 ms; a steady Hot thread
//!   turned CPU bound is Normal after 1 burst and Cold after 6; a steady Cold
//!   thread turned interactive is Normal after 2 bursts and Hot after 9.
//! * [`pick_next`](RunQueues::pick_next): Hot, then Normal, then Cold, FIFO
//!   within a queue (round robin), except that when the head of Normal or Cold
//!   has waited at least [`AGING_NS`] = 100 ms (10 quanta) it is picked first
//!   (the older of the two heads, Normal on a tie). Queues are FIFO, so the
//!   heads are the oldest waiters and aged threads are served in arrival
//!   order. Bound: if `now_ns` is monotonic and no burst exceeds a quantum, a
//!   thread queued in Normal or Cold is picked within
//!   `AGING_NS + (a + 1) * QUANTUM_NS` of being made runnable, where `a` is
//!   the number of Normal and Cold waiters queued no later than it. So a
//!   single always-runnable Cold thread gets at least one quantum per 120 ms
//!   (1/12 of the CPU) against any number of Hot threads, while Hot threads
//!   keep priority over the others for up to 100 ms.
//!
//! # Errors and bad input
//!
//! Nothing panics at run time. Slots `>= N` and slots holding no thread fail
//! with an [`Error`] where a `Result` is returned, and are otherwise ignored
//! (`remove_thread`, `account`) or read as `None`/`false`.
#![no_std]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate std;

#[cfg(test)]
mod tests;

/// Time slice of every thread: the seeds' 10 ms preemption period.
pub const QUANTUM_NS: u64 = 10_000_000;
/// A Normal (or Cold) thread becomes Hot when its EMA falls below this.
pub const HOT_ENTER_NS: u64 = 1_000_000;
/// A Hot thread becomes Normal when its EMA reaches this (< `QUANTUM_NS / 4`).
pub const HOT_EXIT_NS: u64 = 2_000_000;
/// A Normal (or Hot) thread becomes Cold when its EMA rises above this.
pub const COLD_ENTER_NS: u64 = 8_000_000;
/// A Cold thread becomes Normal when its EMA falls to this.
pub const COLD_EXIT_NS: u64 = 6_000_000;
/// EMA of a newly added thread: middle of the Normal band (4.5 ms).
pub const INITIAL_EMA_NS: u64 = (HOT_ENTER_NS + COLD_ENTER_NS) / 2;
/// A Normal or Cold thread queued at least this long is picked before Hot.
pub const AGING_NS: u64 = 100_000_000;

/// "No link" marker for the index-linked queues.
const NONE: u32 = u32::MAX;

/// Scheduling class, from the EMA of the thread's CPU bursts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// Short bursts (EMA < 1 ms to enter): interactive or I/O bound; runs first.
    Hot,
    /// Everything between Hot and Cold; new threads start here.
    Normal,
    /// Long bursts (EMA > 8 ms to enter): CPU bound; runs last, subject to aging.
    Cold,
}

impl Class {
    /// All classes in priority order.
    pub const ALL: [Class; 3] = [Class::Hot, Class::Normal, Class::Cold];

    /// Queue index: 0 = Hot, 1 = Normal, 2 = Cold.
    const fn index(self) -> usize {
        self as usize
    }

    /// Class after an EMA update: the bounds to stay Hot or Cold are looser
    /// than those to enter (hysteresis, see the crate doc).
    const fn next(self, ema_ns: u64) -> Class {
        let (hot_below, cold_above) = match self {
            Class::Hot => (HOT_EXIT_NS, COLD_ENTER_NS),
            Class::Normal => (HOT_ENTER_NS, COLD_ENTER_NS),
            Class::Cold => (HOT_ENTER_NS, COLD_EXIT_NS),
        };
        if ema_ns < hot_below {
            Class::Hot
        } else if ema_ns > cold_above {
            Class::Cold
        } else {
            Class::Normal
        }
    }
}

/// Why a call was rejected (nothing was changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The slot is not in `0..N`.
    BadSlot,
    /// [`RunQueues::add_thread`] on a slot that already holds a thread.
    AlreadyPresent,
    /// The slot holds no thread (never added, or removed).
    NotPresent,
    /// [`RunQueues::make_runnable`] on a thread that is already queued.
    AlreadyQueued,
}

/// Where a slot's thread is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// No thread in this slot.
    Absent,
    /// Thread present but in no queue (running or blocked).
    Idle,
    /// Thread linked in the queue of this class (its class when enqueued).
    Queued(Class),
}

/// Per-slot entry: 32 bytes.
#[derive(Debug, Clone, Copy)]
struct Slot {
    next: u32,
    prev: u32,
    /// EMA of CPU bursts, always `<= QUANTUM_NS`.
    ema_ns: u64,
    /// `now_ns` of the last `make_runnable`.
    enqueued_ns: u64,
    state: State,
    class: Class,
}

impl Slot {
    const EMPTY: Slot = Slot {
        next: NONE,
        prev: NONE,
        ema_ns: INITIAL_EMA_NS,
        enqueued_ns: 0,
        state: State::Absent,
        class: Class::Normal,
    };
}

/// Run queues for threads in slots `0..N` (`N < u32::MAX`, checked at compile time).
#[derive(Debug, Clone)]
pub struct RunQueues<const N: usize> {
    slots: [Slot; N],
    /// First (oldest) and last slot of each queue, by [`Class::index`].
    heads: [u32; 3],
    tails: [u32; 3],
    lens: [u32; 3],
}

impl<const N: usize> Default for RunQueues<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> RunQueues<N> {
    /// Empty run queues with no threads; usable in a `static`.
    pub const fn new() -> Self {
        const { assert!(N < u32::MAX as usize, "slot indices must fit in u32") };
        Self {
            slots: [Slot::EMPTY; N],
            heads: [NONE; 3],
            tails: [NONE; 3],
            lens: [0; 3],
        }
    }

    /// Registers a new thread in `slot`, not runnable yet, class Normal with
    /// EMA [`INITIAL_EMA_NS`].
    ///
    /// Errors: [`Error::BadSlot`] if `slot >= N`, [`Error::AlreadyPresent`] if
    /// the slot holds a thread.
    pub fn add_thread(&mut self, slot: usize) -> Result<(), Error> {
        let s = self.slots.get_mut(slot).ok_or(Error::BadSlot)?;
        if s.state != State::Absent {
            return Err(Error::AlreadyPresent);
        }
        *s = Slot {
            state: State::Idle,
            ..Slot::EMPTY
        };
        Ok(())
    }

    /// Removes the thread in `slot` (it exited), unlinking it from its queue.
    /// Bad or empty slots are ignored. O(1).
    pub fn remove_thread(&mut self, slot: usize) {
        if self.present(slot).is_some() {
            self.unlink(slot);
            self.slots[slot] = Slot::EMPTY;
        }
    }

    /// Appends the thread in `slot` to the tail of the queue of its current
    /// class (after a wakeup, a preemption, or for a new thread), stamped with
    /// `now_ns` for aging. O(1).
    ///
    /// Errors: [`Error::BadSlot`], [`Error::NotPresent`], [`Error::AlreadyQueued`].
    pub fn make_runnable(&mut self, slot: usize, now_ns: u64) -> Result<(), Error> {
        let s = self.slots.get(slot).ok_or(Error::BadSlot)?;
        let class = match s.state {
            State::Absent => return Err(Error::NotPresent),
            State::Queued(_) => return Err(Error::AlreadyQueued),
            State::Idle => s.class,
        };
        let q = class.index();
        let tail = self.tails[q];
        // `slot < N < u32::MAX`, so it fits in a link.
        let link = slot as u32;
        match self.slots.get_mut(tail as usize) {
            Some(t) => t.next = link,
            None => self.heads[q] = link,
        }
        let s = &mut self.slots[slot];
        s.prev = tail;
        s.next = NONE;
        s.enqueued_ns = now_ns;
        s.state = State::Queued(class);
        self.tails[q] = link;
        self.lens[q] += 1;
        Ok(())
    }

    /// Dequeues and returns the slot of the thread to run next, or `None` if
    /// no thread is runnable.
    ///
    /// The oldest head of Normal and Cold that has waited at least
    /// [`AGING_NS`] by `now_ns` comes first; otherwise the head of Hot, then
    /// Normal, then Cold. A `now_ns` earlier than a thread's enqueue time counts
    /// as no wait. O(1).
    pub fn pick_next(&mut self, now_ns: u64) -> Option<usize> {
        let mut best: Option<(u64, usize)> = None;
        for q in [Class::Normal.index(), Class::Cold.index()] {
            if let Some(s) = self.slots.get(self.heads[q] as usize) {
                let aged = now_ns.saturating_sub(s.enqueued_ns) >= AGING_NS;
                if aged && best.is_none_or(|(t, _)| s.enqueued_ns < t) {
                    best = Some((s.enqueued_ns, q));
                }
            }
        }
        let q = match best {
            Some((_, q)) => q,
            None => (0..3).find(|&q| self.heads[q] != NONE)?,
        };
        let slot = self.heads[q] as usize;
        self.unlink(slot);
        Some(slot)
    }

    /// Records that the thread in `slot` stopped running after `burst_ns` of
    /// CPU time, updating its EMA (burst clamped to [`QUANTUM_NS`]) and class.
    /// Bad or empty slots are ignored. A queued thread stays in its queue;
    /// the new class applies from its next `make_runnable`.
    pub fn account(&mut self, slot: usize, burst_ns: u64) {
        let present = |s: &&mut Slot| s.state != State::Absent;
        if let Some(s) = self.slots.get_mut(slot).filter(present) {
            // Both terms are <= QUANTUM_NS, so no overflow.
            s.ema_ns = (burst_ns.min(QUANTUM_NS) + 3 * s.ema_ns) / 4;
            s.class = s.class.next(s.ema_ns);
        }
    }

    /// Current class of the thread in `slot`, `None` if bad or empty.
    pub fn class(&self, slot: usize) -> Option<Class> {
        self.present(slot).map(|s| s.class)
    }

    /// Burst EMA of the thread in `slot` in ns, `None` if bad or empty.
    pub fn ema_ns(&self, slot: usize) -> Option<u64> {
        self.present(slot).map(|s| s.ema_ns)
    }

    /// Time slice for the thread in `slot` in ns: [`QUANTUM_NS`] for every
    /// thread (and for bad slots); per slot so the policy may vary it later.
    pub fn quantum_ns(&self, _slot: usize) -> u64 {
        QUANTUM_NS
    }

    /// True if the thread in `slot` is queued (runnable, not picked yet).
    pub fn is_queued(&self, slot: usize) -> bool {
        self.present(slot)
            .is_some_and(|s| matches!(s.state, State::Queued(_)))
    }

    /// Number of queued (runnable) threads, all queues together.
    pub fn len(&self) -> usize {
        self.lens.iter().map(|&n| n as usize).sum()
    }

    /// True if no thread is queued.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of threads queued in the queue of `class`.
    pub fn queue_len(&self, class: Class) -> usize {
        self.lens[class.index()] as usize
    }

    /// Entry of `slot` if it holds a thread.
    fn present(&self, slot: usize) -> Option<&Slot> {
        self.slots.get(slot).filter(|s| s.state != State::Absent)
    }

    /// Unlinks `slot` (`< N`) from its queue, leaving it `Idle`; no-op if not queued.
    fn unlink(&mut self, slot: usize) {
        let Slot {
            next, prev, state, ..
        } = self.slots[slot];
        let State::Queued(class) = state else { return };
        let q = class.index();
        match self.slots.get_mut(prev as usize) {
            Some(p) => p.next = next,
            None => self.heads[q] = next,
        }
        match self.slots.get_mut(next as usize) {
            Some(n) => n.prev = prev,
            None => self.tails[q] = prev,
        }
        let s = &mut self.slots[slot];
        s.next = NONE;
        s.prev = NONE;
        s.state = State::Idle;
        self.lens[q] -= 1;
    }
}
