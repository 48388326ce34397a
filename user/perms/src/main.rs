//! Credentials and permission checks, as root and as an unprivileged
//! user: set*id rules (setuid, setresuid with a saved uid, setfsuid,
//! setgroups), mode-bit checks on open, access, search, create, unlink,
//! the sticky bit, chmod/chown/utimensat ownership rules, truncate, exec
//! permission, a set-user-id program, kill and mount permission, and
//! /proc/self/status. Run as root (init, or root on Linux); prints one
//! line per check and `PASS perms`.
//!
//! Children that drop privileges cannot print (testkit's rule), so they
//! send their check lines through a pipe and the parent prints them.

use exo_testkit::{errno, spawn_child, wait_for, Checks};
use std::ffi::CString;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::fs::{MetadataExt, PermissionsExt};

const USER: u32 = 1000;
const OTHER: u32 = 2000;

fn cs(path: &str) -> CString {
    CString::new(path).expect("no NUL in test paths")
}

/// The result of a libc call returning -1 on error: Ok(value) or Err(errno).
fn sys(ret: i64) -> Result<i64, i32> {
    if ret == -1 {
        Err(errno())
    } else {
        Ok(ret)
    }
}

fn open(path: &str, flags: i32) -> Result<i64, i32> {
    // SAFETY: a NUL-terminated path; the descriptor is closed below.
    let fd = sys(unsafe { libc::open(cs(path).as_ptr(), flags, 0o644) } as i64)?;
    // SAFETY: closing the descriptor just opened.
    unsafe { libc::close(fd as i32) };
    Ok(fd)
}

fn access(path: &str, mode: i32) -> Result<i64, i32> {
    // SAFETY: a NUL-terminated path.
    sys(unsafe { libc::access(cs(path).as_ptr(), mode) } as i64)
}

/// Check lines written by a child into a pipe, relayed by the parent.
struct Report {
    out: File,
}

impl Report {
    fn check(&mut self, ok: bool, what: impl std::fmt::Display) {
        let _ = writeln!(self.out, "{}{what}", if ok { "ok - " } else { "not ok - " });
    }

    fn errno_is(&mut self, got: Result<i64, i32>, want: i32, what: &str) {
        self.check(got == Err(want), format!("{what}: {got:?}, want errno {want}"));
    }

    fn succeeds(&mut self, got: Result<i64, i32>, what: &str) {
        self.check(got.is_ok(), format!("{what}: {got:?}"));
    }
}

/// Runs `body` in a child that reports through a pipe; prints its lines.
fn in_child(c: &mut Checks, what: &str, body: impl FnOnce(&mut Report)) {
    let mut fds = [0i32; 2];
    // SAFETY: fds has room for the two descriptors pipe writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    let [read_fd, write_fd] = fds;
    let pid = spawn_child(move || {
        // SAFETY: in the child both descriptors are open and owned by
        // nobody else: close the read end, own the write end.
        let out = unsafe {
            libc::close(read_fd);
            File::from_raw_fd(write_fd)
        };
        body(&mut Report { out });
        0
    })
    .expect("fork");
    // SAFETY: the parent's copies: close the write end (so the read ends
    // when the child exits) and own the read end.
    let mut reader = unsafe {
        libc::close(write_fd);
        File::from_raw_fd(read_fd)
    };
    let mut text = String::new();
    let _ = reader.read_to_string(&mut text);
    let status = wait_for(pid).unwrap_or(-1);
    c.check(status == 0, format!("{what}: child exited with status {status:#x}"));
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("ok - ") {
            c.check(true, format!("{what}: {rest}"));
        } else if let Some(rest) = line.strip_prefix("not ok - ") {
            c.check(false, format!("{what}: {rest}"));
        }
    }
}

/// Drops to uid and gid `uid` with no supplementary groups.
fn become_user(r: &mut Report, uid: u32) {
    // SAFETY: plain system calls without pointers (setgroups gets none).
    let ok = unsafe { libc::setgroups(0, std::ptr::null()) == 0 && libc::setgid(uid) == 0 && libc::setuid(uid) == 0 };
    r.check(ok, format!("dropped to uid {uid}"));
}

