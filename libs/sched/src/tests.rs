//! Unit tests: class placement and migration, pick order, aging bound, a
//! randomized comparison against a reference model, and `const` construction.

use super::*;
use std::collections::VecDeque;
use std::vec::Vec;

const US: u64 = 1_000;
const MS: u64 = 1_000_000;

/// Compile test: `new` is a `const fn`, so the run queues fit in a `static`.
static STATIC_RQ: RunQueues<256> = RunQueues::new();

#[test]
fn new_is_const_and_usable_in_static() {
    assert!(STATIC_RQ.is_empty());
    assert_eq!(STATIC_RQ.class(0), None);
    assert_eq!(STATIC_RQ.quantum_ns(0), QUANTUM_NS);
}

/// Tiny xorshift64 PRNG for deterministic sampling.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Accounts `burst_ns` bursts to `slot` until its class is `target`; returns
/// how many bursts that took (panics after 100).
fn bursts_until<const N: usize>(
    rq: &mut RunQueues<N>,
    slot: usize,
    burst_ns: u64,
    target: Class,
) -> usize {
    for n in 1..=100 {
        rq.account(slot, burst_ns);
        if rq.class(slot) == Some(target) {
            return n;
        }
    }
    panic!("slot {slot} never reached {target:?} with {burst_ns} ns bursts");
}

/// A thread in `slot` driven to `class` by 50 typical bursts.
fn settled(rq: &mut RunQueues<64>, slot: usize, class: Class) {
    rq.add_thread(slot).unwrap();
    let burst = match class {
        Class::Hot => 100 * US,
        Class::Normal => 3 * MS,
        Class::Cold => 10 * MS,
    };
    for _ in 0..50 {
        rq.account(slot, burst);
    }
    assert_eq!(rq.class(slot), Some(class));
}

#[test]
fn placement_by_burst_length() {
    let mut rq = RunQueues::<64>::new();
    for (slot, burst, class) in [
        (0, 100 * US, Class::Hot),
        (1, 3 * MS, Class::Normal),
        (2, 10 * MS, Class::Cold),
    ] {
        rq.add_thread(slot).unwrap();
        assert_eq!(rq.class(slot), Some(Class::Normal));
        assert_eq!(rq.ema_ns(slot), Some(INITIAL_EMA_NS));
        for _ in 0..50 {
            rq.account(slot, burst);
        }
        assert_eq!(rq.class(slot), Some(class), "burst {burst}");
        let ema = rq.ema_ns(slot).unwrap();
        assert!(
            ema.abs_diff(burst) < 10,
            "ema {ema} converges to burst {burst}"
        );
    }
    // New threads: the documented number of bursts.
    rq.add_thread(3).unwrap();
    assert_eq!(bursts_until(&mut rq, 3, 100 * US, Class::Hot), 6);
    rq.add_thread(4).unwrap();
    assert_eq!(bursts_until(&mut rq, 4, 10 * MS, Class::Cold), 4);
}

#[test]
fn migration_when_behaviour_changes() {
    let mut rq = RunQueues::<64>::new();
    // Hot thread turns CPU bound: out of Hot after one full quantum.
    settled(&mut rq, 0, Class::Hot);
    assert_eq!(bursts_until(&mut rq, 0, QUANTUM_NS, Class::Normal), 1);
    settled_again(&mut rq, 0, 100 * US, Class::Hot);
    let normal = bursts_until(&mut rq, 0, QUANTUM_NS, Class::Normal);
    let cold = bursts_until(&mut rq, 0, QUANTUM_NS, Class::Cold);
    assert_eq!(normal + cold, 6);
    // Cold thread turns interactive.
    settled(&mut rq, 1, Class::Cold);
    assert_eq!(bursts_until(&mut rq, 1, 100 * US, Class::Normal), 2);
    settled_again(&mut rq, 1, 10 * MS, Class::Cold);
    let normal = bursts_until(&mut rq, 1, 100 * US, Class::Normal);
    let hot = bursts_until(&mut rq, 1, 100 * US, Class::Hot);
    assert_eq!(normal + hot, 9);
    // Even zero bursts need as many steps: the bound holds for any behaviour.
    settled_again(&mut rq, 1, 10 * MS, Class::Cold);
    assert_eq!(bursts_until(&mut rq, 1, 0, Class::Normal), 2);
    assert_eq!(bursts_until(&mut rq, 1, 0, Class::Hot), 7);
}

