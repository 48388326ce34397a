//! File system calls over the descriptor table: read/write and friends,
//! open, stat, lseek, dup, fcntl, ioctl.

use super::{fd_arg, Args};
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::fs::filedata::FileData;
use crate::fs::path::{self, PATH_MAX};
use crate::fs::perm;
use crate::fs::tmpfs::{self, Inode, Node, TmpFile};
use crate::fs::{oflags, FileStat, OpenFile};
use crate::mm::uaccess::{copy_from_user_partial, copy_to_user, copy_to_user_partial, read_user, read_user_cstr, write_user};

use alloc::string::String;
use alloc::sync::Arc;
use spin::Mutex;

use abi::flags::open as at;
/// AT_FDCWD: paths relative to the working directory.
const AT_FDCWD: i32 = at::AT_FDCWD;
const AT_SYMLINK_NOFOLLOW: u64 = at::AT_SYMLINK_NOFOLLOW as u64;
const AT_EMPTY_PATH: u64 = at::AT_EMPTY_PATH as u64;
/// Largest single read or write (Linux MAX_RW_COUNT, INT_MAX rounded down to pages).
const MAX_RW_COUNT: usize = 0x7fff_f000;
/// Kernel bounce-buffer size for user copies.
const CHUNK: usize = crate::fs::bounce::BUFFER_BYTES;

fn file(fd: i32) -> KResult<Arc<OpenFile>> {
    crate::proc::current().ok_or(Errno::EBADF)?.fd_table().lock().get(fd)
}

/// Reads from `f` into user memory at `buf` (len bytes) at `*offset`.
///
/// As Linux: a fault part-way gives a short count (EFAULT only when
/// nothing was copied), and nothing read is lost. A seekable file puts
/// its offset back to the last byte copied; a stream (pipe, terminal) is
/// asked for no more than the buffer's writable prefix, so it never
/// gives up bytes that cannot be delivered.
fn read_into_user(f: &OpenFile, offset: &mut u64, buf: u64, len: usize) -> KResult<usize> {
    let seekable = f.ops.seekable();
    let mut len = len.min(MAX_RW_COUNT);
    if len == 0 {
        return Ok(0);
    }
    if !seekable {
        len = crate::mm::uaccess::writable_prefix(buf, len);
        if len == 0 {
            return Err(Errno::EFAULT);
        }
    }
    let mut kbuf = crate::fs::bounce::Buffer::get().ok_or(Errno::ENOMEM)?;
    let mut done = 0;
    while done < len {
        let want = (len - done).min(CHUNK);
        // Only the first piece may block (none with O_NONBLOCK); an error
        // after some progress ends the call with a short count.
        let r = if done == 0 && f.flags() & oflags::O_NONBLOCK == 0 {
            f.ops.read(offset, &mut kbuf[..want])
        } else {
            f.ops.read_nonblock(offset, &mut kbuf[..want])
        };
        let n = match r {
            Ok(n) => n,
            Err(_) if done > 0 => break,
            Err(e) => return Err(e),
        };
        if n == 0 {
            break;
        }
        let copied = copy_to_user_partial(buf + done as u64, &kbuf[..n]);
        done += copied;
        if copied < n {
            if seekable {
                *offset -= (n - copied) as u64;
            }
            if done == 0 {
                return Err(Errno::EFAULT);
            }
            break;
        }
        if n < want {
            break;
        }
    }
    Ok(done)
}

