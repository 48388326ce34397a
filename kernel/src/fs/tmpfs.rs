//! tmpfs: the root file system, kept in memory. Directories map names to
//! inodes; files hold their bytes; symlinks their target.
//!
//! Design note: this is the part of the VFS the processes work needs
//! (lookup, create, read, write, truncate); mounts, the dentry and inode
//! caches and the rest of the file system calls belong to the VFS work.

use super::{mode, FileOps, FileStat};
use crate::errno::{Errno, KResult};
use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use spin::{Mutex, Once};

/// Longest path accepted (Linux PATH_MAX, NUL included).
pub const PATH_MAX: usize = 4096;
/// Symlinks followed in one lookup before ELOOP (Linux MAXSYMLINKS).
const MAX_SYMLINKS: u32 = 40;

/// What an inode is.
pub enum Node {
    /// A directory: name to inode.
    Dir(Mutex<BTreeMap<String, Arc<Inode>>>),
    /// A regular file's contents.
    File(Mutex<Vec<u8>>),
    /// A symbolic link's target.
    Symlink(String),
}

/// A tmpfs inode.
pub struct Inode {
    /// Inode number.
    pub ino: u64,
    /// Permission bits (the type comes from `node`).
    pub perm: AtomicU32,
    /// Hard links.
    pub nlink: AtomicU32,
    /// Modification time, ns since the epoch.
    pub mtime_ns: AtomicU64,
    /// Contents.
    pub node: Node,
}

static NEXT_INO: AtomicU64 = AtomicU64::new(2);
static ROOT: Once<Arc<Inode>> = Once::new();

impl Inode {
    /// A new inode of `node` with permission bits `perm`.
    pub fn new(node: Node, perm: u32) -> Arc<Inode> {
        Arc::new(Inode {
            ino: NEXT_INO.fetch_add(1, Ordering::Relaxed),
            perm: AtomicU32::new(perm & 0o7777),
            nlink: AtomicU32::new(1),
            mtime_ns: AtomicU64::new(crate::time::realtime_ns()),
            node,
        })
    }

    /// `st_mode`: type and permission bits.
    pub fn mode(&self) -> u32 {
        let kind = match self.node {
            Node::Dir(_) => mode::S_IFDIR,
            Node::File(_) => mode::S_IFREG,
            Node::Symlink(_) => mode::S_IFLNK,
        };
        kind | self.perm.load(Ordering::Relaxed)
    }

    /// Size in bytes.
    pub fn size(&self) -> u64 {
        match &self.node {
            Node::Dir(_) => 4096,
            Node::File(d) => d.lock().len() as u64,
            Node::Symlink(t) => t.len() as u64,
        }
    }

    /// The stat fields.
    pub fn stat(&self) -> FileStat {
        FileStat {
            ino: self.ino,
            mode: self.mode(),
            nlink: self.nlink.load(Ordering::Relaxed),
            size: self.size(),
            rdev: 0,
            mtime_ns: self.mtime_ns.load(Ordering::Relaxed),
        }
    }

    /// True for directories.
    pub fn is_dir(&self) -> bool {
        matches!(self.node, Node::Dir(_))
    }
}

/// Creates the empty root directory.
pub fn init() {
    ROOT.call_once(|| Inode::new(Node::Dir(Mutex::new(BTreeMap::new())), 0o755));
}

/// The root directory.
pub fn root() -> Arc<Inode> {
    ROOT.get().expect("tmpfs::init ran").clone()
}

/// Looks up `path` (absolute, or relative to the root: there is no cwd
/// yet), following symlinks (the last component only if `follow`).
/// `ENOENT`, `ENOTDIR`, `ELOOP`, `ENAMETOOLONG` as Linux.
pub fn lookup(path: &str, follow: bool) -> KResult<Arc<Inode>> {
    let mut budget = MAX_SYMLINKS;
    resolve(path, follow, &mut budget)
}