fn resuid() -> (u32, u32, u32) {
    let (mut a, mut b, mut d) = (0, 0, 0);
    // SAFETY: three valid out pointers.
    unsafe { libc::getresuid(&mut a, &mut b, &mut d) };
    (a, b, d)
}

fn main() {
    let mut c = Checks::new("perms");
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("report-ids") {
        // Run set-user-id by the parent: exit 0 if the ids are as expected.
        let (r, e, s) = resuid();
        // SAFETY: getauxval has no preconditions.
        let secure = unsafe { libc::getauxval(libc::AT_SECURE) };
        std::process::exit(if (r, e, s) == (OTHER, USER, USER) && secure == 1 { 0 } else { 1 });
    }
    if args.get(1).map(String::as_str) == Some("report-plain") {
        // Run from a nosuid mount: the set-user-id bit must not count.
        let (r, e, s) = resuid();
        // SAFETY: getauxval has no preconditions.
        let secure = unsafe { libc::getauxval(libc::AT_SECURE) };
        std::process::exit(if (r, e, s) == (OTHER, OTHER, OTHER) && secure == 0 { 0 } else { 1 });
    }
    // SAFETY: getuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        c.check(false, "must run as root");
        c.finish();
    }
    exo_testkit::ensure_proc();
    let _ = fs::create_dir("/tmp");
    let base = format!("/tmp/exo-perms-{}", std::process::id());
    let _ = fs::remove_dir_all(&base);
    let mkdir = |p: &str, mode: u32| {
        fs::create_dir(p).expect("mkdir");
        fs::set_permissions(p, fs::Permissions::from_mode(mode)).expect("chmod");
    };
    let write = |p: &str, mode: u32| {
        fs::write(p, b"data").expect("write");
        fs::set_permissions(p, fs::Permissions::from_mode(mode)).expect("chmod");
    };
    mkdir(&base, 0o755);
    let d = format!("{base}/root");
    mkdir(&d, 0o755);
    write(&format!("{d}/secret"), 0o600);
    write(&format!("{d}/public"), 0o644);
    mkdir(&format!("{d}/private"), 0o700);
    write(&format!("{d}/private/inner"), 0o644);
    let sticky = format!("{base}/sticky");
    mkdir(&sticky, 0o1777);
    write(&format!("{sticky}/rootfile"), 0o666);
    let shared = format!("{base}/shared");
    mkdir(&shared, 0o777);
    write(&format!("{shared}/rootrw"), 0o666);

    // Root: getuid family and groups.
    // SAFETY: setgroups with an empty list and getgroups with size 0.
    let groups = unsafe { (libc::setgroups(0, std::ptr::null()), libc::getgroups(0, std::ptr::null_mut())) };
    c.check(groups == (0, 0), format!("setgroups([]) then getgroups: {groups:?}"));
    c.check(resuid() == (0, 0, 0), "root: getresuid (0, 0, 0)");
    c.check(access(&format!("{d}/secret"), libc::X_OK) == Err(libc::EACCES), "root: X_OK on a file without x bits is EACCES");
    c.check(open(&format!("{d}/secret"), libc::O_RDWR).is_ok(), "root: opens a 0600 file of its own for writing");
    // The access mode of the open file decides, for every read and write call.
    let ro = File::open(format!("{d}/public")).expect("open O_RDONLY");
    let wo = fs::OpenOptions::new().write(true).open(format!("{d}/public")).expect("open O_WRONLY");
    let mut byte = [0u8; 1];
    let iov = libc::iovec { iov_base: byte.as_mut_ptr().cast(), iov_len: 1 };
    // SAFETY: a valid one-byte buffer and iovec for every call.
    let results = unsafe {
        [
            ("pwrite64 on O_RDONLY", sys(libc::pwrite(ro.as_raw_fd(), byte.as_ptr().cast(), 1, 0) as i64)),
            ("writev on O_RDONLY", sys(libc::writev(ro.as_raw_fd(), &iov, 1) as i64)),
            ("pread64 on O_WRONLY", sys(libc::pread(wo.as_raw_fd(), byte.as_mut_ptr().cast(), 1, 0) as i64)),
            ("readv on O_WRONLY", sys(libc::readv(wo.as_raw_fd(), &iov, 1) as i64)),
        ]
    };
    for (what, got) in results {
        c.check(got == Err(libc::EBADF), format!("{what}: {got:?}, want EBADF"));
    }
    drop((ro, wo));

    in_child(&mut c, "uid 1000", |r| {
        become_user(r, USER);
        r.check(resuid() == (USER, USER, USER), format!("getresuid {:?}", resuid()));
        // SAFETY: plain calls.
        r.errno_is(sys(unsafe { libc::setuid(0) } as i64), libc::EPERM, "setuid(0) back");
        // SAFETY: setgroups with an empty list.
        r.errno_is(sys(unsafe { libc::setgroups(0, std::ptr::null()) } as i64), libc::EPERM, "setgroups");
        r.errno_is(open(&format!("{d}/secret"), libc::O_RDONLY), libc::EACCES, "read a 0600 root file");
        r.succeeds(open(&format!("{d}/public"), libc::O_RDONLY), "read a 0644 root file");
        r.errno_is(open(&format!("{d}/public"), libc::O_WRONLY), libc::EACCES, "write a 0644 root file");
        r.errno_is(open(&format!("{d}/public"), libc::O_RDONLY | libc::O_TRUNC), libc::EACCES, "O_TRUNC a 0644 root file");
        r.succeeds(access(&format!("{d}/public"), libc::R_OK), "access R_OK");
        r.errno_is(access(&format!("{d}/public"), libc::W_OK), libc::EACCES, "access W_OK");
        r.succeeds(access(&format!("{d}/secret"), libc::F_OK), "access F_OK of an unreadable file");
        r.errno_is(open(&format!("{d}/new"), libc::O_CREAT | libc::O_WRONLY), libc::EACCES, "create in a 0755 root dir");
        r.errno_is(open(&format!("{d}/private/inner"), libc::O_RDONLY), libc::EACCES, "search a 0700 root dir");
        r.errno_is(access(&format!("{d}/private/inner"), libc::F_OK), libc::EACCES, "access through a 0700 dir");
        r.errno_is(sys(unsafe_chdir(&format!("{d}/private"))), libc::EACCES, "chdir into a 0700 dir");
        r.errno_is(open(&format!("{d}/private"), libc::O_RDONLY | libc::O_DIRECTORY), libc::EACCES, "open a 0700 root dir");

        let mine = format!("{shared}/mine");
        r.succeeds(open(&mine, libc::O_CREAT | libc::O_WRONLY), "create in a 0777 dir");
        let m = fs::metadata(&mine);
        r.check(m.as_ref().is_ok_and(|m| m.uid() == USER && m.gid() == USER), "new file owned by 1000:1000 (statx)");
        // SAFETY: an all-zero struct stat is valid; stat fills it.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        // SAFETY: a NUL-terminated path and a valid stat buffer.
        let ok = unsafe { libc::syscall(libc::SYS_stat, CString::new(mine.as_str()).expect("path").as_ptr(), &mut st) } == 0;
        r.check(ok && st.st_uid == USER && st.st_gid == USER, format!("stat(2) st_uid {} st_gid {}", st.st_uid, st.st_gid));
        r.succeeds(chmod(&mine, 0o600), "chmod own file");
        r.errno_is(chmod(&format!("{d}/public"), 0o666), libc::EPERM, "chmod a root file");
        r.errno_is(chown(&mine, 0, u32::MAX), libc::EPERM, "chown own file to root");
        r.succeeds(chown(&mine, u32::MAX, USER), "chgrp own file to own group");
        r.errno_is(chown(&mine, u32::MAX, 5), libc::EPERM, "chgrp own file to a foreign group");
        r.succeeds(sys(unsafe_mkdir(&format!("{shared}/sub"))), "mkdir in a 0777 dir");
        r.errno_is(sys(unsafe_mkdir(&format!("{d}/sub"))), libc::EACCES, "mkdir in a 0755 root dir");
        r.errno_is(sys(unsafe_mkdir(&format!("{d}/public"))), libc::EEXIST, "mkdir over an existing name");
        r.errno_is(unlink(&format!("{sticky}/rootfile")), libc::EPERM, "unlink root's file in a sticky dir");
        r.errno_is(rename(&format!("{sticky}/rootfile"), &format!("{sticky}/moved")), libc::EPERM, "rename root's file in a sticky dir");
        r.errno_is(unlink(&format!("{d}/public")), libc::EACCES, "unlink in a 0755 root dir");
        r.succeeds(unlink(&format!("{shared}/rootrw")), "unlink root's file in a non-sticky 0777 dir");
        r.errno_is(truncate(&format!("{d}/public")), libc::EACCES, "truncate a 0644 root file");
        r.errno_is(utimes(&format!("{d}/public"), true), libc::EACCES, "touch a 0644 root file");
        r.succeeds(utimes(&mine, false), "set times of own file");
        r.errno_is(utimes(&format!("{sticky}/rootfile"), false), libc::EPERM, "set explicit times of a 0666 root file");
        r.succeeds(utimes(&format!("{sticky}/rootfile"), true), "touch a 0666 root file");
        r.errno_is(exec(&format!("{d}/public")), libc::EACCES, "exec a 0644 file");
        // SAFETY: kill with signal 0 sends nothing.
        r.errno_is(sys(unsafe { libc::kill(1, 0) } as i64), libc::EPERM, "kill(1, 0) of a root process");
        r.errno_is(mount_tmpfs(&format!("{shared}/sub")), libc::EPERM, "mount");
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: valid rlimit pointers.
        unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) };
        lim.rlim_max += 1;
        lim.rlim_cur = lim.rlim_max;
        // SAFETY: a valid rlimit pointer.
        r.errno_is(sys(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lim) } as i64), libc::EPERM, "raise a hard limit");
        let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
        let uid_line = status.lines().find(|l| l.starts_with("Uid:")).unwrap_or("").to_string();
        r.check(uid_line == "Uid:\t1000\t1000\t1000\t1000", format!("/proc/self/status {uid_line:?}"));
        let owner = fs::metadata("/proc/self").map(|m| (m.uid(), m.gid()));
        r.check(owner.as_ref().ok() == Some(&(USER, USER)), format!("/proc/self owned by {owner:?}"));
    });

    in_child(&mut c, "saved uid 0", |r| {
        // SAFETY: plain calls.
        let dropped = unsafe { libc::setresuid(USER, USER, 0) };
        r.check(dropped == 0 && resuid() == (USER, USER, 0), format!("setresuid(1000, 1000, 0): {:?}", resuid()));
        r.errno_is(open(&format!("{d}/secret"), libc::O_RDONLY), libc::EACCES, "euid 1000 cannot read a 0600 file");
        // SAFETY: plain call.
        r.succeeds(sys(unsafe { libc::seteuid(0) } as i64), "seteuid(0) through the saved uid");
        r.succeeds(open(&format!("{d}/secret"), libc::O_RDONLY), "euid 0 reads it");
        // SAFETY: plain calls; setfsuid returns the previous fsuid.
        let old = unsafe { libc::setfsuid(USER) };
        r.check(old == 0, format!("setfsuid(1000) returned {old}"));
        r.errno_is(open(&format!("{d}/secret"), libc::O_RDONLY), libc::EACCES, "fsuid 1000 decides file access");
        // SAFETY: plain call.
        let back = unsafe { libc::setfsuid(0) };
        r.check(back == USER as i32, format!("setfsuid(0) returned {back}"));
        r.errno_is(access(&format!("{d}/secret"), libc::R_OK), libc::EACCES, "access() checks the real uid 1000");
    });

    // A set-user-id copy of this program, owned by 1000, run by uid 2000.
    let prog = format!("{shared}/suid-copy");
    let copied = fs::copy("/proc/self/exe", &prog).is_ok()
        && chown(&prog, USER, USER).is_ok()
        && chmod(&prog, 0o4755).is_ok();
    let mode = fs::metadata(&prog).map(|m| m.mode() & 0o7777).unwrap_or(0);
    c.check(copied && mode == 0o4755, format!("set-user-id copy, mode {mode:o}"));
    in_child(&mut c, "set-user-id exec", |r| {
        become_user(r, OTHER);
        let pid = spawn_child(|| {
            let _ = exec_args(&prog, &["perms", "report-ids"]);
            127
        })
        .expect("fork");
        let status = wait_for(pid).unwrap_or(-1);
        r.check(status == 0, format!("ran with (ruid, euid, suid) = (2000, 1000, 1000) and AT_SECURE: status {status:#x}"));
    });
    mount_flag_checks(&mut c, &base, &prog);

    // chown by root clears the set-user-id bit.
    let cleared = chown(&prog, 0, 0).is_ok() && fs::metadata(&prog).map(|m| m.mode() & 0o7777).ok() == Some(0o755);
    c.check(cleared, "chown clears the set-user-id bit");

    let _ = fs::remove_dir_all(&base);
    c.finish();
}