/// Writes user memory at `buf` (len bytes) to `f` at `*offset`. A fault
/// part-way writes what was readable before it and gives that short
/// count (EFAULT only when nothing could be read), as Linux.
fn write_from_user(f: &OpenFile, offset: &mut u64, buf: u64, len: usize) -> KResult<usize> {
    let len = len.min(MAX_RW_COUNT);
    let append = f.flags() & oflags::O_APPEND != 0;
    let mut kbuf = crate::fs::bounce::Buffer::get().ok_or(Errno::ENOMEM)?;
    let mut done = 0;
    while done < len {
        let want = (len - done).min(CHUNK);
        let copied = copy_from_user_partial(&mut kbuf[..want], buf + done as u64);
        if copied == 0 {
            if done == 0 {
                return Err(Errno::EFAULT);
            }
            break;
        }
        let r = if f.flags() & oflags::O_NONBLOCK == 0 {
            f.ops.write(offset, &kbuf[..copied], append)
        } else {
            f.ops.write_nonblock(offset, &kbuf[..copied], append)
        };
        let n = match r {
            Ok(n) => n,
            Err(_) if done > 0 => break,
            Err(e) => return Err(e),
        };
        done += n;
        if n < want {
            break;
        }
    }
    Ok(done)
}

/// read(fd, buf, count)
pub fn read(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = file(fd_arg(a[0]))?;
    if !f.readable() {
        return Err(Errno::EBADF);
    }
    let mut off = *f.offset.lock();
    let n = read_into_user(&f, &mut off, a[1], a[2] as usize)?;
    if f.ops.seekable() {
        *f.offset.lock() = off;
    }
    Ok(n as u64)
}

/// write(fd, buf, count)
pub fn write(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = file(fd_arg(a[0]))?;
    if !f.writable() {
        return Err(Errno::EBADF);
    }
    let mut off = *f.offset.lock();
    let n = write_from_user(&f, &mut off, a[1], a[2] as usize)?;
    if f.ops.seekable() {
        *f.offset.lock() = off;
    }
    Ok(n as u64)
}

/// pread64(fd, buf, count, offset)
pub fn pread64(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = file(fd_arg(a[0]))?;
    if !f.readable() {
        return Err(Errno::EBADF);
    }
    if !f.ops.seekable() {
        return Err(Errno::ESPIPE);
    }
    let mut off = i64::try_from(a[3]).map_err(|_| Errno::EINVAL)? as u64;
    Ok(read_into_user(&f, &mut off, a[1], a[2] as usize)? as u64)
}

/// pwrite64(fd, buf, count, offset)
pub fn pwrite64(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = file(fd_arg(a[0]))?;
    if !f.writable() {
        return Err(Errno::EBADF);
    }
    if !f.ops.seekable() {
        return Err(Errno::ESPIPE);
    }
    let mut off = i64::try_from(a[3]).map_err(|_| Errno::EINVAL)? as u64;
    Ok(write_from_user(&f, &mut off, a[1], a[2] as usize)? as u64)
}

/// The (base, len) pairs of a user `struct iovec` array (at most IOV_MAX = 1024).
fn iovecs(addr: u64, count: u64) -> KResult<alloc::vec::Vec<(u64, usize)>> {
    if count > 1024 {
        return Err(Errno::EINVAL);
    }
    (0..count).map(|i| read_user::<[u64; 2]>(addr + i * 16).map(|v| (v[0], v[1] as usize))).collect()
}

/// readv(fd, iov, iovcnt)
pub fn readv(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = file(fd_arg(a[0]))?;
    if !f.readable() {
        return Err(Errno::EBADF);
    }
    let mut off = *f.offset.lock();
    let mut total = 0;
    for (base, len) in iovecs(a[1], a[2])? {
        // After some bytes, never wait for more (a pipe that ran dry), and
        // an error ends the call with a short count.
        if total > 0 && f.ops.poll() & crate::fs::poll::POLLIN == 0 {
            break;
        }
        let n = match read_into_user(&f, &mut off, base, len) {
            Ok(n) => n,
            Err(_) if total > 0 => break,
            Err(e) => return Err(e),
        };
        total += n;
        if n < len {
            break;
        }
    }
    if f.ops.seekable() {
        *f.offset.lock() = off;
    }
    Ok(total as u64)
}

