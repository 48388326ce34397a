//! Model-based and edge-case tests for the buddy allocator.

use buddy::{BuddyAllocator, FrameMeta, FreeError, MAX_ORDER};
use std::collections::{BTreeMap, HashSet};

/// xorshift64 PRNG (deterministic, no dependencies).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Free block count of every order.
fn block_counts(a: &BuddyAllocator) -> Vec<u64> {
    (0..=MAX_ORDER).map(|o| a.free_blocks(o)).collect()
}

/// Full observable state: counters plus every metadata entry.
fn snapshot(a: &BuddyAllocator) -> (Vec<u64>, u64, u64, Vec<FrameMeta>) {
    let metas = (0..a.covered_frames())
        .map(|p| *a.meta(p).unwrap())
        .collect();
    (block_counts(a), a.free_frames(), a.managed_frames(), metas)
}

fn in_ranges(ranges: &[(u64, u64)], start: u64, end: u64) -> bool {
    ranges.iter().any(|&(s, e)| s <= start && end <= e)
}

/// Runs `ops` random alloc/free operations against a model of live allocations
/// (start pfn -> frame count), then frees everything and checks full coalescing.
fn run_model(seed: u64, frames: usize, ranges: &[(u64, u64)], ops: usize) {
    let mut meta = vec![FrameMeta::RESERVED; frames];
    let mut a = BuddyAllocator::new(&mut meta);
    for &(s, e) in ranges {
        a.add_free_range(s, e);
    }
    let managed: u64 = ranges.iter().map(|&(s, e)| e.min(frames as u64) - s).sum();
    assert_eq!(a.managed_frames(), managed);
    assert_eq!(a.free_frames(), managed);
    let initial = block_counts(&a);

    let mut rng = Rng(seed);
    let mut live: BTreeMap<u64, u64> = BTreeMap::new();
    let mut list: Vec<(u64, u8)> = Vec::new();
    let mut allocated = 0u64;
    let mut failures = 0u64;
    for _ in 0..ops {
        // Bias towards allocating while memory is mostly free, freeing otherwise.
        let want_alloc = list.is_empty() || rng.below(100) < 52;
        if want_alloc {
            // Small orders are more common, like real use.
            let order = (rng.below(u64::from(MAX_ORDER) + 1) * rng.below(u64::from(MAX_ORDER) + 1)
                / u64::from(MAX_ORDER)) as u8;
            let size = 1u64 << order;
            match a.alloc(order) {
                Some(p) => {
                    assert_eq!(p % size, 0, "misaligned block {p} order {order}");
                    assert!(
                        in_ranges(ranges, p, p + size),
                        "block {p}+{size} outside added ranges"
                    );
                    if let Some((&s, &n)) = live.range(..p + size).next_back() {
                        assert!(s + n <= p, "block {p}+{size} overlaps live {s}+{n}");
                    }
                    let head = a.meta(p).unwrap();
                    assert!(head.is_allocated());
                    assert_eq!(head.refcount, 1);
                    assert_eq!(head.order(), Some(order));
                    live.insert(p, size);
                    list.push((p, order));
                    allocated += size;
                }
                None => {
                    failures += 1;
                    // Nothing of that order may be free (no larger block either).
                    assert!((order..=MAX_ORDER).all(|o| a.free_blocks(o) == 0));
                }
            }
        } else {
            let i = rng.below(list.len() as u64) as usize;
            let (p, order) = list.swap_remove(i);
            assert_eq!(a.free(p, order), Ok(()));
            live.remove(&p);
            allocated -= 1 << order;
        }
        assert_eq!(a.free_frames(), managed - allocated);
        let by_blocks: u64 = (0..=MAX_ORDER).map(|o| a.free_blocks(o) << o).sum();
        assert_eq!(by_blocks, a.free_frames());
    }
    assert!(
        failures > 0 || managed > 1 << 16,
        "test never hit memory pressure"
    );

    for (p, order) in list.drain(..) {
        assert_eq!(a.free(p, order), Ok(()));
    }
    assert_eq!(a.free_frames(), a.managed_frames());
    assert_eq!(block_counts(&a), initial, "not fully coalesced");
    // Holes stay reserved.
    for p in 0..frames as u64 {
        let covered = in_ranges(ranges, p, p + 1);
        assert_eq!(a.meta(p).unwrap().is_reserved(), !covered, "pfn {p}");
    }
}

