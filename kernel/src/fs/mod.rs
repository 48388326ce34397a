//! Files: open file descriptions, per-process descriptor tables, and the
//! file systems behind them (a tmpfs root unpacked from the initramfs, the
//! console).
//!
//! Design note: an `OpenFile` is Linux's "open file description": its
//! offset and status flags are shared by every descriptor that `dup` or
//! `fork` made from it; the descriptor table only adds FD_CLOEXEC.

pub mod bounce;
pub mod console;
pub mod filedata;
pub mod devfs;
pub mod icache;
pub mod initramfs;
pub mod mount;
pub mod procfs;
pub mod path;
pub mod perm;
pub mod pipe;
pub mod tmpfs;
pub mod tty;

use crate::errno::{Errno, KResult};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, Ordering};
use spin::Mutex;

/// Most descriptors per process (RLIMIT_NOFILE default).
pub const MAX_FDS: usize = 1024;

/// File type bits of `st_mode` (Linux stat.h).
pub mod mode {
    pub use abi::flags::stat::{S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFREG};
}

/// What `fstat` reports (the fields Exo-OS tracks).
#[derive(Clone, Copy, Debug, Default)]
pub struct FileStat {
    /// Inode number.
    pub ino: u64,
    /// Type and permission bits.
    pub mode: u32,
    /// Hard links.
    pub nlink: u32,
    /// Owner.
    pub uid: u32,
    /// Group.
    pub gid: u32,
    /// Size in bytes.
    pub size: u64,
    /// Device number for device files (major << 8 | minor, old encoding).
    pub rdev: u64,
    /// Device number of the file system holding it (0: unknown).
    pub dev: u64,
    /// Access time, ns since the epoch.
    pub atime_ns: u64,
    /// Modification time, ns since the epoch.
    pub mtime_ns: u64,
    /// Status-change time, ns since the epoch.
    pub ctime_ns: u64,
}

/// Operations of an open file. Buffers are kernel memory.
pub trait FileOps: Send + Sync {
    /// Reads at `*offset`, advancing it; returns bytes read (0 at end).
    fn read(&self, offset: &mut u64, buf: &mut [u8]) -> KResult<usize>;
    /// Writes at `*offset` (at the end when `append`), advancing it.
    fn write(&self, offset: &mut u64, buf: &[u8], append: bool) -> KResult<usize>;
    /// `read` for an O_NONBLOCK description: `EAGAIN` where `read` would
    /// block. Files that never block keep the default (plain `read`).
    fn read_nonblock(&self, offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        self.read(offset, buf)
    }
    /// `write` for an O_NONBLOCK description: `EAGAIN` (or a short count)
    /// where `write` would block.
    fn write_nonblock(&self, offset: &mut u64, buf: &[u8], append: bool) -> KResult<usize> {
        self.write(offset, buf, append)
    }
    /// File status.
    fn stat(&self) -> FileStat;
    /// Truncates or extends to `len` bytes (`EINVAL` where impossible).
    fn truncate(&self, _len: u64) -> KResult<()> {
        Err(Errno::EINVAL)
    }
    /// True for seekable files (lseek fails with ESPIPE otherwise).
    fn seekable(&self) -> bool {
        true
    }
    /// Readiness now: the POLLIN/POLLOUT/POLLHUP/POLLERR bits (poll.h)
    /// that hold. Regular files are always ready.
    fn poll(&self) -> u16 {
        poll::POLLIN | poll::POLLOUT
    }
    /// Where a poller sleeps until readiness may have changed (`None`:
    /// readiness never changes, as for regular files).
    fn poll_queue(&self) -> Option<&crate::sched::wait::WaitQueue> {
        None
    }
    /// The tmpfs inode behind the file, if any (fchdir, getdents64, fchmod).
    fn inode(&self) -> Option<Arc<tmpfs::Inode>> {
        None
    }
    /// A device-specific ioctl(2) request; `ENOTTY` for files without any.
    /// `arg` is the user argument (an address for most requests).
    fn ioctl(&self, _request: u64, _arg: u64) -> KResult<u64> {
        Err(Errno::ENOTTY)
    }
}

/// poll(2) event bits (asm-generic/poll.h).
pub mod poll {
    /// Data to read.
    pub const POLLIN: u16 = 0x1;
    /// Urgent data.
    pub const POLLPRI: u16 = 0x2;
    /// Writing will not block.
    pub const POLLOUT: u16 = 0x4;
    /// Error condition.
    pub const POLLERR: u16 = 0x8;
    /// Hung up (the other end closed).
    pub const POLLHUP: u16 = 0x10;
    /// Invalid descriptor.
    pub const POLLNVAL: u16 = 0x20;
}

/// An open file description.
pub struct OpenFile {
    /// The file.
    pub ops: Arc<dyn FileOps>,
    /// Current offset, shared by dup'ed descriptors.
    pub offset: Mutex<u64>,
    /// O_* status flags (O_APPEND, O_NONBLOCK, access mode).
    pub flags: AtomicU32,
    /// The absolute path it was opened by, if known (/proc/<pid>/fd).
    pub path: Option<alloc::string::String>,
}

