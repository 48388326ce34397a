//! mmap of regular files with Linux semantics: MAP_SHARED stores reach
//! read(2), other mappings, a forked child (and back) and another
//! process's own mapping; write(2) shows
//! in a mapping; MAP_PRIVATE stores stay private (copy-on-write); the
//! mmap(2) errors EACCES, ENODEV, EINVAL and EBADF, and mprotect's
//! EACCES; SIGBUS for a page past the end of the file, also after a
//! shrinking ftruncate; msync; a 16 MiB file filled through a shared
//! mapping and checksummed with read(2). Files live under /tmp (the
//! directory given as the first argument, `/tmp/exo-mmapfile` by default).
//! Prints one line per check and `PASS mmapfile`.

use exo_testkit::{describe_status, errno, spawn_child, wait_for, Checks};
use std::ffi::CString;
use std::ptr;

const PAGE: usize = 4096;

/// An open file descriptor, closed on drop.
struct Fd(i32);

impl Drop for Fd {
    fn drop(&mut self) {
        // SAFETY: the descriptor is ours and closed once.
        unsafe { libc::close(self.0) };
    }
}

/// open(path, flags, 0o644).
fn open(path: &str, flags: i32) -> Fd {
    let c = CString::new(path).expect("path without NUL");
    // SAFETY: `c` is a valid NUL-terminated string for the call.
    let fd = unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC, 0o644) };
    assert!(fd >= 0, "open {path}: errno {}", errno());
    Fd(fd)
}

/// A new file of `len` zero bytes, open read-write.
fn new_file(path: &str, len: usize) -> Fd {
    let fd = open(path, libc::O_RDWR | libc::O_CREAT | libc::O_TRUNC);
    // SAFETY: plain system call on our descriptor.
    assert_eq!(unsafe { libc::ftruncate(fd.0, len as libc::off_t) }, 0, "ftruncate");
    fd
}

/// mmap(NULL, len, prot, flags, fd, offset): the address, or the errno.
fn map(len: usize, prot: i32, flags: i32, fd: i32, offset: i64) -> Result<*mut u8, i32> {
    // SAFETY: a new mapping chosen by the kernel replaces nothing of ours.
    let p = unsafe { libc::mmap(ptr::null_mut(), len, prot, flags, fd, offset) };
    if p == libc::MAP_FAILED {
        Err(errno())
    } else {
        Ok(p.cast())
    }
}

fn unmap(p: *mut u8, len: usize) {
    // SAFETY: `p` is a mapping of `len` bytes made by `map`, no longer used.
    unsafe { libc::munmap(p.cast(), len) };
}

/// Loads byte `i` of a mapping.
fn load(p: *mut u8, i: usize) -> u8 {
    // SAFETY: callers pass an offset inside a readable mapping.
    unsafe { ptr::read_volatile(p.add(i)) }
}

/// Stores byte `i` of a mapping.
fn store(p: *mut u8, i: usize, v: u8) {
    // SAFETY: callers pass an offset inside a writable mapping.
    unsafe { ptr::write_volatile(p.add(i), v) }
}

fn pread(fd: &Fd, offset: usize, len: usize) -> Vec<u8> {
    let mut buf = vec![0u8; len];
    // SAFETY: `buf` is writable for `len` bytes.
    let n = unsafe { libc::pread(fd.0, buf.as_mut_ptr().cast(), len, offset as libc::off_t) };
    buf.truncate(usize::try_from(n).unwrap_or(0));
    buf
}

fn pwrite(fd: &Fd, offset: usize, data: &[u8]) -> bool {
    // SAFETY: `data` is readable for its length.
    let n = unsafe { libc::pwrite(fd.0, data.as_ptr().cast(), data.len(), offset as libc::off_t) };
    n == data.len() as isize
}

/// The errno of a failed mmap, or 0 if it succeeded (the mapping is dropped).
fn mmap_errno(len: usize, prot: i32, flags: i32, fd: i32, offset: i64) -> i32 {
    match map(len, prot, flags, fd, offset) {
        Ok(p) => {
            unmap(p, len);
            0
        }
        Err(e) => e,
    }
}

/// Runs `f` in a forked child; returns its wait status.
fn in_child(f: impl FnOnce() -> i32) -> i32 {
    spawn_child(f).and_then(wait_for).unwrap_or(-1)
}

fn killed_by(status: i32, signal: i32) -> bool {
    libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == signal
}

fn exited_0(status: i32) -> bool {
    libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0
}