#[test]
fn random_ops_against_model() {
    let ranges = [(0, 8192)];
    for seed in [1, 0x9e37_79b9_7f4a_7c15, 42, 0xdead_beef] {
        run_model(seed, 8192, &ranges, 200_000);
    }
}

#[test]
fn memory_with_holes() {
    let ranges = [(1, 159), (256, 1000), (1024, 40000), (40961, 65536)];
    for seed in [7, 1234567] {
        run_model(seed, 65536, &ranges, 200_000);
    }
    // Ranges clipped at the end of the array.
    run_model(99, 5000, &[(3, 5000)], 50_000);
}

#[test]
fn full_coalescing_restores_initial_state() {
    let mut meta = vec![FrameMeta::RESERVED; 4096];
    let mut a = BuddyAllocator::new(&mut meta);
    a.add_free_range(0, 4096);
    assert_eq!(a.free_blocks(MAX_ORDER), 4);
    let initial = snapshot(&a);
    let mut blocks = Vec::new();
    while let Some(p) = a.alloc(0) {
        blocks.push(p);
    }
    assert_eq!(a.free_frames(), 0);
    // Free in an interleaved order so merges happen out of address order.
    let mut rng = Rng(5);
    while !blocks.is_empty() {
        let i = rng.below(blocks.len() as u64) as usize;
        a.free(blocks.swap_remove(i), 0).unwrap();
    }
    assert_eq!(a.free_frames(), a.managed_frames());
    assert_eq!(block_counts(&a), initial.0);
    assert_eq!(a.free_blocks(MAX_ORDER), 4);
}

#[test]
fn error_cases_change_nothing() {
    let mut meta = vec![FrameMeta::RESERVED; 2048];
    let mut a = BuddyAllocator::new(&mut meta);
    a.add_free_range(0, 2000);
    let p = a.alloc(3).unwrap();
    let q = a.alloc(0).unwrap();
    let before = snapshot(&a);
    let cases: [(u64, u8, FreeError); 11] = [
        (p, 2, FreeError::WrongOrder),
        (p, 0, FreeError::WrongOrder),
        (p, MAX_ORDER + 1, FreeError::WrongOrder),
        (p, 255, FreeError::WrongOrder),
        (p + 1, 3, FreeError::Misaligned),
        (p + 1, 0, FreeError::NotAllocated), // tail frame
        (p + 4, 2, FreeError::NotAllocated), // aligned tail frame
        (2048, 0, FreeError::OutOfRange),
        (u64::MAX, 0, FreeError::OutOfRange),
        (2001, 0, FreeError::NotAllocated),  // reserved frame
        (q + 1, 0, FreeError::NotAllocated), // free frame (if q + 1 is free or tail)
    ];
    for (pfn, order, err) in cases {
        assert_eq!(a.free(pfn, order), Err(err), "free({pfn}, {order})");
        assert_eq!(
            snapshot(&a),
            before,
            "state changed by free({pfn}, {order})"
        );
    }
    a.free(p, 3).unwrap();
    let after_free = snapshot(&a);
    assert_eq!(a.free(p, 3), Err(FreeError::NotAllocated), "double free");
    assert_eq!(snapshot(&a), after_free);
    a.free(q, 0).unwrap();
    assert_eq!(a.free(q, 0), Err(FreeError::NotAllocated), "double free");
    assert_eq!(a.free_frames(), 2000);
}

