//! File system calls over the descriptor table: read/write and friends,
//! open, stat, lseek, dup, fcntl, poll, ioctl.

use super::{fd_arg, Args};
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::fs::tmpfs::{self, Inode, Node, TmpFile, PATH_MAX};
use crate::fs::{oflags, FileStat, OpenFile};
use crate::mm::uaccess::{copy_from_user, copy_to_user, read_user, read_user_cstr, write_user};

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec;
use spin::Mutex;

/// AT_FDCWD: paths relative to the working directory.
const AT_FDCWD: i32 = -100;
/// AT_SYMLINK_NOFOLLOW.
const AT_SYMLINK_NOFOLLOW: u64 = 0x100;
/// AT_EMPTY_PATH.
const AT_EMPTY_PATH: u64 = 0x1000;
/// Largest single read or write (Linux MAX_RW_COUNT, INT_MAX rounded down to pages).
const MAX_RW_COUNT: usize = 0x7fff_f000;
/// Kernel bounce-buffer size for user copies.
const CHUNK: usize = 64 * 1024;

fn file(fd: i32) -> KResult<Arc<OpenFile>> {
    crate::proc::current().ok_or(Errno::EBADF)?.fd_table().lock().get(fd)
}

/// Reads from `f` into user memory at `buf` (len bytes) at `*offset`.
fn read_into_user(f: &OpenFile, offset: &mut u64, buf: u64, len: usize) -> KResult<usize> {
    let len = len.min(MAX_RW_COUNT);
    crate::mm::uaccess::check_range(buf, len)?;
    let mut kbuf = vec![0u8; len.min(CHUNK)];
    let mut done = 0;
    while done < len {
        let want = (len - done).min(CHUNK);
        let n = f.ops.read(offset, &mut kbuf[..want])?;
        if n == 0 {
            break;
        }
        copy_to_user(buf + done as u64, &kbuf[..n])?;
        done += n;
        if n < want {
            break;
        }
    }
    Ok(done)
}

/// Writes user memory at `buf` (len bytes) to `f` at `*offset`.
fn write_from_user(f: &OpenFile, offset: &mut u64, buf: u64, len: usize) -> KResult<usize> {
    let len = len.min(MAX_RW_COUNT);
    crate::mm::uaccess::check_range(buf, len)?;
    let append = f.flags() & oflags::O_APPEND != 0;
    let mut kbuf = vec![0u8; len.min(CHUNK)];
    let mut done = 0;
    while done < len {
        let want = (len - done).min(CHUNK);
        copy_from_user(&mut kbuf[..want], buf + done as u64)?;
        let n = f.ops.write(offset, &kbuf[..want], append)?;
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
    if !f.ops.seekable() {
        return Err(Errno::ESPIPE);
    }
    let mut off = i64::try_from(a[3]).map_err(|_| Errno::EINVAL)? as u64;
    Ok(read_into_user(&f, &mut off, a[1], a[2] as usize)? as u64)
}

/// pwrite64(fd, buf, count, offset)
pub fn pwrite64(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = file(fd_arg(a[0]))?;
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
    let mut off = *f.offset.lock();
    let mut total = 0;
    for (base, len) in iovecs(a[1], a[2])? {
        let n = read_into_user(&f, &mut off, base, len)?;
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
        let n = write_from_user(&f, &mut off, base, len)?;
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

/// A path argument: NUL-terminated, at most PATH_MAX - 1 bytes, UTF-8.
fn path_arg(addr: u64) -> KResult<String> {
    let bytes = read_user_cstr(addr, PATH_MAX - 1)?;
    String::from_utf8(bytes).map_err(|_| Errno::ENOENT)
}

/// Only absolute paths and AT_FDCWD-relative ones exist until the VFS
/// has working directories (the cwd is always `/`).
fn resolve_at(dirfd: i32, path: &str) -> KResult<String> {
    if path.starts_with('/') || dirfd == AT_FDCWD {
        Ok(String::from(path))
    } else {
        Err(Errno::ENOTDIR)
    }
}

/// openat(dirfd, path, flags, mode)
pub fn openat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let path = resolve_at(fd_arg(a[0]), &path_arg(a[1])?)?;
    do_open(&path, a[2] as u32, a[3] as u32)
}

/// open(path, flags, mode)
pub fn open(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_open(&path_arg(a[0])?, a[1] as u32, a[2] as u32)
}

fn do_open(path: &str, flags: u32, mode: u32) -> KResult<u64> {
    if path.is_empty() {
        return Err(Errno::ENOENT);
    }
    let inode = match tmpfs::lookup(path, true) {
        Ok(i) => {
            if flags & oflags::O_CREAT != 0 && flags & oflags::O_EXCL != 0 {
                return Err(Errno::EEXIST);
            }
            i
        }
        Err(Errno::ENOENT) if flags & oflags::O_CREAT != 0 => {
            let (dir, name) = tmpfs::parent_of(path)?;
            let inode = Inode::new(Node::File(Mutex::new(alloc::vec::Vec::new())), mode & 0o7777 & !0o022);
            tmpfs::link(&dir, &name, inode.clone())?;
            inode
        }
        Err(e) => return Err(e),
    };
    if flags & oflags::O_DIRECTORY != 0 && !inode.is_dir() {
        return Err(Errno::ENOTDIR);
    }
    if inode.is_dir() && flags & oflags::O_ACCMODE != oflags::O_RDONLY {
        return Err(Errno::EISDIR);
    }
    let ops = Arc::new(TmpFile(inode));
    if flags & oflags::O_TRUNC != 0 && flags & oflags::O_ACCMODE != oflags::O_RDONLY {
        crate::fs::FileOps::truncate(&*ops, 0)?;
    }
    let keep = flags & (oflags::O_ACCMODE | oflags::O_APPEND | oflags::O_NONBLOCK);
    let f = OpenFile::new(ops, keep);
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
    put(0, 1, 8); // st_dev: the one tmpfs
    put(8, st.ino, 8);
    put(16, u64::from(st.nlink), 8);
    put(24, u64::from(st.mode), 4);
    put(40, st.rdev, 8);
    put(48, st.size, 8);
    put(56, 4096, 8); // st_blksize
    put(64, st.size.div_ceil(512), 8); // st_blocks
    for base in [72, 88, 104] {
        put(base, st.mtime_ns / 1_000_000_000, 8);
        put(base + 8, st.mtime_ns % 1_000_000_000, 8);
    }
    b
}

/// fstat(fd, statbuf)
pub fn fstat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = file(fd_arg(a[0]))?;
    write_user(a[1], &stat_bytes(&f.ops.stat()))?;
    Ok(0)
}

fn stat_path(path: &str, follow: bool, out: u64) -> KResult<u64> {
    let inode = tmpfs::lookup(path, follow)?;
    write_user(out, &stat_bytes(&inode.stat()))?;
    Ok(0)
}

/// stat(path, statbuf)
pub fn stat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    stat_path(&path_arg(a[0])?, true, a[1])
}