/// writev(fd, iov, iovcnt)
pub fn writev(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = file(fd_arg(a[0]))?;
    if !f.writable() {
        return Err(Errno::EBADF);
    }
    let mut off = *f.offset.lock();
    let mut total = 0;
    for (base, len) in iovecs(a[1], a[2])? {
        let n = match write_from_user(&f, &mut off, base, len) {
            Ok(n) => n,
            Err(_) if total > 0 => break,
            Err(e) => return Err(e),
        };
        total += n;
        if n < len {
            break;
        }
    }
    if f.ops.seekable() {
        *f.offset.lock() = off;
    }
    Ok(total as u64)
}

/// A path argument: NUL-terminated, at most PATH_MAX - 1 bytes, UTF-8
/// (Exo-OS file names are UTF-8; other bytes give ENOENT).
pub(super) fn path_arg(addr: u64) -> KResult<String> {
    let bytes = read_user_cstr(addr, PATH_MAX - 1)?;
    String::from_utf8(bytes).map_err(|_| Errno::ENOENT)
}

/// The directory relative paths start from: the working directory for
/// AT_FDCWD, else the directory open as `dirfd` (`EBADF`, `ENOTDIR`).
/// Absolute paths ignore it.
pub(super) fn start_dir(dirfd: i32, path: &str) -> KResult<Arc<Inode>> {
    let p = crate::proc::current().ok_or(Errno::ENOENT)?;
    if path.starts_with('/') {
        return Ok(tmpfs::root());
    }
    if dirfd == AT_FDCWD {
        return Ok(p.cwd.lock().clone());
    }
    let f = p.fd_table().lock().get(dirfd)?;
    let inode = f.ops.inode().ok_or(Errno::ENOTDIR)?;
    if !inode.is_dir() {
        return Err(Errno::ENOTDIR);
    }
    Ok(inode)
}

/// Resolves `path` relative to `dirfd` (see `start_dir`).
pub(super) fn lookup_at(dirfd: i32, path: &str, follow: bool) -> KResult<Arc<Inode>> {
    path::resolve(&start_dir(dirfd, path)?, path, follow)
}

/// openat(dirfd, path, flags, mode)
pub fn openat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_open(fd_arg(a[0]), &path_arg(a[1])?, a[2] as u32, a[3] as u32)
}

/// open(path, flags, mode)
pub fn open(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_open(AT_FDCWD, &path_arg(a[0])?, a[1] as u32, a[2] as u32)
}

/// creat(path, mode): open(path, O_CREAT|O_WRONLY|O_TRUNC, mode).
pub fn creat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_open(AT_FDCWD, &path_arg(a[0])?, oflags::O_CREAT | oflags::O_WRONLY | oflags::O_TRUNC, a[1] as u32)
}

/// O_NOFOLLOW: fail with ELOOP if the last component is a symlink.
const O_NOFOLLOW: u32 = abi::flags::open::O_NOFOLLOW;

