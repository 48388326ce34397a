//! proc: process and system information as files (proc(5)).
//!
//! Design note: nothing here is stored. Directories are `Node::DynDir`s
//! whose entries are computed at each lookup from the process table;
//! files are `Node::Special`s that render their whole text when opened
//! into a `SnapshotFile`, so a reader sees one consistent snapshot however
//! small its reads (as Linux's seq_file does for these files). A process
//! that vanished between lookup and open gives ENOENT at open. Formats
//! follow Linux exactly, since busybox `ps`, `top` and `free` parse them.

mod pid;
mod system;

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
const SYSTEM_FILES: [(&str, fn() -> String); 8] = [
    ("cpuinfo", system::cpuinfo),
    ("filesystems", system::filesystems),
    ("loadavg", system::loadavg),
    ("meminfo", system::meminfo),
    ("mounts", system::mounts),
    ("stat", system::stat),
    ("uptime", system::uptime),
    ("version", system::version),
];

/// `/proc`: one directory per process, `self`, and the system files.
struct RootDir;

impl DirOps for RootDir {
    fn lookup(&self, dir: &Arc<Inode>, name: &str) -> Option<Arc<Inode>> {
        if name == "self" {
            let me = crate::proc::current()?;
            return Some(symlink(me.pid.to_string()));
        }
        if let Some(&(_, render)) = SYSTEM_FILES.iter().find(|(n, _)| *n == name) {
            return Some(file(move || Ok(render())));
        }
        let pid: u32 = name.parse().ok().filter(|_| !name.starts_with(['0', '+']))?;
        pid::find(pid)?;
        Some(dir_for_pid(dir, pid))
    }

    fn entries(&self, dir: &Arc<Inode>) -> Vec<(String, Arc<Inode>)> {
        let mut out: Vec<(String, Arc<Inode>)> =
            crate::proc::all().iter().map(|p| (p.pid.to_string(), dir_for_pid(dir, p.pid))).collect();
        if let Some(me) = crate::proc::current() {
            out.push((String::from("self"), symlink(me.pid.to_string())));
        }
        for &(name, render) in &SYSTEM_FILES {
            out.push((String::from(name), file(move || Ok(render()))));
        }
        out
    }
}

fn dir_for_pid(root: &Arc<Inode>, pid: u32) -> Arc<Inode> {
    dir(root, &pid.to_string(), Arc::new(pid::PidDir { pid }))
}