/// Re-settles an existing thread with 50 bursts of `burst_ns`.
fn settled_again(rq: &mut RunQueues<64>, slot: usize, burst_ns: u64, class: Class) {
    for _ in 0..50 {
        rq.account(slot, burst_ns);
    }
    assert_eq!(rq.class(slot), Some(class));
}

#[test]
fn hysteresis_keeps_class_inside_the_band() {
    let mut rq = RunQueues::<64>::new();
    // 1.5 ms bursts: a Hot thread stays Hot, a Normal thread stays Normal.
    settled(&mut rq, 0, Class::Hot);
    settled_again(&mut rq, 0, 1_500 * US, Class::Hot);
    settled(&mut rq, 1, Class::Normal);
    settled_again(&mut rq, 1, 1_500 * US, Class::Normal);
    // 7 ms bursts: a Cold thread stays Cold, a Normal thread stays Normal.
    settled(&mut rq, 2, Class::Cold);
    settled_again(&mut rq, 2, 7 * MS, Class::Cold);
    settled(&mut rq, 3, Class::Normal);
    settled_again(&mut rq, 3, 7 * MS, Class::Normal);
}

#[test]
fn huge_bursts_are_clamped() {
    let mut rq = RunQueues::<64>::new();
    settled(&mut rq, 0, Class::Hot);
    for _ in 0..1000 {
        rq.account(0, u64::MAX);
        assert!(rq.ema_ns(0).unwrap() <= QUANTUM_NS);
    }
    assert_eq!(rq.class(0), Some(Class::Cold));
    // One huge burst weighs exactly as much as a full quantum.
    settled(&mut rq, 1, Class::Hot);
    settled(&mut rq, 2, Class::Hot);
    rq.account(1, u64::MAX);
    rq.account(2, QUANTUM_NS);
    assert_eq!(rq.ema_ns(1), rq.ema_ns(2));
}

#[test]
fn hot_before_normal_before_cold_fifo_within_class() {
    let mut rq = RunQueues::<64>::new();
    let classes = [
        Class::Cold,
        Class::Hot,
        Class::Normal,
        Class::Cold,
        Class::Normal,
        Class::Hot,
    ];
    for (slot, &class) in classes.iter().enumerate() {
        settled(&mut rq, slot, class);
    }
    for slot in 0..classes.len() {
        rq.make_runnable(slot, slot as u64).unwrap();
    }
    assert_eq!(rq.len(), 6);
    for class in Class::ALL {
        assert_eq!(rq.queue_len(class), 2);
    }
    let order: Vec<usize> = core::iter::from_fn(|| rq.pick_next(MS)).collect();
    assert_eq!(order, [1, 5, 2, 4, 0, 3]);
    assert!(rq.is_empty());
    assert_eq!(rq.pick_next(MS), None);
}

#[test]
fn aged_threads_go_first_oldest_first() {
    let mut rq = RunQueues::<64>::new();
    settled(&mut rq, 0, Class::Cold);
    settled(&mut rq, 1, Class::Normal);
    settled(&mut rq, 2, Class::Hot);
    settled(&mut rq, 3, Class::Hot);
    rq.make_runnable(0, 0).unwrap();
    rq.make_runnable(1, 5 * MS).unwrap();
    rq.make_runnable(2, 0).unwrap();
    // Not aged yet: Hot first.
    assert_eq!(rq.pick_next(AGING_NS - 1), Some(2));
    rq.make_runnable(2, AGING_NS).unwrap();
    rq.make_runnable(3, AGING_NS).unwrap();
    // Cold head aged, Normal head not: Cold goes before Hot.
    assert_eq!(rq.pick_next(AGING_NS), Some(0));
    assert_eq!(rq.pick_next(AGING_NS), Some(2));
    // Both aged: the older goes first; a tie goes to Normal.
    rq.make_runnable(0, 5 * MS).unwrap();
    assert_eq!(rq.pick_next(AGING_NS + 5 * MS), Some(1));
    assert_eq!(rq.pick_next(AGING_NS + 5 * MS), Some(0));
    assert_eq!(rq.pick_next(AGING_NS + 5 * MS), Some(3));
    // A clock that goes backwards counts as no wait.
    rq.make_runnable(0, 10 * AGING_NS).unwrap();
    rq.make_runnable(2, 10 * AGING_NS).unwrap();
    assert_eq!(rq.pick_next(0), Some(2));
}