/// Opens (or creates) `path`. An existing file needs the permission its
/// access mode asks for (and write for O_TRUNC); a new file needs write
/// and search permission on its directory and is the caller's.
fn do_open(dirfd: i32, path: &str, flags: u32, mode: u32) -> KResult<u64> {
    let start = start_dir(dirfd, path)?;
    let creating = flags & oflags::O_CREAT != 0;
    let cred = perm::current();
    let mut created = false;
    let inode = match path::resolve(&start, path, flags & O_NOFOLLOW == 0 && !(creating && flags & oflags::O_EXCL != 0)) {
        Ok(i) => {
            if creating && flags & oflags::O_EXCL != 0 {
                return Err(Errno::EEXIST);
            }
            if matches!(i.node, Node::Symlink(_)) {
                return Err(Errno::ELOOP);
            }
            i
        }
        Err(Errno::ENOENT) if creating => {
            let (dir, name) = path::resolve_parent(&start, path).map_err(|e| if e == Errno::EEXIST { Errno::EISDIR } else { e })?;
            perm::may_create(&cred, &dir)?;
            let umask = crate::proc::current().map_or(0o022, |p| p.umask.load(core::sync::atomic::Ordering::Relaxed));
            let inode = Inode::new(Node::File(Mutex::new(FileData::default())), 0);
            perm::init_owner(&cred, &dir, &inode, mode & 0o7777 & !umask);
            path::link(&dir, &name, inode.clone())?;
            created = true;
            inode
        }
        Err(e) => return Err(e),
    };
    if flags & oflags::O_DIRECTORY != 0 && !inode.is_dir() {
        return Err(Errno::ENOTDIR);
    }
    if creating && inode.is_dir() {
        return Err(Errno::EISDIR);
    }
    if inode.is_dir() && flags & oflags::O_ACCMODE != oflags::O_RDONLY {
        return Err(Errno::EISDIR);
    }
    if !created {
        perm::check(&cred, &inode, perm::open_mask(flags))?;
    }
    let ops: Arc<dyn crate::fs::FileOps> = match &inode.node {
        Node::Special(special) => {
            if special.kind == crate::fs::mode::S_IFCHR && crate::fs::mount::flags_of(&inode).nodev {
                return Err(Errno::EACCES);
            }
            (special.open)()?
        }
        _ => Arc::new(TmpFile(inode)),
    };
    if flags & oflags::O_TRUNC != 0 && flags & oflags::O_ACCMODE != oflags::O_RDONLY {
        crate::fs::FileOps::truncate(&*ops, 0)?;
    }
    let keep = flags & (oflags::O_ACCMODE | oflags::O_APPEND | oflags::O_NONBLOCK);
    let f = match path::canonical(&start, path) {
        Ok(abs) => OpenFile::with_path(ops, keep, abs),
        Err(_) => OpenFile::new(ops, keep),
    };
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    let fd = p.fd_table().lock().install(f, flags & oflags::O_CLOEXEC != 0, 0)?;
    Ok(fd as u64)
}

/// close(fd)
pub fn close(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    p.fd_table().lock().close(fd_arg(a[0]))?;
    Ok(0)
}

/// Linux `struct stat` (x86-64, 144 bytes) for `st`.
fn stat_bytes(st: &FileStat) -> [u8; 144] {
    let mut b = [0u8; 144];
    let mut put = |off: usize, v: u64, n: usize| b[off..off + n].copy_from_slice(&v.to_le_bytes()[..n]);
    put(0, st.dev, 8); // st_dev: the file system instance
    put(8, st.ino, 8);
    put(16, u64::from(st.nlink), 8);
    put(24, u64::from(st.mode), 4);
    put(28, u64::from(st.uid), 4);
    put(32, u64::from(st.gid), 4);
    put(40, st.rdev, 8);
    put(48, st.size, 8);
    put(56, 4096, 8); // st_blksize
    put(64, st.size.div_ceil(512), 8); // st_blocks
    for (base, ns) in [(72, st.atime_ns), (88, st.mtime_ns), (104, st.ctime_ns)] {
        put(base, ns / 1_000_000_000, 8);
        put(base + 8, ns % 1_000_000_000, 8);
    }
    b
}

/// fstat(fd, statbuf)
pub fn fstat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = file(fd_arg(a[0]))?;
    write_user(a[1], &stat_bytes(&f.ops.stat()))?;
    Ok(0)
}

fn stat_path(dirfd: i32, path: &str, follow: bool, out: u64) -> KResult<u64> {
    let inode = lookup_at(dirfd, path, follow)?;
    write_user(out, &stat_bytes(&inode.stat()))?;
    Ok(0)
}

/// stat(path, statbuf)
pub fn stat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    stat_path(AT_FDCWD, &path_arg(a[0])?, true, a[1])
}

/// lstat(path, statbuf)
pub fn lstat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    stat_path(AT_FDCWD, &path_arg(a[0])?, false, a[1])
}

