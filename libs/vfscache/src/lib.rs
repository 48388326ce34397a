//! A bounded LRU cache for the VFS: the inode cache and the dentry cache.
//!
//! [`LruCache<K, V>`] maps keys to values, keeps at most `capacity` of
//! them and, when full, evicts the least recently used entry that the
//! caller does not say is pinned. Each entry may carry a dirty mark: a
//! flush hands every dirty entry to a writeback closure and clears the
//! marks that were written, and an eviction writes a dirty victim back
//! before dropping it, so no change is ever lost by eviction. The cache
//! counts hits, misses, insertions, evictions and writebacks
//! ([`CacheStats`]).
//!
//! # Design
//!
//! The seeds' InodeCache paired a hash map with a `VecDeque` of keys,
//! which makes every hit O(n) (finding the key in the deque to move it).
//! Here the entries live in a slab (`Vec` of slots, reused through a free
//! list) threaded by an intrusive doubly linked list in recency order,
//! and a `BTreeMap` maps keys to slots (no hasher needed in `no_std`):
//! `get`, `insert`, `mark_dirty` and `remove` are O(log n); eviction
//! walks from the least recently used end past pinned entries, so it is
//! O(1) unless entries are pinned (then O(pinned)).
//!
//! Pinning is a predicate passed to [`LruCache::insert`] rather than a
//! stored flag because the caller knows best whether a value is still in
//! use elsewhere (for `Arc` values: `Arc::strong_count(v) > 1`), and that
//! changes without the cache being told. Linux's dcache does the same
//! with the dentry reference count (`d_lockref`): only unused dentries
//! sit on the LRU list that `prune_dcache_sb` shrinks.
//!
//! Writeback closures return `Result<(), E>`: an entry whose writeback
//! fails stays dirty (and, on eviction, stays cached), as Linux keeps an
//! inode on the dirty list when `write_inode` fails.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod cache;
mod list;

pub use cache::{CacheStats, FlushReport, Inserted, LruCache};
