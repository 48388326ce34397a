//! proc: process and system information as files (proc(5)).
//!
//! Design note: nothing here is stored. Directories are `Node::DynDir`s
//! whose entries are computed from the process table, and kept in a
//! dentry cache (`dcache`) that revalidates them at each lookup, so an
//! entry keeps its inode number while it lives;
//! files are `Node::Special`s that render their whole text when opened
//! into a `SnapshotFile`, so a reader sees one consistent snapshot however
//! small its reads (as Linux's seq_file does for these files). A process
//! that vanished between lookup and open gives ENOENT at open. Formats
//! follow Linux exactly, since busybox `ps`, `top` and `free` parse them.

mod dcache;
mod pid;
mod system;

use dcache::Check;

use super::tmpfs::{DirOps, FsKind, Inode, Node, Special};
use super::{mode, FileOps, FileStat};
use crate::errno::{Errno, KResult};
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;

/// A new proc root.
pub fn new_root() -> Arc<Inode> {
    Inode::new_in(FsKind::Proc, Node::DynDir(Arc::new(RootDir)), 0o555)
}

/// An open proc file: the text rendered at open, read from any offset.
pub struct SnapshotFile {
    data: Vec<u8>,
    opened_ns: u64,
}

impl SnapshotFile {
    /// An open file reading `data`.
    pub fn new(data: Vec<u8>) -> Arc<dyn FileOps> {
        Arc::new(SnapshotFile { data, opened_ns: crate::time::realtime_ns() })
    }
}

impl FileOps for SnapshotFile {
    fn read(&self, offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        let start = usize::try_from(*offset).unwrap_or(usize::MAX).min(self.data.len());
        let n = buf.len().min(self.data.len() - start);
        buf[..n].copy_from_slice(&self.data[start..start + n]);
        *offset += n as u64;
        Ok(n)
    }

    fn write(&self, _offset: &mut u64, _buf: &[u8], _append: bool) -> KResult<usize> {
        Err(Errno::EACCES)
    }

    fn stat(&self) -> FileStat {
        // Linux reports size 0 for generated files; readers read to EOF.
        FileStat {
            ino: 1,
            mode: mode::S_IFREG | 0o444,
            nlink: 1,
            atime_ns: self.opened_ns,
            mtime_ns: self.opened_ns,
            ctime_ns: self.opened_ns,
            ..FileStat::default()
        }
    }
}

/// A read-only file whose text `render` makes at each open.
fn file(render: impl Fn() -> KResult<String> + Send + Sync + 'static) -> Arc<Inode> {
    let open = move || render().map(|text| SnapshotFile::new(text.into_bytes()));
    Inode::new_in(FsKind::Proc, Node::Special(Special { kind: mode::S_IFREG, rdev: 0, open: Box::new(open) }), 0o444)
}

/// A symbolic link to `target`.
fn symlink(target: String) -> Arc<Inode> {
    Inode::new_in(FsKind::Proc, Node::Symlink(target), 0o777)
}

/// A computed directory `name` inside `parent`.
fn dir(parent: &Arc<Inode>, name: &str, ops: Arc<dyn DirOps>) -> Arc<Inode> {
    Inode::new_child(FsKind::Proc, parent, name, Node::DynDir(ops), 0o555)
}

/// The files of the proc root besides the pid directories and `self`.
const SYSTEM_FILES: [(&str, fn() -> String); 9] = [
    ("cpuinfo", system::cpuinfo),
    ("filesystems", system::filesystems),
    ("loadavg", system::loadavg),
    ("meminfo", system::meminfo),
    ("mounts", system::mounts),
    ("stat", system::stat),
    ("uptime", system::uptime),
    ("version", system::version),
    ("vfscache", vfscache),
];

/// `/proc/vfscache` (Exo-OS only): the inode and dentry caches' figures,
/// one `name value` pair a line as in /proc/vmstat.
fn vfscache() -> String {
    use core::fmt::Write as _;
    let d = dcache::stats();
    let (i_entries, i_dirty, i) = crate::fs::icache::stats();
    let mut out = String::new();
    for (name, value) in [
        ("dcache_entries", d.entries as u64),
        ("dcache_capacity", dcache::CAPACITY as u64),
        ("dcache_hits", d.cache.hits),
        ("dcache_misses", d.cache.misses),
        ("dcache_invalidations", d.invalidations),
        ("dcache_evictions", d.cache.evictions),
        ("dcache_uncached", d.full),
        ("icache_entries", i_entries as u64),
        ("icache_capacity", crate::fs::icache::CAPACITY as u64),
        ("icache_dirty", i_dirty as u64),
        ("icache_hits", i.hits),
        ("icache_misses", i.misses),
        ("icache_evictions", i.evictions),
        ("icache_writebacks", i.writebacks),
        ("icache_writeback_errors", i.writeback_errors),
    ] {
        let _ = writeln!(out, "{name} {value}");
    }
    out
}

/// `/proc`: one directory per process, `self`, and the system files.
struct RootDir;

impl DirOps for RootDir {
    fn lookup(&self, dir: &Arc<Inode>, name: &str) -> Option<Arc<Inode>> {
        if name == "self" {
            let target = crate::proc::current()?.pid.to_string();
            return dcache::lookup(dir, name, None, Check::Target(&target), || Some(symlink(target.clone())));
        }
        if let Some(&(_, render)) = SYSTEM_FILES.iter().find(|(n, _)| *n == name) {
            return dcache::lookup(dir, name, None, Check::Fixed, || Some(file(move || Ok(render()))));
        }
        let pid: u32 = name.parse().ok().filter(|_| !name.starts_with(['0', '+']))?;
        dcache::lookup(dir, name, Some(pid), Check::Fixed, || {
            pid::find(pid)?;
            Some(dir_for_pid(dir, pid))
        })
        .map(|i| pid::owned_by_process(i, pid))
    }

    fn entries(&self, dir: &Arc<Inode>) -> Vec<(String, Arc<Inode>)> {
        let mut out: Vec<(String, Arc<Inode>)> = Vec::new();
        for p in crate::proc::all() {
            let name = p.pid.to_string();
            // Alive now (all() just listed it): no need to look it up again.
            let inode = dcache::lookup(dir, &name, None, Check::Fixed, || Some(dir_for_pid(dir, p.pid)));
            out.extend(inode.map(|i| (name, pid::owned_by_process(i, p.pid))));
        }
        for name in ["self"].into_iter().chain(SYSTEM_FILES.iter().map(|(n, _)| *n)) {
            if let Some(inode) = self.lookup(dir, name) {
                out.push((String::from(name), inode));
            }
        }
        out
    }
}

fn dir_for_pid(root: &Arc<Inode>, pid: u32) -> Arc<Inode> {
    dir(root, &pid.to_string(), Arc::new(pid::PidDir { pid }))
}