/// newfstatat(dirfd, path, statbuf, flags): AT_EMPTY_PATH and AT_SYMLINK_NOFOLLOW.
pub fn newfstatat(a: &Args, f: &mut TrapFrame) -> KResult<u64> {
    let dirfd = fd_arg(a[0]);
    let path = path_arg(a[1])?;
    if path.is_empty() && a[3] & AT_EMPTY_PATH != 0 {
        return fstat(&[a[0], a[2], 0, 0, 0, 0], f);
    }
    stat_path(dirfd, &path, a[3] & AT_SYMLINK_NOFOLLOW == 0, a[2])
}

/// lseek(fd, offset, whence): SEEK_SET, SEEK_CUR, SEEK_END.
pub fn lseek(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = file(fd_arg(a[0]))?;
    if !f.ops.seekable() {
        return Err(Errno::ESPIPE);
    }
    let mut off = f.offset.lock();
    let base = match a[2] {
        0 => 0,
        1 => *off as i64,
        2 => f.ops.stat().size as i64,
        _ => return Err(Errno::EINVAL),
    };
    let new = base.checked_add(a[1] as i64).filter(|&n| n >= 0).ok_or(Errno::EINVAL)?;
    *off = new as u64;
    Ok(new as u64)
}

/// access(path, mode): existence (F_OK) or R_OK/W_OK/X_OK for the real
/// user and group ids.
pub fn access(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    check_access(AT_FDCWD, &path_arg(a[0])?, a[1], 0)
}

/// faccessat(dirfd, path, mode)
pub fn faccessat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    check_access(fd_arg(a[0]), &path_arg(a[1])?, a[2], 0)
}

/// faccessat2(dirfd, path, mode, flags): AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH.
pub fn faccessat2(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[3] & !(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH) != 0 {
        return Err(Errno::EINVAL);
    }
    check_access(fd_arg(a[0]), &path_arg(a[1])?, a[2], a[3])
}

/// faccessat2's AT_EACCESS: check with the effective ids.
const AT_EACCESS: u64 = 0x200;

fn check_access(dirfd: i32, path: &str, mode: u64, flags: u64) -> KResult<u64> {
    if mode & !7 != 0 {
        return Err(Errno::EINVAL);
    }
    // Without AT_EACCESS the real ids decide, for the walk too (a
    // set-user-id program asks what its user may do).
    let caller = perm::current();
    let cred = if flags & AT_EACCESS == 0 { Arc::new(caller.for_access()) } else { caller };
    let inode = if path.is_empty() && flags & AT_EMPTY_PATH != 0 {
        crate::proc::current().ok_or(Errno::EBADF)?.fd_table().lock().get(dirfd)?.ops.inode().ok_or(Errno::EBADF)?
    } else {
        path::resolve_as(cred.clone(), &start_dir(dirfd, path)?, path, flags & AT_SYMLINK_NOFOLLOW == 0)?
    };
    if mode == 0 {
        return Ok(0); // F_OK: the file exists
    }
    cred.may_access(perm::owner(&inode), mode as u32).map(|()| 0).map_err(Errno)
}

/// dup(fd)
pub fn dup(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    let table = p.fd_table();
    let mut t = table.lock();
    let f = t.get(fd_arg(a[0]))?;
    Ok(t.install(f, false, 0)? as u64)
}

/// dup2(old, new)
pub fn dup2(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    let table = p.fd_table();
    let mut t = table.lock();
    let f = t.get(fd_arg(a[0]))?;
    if a[0] as u32 != a[1] as u32 {
        t.install_at(fd_arg(a[1]), f, false)?;
    }
    Ok(u64::from(a[1] as u32))
}

/// dup3(old, new, flags): O_CLOEXEC only; EINVAL if old == new.
pub fn dup3(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[0] as u32 == a[1] as u32 || a[2] & !u64::from(oflags::O_CLOEXEC) != 0 {
        return Err(Errno::EINVAL);
    }
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    let table = p.fd_table();
    let mut t = table.lock();
    let f = t.get(fd_arg(a[0]))?;
    t.install_at(fd_arg(a[1]), f, a[2] != 0)?;
    Ok(u64::from(a[1] as u32))
}

