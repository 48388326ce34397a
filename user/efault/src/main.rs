//! Bad user pointers: every pointer argument of the file, pipe, poll,
//! process, signal and time calls, given NULL, an unmapped page, a kernel
//! address or a non-canonical one, must fail with EFAULT (and never bring
//! the kernel down). Also: a structure or a path that runs off the end of
//! a mapping, and that a failed copy loses nothing (pipe data stays to be
//! read, a file is not changed). Prints one line per call and `PASS
//! efault`; the same binary passes on Linux.
//!
//! Calls are made with `syscall(2)` so that no C library wrapper touches
//! the pointers first.

use exo_testkit::{errno, spawn_child, wait_for, Checks};
use libc::{c_long, SYS_access, SYS_chdir, SYS_chmod, SYS_chown, SYS_clock_gettime, SYS_clock_nanosleep};
use libc::{SYS_creat, SYS_execve, SYS_faccessat, SYS_fchmodat, SYS_fchownat, SYS_fstat, SYS_fstatfs};
use libc::{SYS_futex, SYS_getcwd, SYS_getdents64, SYS_getrandom, SYS_getresuid, SYS_getrlimit};
use libc::{SYS_gettimeofday, SYS_ioctl, SYS_lchown, SYS_link, SYS_linkat, SYS_lstat, SYS_mkdir};
use libc::{SYS_mkdirat, SYS_mount, SYS_nanosleep, SYS_newfstatat, SYS_open, SYS_openat, SYS_pipe};
use libc::{SYS_pipe2, SYS_poll, SYS_ppoll, SYS_pread64, SYS_prlimit64, SYS_pselect6, SYS_pwrite64};
use libc::{SYS_read, SYS_readlink, SYS_readlinkat, SYS_readv, SYS_rename, SYS_renameat, SYS_renameat2};
use libc::{SYS_rmdir, SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_sched_getaffinity, SYS_select};
use libc::{SYS_sendfile, SYS_setgroups, SYS_sigaltstack, SYS_stat, SYS_statfs, SYS_statx};
use libc::{SYS_symlink, SYS_symlinkat, SYS_sysinfo, SYS_timer_create, SYS_truncate, SYS_umount2};
use libc::{SYS_uname, SYS_unlink, SYS_unlinkat, SYS_utimensat, SYS_wait4, SYS_write, SYS_writev};
use std::fs;
use std::os::fd::AsRawFd;

const PAGE: usize = 4096;
/// A kernel-half address (Linux's direct map starts here).
const KERNEL: c_long = 0xffff_8880_0000_0000_u64 as c_long;
/// The first non-canonical address above the user half.
const NONCANONICAL: c_long = 0x0000_8000_0000_0000;

/// A raw system call: Ok(return value) or Err(errno).
fn sys(nr: c_long, args: [c_long; 6]) -> Result<c_long, i32> {
    // SAFETY: every call made here passes either valid pointers or
    // pointers the kernel must reject; none writes into this program's
    // live objects other than through buffers made for the purpose.
    let ret = unsafe { libc::syscall(nr, args[0], args[1], args[2], args[3], args[4], args[5]) };
    if ret == -1 {
        Err(errno())
    } else {
        Ok(ret)
    }
}

/// Two pages: the first mapped read-write, the second unmapped.
struct Edge {
    base: *mut u8,
}

impl Edge {
    fn new() -> Edge {
        // SAFETY: a fresh anonymous mapping; its second page is unmapped
        // again at once, so the first page ends at a hole.
        let base = unsafe {
            let p = libc::mmap(std::ptr::null_mut(), 2 * PAGE, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, -1, 0);
            assert_ne!(p, libc::MAP_FAILED, "mmap");
            libc::munmap((p as *mut u8).add(PAGE).cast(), PAGE);
            p as *mut u8
        };
        Edge { base }
    }

    /// The address `back` bytes before the end of the mapped page.
    fn tail(&self, back: usize) -> c_long {
        self.base as c_long + (PAGE - back) as c_long
    }

    /// The unmapped page.
    fn hole(&self) -> c_long {
        self.base as c_long + PAGE as c_long
    }

    /// A string of `len` bytes without a NUL that ends where the mapping does.
    fn unterminated(&self, len: usize) -> c_long {
        // SAFETY: the last `len` bytes of the mapped page.
        unsafe { std::ptr::write_bytes(self.base.add(PAGE - len), b'a', len) };
        self.tail(len)
    }
}

