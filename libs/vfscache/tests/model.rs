//! A randomized model test: `LruCache` against a plain `Vec` LRU (most
//! recent first) under a long deterministic sequence of operations, with
//! pinned keys and failing writebacks changing along the way.

use std::collections::BTreeSet;
use vfscache::{FlushReport, Inserted, LruCache};

/// xorshift64*: deterministic, so a failure repeats exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The reference: (key, value, dirty), most recently used first.
struct Model {
    entries: Vec<(u32, u32, bool)>,
    capacity: usize,
}

impl Model {
    fn find(&self, k: u32) -> Option<usize> {
        self.entries.iter().position(|e| e.0 == k)
    }

    fn touch(&mut self, i: usize) {
        let e = self.entries.remove(i);
        self.entries.insert(0, e);
    }
}

fn run(seed: u64, capacity: usize, steps: usize) {
    let mut rng = Rng(seed);
    let mut cache: LruCache<u32, u32> = LruCache::new(capacity);
    let mut model = Model { entries: Vec::new(), capacity };
    let mut pinned: BTreeSet<u32> = BTreeSet::new();
    let mut failing: BTreeSet<u32> = BTreeSet::new();
    let (mut writes, mut model_writes) = (Vec::new(), Vec::new());
    let key_space = (capacity as u64) * 2 + 1;
    for step in 0..steps {
        let k = rng.below(key_space) as u32;
        match rng.below(100) {
            0..=29 => {
                let got = cache.get(&k).copied();
                let want = model.find(k).map(|i| {
                    model.touch(i);
                    model.entries[0].1
                });
                assert_eq!(got, want, "step {step}: get {k}");
            }
            30..=59 => {
                let v = rng.next() as u32;
                let got = cache.insert(k, v, |k, _| pinned.contains(k), |k, v| {
                    if failing.contains(k) {
                        return Err(());
                    }
                    writes.push((*k, *v));
                    Ok(())
                });
                let want = if let Some(i) = model.find(k) {
                    let old = std::mem::replace(&mut model.entries[i].1, v);
                    model.touch(i);
                    Inserted::Replaced(old)
                } else {
                    let room = model.entries.len() < model.capacity || {
                        // The least recent entry that is unpinned and clean
                        // or written back successfully.
                        let victim = (0..model.entries.len()).rev().find(|&i| {
                            let (ek, ev, dirty) = model.entries[i];
                            !pinned.contains(&ek) && (!dirty || !failing.contains(&ek)) && {
                                if dirty {
                                    model_writes.push((ek, ev));
                                }
                                true
                            }
                        });
                        victim.map(|i| model.entries.remove(i)).is_some()
                    };
                    if room {
                        model.entries.insert(0, (k, v, false));
                        Inserted::New
                    } else {
                        Inserted::Full(v)
                    }
                };
                assert_eq!(got, want, "step {step}: insert {k}");
            }
            60..=74 => {
                let got = cache.mark_dirty(&k);
                let want = model.find(k).map(|i| {
                    model.entries[i].2 = true;
                    model.touch(i);
                });
                assert_eq!(got, want.is_some(), "step {step}: mark_dirty {k}");
            }
            75..=79 => {
                let got = cache.remove(&k);
                let want = model.find(k).map(|i| model.entries.remove(i).1);
                assert_eq!(got, want, "step {step}: remove {k}");
            }
            80..=84 => {
                let report = cache.flush(|k, v| {
                    if failing.contains(k) {
                        return Err(());
                    }
                    writes.push((*k, *v));
                    Ok(())
                });
                let mut want = FlushReport::default();
                for e in model.entries.iter_mut().rev().filter(|e| e.2) {
                    if failing.contains(&e.0) {
                        want.failed += 1;
                    } else {
                        e.2 = false;
                        want.written += 1;
                        model_writes.push((e.0, e.1));
                    }
                }
                assert_eq!(report, want, "step {step}: flush");
            }
            85..=89 => {
                let got = cache.flush_key(&k, |k, v| {
                    if failing.contains(k) {
                        return Err(());
                    }
                    writes.push((*k, *v));
                    Ok(())
                });
                let want = match model.find(k) {
                    Some(i) if model.entries[i].2 => {
                        if failing.contains(&k) {
                            Err(())
                        } else {
                            model.entries[i].2 = false;
                            model_writes.push((k, model.entries[i].1));
                            Ok(true)
                        }
                    }
                    _ => Ok(false),
                };
                assert_eq!(got, want, "step {step}: flush_key {k}");
            }
            90..=94 => {
                if !pinned.remove(&k) {
                    pinned.insert(k);
                }
            }
            _ => {
                if !failing.remove(&k) {
                    failing.insert(k);
                }
            }
        }
        let got: Vec<(u32, u32, bool)> = cache.iter().map(|(k, v)| (*k, *v, cache.is_dirty(k))).collect();
        assert_eq!(got, model.entries, "step {step}: contents");
        assert_eq!(cache.dirty_count(), model.entries.iter().filter(|e| e.2).count(), "step {step}");
        assert!(cache.len() <= capacity, "step {step}: over capacity");
        assert_eq!(writes, model_writes, "step {step}: writebacks");
    }
}

#[test]
fn matches_a_vec_lru_small() {
    run(0x9e37_79b9_7f4a_7c15, 4, 20_000);
}

#[test]
fn matches_a_vec_lru_larger() {
    for seed in 1..=8 {
        run(seed * 0x1234_5678_9abc_def1, 33, 5_000);
    }
}