/// FNV-1a over the bytes.
fn checksum(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

fn pattern(i: usize) -> u8 {
    (i.wrapping_mul(2_654_435_761) >> 11) as u8
}

const RW: i32 = libc::PROT_READ | libc::PROT_WRITE;

fn main() {
    let mut c = Checks::new("mmapfile");
    exo_testkit::ensure_proc();
    let dir = std::env::args().nth(1).unwrap_or_else(|| String::from("/tmp/exo-mmapfile"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let path = |name: &str| format!("{dir}/{name}");

    shared(&mut c, &path("shared"));
    private(&mut c, &path("private"));
    errors(&mut c, &path("errors"), &dir);
    past_end(&mut c, &path("short"));
    msync(&mut c, &path("msync"));
    big(&mut c, &path("big"));
    times(&mut c, &path("times"));

    let _ = std::fs::remove_dir_all(&dir);
    c.finish();
}

/// MAP_SHARED: stores reach read(2) and other mappings, write(2) reaches
/// the mapping, and parent and child share stores after fork.
fn shared(c: &mut Checks, path: &str) {
    let len = 3 * PAGE;
    let fd = new_file(path, len);
    let Ok(a) = map(len, RW, libc::MAP_SHARED, fd.0, 0) else {
        c.check(false, "mmap MAP_SHARED of a 3-page file");
        return;
    };
    store(a, 10, b'x');
    store(a, PAGE + 7, b'y');
    c.check(pread(&fd, 10, 1) == b"x" && pread(&fd, PAGE + 7, 1) == b"y", "store through MAP_SHARED is seen by read(2)");
    c.check(pwrite(&fd, 2 * PAGE + 5, b"hello"), "pwrite into the mapped file");
    let seen: Vec<u8> = (0..5).map(|i| load(a, 2 * PAGE + 5 + i)).collect();
    c.check(seen == b"hello", "write(2) is seen through the mapping");

    match map(2 * PAGE, RW, libc::MAP_SHARED, fd.0, PAGE as i64) {
        Ok(b) => {
            c.check(load(b, 7) == b'y', "second mapping at offset 4096 sees the first one's store");
            store(b, PAGE + 100, b'z');
            c.check(load(a, 2 * PAGE + 100) == b'z', "first mapping sees the second one's store");
            unmap(b, 2 * PAGE);
        }
        Err(e) => {
            c.check(false, format!("second mmap at offset 4096: errno {e}"));
        }
    }

    // Fork: the child sees the parent's stores (before and after fork),
    // and the parent sees the child's.
    store(a, 0, 1);
    let mut pipe = [0i32; 2];
    // SAFETY: `pipe` has room for two descriptors.
    let piped = unsafe { libc::pipe(pipe.as_mut_ptr()) } == 0;
    c.check(piped, "pipe");
    let child = spawn_child(|| {
        if load(a, 0) != 1 {
            return 1;
        }
        store(a, 1, 2);
        let mut byte = 0u8;
        // SAFETY: reads one byte into `byte`.
        let n = unsafe { libc::read(pipe[0], (&raw mut byte).cast(), 1) };
        if n != 1 || load(a, 2) != 3 {
            return 2;
        }
        0
    });
    match child {
        Ok(pid) => {
            store(a, 2, 3);
            // SAFETY: writes one byte from a static.
            unsafe { libc::write(pipe[1], b"g".as_ptr().cast(), 1) };
            let status = wait_for(pid).unwrap_or(-1);
            c.check(exited_0(status), format!("child saw the parent's stores before and after fork ({})", describe_status(status)));
            c.check(load(a, 1) == 2, "parent sees the child's store through MAP_SHARED");
            c.check(pread(&fd, 1, 1) == [2], "read(2) sees the child's store");
        }
        Err(e) => {
            c.check(false, format!("fork: {e}"));
        }
    }
    // SAFETY: closing our pipe descriptors.
    unsafe {
        libc::close(pipe[0]);
        libc::close(pipe[1]);
    }
    unmap(a, len);
    c.check(pread(&fd, 10, 1) == b"x", "stores stay in the file after munmap");

    // Two processes that each map the file themselves (no inherited
    // mapping): the child's store reaches the parent's own mapping.
    let child_path = path.to_string();
    let status = in_child(move || {
        let fd = open(&child_path, libc::O_RDWR);
        match map(len, RW, libc::MAP_SHARED, fd.0, 0) {
            Ok(m) => {
                store(m, PAGE + 9, b'u');
                0
            }
            Err(_) => 1,
        }
    });
    let seen = map(len, libc::PROT_READ, libc::MAP_SHARED, fd.0, 0).map(|m| {
        let v = load(m, PAGE + 9);
        unmap(m, len);
        v
    });
    c.check(exited_0(status) && seen == Ok(b'u'), "a store through another process's own mapping is seen in a new mapping");
}

/// MAP_PRIVATE: reads the file; stores are copy-on-write, seen neither by
/// read(2) nor by other mappings nor by the parent of a forked child.
fn private(c: &mut Checks, path: &str) {
    let len = 2 * PAGE;
    let fd = new_file(path, len);
    c.check(pwrite(&fd, 0, b"file") && pwrite(&fd, PAGE, b"page1"), "wrote the file");
    let (Ok(p), Ok(s)) = (map(len, RW, libc::MAP_PRIVATE, fd.0, 0), map(len, RW, libc::MAP_SHARED, fd.0, 0)) else {
        c.check(false, "mmap MAP_PRIVATE and MAP_SHARED");
        return;
    };
    c.check(load(p, 0) == b'f' && load(p, PAGE) == b'p', "MAP_PRIVATE reads the file's bytes");
    store(p, 0, b'P');
    c.check(load(p, 0) == b'P', "MAP_PRIVATE store reads back");
    c.check(pread(&fd, 0, 1) == b"f", "MAP_PRIVATE store is not seen by read(2)");
    c.check(load(s, 0) == b'f', "MAP_PRIVATE store is not seen by a MAP_SHARED mapping");
    store(s, 1, b'I');
    c.check(load(p, 1) == b'i', "a copied private page keeps its own bytes");
    let status = in_child(|| {
        store(p, PAGE, b'C');
        i32::from(load(p, PAGE) != b'C')
    });
    c.check(exited_0(status), "child stores into its private copy");
    c.check(load(p, PAGE) == b'p' && pread(&fd, PAGE, 1) == b"p", "child's private store is seen neither by the parent nor the file");
    unmap(p, len);
    unmap(s, len);

    // A read-only descriptor may still be mapped private and writable.
    let ro = open(path, libc::O_RDONLY);
    match map(len, RW, libc::MAP_PRIVATE, ro.0, 0) {
        Ok(q) => {
            store(q, 0, b'Q');
            c.check(load(q, 0) == b'Q' && pread(&fd, 0, 1) == b"f", "MAP_PRIVATE + PROT_WRITE of an O_RDONLY file");
            unmap(q, len);
        }
        Err(e) => {
            c.check(false, format!("MAP_PRIVATE + PROT_WRITE of an O_RDONLY file: errno {e}"));
        }
    }

    // /dev/zero maps as anonymous memory. A bare Exo-OS boot has no
    // devtmpfs on /dev yet: mount one.
    if !std::path::Path::new("/dev/zero").exists() {
        // SAFETY: NUL-terminated literals; no data argument.
        unsafe { libc::mount(c"devtmpfs".as_ptr(), c"/dev".as_ptr(), c"devtmpfs".as_ptr(), 0, ptr::null()) };
    }
    let zero = open("/dev/zero", libc::O_RDWR);
    match map(len, RW, libc::MAP_PRIVATE, zero.0, 0) {
        Ok(z) => {
            let zeroes = load(z, 0) == 0 && load(z, len - 1) == 0;
            store(z, 5, 9);
            c.check(zeroes && load(z, 5) == 9, "MAP_PRIVATE of /dev/zero is zeroed, writable memory");
            unmap(z, len);
        }
        Err(e) => {
            c.check(false, format!("mmap /dev/zero: errno {e}"));
        }
    }
}

/// The mmap(2) and mprotect(2) errors.
fn errors(c: &mut Checks, path: &str, dir: &str) {
    drop(new_file(path, PAGE));
    let wo = open(path, libc::O_WRONLY);
    let e = mmap_errno(PAGE, libc::PROT_READ, libc::MAP_SHARED, wo.0, 0);
    c.check(e == libc::EACCES, format!("mmap of an O_WRONLY file: EACCES (errno {e})"));
    let ro = open(path, libc::O_RDONLY);
    let e = mmap_errno(PAGE, RW, libc::MAP_SHARED, ro.0, 0);
    c.check(e == libc::EACCES, format!("MAP_SHARED + PROT_WRITE of an O_RDONLY file: EACCES (errno {e})"));
    match map(PAGE, libc::PROT_READ, libc::MAP_SHARED, ro.0, 0) {
        Ok(p) => {
            // SAFETY: `p` is our one-page mapping.
            let r = unsafe { libc::mprotect(p.cast(), PAGE, RW) };
            let e = errno();
            c.check(r == -1 && e == libc::EACCES, format!("mprotect PROT_WRITE on a shared O_RDONLY mapping: EACCES (errno {e})"));
            c.check(load(p, 0) == 0, "the read-only shared mapping still reads");
            unmap(p, PAGE);
        }
        Err(e) => {
            c.check(false, format!("MAP_SHARED + PROT_READ of an O_RDONLY file: errno {e}"));
        }
    }

    let mut pipe = [0i32; 2];
    // SAFETY: `pipe` has room for two descriptors.
    if unsafe { libc::pipe(pipe.as_mut_ptr()) } == 0 {
        let e = mmap_errno(PAGE, libc::PROT_READ, libc::MAP_SHARED, pipe[0], 0);
        c.check(e == libc::ENODEV, format!("mmap of a pipe: ENODEV (errno {e})"));
        // SAFETY: closing our pipe descriptors.
        unsafe {
            libc::close(pipe[0]);
            libc::close(pipe[1]);
        }
    }
    let d = open(dir, libc::O_RDONLY | libc::O_DIRECTORY);
    let e = mmap_errno(PAGE, libc::PROT_READ, libc::MAP_PRIVATE, d.0, 0);
    c.check(e == libc::ENODEV, format!("mmap of a directory: ENODEV (errno {e})"));

    let rw = open(path, libc::O_RDWR);
    let e = mmap_errno(PAGE, libc::PROT_READ, libc::MAP_SHARED, rw.0, 100);
    c.check(e == libc::EINVAL, format!("offset not page-aligned: EINVAL (errno {e})"));
    let e = mmap_errno(PAGE, libc::PROT_READ, libc::MAP_SHARED, 999, 0);
    c.check(e == libc::EBADF, format!("bad descriptor: EBADF (errno {e})"));
    let e = mmap_errno(PAGE, libc::PROT_READ, libc::MAP_SHARED, -1, 0);
    c.check(e == libc::EBADF, format!("descriptor -1 without MAP_ANONYMOUS: EBADF (errno {e})"));
}

/// SIGBUS past the end of the file; the tail of the last page reads zero;
/// a shrinking ftruncate takes the pages past the new end away.
fn past_end(c: &mut Checks, path: &str) {
    let fd = new_file(path, PAGE + 100);
    c.check(pwrite(&fd, PAGE, &[7u8; 100]), "wrote a file of 4196 bytes");
    let len = 3 * PAGE;
    let Ok(p) = map(len, RW, libc::MAP_SHARED, fd.0, 0) else {
        c.check(false, "mmap 3 pages of a 4196-byte file");
        return;
    };
    c.check(load(p, PAGE + 99) == 7 && load(p, PAGE + 100) == 0 && load(p, 2 * PAGE - 1) == 0, "the tail of the last partial page reads zero");
    let status = in_child(|| i32::from(load(p, 2 * PAGE)));
    c.check(killed_by(status, libc::SIGBUS), format!("load from a page past the end: SIGBUS ({})", describe_status(status)));
    let status = in_child(|| {
        store(p, 2 * PAGE + 8, 1);
        0
    });
    c.check(killed_by(status, libc::SIGBUS), format!("store to a page past the end: SIGBUS ({})", describe_status(status)));

    // Shrink while mapped: page 1 goes away.
    store(p, PAGE + 1, 9);
    // SAFETY: plain system call on our descriptor.
    let r = unsafe { libc::ftruncate(fd.0, PAGE as libc::off_t) };
    c.check(r == 0, "ftruncate to 4096 while mapped");
    let status = in_child(|| i32::from(load(p, PAGE + 1)));
    c.check(killed_by(status, libc::SIGBUS), format!("after the shrink, page 1 gives SIGBUS ({})", describe_status(status)));
    c.check(load(p, 0) == 0, "page 0 still reads");
    // SAFETY: plain system call on our descriptor.
    let r = unsafe { libc::ftruncate(fd.0, 2 * PAGE as libc::off_t) };
    c.check(r == 0 && load(p, PAGE + 1) == 0, "grown back, page 1 reads zero");
    unmap(p, len);
}

/// msync: the flags and the range are checked.
fn msync(c: &mut Checks, path: &str) {
    let len = 2 * PAGE;
    let fd = new_file(path, len);
    let Ok(p) = map(len, RW, libc::MAP_SHARED, fd.0, 0) else {
        c.check(false, "mmap for msync");
        return;
    };
    store(p, 0, 1);
    let sync = |addr: *mut u8, len: usize, flags: i32| -> i32 {
        // SAFETY: msync only inspects the range.
        let r = unsafe { libc::msync(addr.cast(), len, flags) };
        if r == 0 {
            0
        } else {
            errno()
        }
    };
    c.check(sync(p, len, libc::MS_SYNC) == 0, "msync MS_SYNC: 0");
    c.check(sync(p, len, libc::MS_ASYNC) == 0, "msync MS_ASYNC: 0");
    c.check(sync(p, PAGE, libc::MS_INVALIDATE) == 0, "msync MS_INVALIDATE: 0");
    c.check(load(p, 0) == 1 && pread(&fd, 0, 1) == [1], "the data survives msync");
    let e = sync(p, len, 0x100);
    c.check(e == libc::EINVAL, format!("msync with an unknown flag: EINVAL (errno {e})"));
    let e = sync(p, len, libc::MS_SYNC | libc::MS_ASYNC);
    c.check(e == libc::EINVAL, format!("msync MS_SYNC | MS_ASYNC: EINVAL (errno {e})"));
    // SAFETY: an address inside our mapping, unaligned on purpose.
    let e = sync(unsafe { p.add(1) }, PAGE, libc::MS_SYNC);
    c.check(e == libc::EINVAL, format!("msync at an unaligned address: EINVAL (errno {e})"));
    unmap(p, len);
    let e = sync(p, len, libc::MS_SYNC);
    c.check(e == libc::ENOMEM, format!("msync of an unmapped range: ENOMEM (errno {e})"));
}

/// A 16 MiB file mapped shared, filled through the mapping, read back.
fn big(c: &mut Checks, path: &str) {
    let len = 16 << 20;
    let fd = new_file(path, len);
    let Ok(p) = map(len, RW, libc::MAP_SHARED, fd.0, 0) else {
        c.check(false, "mmap 16 MiB MAP_SHARED");
        return;
    };
    // SAFETY: the mapping is `len` writable bytes, used only here.
    let bytes = unsafe { std::slice::from_raw_parts_mut(p, len) };
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = pattern(i);
    }
    let want = checksum(bytes);
    unmap(p, len);
    let mut got = Vec::with_capacity(len);
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        // SAFETY: `chunk` is writable for its length.
        let n = unsafe { libc::read(fd.0, chunk.as_mut_ptr().cast(), chunk.len()) };
        if n <= 0 {
            break;
        }
        got.extend_from_slice(&chunk[..n as usize]);
    }
    c.check(got.len() == len && checksum(&got) == want, format!("16 MiB filled through MAP_SHARED, read(2) gives {} bytes with the same checksum", got.len()));
}

/// The file's mtime in ns.
fn mtime_ns(path: &str) -> i128 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).map(|m| i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec())).unwrap_or(0)
}