fn chmod(p: &str, mode: u32) -> Result<i64, i32> {
    // SAFETY: a NUL-terminated path.
    sys(unsafe { libc::chmod(cs(p).as_ptr(), mode) } as i64)
}

fn chown(p: &str, uid: u32, gid: u32) -> Result<i64, i32> {
    // SAFETY: a NUL-terminated path.
    sys(unsafe { libc::chown(cs(p).as_ptr(), uid, gid) } as i64)
}

fn unlink(p: &str) -> Result<i64, i32> {
    // SAFETY: a NUL-terminated path.
    sys(unsafe { libc::unlink(cs(p).as_ptr()) } as i64)
}

fn rename(a: &str, b: &str) -> Result<i64, i32> {
    // SAFETY: NUL-terminated paths.
    sys(unsafe { libc::rename(cs(a).as_ptr(), cs(b).as_ptr()) } as i64)
}

fn truncate(p: &str) -> Result<i64, i32> {
    // SAFETY: a NUL-terminated path.
    sys(unsafe { libc::truncate(cs(p).as_ptr(), 0) } as i64)
}

fn unsafe_chdir(p: &str) -> i64 {
    // SAFETY: a NUL-terminated path.
    unsafe { libc::chdir(cs(p).as_ptr()) as i64 }
}