/// lstat(path, statbuf)
pub fn lstat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    stat_path(&path_arg(a[0])?, false, a[1])
}

/// newfstatat(dirfd, path, statbuf, flags): AT_EMPTY_PATH and AT_SYMLINK_NOFOLLOW.
pub fn newfstatat(a: &Args, f: &mut TrapFrame) -> KResult<u64> {
    let dirfd = fd_arg(a[0]);
    let path = path_arg(a[1])?;
    if path.is_empty() && a[3] & AT_EMPTY_PATH != 0 {
        return fstat(&[a[0], a[2], 0, 0, 0, 0], f);
    }
    stat_path(&resolve_at(dirfd, &path)?, a[3] & AT_SYMLINK_NOFOLLOW == 0, a[2])
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

/// access(path, mode) and faccessat: existence and mode bits (root may do all but execute non-executables).
pub fn access(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    check_access(&path_arg(a[0])?, a[1])
}

/// faccessat(dirfd, path, mode)
pub fn faccessat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    check_access(&resolve_at(fd_arg(a[0]), &path_arg(a[1])?)?, a[2])
}

fn check_access(path: &str, mode: u64) -> KResult<u64> {
    if mode & !7 != 0 {
        return Err(Errno::EINVAL);
    }
    let inode = tmpfs::lookup(path, true)?;
    if mode & 1 != 0 && inode.mode() & 0o111 == 0 && !inode.is_dir() {
        return Err(Errno::EACCES);
    }
    Ok(0)
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
        _ => Err(Errno::ENOTTY),
    }
}

/// poll(fds, nfds, timeout_ms): console and tmpfs files are always ready.
pub fn poll(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const POLLIN: u16 = 1;
    const POLLOUT: u16 = 4;
    const POLLNVAL: u16 = 0x20;
    let (fds, nfds) = (a[0], a[1]);
    if nfds > crate::fs::MAX_FDS as u64 {
        return Err(Errno::EINVAL);
    }
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    let mut ready = 0;
    for i in 0..nfds {
        let addr = fds + i * 8;
        let entry: [u16; 4] = read_user(addr)?; // fd (2 halves), events, revents
        let fd = (u32::from(entry[0]) | (u32::from(entry[1]) << 16)) as i32;
        let events = entry[2];
        let revents = if fd < 0 {
            0
        } else {
            match p.fd_table().lock().get(fd) {
                Ok(_) => events & (POLLIN | POLLOUT),
                Err(_) => POLLNVAL,
            }
        };
        if revents != 0 {
            ready += 1;
        }
        write_user(addr + 6, &revents)?;
    }
    if ready == 0 && a[2] as i32 != 0 {
        // Nothing here ever becomes ready later: sleep out the timeout.
        let timeout = a[2] as i32;
        if timeout < 0 {
            crate::sched::wait::WaitQueue::new().wait_until(|| false);
            return Err(Errno::EINTR);
        }
        crate::sched::sleep_until(crate::time::uptime_ns() + timeout as u64 * 1_000_000);
    }
    Ok(ready)
}

/// getcwd(buf, size): always `/` until the VFS has working directories.
pub fn getcwd(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[1] < 2 {
        return Err(Errno::ERANGE);
    }
    copy_to_user(a[0], b"/\0")?;
    Ok(2)
}

/// readlink(path, buf, size)
pub fn readlink(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_readlink(&path_arg(a[0])?, a[1], a[2])
}

/// readlinkat(dirfd, path, buf, size)
pub fn readlinkat(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    do_readlink(&resolve_at(fd_arg(a[0]), &path_arg(a[1])?)?, a[2], a[3])
}

fn do_readlink(path: &str, buf: u64, size: u64) -> KResult<u64> {
    if size as i64 <= 0 {
        return Err(Errno::EINVAL);
    }
    let target = if path == "/proc/self/exe" {
        crate::proc::current().ok_or(Errno::ENOENT)?.exe.lock().clone()
    } else {
        match &tmpfs::lookup(path, false)?.node {
            Node::Symlink(t) => t.clone(),
            _ => return Err(Errno::EINVAL),
        }
    };
    let n = target.len().min(size as usize);
    copy_to_user(buf, &target.as_bytes()[..n])?;
    Ok(n as u64)
}

