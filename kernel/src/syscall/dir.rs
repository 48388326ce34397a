//! Directory and metadata system calls: chdir, mkdir, rmdir, unlink,
//! rename, link, symlink, getdents64, truncate, chmod, chown, utimensat,
//! umask, statx, sync, syncfs, fsync.

use super::fs::{lookup_at, path_arg, start_dir};
use super::{fd_arg, Args};
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::fs::path;
use crate::fs::perm;
use crate::fs::tmpfs::{Inode, Node};
use crate::mm::uaccess::{copy_to_user, read_user};
use alloc::string::String;
use alloc::sync::Arc;
use core::sync::atomic::Ordering;

use abi::flags::open as at;
const AT_FDCWD: i32 = at::AT_FDCWD;
const AT_SYMLINK_NOFOLLOW: u64 = at::AT_SYMLINK_NOFOLLOW as u64;
const AT_REMOVEDIR: u64 = at::AT_REMOVEDIR as u64;
const AT_SYMLINK_FOLLOW: u64 = at::AT_SYMLINK_FOLLOW as u64;
const AT_EMPTY_PATH: u64 = at::AT_EMPTY_PATH as u64;

fn process() -> KResult<Arc<crate::proc::Process>> {
    crate::proc::current().ok_or(Errno::ESRCH)
}

fn fd_inode(fd: i32) -> KResult<Arc<Inode>> {
    process()?.fd_table().lock().get(fd)?.ops.inode().ok_or(Errno::EINVAL)
}

/// chdir(path)
pub fn chdir(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let inode = lookup_at(AT_FDCWD, &path_arg(a[0])?, true)?;
    set_cwd(inode)
}

/// fchdir(fd)
pub fn fchdir(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    set_cwd(fd_inode(fd_arg(a[0])).map_err(|e| if e == Errno::EINVAL { Errno::ENOTDIR } else { e })?)
}

/// Makes `inode` the working directory: `ENOTDIR`, or `EACCES` without
/// search permission.
fn set_cwd(inode: Arc<Inode>) -> KResult<u64> {
    if !inode.is_dir() {
        return Err(Errno::ENOTDIR);
    }
    perm::check(&perm::current(), &inode, perm::EXEC)?;
    *process()?.cwd.lock() = inode;
    Ok(0)
}

fn do_mkdir(dirfd: i32, path: &str, mode: u64) -> KResult<u64> {
    let (dir, name) = path::resolve_parent(&start_dir(dirfd, path)?, path)?;
    let cred = perm::current();
    if path::child(&dir, &name).is_ok() {
        return Err(Errno::EEXIST);
    }
    perm::may_create(&cred, &dir)?;
    let umask = process()?.umask.load(Ordering::Relaxed);
    let inode = Inode::new_dir(0);
    // mkdir keeps the permission and sticky bits only (Linux vfs_mkdir).
    perm::init_owner(&cred, &dir, &inode, mode as u32 & 0o1777 & !umask);
    path::link(&dir, &name, inode)?;
    Ok(0)
}

/// mkdir(path, mode)
pub fn mkdir(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_mkdir(AT_FDCWD, &path_arg(a[0])?, a[1])
}

/// mkdirat(dirfd, path, mode)
pub fn mkdirat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_mkdir(fd_arg(a[0]), &path_arg(a[1])?, a[2])
}

fn do_unlink(dirfd: i32, path: &str, dir_wanted: bool) -> KResult<u64> {
    let (dir, name) = path::resolve_parent(&start_dir(dirfd, path)?, path).map_err(|e| {
        // rmdir of "." is EINVAL, of ".." or "/" ENOTEMPTY/EBUSY; unlink of them EISDIR.
        match (e, dir_wanted) {
            (Errno::EEXIST, true) if path.trim_end_matches('/').ends_with('.') => Errno::EINVAL,
            (Errno::EEXIST, true) => Errno::EBUSY,
            (Errno::EEXIST, false) => Errno::EISDIR,
            (e, _) => e,
        }
    })?;
    if !dir_wanted && path.ends_with('/') {
        return Err(Errno::ENOTDIR);
    }
    let victim = path::child(&dir, &name)?;
    perm::may_delete(&perm::current(), &dir, &victim)?;
    path::unlink(&dir, &name, dir_wanted)?;
    Ok(0)
}