#[test]
fn cold_thread_not_starved_by_twenty_hot_threads() {
    const COLD: usize = 0;
    let mut rq = RunQueues::<64>::new();
    settled(&mut rq, COLD, Class::Cold);
    for slot in 1..=20 {
        settled(&mut rq, slot, Class::Hot);
    }
    for slot in 0..=20 {
        rq.make_runnable(slot, 0).unwrap();
    }
    let mut now = 0;
    let mut enqueued_at = 0;
    let (mut max_wait, mut cold_runs, mut cold_cpu) = (0, 0, 0);
    let mut hot_runs = [0u32; 21];
    while now < 10_000 * MS {
        let slot = rq.pick_next(now).unwrap();
        let burst = if slot == COLD {
            max_wait = max_wait.max(now - enqueued_at);
            cold_runs += 1;
            cold_cpu += QUANTUM_NS;
            QUANTUM_NS
        } else {
            hot_runs[slot] += 1;
            100 * US
        };
        now += burst;
        rq.account(slot, burst);
        rq.make_runnable(slot, now).unwrap();
        if slot == COLD {
            enqueued_at = now;
        }
    }
    assert_eq!(rq.class(COLD), Some(Class::Cold));
    assert!((1..=20).all(|s| rq.class(s) == Some(Class::Hot)));
    // Documented bound with no other Normal/Cold waiter: AGING_NS + QUANTUM_NS.
    assert!(max_wait <= AGING_NS + QUANTUM_NS, "max wait {max_wait} ns");
    assert!(
        cold_runs >= 10_000 * MS / (AGING_NS + QUANTUM_NS),
        "{cold_runs} runs"
    );
    // At least 1/12 of the CPU (1/11 minus the Hot bursts overshooting the deadline).
    assert!(cold_cpu * 12 >= now, "cold share {cold_cpu}/{now}");
    // Round robin among the Hot threads.
    let (min, max) = (
        hot_runs[1..].iter().min().unwrap(),
        hot_runs[1..].iter().max().unwrap(),
    );
    assert!(max - min <= 1, "hot runs {min}..{max}");
}

#[test]
fn bad_input_is_rejected_or_ignored() {
    let mut rq = RunQueues::<4>::new();
    assert_eq!(rq.add_thread(4), Err(Error::BadSlot));
    assert_eq!(rq.add_thread(usize::MAX), Err(Error::BadSlot));
    assert_eq!(rq.make_runnable(4, 0), Err(Error::BadSlot));
    assert_eq!(rq.make_runnable(0, 0), Err(Error::NotPresent));
    rq.add_thread(0).unwrap();
    assert_eq!(rq.add_thread(0), Err(Error::AlreadyPresent));
    rq.make_runnable(0, 0).unwrap();
    assert_eq!(rq.make_runnable(0, 0), Err(Error::AlreadyQueued));
    rq.remove_thread(usize::MAX);
    rq.remove_thread(3);
    rq.account(usize::MAX, 5);
    rq.account(3, 5);
    assert_eq!((rq.class(9), rq.ema_ns(9), rq.class(3)), (None, None, None));
    assert!(!rq.is_queued(usize::MAX));
    assert_eq!(rq.len(), 1);
    // Removing a queued thread unlinks it.
    rq.remove_thread(0);
    assert!(rq.is_empty());
    assert_eq!(rq.pick_next(0), None);
    assert_eq!(rq.make_runnable(0, 0), Err(Error::NotPresent));
}

/// Reference model: presence per slot and each queue as `(slot, enqueued_ns)`.
struct Model {
    present: [bool; 64],
    queues: [VecDeque<(usize, u64)>; 3],
}

impl Model {
    /// The policy written plainly: oldest aged Normal/Cold head, else by class.
    fn pick(&mut self, now: u64) -> Option<usize> {
        let aged = |q: &VecDeque<(usize, u64)>| {
            q.front()
                .filter(|&&(_, t)| now.saturating_sub(t) >= AGING_NS)
                .map(|&(_, t)| t)
        };
        let q = match (aged(&self.queues[1]), aged(&self.queues[2])) {
            (Some(n), Some(c)) => {
                if c < n {
                    2
                } else {
                    1
                }
            }
            (Some(_), None) => 1,
            (None, Some(_)) => 2,
            (None, None) => (0..3).find(|&q| !self.queues[q].is_empty())?,
        };
        self.queues[q].pop_front().map(|(s, _)| s)
    }

