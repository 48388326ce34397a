//! Path resolution (path_resolution(7)): absolute paths from the root,
//! relative ones from a starting directory (the working directory or a
//! dirfd); `.` and `..`; symbolic links followed up to 40 times (ELOOP);
//! ENAMETOOLONG past PATH_MAX or NAME_MAX; ENOTDIR when a non-directory
//! is used as one.

use super::tmpfs::{self, Inode, Node};
use crate::errno::{Errno, KResult};
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use cred::Credentials;

/// Longest path accepted (Linux PATH_MAX, NUL included).
pub const PATH_MAX: usize = 4096;
/// Longest file name (Linux NAME_MAX).
pub const NAME_MAX: usize = 255;
/// Symlinks followed in one lookup before ELOOP (Linux MAXSYMLINKS).
const MAX_SYMLINKS: u32 = 40;

/// Looks up `path` from `start` (ignored for absolute paths), following
/// a final symlink if `follow`. A trailing `/` requires a directory.
/// Every directory searched needs search permission for the caller
/// (`EACCES`).
pub fn resolve(start: &Arc<Inode>, path: &str, follow: bool) -> KResult<Arc<Inode>> {
    let mut budget = MAX_SYMLINKS;
    let must_be_dir = path.ends_with('/');
    let cred = super::perm::current();
    let inode = walk(&cred, start, path, follow || must_be_dir, &mut budget)?;
    if must_be_dir && !inode.is_dir() {
        return Err(Errno::ENOTDIR);
    }
    Ok(inode)
}

fn check_len(path: &str) -> KResult<()> {
    if path.len() >= PATH_MAX {
        return Err(Errno::ENAMETOOLONG);
    }
    if path.is_empty() {
        return Err(Errno::ENOENT);
    }
    Ok(())
}

fn walk(cred: &Credentials, start: &Arc<Inode>, path: &str, follow: bool, budget: &mut u32) -> KResult<Arc<Inode>> {
    check_len(path)?;
    let mut dir = if path.starts_with('/') { tmpfs::root().follow_mounts() } else { start.clone() };
    let parts: alloc::vec::Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let Some((last, init)) = parts.split_last() else { return Ok(dir) };
    for part in init {
        dir = step(cred, &dir, part, true, budget)?;
        if !dir.is_dir() {
            return Err(Errno::ENOTDIR);
        }
    }
    step(cred, &dir, last, follow, budget)
}

/// One component from directory `dir`.
fn step(cred: &Credentials, dir: &Arc<Inode>, name: &str, follow: bool, budget: &mut u32) -> KResult<Arc<Inode>> {
    if name.len() > NAME_MAX {
        return Err(Errno::ENAMETOOLONG);
    }
    if dir.is_dir() {
        super::perm::may_search(cred, dir)?;
    }
    let child = match (name, &dir.node) {
        (".", _) if dir.is_dir() => return Ok(dir.clone()),
        ("..", _) if dir.is_dir() => return Ok(dir.parent_dir()),
        (_, Node::Dir(entries)) => entries.lock().get(name).cloned().ok_or(Errno::ENOENT)?,
        (_, Node::DynDir(ops)) => ops.lookup(dir, name).ok_or(Errno::ENOENT)?,
        _ => return Err(Errno::ENOTDIR),
    };
    let child = child.follow_mounts();
    match &child.node {
        Node::Symlink(target) if follow => {
            if *budget == 0 {
                return Err(Errno::ELOOP);
            }
            *budget -= 1;
            let target = target.clone();
            walk(cred, dir, &target, true, budget)
        }
        _ => Ok(child),
    }
}

/// Splits `path` into its parent directory (resolved from `start`) and
/// final name, for calls that create or remove that name (the caller
/// checks write permission on the directory). `EEXIST` for
/// `.`, `..` or `/` as the final name (callers map it as Linux does).
pub fn resolve_parent(start: &Arc<Inode>, path: &str) -> KResult<(Arc<Inode>, String)> {
    check_len(path)?;
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return Err(Errno::EEXIST); // the root itself
    }
    let (dir_part, name) = match trimmed.rfind('/') {
        Some(0) => ("/", &trimmed[1..]),
        Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
        None => ("", trimmed),
    };
    if name == "." || name == ".." {
        return Err(Errno::EEXIST);
    }
    if name.len() > NAME_MAX {
        return Err(Errno::ENAMETOOLONG);
    }
    let parent = if dir_part.is_empty() { start.clone() } else { resolve(start, dir_part, true)? };
    if !parent.is_dir() {
        return Err(Errno::ENOTDIR);
    }
    // The final name is looked up in `parent`: search permission.
    super::perm::may_search(&super::perm::current(), &parent)?;
    Ok((parent, name.to_string()))
}

/// Adds `inode` to directory `dir` as `name`; `EEXIST` if taken. A
/// directory learns its parent and name; the parent gains a link (`..`).
/// A new inode takes the directory's device number (its file system).
pub fn link(dir: &Arc<Inode>, name: &str, inode: Arc<Inode>) -> KResult<()> {
    let Node::Dir(entries) = &dir.node else {
        // Computed directories (proc) cannot gain entries.
        return Err(if dir.is_dir() { Errno::EACCES } else { Errno::ENOTDIR });
    };
    let mut entries = entries.lock();
    if entries.contains_key(name) {
        return Err(Errno::EEXIST);
    }
    if inode.is_dir() {
        *inode.parent.lock() = (Arc::downgrade(dir), name.to_string());
        dir.nlink.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
    }
    let _ = inode.dev.compare_exchange(0, dir.dev.load(core::sync::atomic::Ordering::Relaxed), core::sync::atomic::Ordering::Relaxed, core::sync::atomic::Ordering::Relaxed);
    entries.insert(name.to_string(), inode);
    drop(entries);
    dir.touch();
    Ok(())
}