/// unlink(path)
pub fn unlink(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_unlink(AT_FDCWD, &path_arg(a[0])?, false)
}

/// rmdir(path)
pub fn rmdir(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_unlink(AT_FDCWD, &path_arg(a[0])?, true)
}

/// unlinkat(dirfd, path, flags): AT_REMOVEDIR.
pub fn unlinkat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[2] & !AT_REMOVEDIR != 0 {
        return Err(Errno::EINVAL);
    }
    do_unlink(fd_arg(a[0]), &path_arg(a[1])?, a[2] & AT_REMOVEDIR != 0)
}

const RENAME_NOREPLACE: u64 = 1;
const RENAME_EXCHANGE: u64 = 2;

fn do_rename(olddirfd: i32, old: &str, newdirfd: i32, new: &str, flags: u64) -> KResult<u64> {
    if flags & !(RENAME_NOREPLACE | RENAME_EXCHANGE) != 0 || flags == RENAME_NOREPLACE | RENAME_EXCHANGE {
        return Err(Errno::EINVAL);
    }
    let busy = |e| if e == Errno::EEXIST { Errno::EBUSY } else { e };
    let (odir, oname) = path::resolve_parent(&start_dir(olddirfd, old)?, old).map_err(busy)?;
    let (ndir, nname) = path::resolve_parent(&start_dir(newdirfd, new)?, new).map_err(busy)?;
    let (Node::Dir(oentries), Node::Dir(nentries)) = (&odir.node, &ndir.node) else { return Err(Errno::ENOTDIR) };
    let source = oentries.lock().get(&oname).cloned().ok_or(Errno::ENOENT)?;
    let target = nentries.lock().get(&nname).cloned();
    if let Some(t) = &target {
        if Arc::ptr_eq(t, &source) {
            return Ok(0); // same file: nothing to do (POSIX)
        }
    }
    if source.is_dir() && path::is_ancestor(&source, &ndir) {
        return Err(Errno::EINVAL);
    }
    if target.is_some() && flags & RENAME_NOREPLACE != 0 {
        return Err(Errno::EEXIST);
    }
    let cred = perm::current();
    perm::may_delete(&cred, &odir, &source)?;
    match &target {
        Some(t) => perm::may_delete(&cred, &ndir, t)?,
        None => perm::may_create(&cred, &ndir)?,
    }
    // A directory moving to another parent rewrites its `..`.
    if !Arc::ptr_eq(&odir, &ndir) {
        for moved in core::iter::once(&source).chain(target.as_ref().filter(|_| flags & RENAME_EXCHANGE != 0)) {
            if moved.is_dir() {
                perm::check(&cred, moved, perm::WRITE)?;
            }
        }
    }
    if flags & RENAME_EXCHANGE != 0 {
        let target = target.ok_or(Errno::ENOENT)?;
        if target.is_dir() && path::is_ancestor(&target, &odir) {
            return Err(Errno::EINVAL);
        }
        oentries.lock().insert(oname.clone(), target.clone());
        nentries.lock().insert(nname.clone(), source.clone());
        for (inode, dir, name) in [(&target, &odir, &oname), (&source, &ndir, &nname)] {
            if inode.is_dir() {
                *inode.parent.lock() = (Arc::downgrade(dir), name.clone());
            }
        }
        return Ok(0);
    }
    if let Some(t) = &target {
        if flags & RENAME_NOREPLACE != 0 {
            return Err(Errno::EEXIST);
        }
        match (source.is_dir(), t.is_dir()) {
            (true, false) => return Err(Errno::ENOTDIR),
            (false, true) => return Err(Errno::EISDIR),
            _ => {}
        }
        path::unlink(&ndir, &nname, t.is_dir())?;
    }
    let moved = path::detach(&odir, &oname)?;
    path::link(&ndir, &nname, moved)?;
    Ok(0)
}

