//! [`LruCache`]: the bounded map with recency order, pinning, dirty marks
//! and writeback (see the crate documentation for the design).

use crate::list::{List, NIL};
use alloc::collections::BTreeMap;
use alloc::vec::Vec;

/// Counters since the cache was made (all monotonic).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// `get` calls that found their key.
    pub hits: u64,
    /// `get` calls that did not.
    pub misses: u64,
    /// New entries added by `insert` (replacements not counted).
    pub insertions: u64,
    /// Entries dropped to make room (not those dropped by `remove`).
    pub evictions: u64,
    /// Dirty entries written back successfully (by a flush or an eviction).
    pub writebacks: u64,
    /// Writebacks that failed (the entry stayed dirty).
    pub writeback_errors: u64,
}

/// What [`LruCache::insert`] did with the value.
#[derive(Debug, PartialEq, Eq)]
pub enum Inserted<V> {
    /// Added as a new entry.
    New,
    /// The key was cached: its value was replaced (this is the old one);
    /// the dirty mark is kept.
    Replaced(V),
    /// The cache is full and every entry is pinned or failed its
    /// writeback: nothing was evicted and the value is handed back.
    Full(V),
}

/// What a flush did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlushReport {
    /// Entries written back and now clean.
    pub written: usize,
    /// Entries whose writeback failed (still dirty).
    pub failed: usize,
}

struct Entry<K, V> {
    key: K,
    value: V,
    dirty: bool,
}

/// A map of at most `capacity` entries, evicting the least recently used
/// unpinned one when full.
pub struct LruCache<K, V> {
    index: BTreeMap<K, usize>,
    list: List<Entry<K, V>>,
    capacity: usize,
    dirty: usize,
    stats: CacheStats,
}

impl<K: Ord + Clone, V> LruCache<K, V> {
    /// An empty cache holding at most `capacity` entries (0 counts as 1).
    pub const fn new(capacity: usize) -> Self {
        let capacity = if capacity == 0 { 1 } else { capacity };
        let stats = CacheStats { hits: 0, misses: 0, insertions: 0, evictions: 0, writebacks: 0, writeback_errors: 0 };
        LruCache { index: BTreeMap::new(), list: List::new(), capacity, dirty: 0, stats }
    }

