//! devtmpfs: the device files of `/dev` (`mount -t devtmpfs devtmpfs /dev`).
//!
//! The root holds the character devices Linux's devtmpfs creates for the
//! hardware Exo-OS drives, with Linux's numbers and modes: the memory
//! devices `null`, `zero`, `full`, `random`, `urandom` (mem.c, random.c)
//! and the terminals `console`, `tty`, `ttyS0`, plus the `stdin`,
//! `stdout`, `stderr` and `fd` links udev adds.
//!
//! Design note: every device is a `Node::Special` whose `open` makes a
//! file that knows its inode, so `fstat` on an open device reports the
//! same S_IFCHR mode, rdev and inode number as `stat` on its path. The
//! terminals all open the one console object (there is a single serial
//! line and no controlling-terminal tracking yet); a thin wrapper forwards
//! every operation to it except `stat`. The root is an ordinary `Dir`, so
//! `mkdir` and `ln -s` work in it as in Linux's devtmpfs.

use super::console::Console;
use super::tmpfs::{FsKind, Inode, Node, Special};
use super::{mode, FileOps, FileStat};
use crate::errno::{Errno, KResult};
use crate::sched::wait::WaitQueue;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::sync::{Arc, Weak};
use spin::{Mutex, Once};

/// The `tty` group (Debian's gid 5), owner group of `/dev/tty`.
const GID_TTY: u32 = 5;
/// The `dialout` group (Debian's gid 20), owner group of `/dev/ttyS*`.
const GID_DIALOUT: u32 = 20;

/// Linux's old-style device number: major << 8 | minor.
pub const fn dev(major: u64, minor: u64) -> u64 {
    (major << 8) | minor
}

/// A new devtmpfs root.
pub fn new_root() -> Arc<Inode> {
    let root = Inode::new_in(FsKind::Devtmpfs, Node::Dir(Mutex::new(BTreeMap::new())), 0o755);
    let mut entries = BTreeMap::new();
    for (name, kind, rdev, perm) in [
        ("null", Memory::Null, dev(1, 3), 0o666),
        ("zero", Memory::Zero, dev(1, 5), 0o666),
        ("full", Memory::Full, dev(1, 7), 0o666),
        ("random", Memory::Random, dev(1, 8), 0o666),
        ("urandom", Memory::Random, dev(1, 9), 0o666),
    ] {
        entries.insert(name.to_string(), device(rdev, perm, (0, 0), move |inode| Ok(Arc::new(MemoryFile { kind, inode }))));
    }
    for (name, rdev, perm, owner) in [
        ("console", dev(5, 1), 0o600, (0, 0)),
        ("tty", dev(5, 0), 0o666, (0, GID_TTY)),
        ("ttyS0", dev(4, 64), 0o660, (0, GID_DIALOUT)),
    ] {
        entries.insert(name.to_string(), device(rdev, perm, owner, |inode| Ok(Arc::new(TerminalFile { inner: Arc::new(Console), inode }))));
    }
    for (name, target) in [("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2"), ("fd", "/proc/self/fd")] {
        entries.insert(name.to_string(), Inode::new_in(FsKind::Devtmpfs, Node::Symlink(String::from(target)), 0o777));
    }
    if let Node::Dir(dir) = &root.node {
        *dir.lock() = entries;
    }
    root
}

/// A character device inode `rdev` whose opens are made by `open` from
/// the inode itself.
fn device(
    rdev: u64,
    perm: u32,
    owner: (u32, u32),
    open: impl Fn(Arc<Inode>) -> KResult<Arc<dyn FileOps>> + Send + Sync + 'static,
) -> Arc<Inode> {
    // The open function needs the inode, which is made from it: it finds
    // the inode through a weak link filled in just after.
    let this: Arc<Once<Weak<Inode>>> = Arc::new(Once::new());
    let link = this.clone();
    let opener = move || {
        let inode = link.get().and_then(Weak::upgrade).ok_or(Errno::ENODEV)?;
        open(inode)
    };
    let special = Special { kind: mode::S_IFCHR, rdev, open: Box::new(opener) };
    let inode = Inode::new_in(FsKind::Devtmpfs, Node::Special(special), perm);
    this.call_once(|| Arc::downgrade(&inode));
    *inode.uid_gid.lock() = owner;
    inode
}

/// The memory devices (Linux drivers/char/mem.c and random.c).
#[derive(Clone, Copy)]
enum Memory {
    /// Reads end of file; writes are swallowed.
    Null,
    /// Reads zeroes; writes are swallowed.
    Zero,
    /// Reads zeroes; writes fail with ENOSPC.
    Full,
    /// Reads the kernel random stream (`random` and `urandom` alike:
    /// the generator is seeded at boot and never blocks); writes are
    /// accepted and ignored.
    Random,
}

/// An open memory device.
struct MemoryFile {
    kind: Memory,
    inode: Arc<Inode>,
}

impl FileOps for MemoryFile {
    // The offset never moves, as Linux's null/zero/full keep f_pos at 0.
    fn read(&self, _offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        match self.kind {
            Memory::Null => Ok(0),
            Memory::Zero | Memory::Full => {
                buf.fill(0);
                Ok(buf.len())
            }
            Memory::Random => {
                crate::random::fill(buf);
                Ok(buf.len())
            }
        }
    }

    fn write(&self, _offset: &mut u64, buf: &[u8], _append: bool) -> KResult<usize> {
        match self.kind {
            Memory::Full => Err(Errno::ENOSPC),
            Memory::Null | Memory::Zero | Memory::Random => Ok(buf.len()),
        }
    }

    fn stat(&self) -> FileStat {
        self.inode.stat()
    }

    /// O_TRUNC on a device is ignored, as in Linux.
    fn truncate(&self, _len: u64) -> KResult<()> {
        Ok(())
    }

    fn inode(&self) -> Option<Arc<Inode>> {
        Some(self.inode.clone())
    }
}

/// An open terminal device: the console, seen through this device's inode.
struct TerminalFile {
    inner: Arc<dyn FileOps>,
    inode: Arc<Inode>,
}

impl FileOps for TerminalFile {
    fn read(&self, offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        self.inner.read(offset, buf)
    }

    fn write(&self, offset: &mut u64, buf: &[u8], append: bool) -> KResult<usize> {
        self.inner.write(offset, buf, append)
    }

    fn read_nonblock(&self, offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        self.inner.read_nonblock(offset, buf)
    }

    fn write_nonblock(&self, offset: &mut u64, buf: &[u8], append: bool) -> KResult<usize> {
        self.inner.write_nonblock(offset, buf, append)
    }

    fn stat(&self) -> FileStat {
        self.inode.stat()
    }

    /// O_TRUNC on a terminal is ignored, as in Linux.
    fn truncate(&self, _len: u64) -> KResult<()> {
        Ok(())
    }

    fn seekable(&self) -> bool {
        self.inner.seekable()
    }

    fn poll(&self) -> u16 {
        self.inner.poll()
    }

    fn poll_queue(&self) -> Option<&WaitQueue> {
        self.inner.poll_queue()
    }

    fn inode(&self) -> Option<Arc<Inode>> {
        Some(self.inode.clone())
    }

    fn ioctl(&self, request: u64, arg: u64) -> KResult<u64> {
        self.inner.ioctl(request, arg)
    }
}
