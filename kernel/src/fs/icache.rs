//! The inode cache: the 1024 most recently changed inodes of the stored
//! file systems (tmpfs, devtmpfs), with Linux's dirty tracking, and the
//! writeback that sync(2), syncfs(2), fsync(2) and fdatasync(2) run.
//!
//! Design note: tmpfs inodes are owned by their directories (and by open
//! files), never by this cache: it holds `Weak` links keyed by inode
//! number, so evicting an entry can never lose data, and an inode that
//! is unlinked and closed simply disappears (its entry upgrades to
//! nothing; as in Linux, a deleted inode's dirty state is dropped, not
//! written). `Inode::touch` (data and directory changes) and the
//! metadata calls (chmod, chown, utimensat, link) call [`mark_dirty`],
//! Linux's `mark_inode_dirty`; the flag lives in the `vfscache::LruCache`
//! entry. A flush hands each dirty inode to its file system's writeback
//! operation ([`write_inode`], Linux's `super_operations.write_inode`)
//! and clears the flag; an eviction writes a dirty inode back first. For
//! tmpfs and devtmpfs memory is the backing store, so their writeback has
//! nothing to write and always succeeds: the tracking and the flush path
//! are what a disk file system will plug into.
//!
//! Locking: the cache lock is taken inside inode locks (a write holds the
//! file's data lock while it touches the inode), so writeback must never
//! take an inode's data or directory lock while the cache is locked; a
//! disk file system would copy what it needs here and do the I/O after.
//! Nothing here runs an inode's destructor under the lock except in the
//! race where the last reference goes during a flush (it takes no locks
//! of this module).

use super::tmpfs::{FsKind, Inode};
use crate::errno::KResult;
use alloc::sync::{Arc, Weak};
use spin::Mutex;
use vfscache::{CacheStats, FlushReport, Inserted, LruCache};

/// Inodes kept (the seeds' InodeCache size).
pub const CAPACITY: usize = 1024;

static ICACHE: Mutex<LruCache<u64, Weak<Inode>>> = Mutex::new(LruCache::new(CAPACITY));

/// Writeback of one inode by its file system: Linux's `write_inode`.
/// `Ok` when there is nothing (left) to write.
fn write_inode(_ino: &u64, inode: &Weak<Inode>) -> KResult<()> {
    // Gone (unlinked and closed): nothing to write.
    let Some(inode) = inode.upgrade() else { return Ok(()) };
    match inode.fs {
        // Memory is the backing store of tmpfs and devtmpfs: their data
        // and metadata are already where they live, so nothing to write.
        FsKind::Tmpfs | FsKind::Devtmpfs => Ok(()),
        // Generated on demand; never marked dirty.
        FsKind::Proc => Ok(()),
    }
}

/// Records that `inode`'s data or metadata changed (`mark_inode_dirty`):
/// caches it if it was not, and marks it dirty until the next writeback.
pub fn mark_dirty(inode: &Arc<Inode>) {
    if inode.fs == FsKind::Proc {
        return;
    }
    let mut cache = ICACHE.lock();
    if cache.get(&inode.ino).is_none() {
        let never_pinned = |_: &u64, _: &Weak<Inode>| false;
        if let Inserted::Full(weak) = cache.insert(inode.ino, Arc::downgrade(inode), never_pinned, write_inode) {
            // Every entry failed its writeback (impossible for tmpfs):
            // write this one now rather than forget it is dirty.
            if write_inode(&inode.ino, &weak).is_err() {
                log::warn!("icache: writeback of inode {} failed", inode.ino);
            }
            return;
        }
    }
    cache.mark_dirty(&inode.ino);
}

/// sync(2): writes back every dirty inode.
pub fn sync_all() -> FlushReport {
    ICACHE.lock().flush(write_inode)
}

/// syncfs(2): writes back the dirty inodes of the file system instance
/// with device number `dev` (st_dev).
pub fn sync_dev(dev: u64) -> FlushReport {
    let on_dev = |_: &u64, w: &Weak<Inode>| w.upgrade().is_some_and(|i| i.dev.load(core::sync::atomic::Ordering::Relaxed) == dev);
    ICACHE.lock().flush_if(on_dev, write_inode)
}

/// fsync(2), fdatasync(2): writes back `inode` if it is dirty.
/// (fdatasync may write more than the data; one flag covers both.)
pub fn sync_inode(inode: &Inode) -> KResult<()> {
    ICACHE.lock().flush_key(&inode.ino, write_inode).map(|_| ())
}

/// (entries, dirty, counters) for /proc/vfscache.
pub fn stats() -> (usize, usize, CacheStats) {
    let cache = ICACHE.lock();
    (cache.len(), cache.dirty_count(), cache.stats())
}