    /// Most entries held.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Entries held now.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.list.len() == 0
    }

    /// Entries marked dirty now.
    pub fn dirty_count(&self) -> usize {
        self.dirty
    }

    /// The counters.
    pub fn stats(&self) -> CacheStats {
        self.stats
    }

    /// The value of `key`, made the most recently used; counts a hit or a miss.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        let Some(&at) = self.index.get(key) else {
            self.stats.misses += 1;
            return None;
        };
        self.stats.hits += 1;
        self.list.move_to_front(at);
        self.list.get(at).map(|e| &e.value)
    }

    /// The value of `key`, leaving recency and counters alone.
    pub fn peek(&self, key: &K) -> Option<&V> {
        self.index.get(key).and_then(|&at| self.list.get(at)).map(|e| &e.value)
    }

    /// True if `key` is cached (recency and counters unchanged).
    pub fn contains_key(&self, key: &K) -> bool {
        self.index.contains_key(key)
    }

    /// True if `key` is cached and dirty.
    pub fn is_dirty(&self, key: &K) -> bool {
        self.index.get(key).and_then(|&at| self.list.get(at)).is_some_and(|e| e.dirty)
    }

    /// Caches `value` under `key` as the most recently used entry.
    ///
    /// When the cache is full, the least recently used entry for which
    /// `pinned` is false is evicted; a dirty victim is first passed to
    /// `writeback`, and one whose writeback fails is kept (still dirty)
    /// and the next candidate tried. If no entry can go, the value comes
    /// back as [`Inserted::Full`] and the cache is unchanged.
    pub fn insert<E>(
        &mut self,
        key: K,
        value: V,
        pinned: impl Fn(&K, &V) -> bool,
        writeback: impl FnMut(&K, &V) -> Result<(), E>,
    ) -> Inserted<V> {
        if let Some(&at) = self.index.get(&key) {
            self.list.move_to_front(at);
            return match self.list.get_mut(at) {
                Some(e) => Inserted::Replaced(core::mem::replace(&mut e.value, value)),
                None => Inserted::Full(value),
            };
        }
        if self.list.len() >= self.capacity && !self.evict_one(pinned, writeback) {
            return Inserted::Full(value);
        }
        let at = self.list.push_front(Entry { key: key.clone(), value, dirty: false });
        self.index.insert(key, at);
        self.stats.insertions += 1;
        Inserted::New
    }

    /// Evicts the least recently used entry that can go; false if none.
    fn evict_one<E>(&mut self, pinned: impl Fn(&K, &V) -> bool, mut writeback: impl FnMut(&K, &V) -> Result<(), E>) -> bool {
        let mut at = self.list.tail();
        while at != NIL {
            let toward_head = self.list.prev(at);
            if let Some(e) = self.list.get_mut(at) {
                if !pinned(&e.key, &e.value) {
                    let written = !e.dirty || writeback(&e.key, &e.value).is_ok();
                    if e.dirty {
                        if written {
                            e.dirty = false;
                            self.dirty -= 1;
                            self.stats.writebacks += 1;
                        } else {
                            self.stats.writeback_errors += 1;
                        }
                    }
                    if written {
                        if let Some(e) = self.list.remove(at) {
                            self.index.remove(&e.key);
                        }
                        self.stats.evictions += 1;
                        return true;
                    }
                }
            }
            at = toward_head;
        }
        false
    }

    /// Marks `key` dirty and makes it the most recently used (a change is
    /// a use); false if it is not cached.
    pub fn mark_dirty(&mut self, key: &K) -> bool {
        let Some(&at) = self.index.get(key) else { return false };
        self.list.move_to_front(at);
        if let Some(e) = self.list.get_mut(at) {
            if !e.dirty {
                e.dirty = true;
                self.dirty += 1;
            }
        }
        true
    }

    /// Drops `key` without writing it back (for an entry whose object is
    /// gone, as Linux drops a deleted inode's dirty state); its value.
    pub fn remove(&mut self, key: &K) -> Option<V> {
        let at = self.index.remove(key)?;
        let e = self.list.remove(at)?;
        if e.dirty {
            self.dirty -= 1;
        }
        Some(e.value)
    }

    /// Drops, without writeback, every entry for which `stale` is true;
    /// how many were dropped. O(n).
    pub fn remove_if(&mut self, mut stale: impl FnMut(&K, &V) -> bool) -> usize {
        let keys: Vec<K> = self.iter().filter(|(k, v)| stale(k, v)).map(|(k, _)| k.clone()).collect();
        keys.iter().filter(|k| self.remove(k).is_some()).count()
    }

    /// Writes back every dirty entry (least recently used first) and
    /// clears the marks of those written.
    pub fn flush<E>(&mut self, writeback: impl FnMut(&K, &V) -> Result<(), E>) -> FlushReport {
        self.flush_if(|_, _| true, writeback)
    }

    /// [`flush`](Self::flush) restricted to the entries `select` picks
    /// (syncfs: one file system's inodes).
    pub fn flush_if<E>(
        &mut self,
        mut select: impl FnMut(&K, &V) -> bool,
        mut writeback: impl FnMut(&K, &V) -> Result<(), E>,
    ) -> FlushReport {
        let mut report = FlushReport::default();
        let mut dirty_seen = 0;
        let mut at = self.list.tail();
        // Stops early once every dirty entry has been seen.
        while at != NIL && dirty_seen < self.dirty {
            let toward_head = self.list.prev(at);
            if let Some(e) = self.list.get_mut(at).filter(|e| e.dirty) {
                dirty_seen += 1;
                if select(&e.key, &e.value) {
                    if writeback(&e.key, &e.value).is_ok() {
                        e.dirty = false;
                        report.written += 1;
                    } else {
                        report.failed += 1;
                    }
                }
            }
            at = toward_head;
        }
        self.dirty -= report.written;
        self.stats.writebacks += report.written as u64;
        self.stats.writeback_errors += report.failed as u64;
        report
    }

    /// Writes back `key` if it is dirty (fsync); `Ok(true)` if it was
    /// written, `Ok(false)` if it was clean or absent, the writeback's
    /// error otherwise (the entry stays dirty).
    pub fn flush_key<E>(&mut self, key: &K, writeback: impl FnOnce(&K, &V) -> Result<(), E>) -> Result<bool, E> {
        let Some(&at) = self.index.get(key) else { return Ok(false) };
        let Some(e) = self.list.get_mut(at).filter(|e| e.dirty) else { return Ok(false) };
        match writeback(&e.key, &e.value) {
            Ok(()) => {
                e.dirty = false;
                self.dirty -= 1;
                self.stats.writebacks += 1;
                Ok(true)
            }
            Err(err) => {
                self.stats.writeback_errors += 1;
                Err(err)
            }
        }
    }

    /// Every entry, most recently used first.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + '_ {
        let mut at = self.list.head();
        core::iter::from_fn(move || {
            let e = self.list.get(at)?;
            at = self.list.next(at);
            Some((&e.key, &e.value))
        })
    }
}