/// Times, as tmpfs on Linux: a store that faults a shared page in
/// updates mtime; a store to a page a read brought in does not.
fn times(c: &mut Checks, path: &str) {
    let fd = new_file(path, 2 * 4096);
    let Ok(p) = map(2 * 4096, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_SHARED, fd.0, 0) else {
        c.check(false, "map for the times check");
        return;
    };
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    let line = maps.lines().find(|l| l.ends_with(path)).unwrap_or("");
    let fields: Vec<&str> = line.split_whitespace().collect();
    c.check(fields.get(1) == Some(&"rw-s") && fields.get(2) == Some(&"00000000"), format!("/proc/self/maps names the file: {line:?}"));
    let _ = load(p, 4096); // page 1 comes in by a read
    let before = mtime_ns(path);
    std::thread::sleep(std::time::Duration::from_millis(30));
    store(p, 0, 1); // page 0 comes in by a store
    let after_fault = mtime_ns(path);
    c.check(after_fault > before, format!("a store faulting a shared page in updates mtime ({before} -> {after_fault})"));
    std::thread::sleep(std::time::Duration::from_millis(30));
    store(p, 4096, 1);
    store(p, 1, 2);
    let later = mtime_ns(path);
    // Disk file systems (ext4 under a Linux /tmp) write-protect pages to
    // track them and update mtime again; tmpfs does not.
    // SAFETY: an all-zero statfs is valid; fstatfs fills it.
    let mut fs: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: our descriptor and a valid buffer.
    let tmpfs = unsafe { libc::fstatfs(fd.0, &mut fs) } == 0 && fs.f_type == 0x0102_1994;
    if tmpfs {
        c.check(later == after_fault, format!("tmpfs: stores to pages already mapped leave mtime ({after_fault} -> {later})"));
    }
    unmap(p, 2 * 4096);
}
