//! Unit tests of `LruCache`: recency, pinning, dirty marks, writeback.

use std::cell::RefCell;
use vfscache::{FlushReport, Inserted, LruCache};

fn never(_: &u32, _: &u32) -> bool {
    false
}

fn ok(_: &u32, _: &u32) -> Result<(), ()> {
    Ok(())
}

fn filled(keys: &[u32], capacity: usize) -> LruCache<u32, u32> {
    let mut c = LruCache::new(capacity);
    for &k in keys {
        assert_eq!(c.insert(k, k * 10, never, ok), Inserted::New);
    }
    c
}

fn keys(c: &LruCache<u32, u32>) -> Vec<u32> {
    c.iter().map(|(k, _)| *k).collect()
}

#[test]
fn evicts_least_recently_used() {
    let mut c = filled(&[1, 2, 3], 3);
    assert_eq!(c.get(&1), Some(&10)); // 1 is now the most recent
    assert_eq!(c.insert(4, 40, never, ok), Inserted::New);
    assert_eq!(keys(&c), [4, 1, 3]);
    assert_eq!(c.get(&2), None);
    let s = c.stats();
    assert_eq!((s.hits, s.misses, s.insertions, s.evictions), (1, 1, 4, 1));
}

#[test]
fn replacing_keeps_one_entry_and_the_dirty_mark() {
    let mut c = filled(&[1, 2], 2);
    assert!(c.mark_dirty(&1));
    assert_eq!(c.insert(1, 11, never, ok), Inserted::Replaced(10));
    assert_eq!((c.len(), c.dirty_count(), c.is_dirty(&1)), (2, 1, true));
    assert_eq!(c.peek(&1), Some(&11));
}

#[test]
fn pinned_entries_are_skipped_and_full_hands_the_value_back() {
    let mut c = filled(&[1, 2, 3], 3);
    assert_eq!(c.insert(4, 40, |k, _| *k == 1, ok), Inserted::New);
    assert_eq!(keys(&c), [4, 3, 1]); // 1 was the oldest but pinned: 2 went
    assert_eq!(c.insert(5, 50, |_, _| true, ok), Inserted::Full(50));
    assert_eq!((c.len(), c.stats().evictions), (3, 1));
}

#[test]
fn evicting_a_dirty_entry_writes_it_back_first() {
    let mut c = filled(&[1, 2], 2);
    c.mark_dirty(&1);
    c.mark_dirty(&2); // 2 most recent, 1 the victim
    let written = RefCell::new(Vec::new());
    let wb = |k: &u32, v: &u32| -> Result<(), ()> {
        written.borrow_mut().push((*k, *v));
        Ok(())
    };
    assert_eq!(c.insert(3, 30, never, wb), Inserted::New);
    assert_eq!(*written.borrow(), [(1, 10)]);
    assert_eq!((c.dirty_count(), c.stats().writebacks), (1, 1));
}

#[test]
fn a_failed_writeback_keeps_the_entry_dirty_and_cached() {
    let mut c = filled(&[1, 2], 2);
    c.mark_dirty(&1);
    c.get(&2);
    let fail_1 = |k: &u32, _: &u32| if *k == 1 { Err("io") } else { Ok(()) };
    // 1 cannot be written, so 2 (clean) goes instead.
    assert_eq!(c.insert(3, 30, never, fail_1), Inserted::New);
    assert_eq!(keys(&c), [3, 1]);
    assert_eq!(c.flush(fail_1), FlushReport { written: 0, failed: 1 });
    assert!(c.is_dirty(&1));
    assert_eq!(c.flush_key(&1, fail_1), Err("io"));
    assert_eq!(c.stats().writeback_errors, 3);
    assert_eq!(c.flush_key(&1, ok), Ok(true));
    assert_eq!(c.flush_key(&1, ok), Ok(false));
    assert_eq!(c.dirty_count(), 0);
}

#[test]
fn flush_writes_oldest_first_and_clears_marks() {
    let mut c = filled(&[1, 2, 3, 4], 4);
    for k in [3, 1, 4] {
        c.mark_dirty(&k);
    }
    let mut order = Vec::new();
    let report = c.flush_if(|k, _| *k != 4, |k, _| -> Result<(), ()> {
        order.push(*k);
        Ok(())
    });
    assert_eq!(report, FlushReport { written: 2, failed: 0 });
    assert_eq!(order, [3, 1]);
    assert_eq!((c.dirty_count(), c.is_dirty(&4)), (1, true));
    assert_eq!(c.flush(ok), FlushReport { written: 1, failed: 0 });
    assert_eq!((c.dirty_count(), c.stats().writebacks), (0, 3));
}

#[test]
fn remove_and_remove_if_drop_without_writeback() {
    let mut c = filled(&[1, 2, 3, 4], 4);
    c.mark_dirty(&2);
    assert_eq!(c.remove(&2), Some(20));
    assert_eq!(c.remove(&2), None);
    assert_eq!(c.remove_if(|k, _| k % 2 == 1), 2);
    assert_eq!((keys(&c), c.dirty_count(), c.stats().writebacks), (vec![4], 0, 0));
    // Freed slots are reused.
    for k in 10..13 {
        c.insert(k, k, never, ok);
    }
    assert_eq!(keys(&c), [12, 11, 10, 4]);
}

#[test]
fn mark_dirty_of_an_absent_key_is_false_and_capacity_zero_is_one() {
    let mut c: LruCache<u32, u32> = LruCache::new(0);
    assert!(!c.mark_dirty(&7));
    assert_eq!(c.capacity(), 1);
    c.insert(1, 1, never, ok);
    c.insert(2, 2, never, ok);
    assert_eq!(keys(&c), [2]);
    assert!(c.peek(&1).is_none() && !c.is_empty());
}