fn unsafe_mkdir(p: &str) -> i64 {
    // SAFETY: a NUL-terminated path.
    unsafe { libc::mkdir(cs(p).as_ptr(), 0o755) as i64 }
}

/// utimensat: to the current time (`now`) or to the epoch.
fn utimes(p: &str, now: bool) -> Result<i64, i32> {
    let epoch = [libc::timespec { tv_sec: 0, tv_nsec: 0 }; 2];
    let times = if now { std::ptr::null() } else { epoch.as_ptr() };
    // SAFETY: a NUL-terminated path and NULL or two timespecs.
    sys(unsafe { libc::utimensat(libc::AT_FDCWD, cs(p).as_ptr(), times, 0) } as i64)
}

fn exec(p: &str) -> Result<i64, i32> {
    exec_args(p, &["x"])
}

/// execv(p, args); returns only on failure.
fn exec_args(p: &str, args: &[&str]) -> Result<i64, i32> {
    let owned: Vec<CString> = args.iter().map(|a| cs(a)).collect();
    let mut argv: Vec<*const libc::c_char> = owned.iter().map(|a| a.as_ptr()).collect();
    argv.push(std::ptr::null());
    // SAFETY: a NUL-terminated path and a NULL-terminated argv of C strings.
    sys(unsafe { libc::execv(cs(p).as_ptr(), argv.as_ptr()) } as i64)
}