fn cstr(s: &str) -> std::ffi::CString {
    std::ffi::CString::new(s).expect("no NUL")
}

fn main() {
    let mut c = Checks::new("efault");
    exo_testkit::ensure_proc();
    let edge = Edge::new();
    let bad: [(&str, c_long); 4] = [("NULL", 0), ("unmapped", edge.hole()), ("kernel", KERNEL), ("non-canonical", NONCANONICAL)];
    let dir = format!("/tmp/exo-efault-{}", std::process::id());
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("mkdir");
    let file_path = format!("{dir}/file");
    fs::write(&file_path, b"0123456789abcdef").expect("write file");
    let file = fs::OpenOptions::new().read(true).write(true).open(&file_path).expect("open file");
    let fd = file.as_raw_fd() as c_long;
    let dir_file = fs::File::open(&dir).expect("open dir");
    let dfd = dir_file.as_raw_fd() as c_long;
    let path = cstr(&file_path);
    let p = path.as_ptr() as c_long;
    let newp_s = cstr(&format!("{dir}/new"));
    let newp = newp_s.as_ptr() as c_long;
    let dirp_s = cstr(&dir);
    let dirp = dirp_s.as_ptr() as c_long;
    let mut buf = vec![0u8; 4096];
    let good = buf.as_mut_ptr() as c_long;
    let zero_ts = [0i64; 2];
    let zts = zero_ts.as_ptr() as c_long;
    let at = libc::AT_FDCWD as c_long;
    let mut pipe_fds = [0i32; 2];
    // SAFETY: room for two descriptors.
    assert_eq!(unsafe { libc::pipe(pipe_fds.as_mut_ptr()) }, 0);
    let (rp, wp) = (pipe_fds[0] as c_long, pipe_fds[1] as c_long);

    // (name, call with the bad pointer `b`)
    type Call<'a> = (&'a str, Box<dyn Fn(c_long) -> Result<c_long, i32> + 'a>);
    let calls: Vec<Call> = vec![
        ("open(path)", Box::new(|b| sys(SYS_open, [b, 0, 0, 0, 0, 0]))),
        ("openat(path)", Box::new(|b| sys(SYS_openat, [at, b, 0, 0, 0, 0]))),
        ("creat(path)", Box::new(|b| sys(SYS_creat, [b, 0o644, 0, 0, 0, 0]))),
        ("stat(path)", Box::new(|b| sys(SYS_stat, [b, good, 0, 0, 0, 0]))),
        ("stat(buf)", Box::new(|b| sys(SYS_stat, [p, b, 0, 0, 0, 0]))),
        ("lstat(buf)", Box::new(|b| sys(SYS_lstat, [p, b, 0, 0, 0, 0]))),
        ("fstat(buf)", Box::new(|b| sys(SYS_fstat, [fd, b, 0, 0, 0, 0]))),
        ("newfstatat(path)", Box::new(|b| sys(SYS_newfstatat, [at, b, good, 0, 0, 0]))),
        ("newfstatat(buf)", Box::new(|b| sys(SYS_newfstatat, [at, p, b, 0, 0, 0]))),
        ("statx(buf)", Box::new(|b| sys(SYS_statx, [at, p, 0, 0x7ff, b, 0]))),
        ("access(path)", Box::new(|b| sys(SYS_access, [b, 0, 0, 0, 0, 0]))),
        ("faccessat(path)", Box::new(|b| sys(SYS_faccessat, [at, b, 0, 0, 0, 0]))),
        ("mkdir(path)", Box::new(|b| sys(SYS_mkdir, [b, 0o755, 0, 0, 0, 0]))),
        ("mkdirat(path)", Box::new(|b| sys(SYS_mkdirat, [dfd, b, 0o755, 0, 0, 0]))),
        ("rmdir(path)", Box::new(|b| sys(SYS_rmdir, [b, 0, 0, 0, 0, 0]))),
        ("unlink(path)", Box::new(|b| sys(SYS_unlink, [b, 0, 0, 0, 0, 0]))),
        ("unlinkat(path)", Box::new(|b| sys(SYS_unlinkat, [dfd, b, 0, 0, 0, 0]))),
        ("rename(old)", Box::new(|b| sys(SYS_rename, [b, newp, 0, 0, 0, 0]))),
        ("rename(new)", Box::new(|b| sys(SYS_rename, [p, b, 0, 0, 0, 0]))),
        ("renameat(new)", Box::new(|b| sys(SYS_renameat, [at, p, at, b, 0, 0]))),
        ("renameat2(old)", Box::new(|b| sys(SYS_renameat2, [at, b, at, newp, 0, 0]))),
        ("link(new)", Box::new(|b| sys(SYS_link, [p, b, 0, 0, 0, 0]))),
        ("linkat(old)", Box::new(|b| sys(SYS_linkat, [at, b, at, newp, 0, 0]))),
        ("symlink(target)", Box::new(|b| sys(SYS_symlink, [b, newp, 0, 0, 0, 0]))),
        ("symlinkat(linkpath)", Box::new(|b| sys(SYS_symlinkat, [p, at, b, 0, 0, 0]))),
        ("readlink(path)", Box::new(|b| sys(SYS_readlink, [b, good, 100, 0, 0, 0]))),
        ("readlinkat(buf)", Box::new(|b| sys(SYS_readlinkat, [at, cstr("/proc/self/exe").into_raw() as c_long, b, 100, 0, 0]))),
        ("chdir(path)", Box::new(|b| sys(SYS_chdir, [b, 0, 0, 0, 0, 0]))),
        ("getcwd(buf)", Box::new(|b| sys(SYS_getcwd, [b, 4096, 0, 0, 0, 0]))),
        ("truncate(path)", Box::new(|b| sys(SYS_truncate, [b, 0, 0, 0, 0, 0]))),
        ("chmod(path)", Box::new(|b| sys(SYS_chmod, [b, 0o644, 0, 0, 0, 0]))),
        ("fchmodat(path)", Box::new(|b| sys(SYS_fchmodat, [at, b, 0o644, 0, 0, 0]))),
        ("chown(path)", Box::new(|b| sys(SYS_chown, [b, 0, 0, 0, 0, 0]))),
        ("lchown(path)", Box::new(|b| sys(SYS_lchown, [b, 0, 0, 0, 0, 0]))),
        ("fchownat(path)", Box::new(|b| sys(SYS_fchownat, [at, b, 0, 0, 0, 0]))),
        ("utimensat(times)", Box::new(|b| sys(SYS_utimensat, [at, p, b, 0, 0, 0]))),
        ("statfs(path)", Box::new(|b| sys(SYS_statfs, [b, good, 0, 0, 0, 0]))),
        ("statfs(buf)", Box::new(|b| sys(SYS_statfs, [dirp, b, 0, 0, 0, 0]))),
        ("fstatfs(buf)", Box::new(|b| sys(SYS_fstatfs, [fd, b, 0, 0, 0, 0]))),
        ("mount(target)", Box::new(|b| sys(SYS_mount, [cstr("none").into_raw() as c_long, b, cstr("tmpfs").into_raw() as c_long, 0, 0, 0]))),
        ("umount2(target)", Box::new(|b| sys(SYS_umount2, [b, 0, 0, 0, 0, 0]))),
        ("pipe(fds)", Box::new(|b| sys(SYS_pipe, [b, 0, 0, 0, 0, 0]))),
        ("pipe2(fds)", Box::new(|b| sys(SYS_pipe2, [b, 0, 0, 0, 0, 0]))),
        ("poll(fds)", Box::new(|b| sys(SYS_poll, [b, 1, 0, 0, 0, 0]))),
        ("ppoll(timeout)", Box::new(|b| sys(SYS_ppoll, [good, 0, b, 0, 8, 0]))),
        ("select(readfds)", Box::new(|b| sys(SYS_select, [1, b, 0, 0, zts, 0]))),
        ("select(timeout)", Box::new(|b| sys(SYS_select, [0, 0, 0, 0, b, 0]))),
        ("pselect6(timeout)", Box::new(|b| sys(SYS_pselect6, [0, 0, 0, 0, b, 0]))),
        ("read(buf) of a file", Box::new(|b| sys(SYS_pread64, [fd, b, 16, 0, 0, 0]))),
        ("read(buf) of a pipe", Box::new(|b| {
            sys(SYS_write, [wp, good, 1, 0, 0, 0])?;
            let r = sys(SYS_read, [rp, b, 1, 0, 0, 0]);
            sys(SYS_read, [rp, good, 1, 0, 0, 0])?; // the byte was not lost
            r
        })),
        ("write(buf) to a file", Box::new(|b| sys(SYS_pwrite64, [fd, b, 16, 0, 0, 0]))),
        ("write(buf) to a pipe", Box::new(|b| sys(SYS_write, [wp, b, 16, 0, 0, 0]))),
        ("readv(iov)", Box::new(|b| sys(SYS_readv, [fd, b, 1, 0, 0, 0]))),
        ("writev(iov)", Box::new(|b| sys(SYS_writev, [wp, b, 1, 0, 0, 0]))),
        ("readv(iov_base)", Box::new(|b| {
            let iov = [b, 16];
            let r = sys(SYS_readv, [fd, iov.as_ptr() as c_long, 1, 0, 0, 0]);
            // SAFETY: rewinding our own descriptor.
            unsafe { libc::lseek(fd as i32, 0, libc::SEEK_SET) };
            r
        })),
        ("writev(iov_base)", Box::new(|b| {
            let iov = [b, 16];
            sys(SYS_writev, [wp, iov.as_ptr() as c_long, 1, 0, 0, 0])
        })),
        ("pread64(buf)", Box::new(|b| sys(SYS_pread64, [fd, b, 4, 0, 0, 0]))),
        ("pwrite64(buf)", Box::new(|b| sys(SYS_pwrite64, [fd, b, 4, 0, 0, 0]))),
        ("sendfile(offset)", Box::new(|b| sys(SYS_sendfile, [wp, fd, b, 4, 0, 0]))),
        ("ioctl(FIONREAD)", Box::new(|b| sys(SYS_ioctl, [rp, libc::FIONREAD as c_long, b, 0, 0, 0]))),
        ("getdents64(buf)", Box::new(|b| sys(SYS_getdents64, [dfd, b, 4096, 0, 0, 0]))),
        ("execve(path)", Box::new(|b| sys(SYS_execve, [b, 0, 0, 0, 0, 0]))),
        ("execve(argv)", Box::new(|b| sys(SYS_execve, [cstr("/proc/self/exe").into_raw() as c_long, b, 0, 0, 0, 0]))),
        ("uname(buf)", Box::new(|b| sys(SYS_uname, [b, 0, 0, 0, 0, 0]))),
        ("sysinfo(buf)", Box::new(|b| sys(SYS_sysinfo, [b, 0, 0, 0, 0, 0]))),
        ("clock_gettime(ts)", Box::new(|b| sys(SYS_clock_gettime, [libc::CLOCK_MONOTONIC as c_long, b, 0, 0, 0, 0]))),
        ("gettimeofday(tv)", Box::new(|b| sys(SYS_gettimeofday, [b, 0, 0, 0, 0, 0]))),
        ("nanosleep(req)", Box::new(|b| sys(SYS_nanosleep, [b, 0, 0, 0, 0, 0]))),
        ("clock_nanosleep(req)", Box::new(|b| sys(SYS_clock_nanosleep, [libc::CLOCK_MONOTONIC as c_long, 0, b, 0, 0, 0]))),
        ("rt_sigaction(act)", Box::new(|b| sys(SYS_rt_sigaction, [libc::SIGUSR1 as c_long, b, 0, 8, 0, 0]))),
        ("rt_sigaction(oldact)", Box::new(|b| sys(SYS_rt_sigaction, [libc::SIGUSR1 as c_long, 0, b, 8, 0, 0]))),
        ("rt_sigprocmask(set)", Box::new(|b| sys(SYS_rt_sigprocmask, [libc::SIG_BLOCK as c_long, b, 0, 8, 0, 0]))),
        ("sigaltstack(ss)", Box::new(|b| sys(SYS_sigaltstack, [b, 0, 0, 0, 0, 0]))),
        ("futex(uaddr)", Box::new(|b| sys(SYS_futex, [b, libc::FUTEX_WAIT as c_long, 0, 0, 0, 0]))),
        ("sched_getaffinity(mask)", Box::new(|b| sys(SYS_sched_getaffinity, [0, 128, b, 0, 0, 0]))),
        ("getrandom(buf)", Box::new(|b| sys(SYS_getrandom, [b, 16, 0, 0, 0, 0]))),
        ("getrlimit(rlim)", Box::new(|b| sys(SYS_getrlimit, [libc::RLIMIT_NOFILE as c_long, b, 0, 0, 0, 0]))),
        ("prlimit64(new)", Box::new(|b| sys(SYS_prlimit64, [0, libc::RLIMIT_NOFILE as c_long, b, 0, 0, 0]))),
        ("getresuid(ruid)", Box::new(|b| sys(SYS_getresuid, [b, good, good + 8, 0, 0, 0]))),
        ("setgroups(list)", Box::new(|b| sys(SYS_setgroups, [1, b, 0, 0, 0, 0]))),
        ("timer_create(sevp)", Box::new(|b| sys(SYS_timer_create, [libc::CLOCK_MONOTONIC as c_long, b, good, 0, 0, 0]).map(|id| {
            // A NULL sevp is valid (SIGALRM on expiry): delete that timer.
            // SAFETY: deleting the timer just made.
            unsafe { libc::syscall(libc::SYS_timer_delete, buf_i32(good)) };
            id
        }))),
        ("wait4(status)", Box::new(|b| {
            let child = spawn_child(|| 0).expect("fork");
            sys(SYS_wait4, [child as c_long, b, 0, 0, 0, 0])
        })),
    ];
    for (name, call) in &calls {
        for (kind, b) in bad {
            // NULL is a valid argument for these (no timeout, no new value).
            const NULL_VALID: [&str; 15] = [
                "gettimeofday(tv)",
                "wait4(status)",
                "utimensat(times)",
                "select(readfds)",
                "sendfile(offset)",
                "execve(argv)",
                "timer_create(sevp)",
                "select(timeout)",
                "pselect6(timeout)",
                "ppoll(timeout)",
                "sigaltstack(ss)",
                "rt_sigaction(act)",
                "rt_sigaction(oldact)",
                "rt_sigprocmask(set)",
                "prlimit64(new)",
            ];
            if b == 0 && NULL_VALID.contains(name) {
                continue;
            }
            let got = call(b);
            c.check(got == Err(libc::EFAULT), format!("{name} {kind}: {got:?}"));
        }
    }

    // Structures and strings running off the end of a mapping.
    let tail_cases: [(&str, Result<c_long, i32>); 6] = [
        ("fstat into the last 16 bytes", sys(SYS_fstat, [fd, edge.tail(16), 0, 0, 0, 0])),
        ("clock_gettime into the last 8 bytes", sys(SYS_clock_gettime, [libc::CLOCK_MONOTONIC as c_long, edge.tail(8), 0, 0, 0, 0])),
        ("pipe into the last 4 bytes", sys(SYS_pipe, [edge.tail(4), 0, 0, 0, 0, 0])),
        ("uname into the last 100 bytes", sys(SYS_uname, [edge.tail(100), 0, 0, 0, 0, 0])),
        ("open of a path without NUL before the hole", sys(SYS_open, [edge.unterminated(64), 0, 0, 0, 0, 0])),
        ("read of 16 bytes into the last 8", sys(SYS_pread64, [fd, edge.tail(8), 16, 0, 0, 0])),
    ];
    for (what, got) in tail_cases {
        // Linux copies what fits before the hole for a read (a short count
        // of 8 here); either way the kernel must not fault.
        let ok = if what.starts_with("read") { got == Ok(8) } else { got == Err(libc::EFAULT) };
        c.check(ok, format!("{what}: {got:?}"));
    }

    // A failed write changed nothing.
    let now = fs::read(&file_path).unwrap_or_default();
    c.check(now == b"0123456789abcdef", format!("file unchanged by the failed writes: {:?}", String::from_utf8_lossy(&now)));
    let leftover = fs::metadata(format!("{dir}/new")).is_ok();
    c.check(!leftover, "no file was created by a failed call");
    // The process is still whole: a good call works.
    c.check(sys(SYS_getcwd, [good, 4096, 0, 0, 0, 0]).is_ok(), "getcwd with a good buffer still works");
    let child = spawn_child(|| 7).expect("fork");
    c.check(wait_for(child).ok() == Some(7 << 8), "fork and wait still work");
    drop(buf);
    let _ = fs::remove_dir_all(&dir);
    c.finish();
}

/// The i32 at address `addr` (the timer id timer_create wrote).
fn buf_i32(addr: c_long) -> c_long {
    // SAFETY: `addr` is the start of the program's own 4 KiB buffer.
    unsafe { *(addr as *const i32) as c_long }
}
