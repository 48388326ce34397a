//! Path resolution over the tmpfs inodes: the rules (path_resolution(7))
//! are `libs/vfspath`'s; this file says what a directory, a lookup, a
//! symlink, `..` and a mount are for `Inode`s, and keeps the directory
//! operations that change the tree (link, unlink, detach) and the paths
//! computed from it (getcwd, /proc/<pid>/exe).
//!
//! Design note: the walk lives in a host-tested crate (checked against
//! the host's Linux by a differential test); the kernel only implements
//! `vfspath::Namespace`, whose `may_search` checks the caller's search
//! permission on every directory walked (credentials fetched once per
//! lookup).

use super::tmpfs::{self, Inode, Node};
use crate::errno::{Errno, KResult};
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use cred::Credentials;

pub use vfspath::PATH_MAX;

/// The tmpfs tree with its mounts, as `vfspath` sees it, walked by a
/// caller with credentials `cred`.
struct Tree {
    cred: Arc<Credentials>,
}

impl Tree {
    fn for_caller() -> Tree {
        Tree { cred: super::perm::current() }
    }
}

impl vfspath::Namespace for Tree {
    type Node = Arc<Inode>;

    fn root(&self) -> Arc<Inode> {
        tmpfs::root().follow_mounts()
    }

    fn is_dir(&self, node: &Arc<Inode>) -> bool {
        node.is_dir()
    }

    fn lookup(&self, dir: &Arc<Inode>, name: &str) -> Result<Arc<Inode>, vfspath::Errno> {
        child(dir, name).map_err(|e| e.0)
    }

    fn symlink_target<'a>(&'a self, node: &'a Arc<Inode>) -> Option<&'a str> {
        match &node.node {
            Node::Symlink(target) => Some(target),
            _ => None,
        }
    }

    fn parent(&self, dir: &Arc<Inode>) -> Arc<Inode> {
        dir.parent_dir()
    }

    fn follow_mounts(&self, node: Arc<Inode>) -> Arc<Inode> {
        node.follow_mounts()
    }

    fn may_search(&self, dir: &Arc<Inode>) -> Result<(), vfspath::Errno> {
        super::perm::may_search(&self.cred, dir).map_err(|e| e.0)
    }
}

/// Looks up `path` from `start` (ignored for absolute paths), following
/// a final symlink if `follow`. A trailing `/` requires a directory. The
/// errors are `vfspath::resolve`'s (ENOENT, ENOTDIR, ENAMETOOLONG, ELOOP,
/// and EACCES where the caller may not search a directory).
pub fn resolve(start: &Arc<Inode>, path: &str, follow: bool) -> KResult<Arc<Inode>> {
    vfspath::resolve(&Tree::for_caller(), start, path, follow).map_err(Errno)
}

/// `resolve` searching directories as `cred` instead of the caller
/// (access(2) walks with the real ids, Linux `access_override_creds`).
pub fn resolve_as(cred: Arc<Credentials>, start: &Arc<Inode>, path: &str, follow: bool) -> KResult<Arc<Inode>> {
    vfspath::resolve(&Tree { cred }, start, path, follow).map_err(Errno)
}

/// Splits `path` into its parent directory (resolved from `start`) and
/// final name, for calls that create or remove that name (the caller
/// checks write permission on the directory). `EEXIST` for
/// `.`, `..` or `/` as the final name (callers map it as Linux does);
/// the other errors are `vfspath::resolve_parent`'s.
pub fn resolve_parent(start: &Arc<Inode>, path: &str) -> KResult<(Arc<Inode>, String)> {
    let (dir, name) = vfspath::resolve_parent(&Tree::for_caller(), start, path).map_err(Errno)?;
    Ok((dir, name.to_string()))
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
/// `ENOENT` if absent (`ENOTDIR` if `dir` is not a directory).
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
    super::icache::mark_dirty(&inode);
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
    for _ in 0..vfspath::MAX_SYMLINKS {
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
