//! Permission checks of the file system calls: the calling process's
//! credentials against an inode's mode and owner, by the rules of the
//! `cred` crate (Linux `generic_permission`, `may_create`, `may_delete`).
//!
//! Design note: checks take the credentials as an argument, fetched once
//! per system call (`current`), so a path walk does not take the
//! process's lock at every component. Kernel work outside a process
//! (unpacking the initramfs, starting init) runs with root's credentials.

use super::tmpfs::Inode;
use crate::errno::{Errno, KResult};
use alloc::sync::Arc;
use core::sync::atomic::Ordering;
use cred::perm::{Owner, MAY_EXEC, MAY_READ, MAY_WRITE};
use cred::Credentials;

pub use cred::perm::{MAY_EXEC as EXEC, MAY_WRITE as WRITE};

/// The calling process's credentials (root's outside a process).
pub fn current() -> Arc<Credentials> {
    crate::proc::current().map_or_else(|| Arc::new(Credentials::root()), |p| p.cred())
}

/// Mode and owner of `inode`, as the rules take them.
pub fn owner(inode: &Inode) -> Owner {
    let (uid, gid) = *inode.uid_gid.lock();
    Owner { mode: inode.mode(), uid, gid }
}

/// `Err(EACCES)` unless `cred` may access `inode` as `mask`
/// (READ | WRITE | EXEC).
pub fn check(cred: &Credentials, inode: &Inode, mask: u32) -> KResult<()> {
    cred.may_access(owner(inode), mask).map_err(Errno)
}

/// Search permission on a directory a path walk goes through.
pub fn may_search(cred: &Credentials, dir: &Inode) -> KResult<()> {
    if cred.fs_privileged() {
        return Ok(()); // CAP_DAC_OVERRIDE: directories are always searchable
    }
    check(cred, dir, MAY_EXEC)
}

/// May `cred` add an entry to `dir`? Write and search permission.
pub fn may_create(cred: &Credentials, dir: &Inode) -> KResult<()> {
    check(cred, dir, MAY_WRITE | MAY_EXEC)
}

/// May `cred` remove (or rename away) `victim` from `dir`? `EACCES`, or
/// `EPERM` in a sticky directory for another user's entry.
pub fn may_delete(cred: &Credentials, dir: &Inode, victim: &Inode) -> KResult<()> {
    cred.may_delete(owner(dir), owner(victim)).map_err(Errno)
}

/// The permission `open` needs for `flags`: read and/or write by the
/// access mode, write for O_TRUNC.
pub fn open_mask(flags: u32) -> u32 {
    use super::oflags::{O_ACCMODE, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY};
    let mut mask = match flags & O_ACCMODE {
        O_RDONLY => MAY_READ,
        O_WRONLY => MAY_WRITE,
        O_RDWR => MAY_READ | MAY_WRITE,
        _ => MAY_READ | MAY_WRITE,
    };
    if flags & O_TRUNC != 0 {
        mask |= MAY_WRITE;
    }
    mask
}

/// Gives a new `inode` made by `cred` in `dir` its owner, group and
/// permission bits (`perm`, umask already applied): see
/// `Credentials::new_inode`.
pub fn init_owner(cred: &Credentials, dir: &Inode, inode: &Inode, perm: u32) {
    let kind = inode.mode() & abi::flags::stat::S_IFMT;
    let o = cred.new_inode(owner(dir), kind, perm);
    *inode.uid_gid.lock() = (o.uid, o.gid);
    inode.perm.store(o.mode & 0o7777, Ordering::Relaxed);
}
