//! The mount table: which file system root hides which directory.
//!
//! Design note: a mount point directory holds the mounted root in
//! `Inode::mounted`; lookups step onto it (`follow_mounts`), and the
//! mounted root's parent link is the mount point's parent, so `..` leaves
//! the mount. The table records what /proc/mounts shows and what umount
//! removes. File system types: tmpfs, devtmpfs, proc.

use super::path;
use super::tmpfs::Inode;
use crate::errno::{Errno, KResult};
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use spin::Mutex;

/// One mounted file system.
pub struct Mount {
    /// The source string given to mount(2) ("none", "proc", ...).
    pub source: String,
    /// Absolute path of the mount point.
    pub target: String,
    /// File system type name.
    pub fstype: &'static str,
    root: Arc<Inode>,
    mountpoint: Arc<Inode>,
}

static MOUNTS: Mutex<Vec<Mount>> = Mutex::new(Vec::new());

/// A new root inode for file system type `fstype`; `ENODEV` if unknown.
fn new_root(fstype: &str) -> KResult<(Arc<Inode>, &'static str)> {
    match fstype {
        "tmpfs" => Ok((Inode::new_dir(0o1777), "tmpfs")),
        "devtmpfs" => Ok((super::devfs::new_root(), "devtmpfs")),
        "proc" => Ok((super::procfs::new_root(), "proc")),
        _ => Err(Errno::ENODEV),
    }
}

/// Mounts a new `fstype` file system on directory `target` (resolved
/// from `start`).
pub fn mount(start: &Arc<Inode>, source: &str, target: &str, fstype: &str) -> KResult<()> {
    let mountpoint = path::resolve(start, target, true)?;
    if !mountpoint.is_dir() {
        return Err(Errno::ENOTDIR);
    }
    let (root, fstype) = new_root(fstype)?;
    let dev = super::tmpfs::new_dev();
    root.dev.store(dev, core::sync::atomic::Ordering::Relaxed);
    // Entries a file system made before it had a device number (devtmpfs).
    for (_, child) in root.children() {
        let _ = child.dev.compare_exchange(0, dev, core::sync::atomic::Ordering::Relaxed, core::sync::atomic::Ordering::Relaxed);
    }
    *root.parent.lock() = mountpoint.parent.lock().clone();
    *mountpoint.mounted.lock() = Some(root.clone());
    let target = path::absolute_path(&root);
    MOUNTS.lock().push(Mount { source: String::from(source), target, fstype, root, mountpoint });
    Ok(())
}

/// Unmounts the file system whose root `target` resolves to; `EINVAL`
/// if it is not a mount point.
pub fn umount(start: &Arc<Inode>, target: &str) -> KResult<()> {
    let root = path::resolve(start, target, true)?;
    let mut mounts = MOUNTS.lock();
    let i = mounts.iter().rposition(|m| Arc::ptr_eq(&m.root, &root)).ok_or(Errno::EINVAL)?;
    let m = mounts.remove(i);
    *m.mountpoint.mounted.lock() = None;
    Ok(())
}

/// (source, target, type) of every mount, the root first (/proc/mounts).
pub fn list() -> Vec<(String, String, &'static str)> {
    let mut out = alloc::vec![(String::from("rootfs"), String::from("/"), "tmpfs")];
    out.extend(MOUNTS.lock().iter().map(|m| (m.source.clone(), m.target.clone(), m.fstype)));
    out
}

