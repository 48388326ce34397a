//! The proc dentry cache: (parent directory, name) to the inode a lookup
//! computed, so a proc entry keeps its inode number while it lives and a
//! lookup that hits allocates nothing.
//!
//! Design note: proc entries are computed, so without a cache every
//! lookup made a new inode with a new number (`stat /proc/1` twice gave
//! two numbers; Linux gives one while the dentry lives). Entries are kept
//! in a `vfscache::LruCache` of 2048 (the seeds' DentryCache size), keyed
//! by the parent's inode number and the name (proc names are short; a
//! longer one is simply not cached). Each use revalidates the entry,
//! Linux's `d_revalidate` (`pid_revalidate` in fs/proc/base.c): an entry
//! of a process is dropped once the process is reaped, and a symlink
//! whose target changed (`self` in another process, `cwd` after chdir,
//! `exe` after execve, a reused descriptor) is replaced. Nothing is done
//! at exit or reap, so fork and exit cost nothing extra: a dead process's
//! entries go when next looked up or when the LRU evicts them, which
//! bounds the cache. Entries whose inode is in use elsewhere (a working
//! directory inside /proc) are pinned: never evicted, so the inode number
//! a user holds stays the one lookups return. If every entry is pinned
//! the new inode is returned uncached.
//!
//! The cache lock is never held while an entry is computed or checked:
//! those take the process table's locks.

use crate::fs::tmpfs::{Inode, Node};
use alloc::sync::Arc;
use spin::Mutex;
use vfscache::{CacheStats, Inserted, LruCache};

/// Most proc dentries kept (the seeds' DentryCache size).
pub const CAPACITY: usize = 2048;

/// Longest name cached (proc names are at most 11 bytes: "filesystems").
const NAME_MAX_CACHED: usize = 16;

/// (parent inode number, name padded with NULs).
type Key = (u64, [u8; NAME_MAX_CACHED]);

/// A cached entry. (Which process it shows is the caller's to say at
/// each lookup, so the entry stores only the inode.)
struct Dentry {
    inode: Arc<Inode>,
}

struct Dcache {
    cache: LruCache<Key, Dentry>,
    /// Hits dropped by revalidation (counted as hits by the cache too).
    invalidations: u64,
    /// Lookups whose entry could not be cached (every entry pinned).
    full: u64,
}

static DCACHE: Mutex<Dcache> = Mutex::new(Dcache { cache: LruCache::new(CAPACITY), invalidations: 0, full: 0 });

fn key(parent: &Inode, name: &str) -> Option<Key> {
    let bytes = name.as_bytes();
    let mut padded = [0u8; NAME_MAX_CACHED];
    padded.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some((parent.ino, padded))
}

/// What a lookup asks of a cached entry beyond its process being alive.
pub enum Check<'a> {
    /// Nothing: the entry is fixed for the life of its process.
    Fixed,
    /// A symlink whose target must still be this.
    Target(&'a str),
}

impl Check<'_> {
    fn holds(&self, inode: &Inode) -> bool {
        match self {
            Check::Fixed => true,
            Check::Target(want) => matches!(&inode.node, Node::Symlink(t) if t == want),
        }
    }
}

/// The entry `name` of `parent`: the cached inode if it passes
/// revalidation (process `pid` still exists, `check` holds), otherwise
/// the one `make` computes (`None`: no such entry), which is cached.
pub fn lookup(
    parent: &Inode,
    name: &str,
    pid: Option<u32>,
    check: Check<'_>,
    make: impl FnOnce() -> Option<Arc<Inode>>,
) -> Option<Arc<Inode>> {
    let Some(key) = key(parent, name) else { return make() };
    let cached = DCACHE.lock().cache.get(&key).map(|d| d.inode.clone());
    if let Some(inode) = cached {
        if pid.is_none_or(|pid| super::pid::find(pid).is_some()) && check.holds(&inode) {
            return Some(inode);
        }
        let mut d = DCACHE.lock();
        d.cache.remove(&key);
        d.invalidations += 1;
    }
    let inode = make()?;
    let mut d = DCACHE.lock();
    // Another CPU may have cached the entry meanwhile: keep the first.
    if let Some(existing) = d.cache.peek(&key) {
        if check.holds(&existing.inode) {
            return Some(existing.inode.clone());
        }
    }
    let in_use = |_: &Key, d: &Dentry| Arc::strong_count(&d.inode) > 1;
    let never_dirty = |_: &Key, _: &Dentry| Ok::<(), ()>(());
    if let Inserted::Full(_) = d.cache.insert(key, Dentry { inode: inode.clone() }, in_use, never_dirty) {
        // Every entry is in use: this one is returned uncached.
        d.full += 1;
    }
    Some(inode)
}

/// What /proc/vfscache shows of the dentry cache.
pub struct DcacheStats {
    /// Entries held now.
    pub entries: usize,
    /// Hits dropped by revalidation.
    pub invalidations: u64,
    /// Lookups left uncached because every entry was pinned.
    pub full: u64,
    /// The cache's counters.
    pub cache: CacheStats,
}

/// The dentry cache's figures now.
pub fn stats() -> DcacheStats {
    let d = DCACHE.lock();
    DcacheStats { entries: d.cache.len(), invalidations: d.invalidations, full: d.full, cache: d.cache.stats() }
}
