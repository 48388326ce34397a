//! tmpfs: the root file system, kept in memory. Directories map names to
//! inodes; files hold their bytes; symlinks their target.
//!
//! Design note: directories keep their children in a `BTreeMap`, so
//! `getdents64` offsets are stable positions in name order; each
//! directory knows its parent and its name there, which gives `..` and
//! `getcwd`. Path resolution lives in `fs::path`.

use super::filedata::FileData;
use super::{mode, FileOps, FileStat};
use crate::errno::{Errno, KResult};
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::sync::{Arc, Weak};
use core::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use spin::{Mutex, Once};


/// What an inode is.
pub enum Node {
    /// A directory: name to inode.
    Dir(Mutex<BTreeMap<String, Arc<Inode>>>),
    /// A regular file's contents.
    File(Mutex<FileData>),
    /// A symbolic link's target.
    Symlink(String),
    /// A directory whose entries another file system computes (procfs).
    DynDir(Arc<dyn DirOps>),
    /// A device or generated file: `open` gives the operations of a new
    /// open file (devfs devices, procfs files).
    Special(Special),
}

/// A file whose contents come from code, not from stored bytes.
pub struct Special {
    /// File type bits of `st_mode` (S_IFCHR, S_IFREG, ...).
    pub kind: u32,
    /// Device number for character devices (major << 8 | minor).
    pub rdev: u64,
    /// Makes the operations of a newly opened file.
    pub open: alloc::boxed::Box<dyn Fn() -> KResult<Arc<dyn FileOps>> + Send + Sync>,
}

/// A computed directory (see `Node::DynDir`).
pub trait DirOps: Send + Sync {
    /// The entry `name` (not `.` or `..`), made fresh or cached.
    fn lookup(&self, dir: &Arc<Inode>, name: &str) -> Option<Arc<Inode>>;
    /// Every entry, in a stable order (getdents64).
    fn entries(&self, dir: &Arc<Inode>) -> alloc::vec::Vec<(String, Arc<Inode>)>;
}

/// Which file system an inode belongs to (statfs f_type, /proc/mounts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FsKind {
    /// tmpfs (the root and `mount -t tmpfs`).
    Tmpfs,
    /// devtmpfs.
    Devtmpfs,
    /// proc.
    Proc,
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
    /// Status-change time, ns since the epoch.
    pub ctime_ns: AtomicU64,
    /// Access time, ns since the epoch.
    pub atime_ns: AtomicU64,
    /// Owner and group (there are no credentials yet: 0).
    pub uid_gid: Mutex<(u32, u32)>,
    /// A directory's parent and its name there (directories have exactly
    /// one); the root is its own parent. Unused for other inodes.
    pub parent: Mutex<(Weak<Inode>, String)>,
    /// Contents.
    pub node: Node,
    /// The file system it belongs to.
    pub fs: FsKind,
    /// The root of a file system mounted on this directory, if any.
    pub mounted: Mutex<Option<Arc<Inode>>>,
    /// Device number of its file system instance (st_dev); 0 until the
    /// inode is linked into a directory, which gives it the directory's.
    pub dev: AtomicU64,
    /// File-backed vmas mapping this file, in all address spaces
    /// (`mm::file_map::FileMap` counts itself here), so a truncate that
    /// shrinks an unmapped file does not look for mappings.
    pub mappings: AtomicUsize,
}

/// Device numbers for file system instances: the root tmpfs is 1.
static NEXT_DEV: AtomicU64 = AtomicU64::new(2);

/// A fresh device number for a new file system instance (a mount).
pub fn new_dev() -> u64 {
    NEXT_DEV.fetch_add(1, Ordering::Relaxed)
}

static NEXT_INO: AtomicU64 = AtomicU64::new(2);
static ROOT: Once<Arc<Inode>> = Once::new();

impl Inode {
    /// A new tmpfs inode of `node` with permission bits `perm`.
    pub fn new(node: Node, perm: u32) -> Arc<Inode> {
        Inode::new_in(FsKind::Tmpfs, node, perm)
    }

    /// A new inode of file system `fs`.
    pub fn new_in(fs: FsKind, node: Node, perm: u32) -> Arc<Inode> {
        let now = crate::time::realtime_ns();
        let nlink = if matches!(node, Node::Dir(_) | Node::DynDir(_)) { 2 } else { 1 };
        Arc::new(Inode {
            ino: NEXT_INO.fetch_add(1, Ordering::Relaxed),
            perm: AtomicU32::new(perm & 0o7777),
            nlink: AtomicU32::new(nlink),
            mtime_ns: AtomicU64::new(now),
            ctime_ns: AtomicU64::new(now),
            atime_ns: AtomicU64::new(now),
            uid_gid: Mutex::new((0, 0)),
            parent: Mutex::new((Weak::new(), String::new())),
            node,
            fs,
            mounted: Mutex::new(None),
            dev: AtomicU64::new(0),
            mappings: AtomicUsize::new(0),
        })
    }

    /// A directory inode of `fs` made by another file system, placed in
    /// `parent` as `name` (so `..` and getcwd work).
    pub fn new_child(fs: FsKind, parent: &Arc<Inode>, name: &str, node: Node, perm: u32) -> Arc<Inode> {
        let inode = Inode::new_in(fs, node, perm);
        *inode.parent.lock() = (Arc::downgrade(parent), alloc::string::ToString::to_string(name));
        inode.dev.store(parent.dev.load(Ordering::Relaxed), Ordering::Relaxed);
        inode
    }