/// rename(old, new)
pub fn rename(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_rename(AT_FDCWD, &path_arg(a[0])?, AT_FDCWD, &path_arg(a[1])?, 0)
}

/// renameat(olddirfd, old, newdirfd, new)
pub fn renameat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_rename(fd_arg(a[0]), &path_arg(a[1])?, fd_arg(a[2]), &path_arg(a[3])?, 0)
}

/// renameat2(olddirfd, old, newdirfd, new, flags): RENAME_NOREPLACE, RENAME_EXCHANGE.
pub fn renameat2(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_rename(fd_arg(a[0]), &path_arg(a[1])?, fd_arg(a[2]), &path_arg(a[3])?, a[4])
}

fn do_link(olddirfd: i32, old: &str, newdirfd: i32, new: &str, flags: u64) -> KResult<u64> {
    if flags & !(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH) != 0 {
        return Err(Errno::EINVAL);
    }
    let source = if old.is_empty() && flags & AT_EMPTY_PATH != 0 {
        // Linking an open file by descriptor needs CAP_DAC_READ_SEARCH.
        if !perm::current().fs_privileged() {
            return Err(Errno::ENOENT);
        }
        fd_inode(olddirfd)?
    } else {
        lookup_at(olddirfd, old, flags & AT_SYMLINK_FOLLOW != 0)?
    };
    if source.is_dir() {
        return Err(Errno::EPERM);
    }
    let (dir, name) = path::resolve_parent(&start_dir(newdirfd, new)?, new)?;
    if path::child(&dir, &name).is_ok() {
        return Err(Errno::EEXIST);
    }
    perm::may_create(&perm::current(), &dir)?;
    path::link(&dir, &name, source.clone())?;
    source.nlink.fetch_add(1, Ordering::Relaxed);
    source.ctime_ns.store(crate::time::realtime_ns(), Ordering::Relaxed);
    crate::fs::icache::mark_dirty(&source);
    Ok(0)
}

/// link(old, new)
pub fn link(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_link(AT_FDCWD, &path_arg(a[0])?, AT_FDCWD, &path_arg(a[1])?, 0)
}

/// linkat(olddirfd, old, newdirfd, new, flags): AT_SYMLINK_FOLLOW, AT_EMPTY_PATH.
pub fn linkat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_link(fd_arg(a[0]), &path_arg(a[1])?, fd_arg(a[2]), &path_arg(a[3])?, a[4])
}

fn do_symlink(target: String, newdirfd: i32, new: &str) -> KResult<u64> {
    if target.is_empty() {
        return Err(Errno::ENOENT);
    }
    let (dir, name) = path::resolve_parent(&start_dir(newdirfd, new)?, new)?;
    if path::child(&dir, &name).is_ok() {
        return Err(Errno::EEXIST);
    }
    let cred = perm::current();
    perm::may_create(&cred, &dir)?;
    let link = Inode::new(Node::Symlink(target), 0o777);
    perm::init_owner(&cred, &dir, &link, 0o777);
    path::link(&dir, &name, link)?;
    Ok(0)
}

/// symlink(target, linkpath)
pub fn symlink(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_symlink(path_arg(a[0])?, AT_FDCWD, &path_arg(a[1])?)
}

/// symlinkat(target, newdirfd, linkpath)
pub fn symlinkat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_symlink(path_arg(a[0])?, fd_arg(a[1]), &path_arg(a[2])?)
}