/// O_ACCMODE and the flags kept in an open file description.
pub mod oflags {
    pub use abi::flags::open::{
        O_ACCMODE, O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_NONBLOCK, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY,
    };
}

impl OpenFile {
    /// A description of `ops` opened with `flags`.
    pub fn new(ops: Arc<dyn FileOps>, flags: u32) -> Arc<OpenFile> {
        Arc::new(OpenFile { ops, offset: Mutex::new(0), flags: AtomicU32::new(flags), path: None })
    }

    /// A description of `ops` opened by the absolute path `path`.
    pub fn with_path(ops: Arc<dyn FileOps>, flags: u32, path: alloc::string::String) -> Arc<OpenFile> {
        Arc::new(OpenFile { ops, offset: Mutex::new(0), flags: AtomicU32::new(flags), path: Some(path) })
    }

    /// O_* flags.
    pub fn flags(&self) -> u32 {
        self.flags.load(Ordering::Relaxed)
    }

    /// True if opened for reading (O_RDONLY or O_RDWR; access mode 3,
    /// Linux's "ioctl only", allows neither).
    pub fn readable(&self) -> bool {
        matches!(self.flags() & oflags::O_ACCMODE, oflags::O_RDONLY | oflags::O_RDWR)
    }

    /// True if opened for writing (O_WRONLY or O_RDWR).
    pub fn writable(&self) -> bool {
        matches!(self.flags() & oflags::O_ACCMODE, oflags::O_WRONLY | oflags::O_RDWR)
    }
}

/// A descriptor: the open file and FD_CLOEXEC.
#[derive(Clone)]
pub struct Descriptor {
    /// The open file description.
    pub file: Arc<OpenFile>,
    /// Closed by execve.
    pub cloexec: bool,
}

/// A process's descriptor table.
#[derive(Clone, Default)]
pub struct FdTable {
    fds: Vec<Option<Descriptor>>,
}

impl FdTable {
    /// An empty table.
    pub fn new() -> Self {
        FdTable { fds: Vec::new() }
    }

    /// The descriptor `fd`, or `EBADF`.
    pub fn get(&self, fd: i32) -> KResult<Arc<OpenFile>> {
        usize::try_from(fd)
            .ok()
            .and_then(|i| self.fds.get(i))
            .and_then(|d| d.as_ref())
            .map(|d| d.file.clone())
            .ok_or(Errno::EBADF)
    }

    /// Installs `file` at the lowest free descriptor >= `min`; `EMFILE` if full.
    pub fn install(&mut self, file: Arc<OpenFile>, cloexec: bool, min: usize) -> KResult<i32> {
        let slot = (min..MAX_FDS).find(|&i| self.fds.get(i).is_none_or(|d| d.is_none())).ok_or(Errno::EMFILE)?;
        if self.fds.len() <= slot {
            self.fds.resize(slot + 1, None);
        }
        self.fds[slot] = Some(Descriptor { file, cloexec });
        Ok(slot as i32)
    }

    /// Puts `file` at exactly `fd` (dup2), closing what was there.
    pub fn install_at(&mut self, fd: i32, file: Arc<OpenFile>, cloexec: bool) -> KResult<()> {
        let i = usize::try_from(fd).ok().filter(|&i| i < MAX_FDS).ok_or(Errno::EBADF)?;
        if self.fds.len() <= i {
            self.fds.resize(i + 1, None);
        }
        self.fds[i] = Some(Descriptor { file, cloexec });
        Ok(())
    }

    /// Closes `fd`; `EBADF` if it was not open.
    pub fn close(&mut self, fd: i32) -> KResult<()> {
        let slot = usize::try_from(fd).ok().and_then(|i| self.fds.get_mut(i)).ok_or(Errno::EBADF)?;
        slot.take().map(|_| ()).ok_or(Errno::EBADF)
    }

    /// FD_CLOEXEC of `fd`.
    pub fn cloexec(&self, fd: i32) -> KResult<bool> {
        usize::try_from(fd).ok().and_then(|i| self.fds.get(i)).and_then(|d| d.as_ref()).map(|d| d.cloexec).ok_or(Errno::EBADF)
    }

    /// Sets FD_CLOEXEC of `fd`.
    pub fn set_cloexec(&mut self, fd: i32, on: bool) -> KResult<()> {
        let d = usize::try_from(fd).ok().and_then(|i| self.fds.get_mut(i)).and_then(|d| d.as_mut()).ok_or(Errno::EBADF)?;
        d.cloexec = on;
        Ok(())
    }

    /// Closes every descriptor with FD_CLOEXEC (execve).
    pub fn close_on_exec(&mut self) {
        for d in &mut self.fds {
            if d.as_ref().is_some_and(|d| d.cloexec) {
                *d = None;
            }
        }
    }
}

/// Sets up the root file system from the initramfs (if any).
pub fn init(initramfs: Option<&'static [u8]>) {
    tmpfs::init();
    if let Some(archive) = initramfs {
        initramfs::unpack(archive);
    }
}