    /// A new empty directory with permission bits `perm`.
    pub fn new_dir(perm: u32) -> Arc<Inode> {
        Inode::new(Node::Dir(Mutex::new(BTreeMap::new())), perm)
    }

    /// The parent directory (a directory's; the root's is itself).
    pub fn parent_dir(self: &Arc<Self>) -> Arc<Inode> {
        self.parent.lock().0.upgrade().unwrap_or_else(|| self.clone())
    }

    /// Records that the file changed now (mtime and ctime) and marks it
    /// dirty for writeback (`fs::icache`).
    pub fn touch(self: &Arc<Self>) {
        let now = crate::time::realtime_ns();
        self.mtime_ns.store(now, Ordering::Relaxed);
        self.ctime_ns.store(now, Ordering::Relaxed);
        super::icache::mark_dirty(self);
    }

    /// `st_mode`: type and permission bits.
    pub fn mode(&self) -> u32 {
        let kind = match &self.node {
            Node::Dir(_) | Node::DynDir(_) => mode::S_IFDIR,
            Node::File(_) => mode::S_IFREG,
            Node::Symlink(_) => mode::S_IFLNK,
            Node::Special(s) => s.kind,
        };
        kind | self.perm.load(Ordering::Relaxed)
    }

    /// Size in bytes.
    pub fn size(&self) -> u64 {
        match &self.node {
            Node::Dir(_) => 4096,
            Node::File(d) => d.lock().len(),
            Node::Symlink(t) => t.len() as u64,
            Node::DynDir(_) | Node::Special(_) => 0,
        }
    }

    /// The stat fields.
    pub fn stat(&self) -> FileStat {
        let (uid, gid) = *self.uid_gid.lock();
        FileStat {
            ino: self.ino,
            mode: self.mode(),
            nlink: self.nlink.load(Ordering::Relaxed),
            uid,
            gid,
            size: self.size(),
            rdev: if let Node::Special(s) = &self.node { s.rdev } else { 0 },
            dev: self.dev.load(Ordering::Relaxed),
            atime_ns: self.atime_ns.load(Ordering::Relaxed),
            mtime_ns: self.mtime_ns.load(Ordering::Relaxed),
            ctime_ns: self.ctime_ns.load(Ordering::Relaxed),
        }
    }

    /// True for directories.
    pub fn is_dir(&self) -> bool {
        matches!(self.node, Node::Dir(_) | Node::DynDir(_))
    }

    /// What a lookup reaching this inode sees: the root of a file system
    /// mounted here, if any (the topmost of stacked mounts).
    pub fn follow_mounts(self: Arc<Self>) -> Arc<Inode> {
        let mut at = self;
        loop {
            let next = at.mounted.lock().clone();
            match next {
                Some(root) => at = root,
                None => return at,
            }
        }
    }

    /// The entries of a directory (`.` and `..` not included).
    pub fn children(self: &Arc<Self>) -> alloc::vec::Vec<(String, Arc<Inode>)> {
        match &self.node {
            Node::Dir(e) => e.lock().iter().map(|(n, i)| (n.clone(), i.clone())).collect(),
            Node::DynDir(d) => d.entries(self),
            _ => alloc::vec::Vec::new(),
        }
    }
}

/// Creates the empty root directory.
pub fn init() {
    ROOT.call_once(|| {
        let root = Inode::new_dir(0o755);
        root.dev.store(1, Ordering::Relaxed);
        root
    });
}

/// The root directory.
pub fn root() -> Arc<Inode> {
    ROOT.get().expect("tmpfs::init ran").clone()
}

/// An open tmpfs file.
pub struct TmpFile(pub Arc<Inode>);

impl FileOps for TmpFile {
    fn read(&self, offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        match &self.0.node {
            Node::File(data) => {
                let n = data.lock().read_at(*offset, buf);
                *offset += n as u64;
                Ok(n)
            }
            Node::Dir(_) | Node::DynDir(_) => Err(Errno::EISDIR),
            Node::Symlink(_) | Node::Special(_) => Err(Errno::EINVAL),
        }
    }

    fn write(&self, offset: &mut u64, buf: &[u8], append: bool) -> KResult<usize> {
        let Node::File(data) = &self.0.node else { return Err(Errno::EISDIR) };
        let mut data = data.lock();
        if append {
            *offset = data.len();
        }
        let n = data.write_at(*offset, buf)?;
        *offset += n as u64;
        self.0.touch();
        Ok(n)
    }

    fn stat(&self) -> FileStat {
        self.0.stat()
    }

    /// Sets the size; when the file shrinks, pages now wholly past the
    /// end leave every mapping of the file (Linux `truncate_pagecache`), so
    /// a later access there gets SIGBUS.
    fn truncate(&self, len: u64) -> KResult<()> {
        let Node::File(data) = &self.0.node else { return Err(Errno::EISDIR) };
        let shrunk = {
            let mut data = data.lock();
            let old_len = data.len();
            data.truncate(len)?;
            len < old_len
        };
        self.0.touch();
        if shrunk && self.0.mappings.load(Ordering::Acquire) != 0 {
            crate::mm::file_map::unmap_past_end(&self.0, len.div_ceil(4096));
        }
        Ok(())
    }

    fn inode(&self) -> Option<Arc<Inode>> {
        Some(self.0.clone())
    }
}