/// getdents64(fd, dirp, count): `struct linux_dirent64` records (d_ino,
/// d_off, d_reclen, d_type, name), `.` and `..` first, then the entries
/// in name order. The file offset counts entries returned so far.
pub fn getdents64(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = process()?.fd_table().lock().get(fd_arg(a[0]))?;
    let dir = f.ops.inode().ok_or(Errno::ENOTDIR)?;
    if !dir.is_dir() {
        return Err(Errno::ENOTDIR);
    }
    let (buf, count) = (a[1], a[2] as usize);
    crate::mm::uaccess::check_range(buf, count)?;
    let start_index = *f.offset.lock();
    let mut out = alloc::vec::Vec::new();
    let mut snapshot = alloc::vec![(String::from("."), dir.clone()), (String::from(".."), dir.parent_dir())];
    snapshot.extend(dir.children());
    let mut index = usize::try_from(start_index).unwrap_or(usize::MAX);
    while let Some((name, inode)) = snapshot.get(index) {
        let reclen = (19 + name.len() + 1 + 7) & !7;
        if out.len() + reclen > count {
            break;
        }
        // DT_* from the S_IF* type bits (they are the same numbers >> 12).
        let d_type = ((inode.mode() >> 12) & 0xf) as u8;
        let start = out.len();
        out.resize(start + reclen, 0);
        out[start..start + 8].copy_from_slice(&inode.ino.to_le_bytes());
        out[start + 8..start + 16].copy_from_slice(&((index + 1) as u64).to_le_bytes());
        out[start + 16..start + 18].copy_from_slice(&(reclen as u16).to_le_bytes());
        out[start + 18] = d_type;
        out[start + 19..start + 19 + name.len()].copy_from_slice(name.as_bytes());
        index += 1;
    }
    if out.is_empty() && index < snapshot.len() {
        return Err(Errno::EINVAL); // buffer too small for one record
    }
    // No lock is held across the copy (it may fault and take others).
    copy_to_user(buf, &out)?;
    *f.offset.lock() = index as u64;
    Ok(out.len() as u64)
}

fn truncate_inode(inode: &Arc<Inode>, len: u64) -> KResult<u64> {
    if (len as i64) < 0 {
        return Err(Errno::EINVAL);
    }
    match &inode.node {
        Node::Dir(_) | Node::DynDir(_) => Err(Errno::EISDIR),
        Node::Symlink(_) | Node::Special(_) => Err(Errno::EINVAL),
        Node::File(_) => {
            crate::fs::FileOps::truncate(&crate::fs::tmpfs::TmpFile(inode.clone()), len)?;
            Ok(0)
        }
    }
}

/// truncate(path, length): needs write permission (`EACCES`).
pub fn truncate(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if (a[1] as i64) < 0 {
        return Err(Errno::EINVAL);
    }
    let inode = lookup_at(AT_FDCWD, &path_arg(a[0])?, true)?;
    match &inode.node {
        Node::Dir(_) | Node::DynDir(_) => return Err(Errno::EISDIR),
        Node::File(_) => {}
        _ => return Err(Errno::EINVAL),
    }
    perm::check(&perm::current(), &inode, perm::WRITE)?;
    truncate_inode(&inode, a[1])
}

/// ftruncate(fd, length): the file must be open for writing.
pub fn ftruncate(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = process()?.fd_table().lock().get(fd_arg(a[0]))?;
    if !f.writable() {
        return Err(Errno::EINVAL);
    }
    let inode = f.ops.inode().ok_or(Errno::EINVAL)?;
    truncate_inode(&inode, a[1])
}

/// umask(mask): returns the previous mask.
pub fn umask(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    Ok(u64::from(process()?.umask.swap(a[0] as u32 & 0o777, Ordering::Relaxed)))
}