/// fcntl(fd, cmd, arg): F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL.
pub fn fcntl(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const F_DUPFD: u64 = 0;
    const F_GETFD: u64 = 1;
    const F_SETFD: u64 = 2;
    const F_GETFL: u64 = 3;
    const F_SETFL: u64 = 4;
    const F_DUPFD_CLOEXEC: u64 = 1030;
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    let table = p.fd_table();
    let mut t = table.lock();
    let fd = fd_arg(a[0]);
    let f = t.get(fd)?;
    match a[1] {
        F_DUPFD | F_DUPFD_CLOEXEC => {
            let min = usize::try_from(a[2] as u32 as i32).map_err(|_| Errno::EINVAL)?;
            Ok(t.install(f, a[1] == F_DUPFD_CLOEXEC, min)? as u64)
        }
        F_GETFD => Ok(u64::from(t.cloexec(fd)?)),
        F_SETFD => t.set_cloexec(fd, a[2] & 1 != 0).map(|()| 0),
        F_GETFL => Ok(u64::from(f.flags())),
        F_SETFL => {
            let settable = oflags::O_APPEND | oflags::O_NONBLOCK;
            let new = (f.flags() & !settable) | (a[2] as u32 & settable);
            f.flags.store(new, core::sync::atomic::Ordering::Relaxed);
            Ok(0)
        }
        _ => Err(Errno::EINVAL),
    }
}

/// ioctl(fd, request, arg): no terminal yet, so terminal requests give ENOTTY.
pub fn ioctl(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const FIONBIO: u64 = 0x5421;
    const FIOCLEX: u64 = 0x5451;
    const FIONCLEX: u64 = 0x5450;
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    let table = p.fd_table();
    let mut t = table.lock();
    let fd = fd_arg(a[0]);
    let f = t.get(fd)?;
    match a[1] {
        FIOCLEX => t.set_cloexec(fd, true).map(|()| 0),
        FIONCLEX => t.set_cloexec(fd, false).map(|()| 0),
        FIONBIO => {
            let on: i32 = read_user(a[2])?;
            let flags = f.flags();
            let new = if on != 0 { flags | oflags::O_NONBLOCK } else { flags & !oflags::O_NONBLOCK };
            f.flags.store(new, core::sync::atomic::Ordering::Relaxed);
            Ok(0)
        }
        request => {
            drop(t);
            f.ops.ioctl(request, a[2])
        }
    }
}

/// getcwd(buf, size): the working directory's absolute path; ERANGE if
/// it does not fit; returns the length including the NUL.
pub fn getcwd(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let cwd = crate::proc::current().ok_or(Errno::ENOENT)?.cwd.lock().clone();
    let mut p = path::absolute_path(&cwd).into_bytes();
    p.push(0);
    if (a[1] as usize) < p.len() {
        return Err(Errno::ERANGE);
    }
    copy_to_user(a[0], &p)?;
    Ok(p.len() as u64)
}

/// readlink(path, buf, size)
pub fn readlink(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_readlink(AT_FDCWD, &path_arg(a[0])?, a[1], a[2])
}

/// readlinkat(dirfd, path, buf, size)
pub fn readlinkat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_readlink(fd_arg(a[0]), &path_arg(a[1])?, a[2], a[3])
}

fn do_readlink(dirfd: i32, path: &str, buf: u64, size: u64) -> KResult<u64> {
    if size as i64 <= 0 {
        return Err(Errno::EINVAL);
    }
    let target = if path == "/proc/self/exe" {
        crate::proc::current().ok_or(Errno::ENOENT)?.exe.lock().clone()
    } else {
        match &lookup_at(dirfd, path, false)?.node {
            Node::Symlink(t) => t.clone(),
            _ => return Err(Errno::EINVAL),
        }
    };
    let n = target.len().min(size as usize);
    copy_to_user(buf, &target.as_bytes()[..n])?;
    Ok(n as u64)
}

