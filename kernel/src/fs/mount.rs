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
    /// MS_NOSUID, MS_NODEV, MS_NOEXEC.
    pub flags: MountFlags,
    root: Arc<Inode>,
    mountpoint: Arc<Inode>,
}

/// The per-mount flags Exo-OS enforces (mount(2) MS_NOSUID, MS_NODEV,
/// MS_NOEXEC); /proc/mounts shows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MountFlags {
    /// Set-user-id and set-group-id bits are ignored at execve.
    pub nosuid: bool,
    /// Device files cannot be opened (EACCES).
    pub nodev: bool,
    /// Nothing can be executed (EACCES).
    pub noexec: bool,
}

impl MountFlags {
    /// The flags kept from mount(2)'s `flags` argument.
    pub fn from_bits(flags: u64) -> MountFlags {
        MountFlags { nosuid: flags & 0x2 != 0, nodev: flags & 0x4 != 0, noexec: flags & 0x8 != 0 }
    }

    /// The /proc/mounts options they add after `rw` (",nosuid,...").
    pub fn options(&self) -> String {
        let mut out = String::new();
        for (set, name) in [(self.nosuid, ",nosuid"), (self.nodev, ",nodev"), (self.noexec, ",noexec")] {
            if set {
                out.push_str(name);
            }
        }
        out
    }
}

static MOUNTS: Mutex<Vec<Mount>> = Mutex::new(Vec::new());

/// The flags of the mount holding `inode` (its file system instance, by
/// device number); none for the root file system.
pub fn flags_of(inode: &Inode) -> MountFlags {
    let dev = inode.dev.load(core::sync::atomic::Ordering::Relaxed);
    MOUNTS
        .lock()
        .iter()
        .find(|m| m.root.dev.load(core::sync::atomic::Ordering::Relaxed) == dev)
        .map_or_else(MountFlags::default, |m| m.flags)
}

/// A new root inode for file system type `fstype`; `ENODEV` if unknown.
fn new_root(fstype: &str) -> KResult<(Arc<Inode>, &'static str)> {
    match fstype {
        "tmpfs" => Ok((Inode::new_dir(0o1777), "tmpfs")),
        "devtmpfs" => Ok((super::devfs::new_root(), "devtmpfs")),
        "proc" => Ok((super::procfs::new_root(), "proc")),
        _ => Err(Errno::ENODEV),
    }
}

/// Mounts a new `fstype` file system on directory `mountpoint` with
/// `flags`; `ENOTDIR` for a non-directory, `ENODEV` for an unknown type.
pub fn mount(mountpoint: Arc<Inode>, source: &str, fstype: &str, flags: MountFlags) -> KResult<()> {
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
    MOUNTS.lock().push(Mount { source: String::from(source), target, fstype, flags, root, mountpoint });
    Ok(())
}

/// Unmounts the file system whose root is `root`; `EINVAL` if it is not
/// a mount's root.
pub fn umount(root: &Arc<Inode>) -> KResult<()> {
    let mut mounts = MOUNTS.lock();
    let i = mounts.iter().rposition(|m| Arc::ptr_eq(&m.root, root)).ok_or(Errno::EINVAL)?;
    let m = mounts.remove(i);
    *m.mountpoint.mounted.lock() = None;
    Ok(())
}

/// (source, target, type, flags) of every mount, the root first
/// (/proc/mounts).
pub fn list() -> Vec<(String, String, &'static str, MountFlags)> {
    let mut out = alloc::vec![(String::from("rootfs"), String::from("/"), "tmpfs", MountFlags::default())];
    out.extend(MOUNTS.lock().iter().map(|m| (m.source.clone(), m.target.clone(), m.fstype, m.flags)));
    out
}