#[test]
fn exhaustion_returns_every_frame_once() {
    let mut meta = vec![FrameMeta::RESERVED; 10_000];
    let mut a = BuddyAllocator::new(&mut meta);
    a.add_free_range(3, 1500);
    a.add_free_range(2049, 9999);
    let mut seen = HashSet::new();
    while let Some(p) = a.alloc(0) {
        assert!(
            (3..1500).contains(&p) || (2049..9999).contains(&p),
            "pfn {p}"
        );
        assert!(seen.insert(p), "pfn {p} handed out twice");
    }
    assert_eq!(seen.len() as u64, a.managed_frames());
    assert_eq!(a.managed_frames(), 1497 + 7950);
    assert_eq!(a.free_frames(), 0);
    assert_eq!(a.alloc(0), None);
}

#[test]
fn order_above_max_is_rejected() {
    let mut meta = vec![FrameMeta::RESERVED; 4096];
    let mut a = BuddyAllocator::new(&mut meta);
    a.add_free_range(0, 4096);
    assert_eq!(a.alloc(MAX_ORDER + 1), None);
    assert_eq!(a.alloc(u8::MAX), None);
    assert_eq!(a.free_blocks(MAX_ORDER + 1), 0);
    assert_eq!(a.free_frames(), 4096);
    let p = a.alloc(MAX_ORDER).unwrap();
    assert_eq!(p % (1 << MAX_ORDER), 0);
}

#[test]
fn refcounts_and_tails() {
    let mut meta = vec![FrameMeta::RESERVED; 1024];
    let mut a = BuddyAllocator::new(&mut meta);
    a.add_free_range(0, 1024);
    let p = a.alloc(4).unwrap();
    assert_eq!(a.meta(p).unwrap().refcount, 1);
    for t in p + 1..p + 16 {
        let m = a.meta(t).unwrap();
        assert_eq!(m.refcount, 0);
        assert!(!m.is_allocated() && !m.is_free() && !m.is_reserved());
        assert_eq!(m.order(), None);
    }
    a.meta_mut(p).unwrap().refcount = 2;
    a.free(p, 4).unwrap();
    assert_eq!(a.meta(p).unwrap().refcount, 0);
    assert!(a.meta(1024).is_none() && a.meta_mut(u64::MAX).is_none());
}

#[test]
fn flags_start_clear_and_are_reset_by_free() {
    let mut meta = vec![FrameMeta::RESERVED; 64];
    let mut a = BuddyAllocator::new(&mut meta);
    a.add_free_range(0, 64);
    let p = a.alloc(0).unwrap();
    assert_eq!(a.meta(p).unwrap().flags, 0);
    a.meta_mut(p).unwrap().flags = 1;
    a.free(p, 0).unwrap();
    assert_eq!(a.meta(p).unwrap().flags, 0);
    let q = a.alloc(0).unwrap();
    assert_eq!(a.meta(q).unwrap().flags, 0);
}

#[test]
fn overlapping_add_does_not_double_insert() {
    let mut meta = vec![FrameMeta::RESERVED; 2048];
    let mut a = BuddyAllocator::new(&mut meta);
    a.add_free_range(100, 600);
    let p = a.alloc(5).unwrap();
    a.add_free_range(0, 1000); // overlaps free and allocated frames
    a.add_free_range(0, 1000);
    a.add_free_range(5000, 9000); // fully outside: clipped away
    a.add_free_range(700, 300); // empty
    assert_eq!(a.managed_frames(), 1000);
    assert_eq!(a.free_frames(), 1000 - 32);
    assert!(a.meta(p).unwrap().is_allocated());
    a.free(p, 5).unwrap();
    // [0, 1000) = 512 + 256 + 128 + 64 + 32 + 8 after full coalescing.
    let expect = [0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0];
    assert_eq!(block_counts(&a), expect);
    assert_eq!(
        a.to_string(),
        "free 1000/1000 frames; blocks by order: 0:0 1:0 2:0 3:1 4:0 5:1 6:1 7:1 8:1 9:1 10:0"
    );
}

#[test]
fn empty_allocator() {
    let mut meta: [FrameMeta; 0] = [];
    let mut a = BuddyAllocator::new(&mut meta);
    a.add_free_range(0, u64::MAX);
    assert_eq!(a.alloc(0), None);
    assert_eq!(a.free(0, 0), Err(FreeError::OutOfRange));
    assert_eq!(a.free_frames(), 0);
}