fn resolve(path: &str, follow: bool, budget: &mut u32) -> KResult<Arc<Inode>> {
    if path.len() >= PATH_MAX {
        return Err(Errno::ENAMETOOLONG);
    }
    if path.is_empty() {
        return Err(Errno::ENOENT);
    }
    let mut stack: Vec<Arc<Inode>> = alloc::vec![root()];
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let dir = stack.last().cloned().ok_or(Errno::ENOENT)?;
        if *part == ".." {
            if stack.len() > 1 {
                stack.pop();
            }
            continue;
        }
        if part.len() > 255 {
            return Err(Errno::ENAMETOOLONG);
        }
        let Node::Dir(entries) = &dir.node else { return Err(Errno::ENOTDIR) };
        let child = entries.lock().get(*part).cloned().ok_or(Errno::ENOENT)?;
        if let Node::Symlink(target) = &child.node {
            if !last || follow {
                if *budget == 0 {
                    return Err(Errno::ELOOP);
                }
                *budget -= 1;
                // Resolve the target from this directory (or the root if absolute).
                let mut base = String::new();
                if !target.starts_with('/') {
                    for p in &parts[..i] {
                        base.push('/');
                        base.push_str(p);
                    }
                }
                base.push('/');
                base.push_str(target);
                let resolved = resolve(&base, true, budget)?;
                stack.push(resolved);
                continue;
            }
        }
        stack.push(child);
    }
    stack.pop().ok_or(Errno::ENOENT)
}

/// Splits `path` into its parent directory (looked up) and last name.
pub fn parent_of(path: &str) -> KResult<(Arc<Inode>, String)> {
    let trimmed = path.trim_end_matches('/');
    let (dir, name) = match trimmed.rfind('/') {
        Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
        None => ("", trimmed),
    };
    if name.is_empty() || name == "." || name == ".." {
        return Err(Errno::EEXIST);
    }
    let parent = if dir.is_empty() { root() } else { lookup(dir, true)? };
    if !parent.is_dir() {
        return Err(Errno::ENOTDIR);
    }
    Ok((parent, name.to_string()))
}

/// Adds `inode` to directory `dir` as `name`; `EEXIST` if taken.
pub fn link(dir: &Inode, name: &str, inode: Arc<Inode>) -> KResult<()> {
    let Node::Dir(entries) = &dir.node else { return Err(Errno::ENOTDIR) };
    let mut entries = entries.lock();
    if entries.contains_key(name) {
        return Err(Errno::EEXIST);
    }
    entries.insert(name.to_string(), inode);
    Ok(())
}

/// An open tmpfs file.
pub struct TmpFile(pub Arc<Inode>);

impl FileOps for TmpFile {
    fn read(&self, offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        match &self.0.node {
            Node::File(data) => {
                let data = data.lock();
                let start = (*offset).min(data.len() as u64) as usize;
                let n = buf.len().min(data.len() - start);
                buf[..n].copy_from_slice(&data[start..start + n]);
                *offset += n as u64;
                Ok(n)
            }
            Node::Dir(_) => Err(Errno::EISDIR),
            Node::Symlink(_) => Err(Errno::EINVAL),
        }
    }

    fn write(&self, offset: &mut u64, buf: &[u8], append: bool) -> KResult<usize> {
        let Node::File(data) = &self.0.node else { return Err(Errno::EISDIR) };
        let mut data = data.lock();
        if append {
            *offset = data.len() as u64;
        }
        let start = usize::try_from(*offset).map_err(|_| Errno::EFBIG)?;
        let end = start.checked_add(buf.len()).ok_or(Errno::EFBIG)?;
        if data.len() < end {
            let more = end - data.len();
            data.try_reserve(more).map_err(|_| Errno::ENOSPC)?;
            data.resize(end, 0);
        }
        data[start..end].copy_from_slice(buf);
        *offset = end as u64;
        self.0.mtime_ns.store(crate::time::realtime_ns(), Ordering::Relaxed);
        Ok(buf.len())
    }

    fn stat(&self) -> FileStat {
        self.0.stat()
    }

    fn truncate(&self, len: u64) -> KResult<()> {
        let Node::File(data) = &self.0.node else { return Err(Errno::EISDIR) };
        let len = usize::try_from(len).map_err(|_| Errno::EFBIG)?;
        let mut data = data.lock();
        if len > data.len() {
            let more = len - data.len();
            data.try_reserve(more).map_err(|_| Errno::ENOSPC)?;
        }
        data.resize(len, 0);
        Ok(())
    }
}