/// chmod's change: the owner or root only (`EPERM`); see `Credentials::chmod`.
fn set_mode(inode: &Arc<Inode>, mode: u64) -> KResult<u64> {
    let new = perm::current().chmod(perm::owner(inode), mode as u32).map_err(Errno)?;
    inode.perm.store(new & 0o7777, Ordering::Relaxed);
    inode.ctime_ns.store(crate::time::realtime_ns(), Ordering::Relaxed);
    crate::fs::icache::mark_dirty(inode);
    Ok(0)
}

/// chmod(path, mode)
pub fn chmod(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    set_mode(&lookup_at(AT_FDCWD, &path_arg(a[0])?, true)?, a[1])
}

/// fchmod(fd, mode)
pub fn fchmod(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    set_mode(&fd_inode(fd_arg(a[0]))?, a[1])
}

/// fchmodat(dirfd, path, mode, flags)
pub fn fchmodat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    set_mode(&lookup_at(fd_arg(a[0]), &path_arg(a[1])?, true)?, a[2])
}

/// chown's change (`EPERM` unless allowed; see `Credentials::chown`): a
/// non-directory loses its set-user-id bit (and set-group-id with group
/// execute).
fn set_owner(inode: &Arc<Inode>, uid: u64, gid: u64) -> KResult<u64> {
    let change = perm::current().chown(perm::owner(inode), uid as u32, gid as u32).map_err(Errno)?;
    *inode.uid_gid.lock() = (change.uid, change.gid);
    inode.perm.store(change.mode & 0o7777, Ordering::Relaxed);
    inode.ctime_ns.store(crate::time::realtime_ns(), Ordering::Relaxed);
    crate::fs::icache::mark_dirty(inode);
    Ok(0)
}

/// chown(path, uid, gid): -1 keeps a value.
pub fn chown(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    set_owner(&lookup_at(AT_FDCWD, &path_arg(a[0])?, true)?, a[1], a[2])
}

/// lchown(path, uid, gid)
pub fn lchown(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    set_owner(&lookup_at(AT_FDCWD, &path_arg(a[0])?, false)?, a[1], a[2])
}

/// fchown(fd, uid, gid)
pub fn fchown(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    set_owner(&fd_inode(fd_arg(a[0]))?, a[1], a[2])
}

/// fchownat(dirfd, path, uid, gid, flags): AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH.
pub fn fchownat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let path = path_arg(a[1])?;
    let inode = if path.is_empty() && a[4] & AT_EMPTY_PATH != 0 {
        fd_inode(fd_arg(a[0]))?
    } else {
        lookup_at(fd_arg(a[0]), &path, a[4] & AT_SYMLINK_NOFOLLOW == 0)?
    };
    set_owner(&inode, a[2], a[3])
}

/// utimensat(dirfd, path, times, flags): NULL times = now; UTIME_NOW and
/// UTIME_OMIT; a NULL path means the file `dirfd` itself (futimens).
/// Setting the current time needs ownership or write permission
/// (`EACCES`), other times ownership (`EPERM`); root may do both.
pub fn utimensat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const UTIME_NOW: i64 = (1 << 30) - 1;
    const UTIME_OMIT: i64 = (1 << 30) - 2;
    if a[3] & !(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH) != 0 {
        return Err(Errno::EINVAL);
    }
    let times: [[i64; 2]; 2] = if a[2] == 0 { [[0, UTIME_NOW]; 2] } else { read_user(a[2])? };
    // Every time is checked before anything changes (Linux nsec_valid).
    if times.iter().any(|t| !matches!(t[1], UTIME_NOW | UTIME_OMIT | 0..=999_999_999)) {
        return Err(Errno::EINVAL);
    }
    if times.iter().all(|t| t[1] == UTIME_OMIT) {
        return Ok(0); // nothing to change: Linux does not even look the file up
    }
    let inode = if a[1] == 0 {
        fd_inode(fd_arg(a[0]))?
    } else {
        lookup_at(fd_arg(a[0]), &path_arg(a[1])?, a[3] & AT_SYMLINK_NOFOLLOW == 0)?
    };
    let to_now = times.iter().all(|t| t[1] == UTIME_NOW || t[1] == UTIME_OMIT);
    perm::current().may_set_times(perm::owner(&inode), to_now).map_err(Errno)?;
    let now = crate::time::realtime_ns();
    for (t, field) in times.iter().zip([&inode.atime_ns, &inode.mtime_ns]) {
        let ns = match t[1] {
            UTIME_OMIT => continue,
            UTIME_NOW => now,
            // Times before 1970 or past 2554 do not fit the inode's u64
            // nanoseconds: clamped to its range, as Linux clamps to a file
            // system's (timestamp_truncate).
            nsec => u64::try_from(t[0]).unwrap_or(0).saturating_mul(1_000_000_000).saturating_add(nsec as u64),
        };
        field.store(ns, Ordering::Relaxed);
    }
    inode.ctime_ns.store(now, Ordering::Relaxed);
    crate::fs::icache::mark_dirty(&inode);
    Ok(0)
}