    fn unqueue(&mut self, slot: usize) {
        for q in &mut self.queues {
            q.retain(|&(s, _)| s != slot);
        }
    }

    fn queued(&self, slot: usize) -> bool {
        self.queues
            .iter()
            .any(|q| q.iter().any(|&(s, _)| s == slot))
    }
}

/// Walks every queue through the links and compares it with the model.
fn check(rq: &RunQueues<64>, model: &Model) {
    let mut seen = [false; 64];
    for class in Class::ALL {
        let q = class.index();
        let mut order = Vec::new();
        let (mut cur, mut prev) = (rq.heads[q], NONE);
        while cur != NONE {
            let s = &rq.slots[cur as usize];
            assert_eq!(s.prev, prev, "broken prev link");
            assert_eq!(s.state, State::Queued(class));
            assert!(!seen[cur as usize], "slot {cur} queued twice");
            seen[cur as usize] = true;
            order.push((cur as usize, s.enqueued_ns));
            (prev, cur) = (cur, s.next);
        }
        assert_eq!(rq.tails[q], prev);
        assert_eq!(rq.queue_len(class), order.len());
        assert!(
            order.iter().eq(model.queues[q].iter()),
            "queue {class:?} differs from model"
        );
    }
    assert_eq!(
        rq.len(),
        model.queues.iter().map(VecDeque::len).sum::<usize>()
    );
    for (slot, &queued) in seen.iter().enumerate() {
        assert_eq!(rq.is_queued(slot), queued);
        assert_eq!(rq.class(slot).is_some(), model.present[slot]);
        assert!(model.present[slot] || !queued);
    }
}

#[test]
fn randomized_against_model() {
    for seed in [1, 0x9E37_79B9_7F4A_7C15, 42, 0xDEAD_BEEF, 7_777_777] {
        let mut rng = XorShift(seed);
        let mut rq = RunQueues::<64>::new();
        let mut model = Model {
            present: [false; 64],
            queues: Default::default(),
        };
        let mut now: u64 = 0;
        for _ in 0..20_000 {
            let slot = rng.below(70) as usize;
            let live = slot < 64 && model.present[slot];
            match rng.below(10) {
                0 => {
                    let want = if slot >= 64 {
                        Err(Error::BadSlot)
                    } else if live {
                        Err(Error::AlreadyPresent)
                    } else {
                        Ok(())
                    };
                    assert_eq!(rq.add_thread(slot), want);
                    if want.is_ok() {
                        model.present[slot] = true;
                    }
                }
                1 => {
                    rq.remove_thread(slot);
                    if live {
                        model.present[slot] = false;
                        model.unqueue(slot);
                    }
                }
                2..=5 => {
                    let class = rq.class(slot);
                    let want = match () {
                        _ if slot >= 64 => Err(Error::BadSlot),
                        _ if !live => Err(Error::NotPresent),
                        _ if model.queued(slot) => Err(Error::AlreadyQueued),
                        _ => Ok(()),
                    };
                    assert_eq!(rq.make_runnable(slot, now), want);
                    if want.is_ok() {
                        model.queues[class.unwrap().index()].push_back((slot, now));
                    }
                }
                6..=7 => {
                    let got = rq.pick_next(now);
                    assert_eq!(got, model.pick(now));
                    if let Some(s) = got {
                        assert!(model.present[s] && !rq.is_queued(s));
                    }
                }
                _ => {
                    // Slots lean Hot, Normal or Cold by `slot % 3`.
                    let burst = match (rng.below(50), slot % 3) {
                        (0, _) => u64::MAX,
                        (_, 0) => rng.below(500 * US),
                        (_, 1) => rng.below(6 * MS),
                        _ => 5 * MS + rng.below(15 * MS),
                    };
                    rq.account(slot, burst);
                    if let Some(ema) = rq.ema_ns(slot) {
                        assert!(ema <= QUANTUM_NS);
                    }
                }
            }
            // Mostly forward, sometimes a large jump, rarely backwards.
            now = match rng.below(100) {
                0 => now.saturating_sub(rng.below(50 * MS)),
                1..=5 => now + rng.below(3 * AGING_NS),
                _ => now + rng.below(5 * MS),
            };
            check(&rq, &model);
        }
    }
}