/// The entry `name` of `dir` without following mounts or symlinks;
/// `ENOENT` if absent (`ENOTDIR` if `dir` is not a stored directory).
pub fn child(dir: &Arc<Inode>, name: &str) -> KResult<Arc<Inode>> {
    match &dir.node {
        Node::Dir(entries) => entries.lock().get(name).cloned().ok_or(Errno::ENOENT),
        Node::DynDir(ops) => ops.lookup(dir, name).ok_or(Errno::ENOENT),
        _ => Err(Errno::ENOTDIR),
    }
}

/// Removes `name` from `dir`, returning the inode it named. Directories
/// must be empty (`ENOTEMPTY`); `want_dir` says whether the caller is
/// rmdir (`ENOTDIR` otherwise) or unlink (`EISDIR` for a directory).
pub fn unlink(dir: &Arc<Inode>, name: &str, want_dir: bool) -> KResult<Arc<Inode>> {
    let Node::Dir(entries) = &dir.node else {
        return Err(if dir.is_dir() { Errno::EACCES } else { Errno::ENOTDIR });
    };
    let mut entries = entries.lock();
    let inode = entries.get(name).cloned().ok_or(Errno::ENOENT)?;
    if inode.mounted.lock().is_some() {
        return Err(Errno::EBUSY);
    }
    match (&inode.node, want_dir) {
        (Node::Dir(children), true) => {
            if !children.lock().is_empty() {
                return Err(Errno::ENOTEMPTY);
            }
            dir.nlink.fetch_sub(1, core::sync::atomic::Ordering::Relaxed);
        }
        (Node::Dir(_) | Node::DynDir(_), false) => return Err(Errno::EISDIR),
        (_, true) => return Err(Errno::ENOTDIR),
        _ => {}
    }
    entries.remove(name);
    drop(entries);
    let links = inode.nlink.load(core::sync::atomic::Ordering::Relaxed);
    inode.nlink.store(if want_dir { 0 } else { links.saturating_sub(1) }, core::sync::atomic::Ordering::Relaxed);
    inode.ctime_ns.store(crate::time::realtime_ns(), core::sync::atomic::Ordering::Relaxed);
    dir.touch();
    Ok(inode)
}

/// The absolute path of directory `dir`, from its parent links (getcwd).
pub fn absolute_path(dir: &Arc<Inode>) -> String {
    let mut names = alloc::vec::Vec::new();
    let mut at = dir.clone();
    for _ in 0..PATH_MAX {
        let (parent, name) = {
            let p = at.parent.lock();
            (p.0.upgrade(), p.1.clone())
        };
        match parent {
            Some(parent) if !Arc::ptr_eq(&parent, &at) => {
                names.push(name);
                at = parent;
            }
            _ => break,
        }
    }
    if names.is_empty() {
        return String::from("/");
    }
    let mut out = String::new();
    for n in names.iter().rev() {
        out.push('/');
        out.push_str(n);
    }
    out
}

/// True if `ancestor` is `dir` or one of its ancestors (rename must not
/// move a directory into itself: EINVAL).
pub fn is_ancestor(ancestor: &Arc<Inode>, dir: &Arc<Inode>) -> bool {
    let mut at = dir.clone();
    for _ in 0..PATH_MAX {
        if Arc::ptr_eq(&at, ancestor) {
            return true;
        }
        let parent = at.parent_dir();
        if Arc::ptr_eq(&parent, &at) {
            return false;
        }
        at = parent;
    }
    false
}

/// Removes `name` from `dir` whatever it is (rename moves it elsewhere);
/// a directory's parent loses the link its `..` held.
pub fn detach(dir: &Arc<Inode>, name: &str) -> KResult<Arc<Inode>> {
    let Node::Dir(entries) = &dir.node else { return Err(Errno::ENOTDIR) };
    let inode = entries.lock().remove(name).ok_or(Errno::ENOENT)?;
    if inode.is_dir() {
        dir.nlink.fetch_sub(1, core::sync::atomic::Ordering::Relaxed);
    }
    dir.touch();
    Ok(inode)
}

/// The absolute path of the file `path` names (from `start`), with every
/// symlink resolved: the program /proc/<pid>/exe shows.
pub fn canonical(start: &Arc<Inode>, path: &str) -> KResult<String> {
    let mut current = String::from(path);
    let mut base = start.clone();
    for _ in 0..MAX_SYMLINKS {
        let (dir, name) = resolve_parent(&base, &current)?;
        let child = match &dir.node {
            Node::Dir(e) => e.lock().get(&name).cloned().ok_or(Errno::ENOENT)?,
            _ => return Err(Errno::ENOENT),
        };
        let dir_path = absolute_path(&dir);
        match &child.node {
            Node::Symlink(target) => {
                current = if target.starts_with('/') {
                    target.clone()
                } else {
                    alloc::format!("{}/{}", dir_path.trim_end_matches('/'), target)
                };
                base = tmpfs::root();
            }
            _ => return Ok(alloc::format!("{}/{}", dir_path.trim_end_matches('/'), name)),
        }
    }
    Err(Errno::ELOOP)
}