/// fsync(fd), fdatasync(fd): writes back the file's inode if it is dirty
/// (`fs::icache`; tmpfs's writeback has nothing to write). Files without
/// an inode (pipes, terminals) have nothing to write either; the
/// descriptor must be valid. An error of the writeback is the result.
pub fn fsync(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let file = process()?.fd_table().lock().get(fd_arg(a[0]))?;
    if let Some(inode) = file.ops.inode() {
        crate::fs::icache::sync_inode(&inode)?;
    }
    Ok(0)
}

/// sync(): writes back every dirty inode; never fails (sync(2)).
pub fn sync(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let report = crate::fs::icache::sync_all();
    log::debug!("sync: {} inodes written back, {} failed", report.written, report.failed);
    Ok(0)
}

/// syncfs(fd): writes back the dirty inodes of the file system holding
/// `fd` (its st_dev); `EBADF` for a bad descriptor.
pub fn syncfs(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let file = process()?.fd_table().lock().get(fd_arg(a[0]))?;
    let report = crate::fs::icache::sync_dev(file.ops.stat().dev);
    if report.failed > 0 {
        return Err(Errno::EIO);
    }
    Ok(0)
}

/// statx(dirfd, path, flags, mask, buf): the basic fields (STATX_BASIC_STATS).
pub fn statx(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const STATX_BASIC_STATS: u32 = 0x7ff;
    let path = path_arg(a[1])?;
    let st = if path.is_empty() && a[2] & AT_EMPTY_PATH != 0 {
        process()?.fd_table().lock().get(fd_arg(a[0]))?.ops.stat()
    } else {
        lookup_at(fd_arg(a[0]), &path, a[2] & AT_SYMLINK_NOFOLLOW == 0)?.stat()
    };
    let mut b = [0u8; 256];
    let mut put = |off: usize, v: u64, n: usize| b[off..off + n].copy_from_slice(&v.to_le_bytes()[..n]);
    put(0, u64::from(STATX_BASIC_STATS), 4); // stx_mask
    put(4, 4096, 4); // stx_blksize
    put(16, u64::from(st.nlink), 4);
    put(20, u64::from(st.uid), 4);
    put(24, u64::from(st.gid), 4);
    put(28, u64::from(st.mode), 2);
    put(32, st.ino, 8);
    put(40, st.size, 8);
    put(48, st.size.div_ceil(512), 8); // stx_blocks
    for (off, ns) in [(64, st.atime_ns), (96, st.ctime_ns), (112, st.mtime_ns)] {
        put(off, ns / 1_000_000_000, 8);
        put(off + 8, ns % 1_000_000_000, 4);
    }
    put(128, st.rdev >> 8, 4); // stx_rdev_major
    put(132, st.rdev & 0xff, 4);
    put(140, 0, 4); // stx_dev_minor (tmpfs: device 0:1)
    put(140, 1, 4);
    copy_to_user(a[4], &b)?;
    Ok(0)
}