fn mount_tmpfs(target: &str) -> Result<i64, i32> {
    mount_fs("tmpfs", target)
}

fn mount_fs(fstype: &str, target: &str) -> Result<i64, i32> {
    // SAFETY: NUL-terminated strings and no data.
    sys(unsafe { libc::mount(cs("none").as_ptr(), cs(target).as_ptr(), cs(fstype).as_ptr(), 0, std::ptr::null()) } as i64)
}

/// MS_NOEXEC, MS_NOSUID and MS_NODEV mounts: /proc/mounts shows them and
/// execve and open obey them. `prog` is a set-user-id copy of this
/// program owned by uid 1000.
fn mount_flag_checks(c: &mut Checks, base: &str, prog: &str) {
    let noexec = format!("{base}/noexec");
    let nosuid = format!("{base}/nosuid");
    let nodev = format!("{base}/nodev");
    for dir in [&noexec, &nosuid, &nodev] {
        fs::create_dir(dir).expect("mkdir mount point");
    }
    let mount_with = |fstype: &str, target: &str, flags: libc::c_ulong| {
        // SAFETY: NUL-terminated strings and no data.
        sys(unsafe { libc::mount(cs("none").as_ptr(), cs(target).as_ptr(), cs(fstype).as_ptr(), flags, std::ptr::null()) } as i64)
    };
    c.check(mount_with("tmpfs", &noexec, libc::MS_NOEXEC).is_ok(), "mount tmpfs MS_NOEXEC");
    c.check(mount_with("tmpfs", &nosuid, libc::MS_NOSUID).is_ok(), "mount tmpfs MS_NOSUID");
    c.check(mount_with("devtmpfs", &nodev, libc::MS_NODEV).is_ok(), "mount devtmpfs MS_NODEV");
    let mounts = fs::read_to_string("/proc/mounts").unwrap_or_default();
    for (dir, flag) in [(&noexec, "noexec"), (&nosuid, "nosuid"), (&nodev, "nodev")] {
        let line = mounts.lines().find(|l| l.split(' ').nth(1) == Some(dir.as_str())).unwrap_or("");
        let shown = line.split(' ').nth(3).is_some_and(|o| o.split(',').any(|f| f == flag));
        c.check(shown, format!("/proc/mounts shows {flag}: {line:?}"));
    }
    let in_noexec = format!("{noexec}/prog");
    let copied = fs::copy(prog, &in_noexec).is_ok() && chmod(&in_noexec, 0o755).is_ok();
    c.check(copied && exec_in_child(&in_noexec, "report-ids") == 127 << 8, "execve on a noexec mount fails");
    let child = spawn_child(|| exec_args(&in_noexec, &["perms"]).err().unwrap_or(0)).expect("fork");
    let status = wait_for(child).unwrap_or(-1);
    c.check(status == libc::EACCES << 8, format!("execve on a noexec mount: EACCES (status {status:#x})"));
    let in_nosuid = format!("{nosuid}/prog");
    let copied = fs::copy(prog, &in_nosuid).is_ok() && chown(&in_nosuid, USER, USER).is_ok() && chmod(&in_nosuid, 0o4755).is_ok();
    let pid = spawn_child(move || {
        // SAFETY: plain calls dropping to uid 2000.
        let dropped = unsafe { libc::setgroups(0, std::ptr::null()) == 0 && libc::setgid(OTHER) == 0 && libc::setuid(OTHER) == 0 };
        if !dropped {
            return 2;
        }
        exec_in_child(&in_nosuid, "report-plain") >> 8
    })
    .expect("fork");
    let status = wait_for(pid).unwrap_or(-1);
    c.check(copied && status == 0, format!("set-user-id ignored on a nosuid mount (status {status:#x})"));
    c.errno_like(open_err(&format!("{nodev}/null")), libc::EACCES, "open a device on a nodev mount");
    for dir in [&noexec, &nosuid, &nodev] {
        // SAFETY: a NUL-terminated path.
        unsafe { libc::umount2(cs(dir).as_ptr(), 0) };
    }
}

/// Runs `prog mode` in a child; its wait status (127 << 8 if exec failed).
fn exec_in_child(prog: &str, mode: &str) -> i32 {
    let prog = prog.to_string();
    let mode = mode.to_string();
    let pid = spawn_child(move || {
        let _ = exec_args(&prog, &["perms", &mode]);
        127
    })
    .expect("fork");
    wait_for(pid).unwrap_or(-1)
}

fn open_err(path: &str) -> Result<i64, i32> {
    open(path, libc::O_RDONLY)
}

/// `errno_is` for the parent's checks.
trait ErrnoCheck {
    fn errno_like(&mut self, got: Result<i64, i32>, want: i32, what: &str);
}

impl ErrnoCheck for Checks {
    fn errno_like(&mut self, got: Result<i64, i32>, want: i32, what: &str) {
        self.check(got == Err(want), format!("{what}: {got:?}, want errno {want}"));
    }
}
