//! Pipes between processes, and poll/select on them: 1 MiB from a child to
//! its parent in uneven pieces (every byte checked in place, so a lost or
//! reordered byte fails), end of file once the writers are gone, EPIPE with
//! SIGPIPE ignored and death by SIGPIPE without, O_NONBLOCK (EAGAIN on an
//! empty or a full pipe, FIONREAD), poll and select timing out on an empty
//! pipe and waking when another process writes, POLLHUP/POLLERR once an end
//! is closed, and pipe2's flags.

use exo_testkit::{describe_status, errno, spawn_child, wait_for, Checks};
use std::time::{Duration, Instant};

/// Bytes the child sends in the big transfer.
const TOTAL: usize = 1 << 20;
/// Write sizes the child cycles through (some above PIPE_BUF and above
/// the pipe's capacity, so writes are split and block).
const WRITE_SIZES: [usize; 8] = [1, 7, 100, 4096, 4097, 65536, 70000, 123];
/// Read sizes the parent cycles through.
const READ_SIZES: [usize; 5] = [1, 3000, 65536, 100_000, 17];

/// The byte at stream position `i`: depends on the position, so a lost
/// or reordered byte shows.
fn pattern(i: usize) -> u8 {
    (i.wrapping_mul(31) ^ (i >> 11) ^ (i >> 17)) as u8
}

/// FNV-1a, to compare the whole stream at once.
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn pipe2(flags: i32) -> [i32; 2] {
    let mut fds = [-1; 2];
    // SAFETY: `fds` has room for the two descriptors.
    let r = unsafe { libc::pipe2(fds.as_mut_ptr(), flags) };
    assert_eq!(r, 0, "pipe2({flags:#x}): errno {}", errno());
    fds
}

fn close(fd: i32) {
    // SAFETY: closing a descriptor has no memory-safety preconditions.
    unsafe { libc::close(fd) };
}

/// read(2): bytes read, or -1 (errno set).
fn read(fd: i32, buf: &mut [u8]) -> isize {
    // SAFETY: `buf` is valid for writes of its length.
    unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) }
}

/// write(2): bytes written, or -1 (errno set).
fn write(fd: i32, buf: &[u8]) -> isize {
    // SAFETY: `buf` is valid for reads of its length.
    unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) }
}

fn write_all(fd: i32, mut buf: &[u8]) -> bool {
    while !buf.is_empty() {
        let n = write(fd, buf);
        if n <= 0 {
            return false;
        }
        buf = &buf[n as usize..];
    }
    true
}

fn poll1(fd: i32, events: i16, timeout_ms: i32) -> (i32, i16) {
    let mut pfd = libc::pollfd { fd, events, revents: 0 };
    // SAFETY: one valid pollfd.
    let r = unsafe { libc::poll(&mut pfd, 1, timeout_ms) };
    (r, pfd.revents)
}

/// select on `fd` for reading; returns (result, still set, time left).
fn select_read(fd: i32, timeout: Duration) -> (i32, bool, Duration) {
    // SAFETY: fd_set is plain data; FD_ZERO/FD_SET/FD_ISSET stay in bounds
    // for fd < FD_SETSIZE.
    unsafe {
        let mut set: libc::fd_set = std::mem::zeroed();
        libc::FD_ZERO(&mut set);
        libc::FD_SET(fd, &mut set);
        let mut tv = libc::timeval { tv_sec: timeout.as_secs() as _, tv_usec: timeout.subsec_micros() as _ };
        let r = libc::select(fd + 1, &mut set, std::ptr::null_mut(), std::ptr::null_mut(), &mut tv);
        let left = Duration::new(tv.tv_sec as u64, tv.tv_usec as u32 * 1000);
        (r, libc::FD_ISSET(fd, &set), left)
    }
}

fn set_sigpipe(handler: libc::sighandler_t) {
    // SAFETY: SIG_IGN and SIG_DFL are valid dispositions for SIGPIPE.
    unsafe { libc::signal(libc::SIGPIPE, handler) };
}

/// 1 MiB from a child, in uneven writes, read in uneven pieces.
fn big_transfer(checks: &mut Checks) {
    let [r, w] = pipe2(0);
    let child = spawn_child(|| {
        close(r);
        let data: Vec<u8> = (0..TOTAL).map(pattern).collect();
        let mut at = 0;
        for size in WRITE_SIZES.iter().cycle() {
            if at == TOTAL {
                break;
            }
            let end = (at + size).min(TOTAL);
            if !write_all(w, &data[at..end]) {
                return 1;
            }
            at = end;
        }
        0
    })
    .expect("fork");
    close(w);
    let mut buf = vec![0u8; 100_000];
    let (mut got, mut hash, mut first_bad) = (0usize, FNV_OFFSET, None);
    for size in READ_SIZES.iter().cycle() {
        let n = read(r, &mut buf[..*size]);
        if n <= 0 {
            checks.check(n == 0, format!("the stream ends with end of file (read gave {n}, errno {})", errno()));
            break;
        }
        let piece = &buf[..n as usize];
        if first_bad.is_none() {
            first_bad = piece.iter().enumerate().find(|&(k, &b)| b != pattern(got + k)).map(|(k, _)| got + k);
        }
        hash = fnv1a(hash, piece);
        got += piece.len();
    }
    let expected = (0..TOTAL).map(pattern).fold(FNV_OFFSET, |h, b| fnv1a(h, &[b]));
    checks.check(got == TOTAL, format!("{got} of {TOTAL} bytes arrived"));
    checks.check(first_bad.is_none(), format!("every byte in place (first wrong at {first_bad:?})"));
    checks.check(hash == expected, format!("checksum {hash:#x}, expected {expected:#x}"));
    let status = wait_for(child).expect("waitpid");
    checks.check(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, format!("writer: {}", describe_status(status)));
    close(r);
}

/// End of file after the buffered bytes once the only writer closes.
fn eof_after_close(checks: &mut Checks) {
    let [r, w] = pipe2(0);
    write_all(w, b"abc");
    close(w);
    let mut buf = [0u8; 16];
    let first = read(r, &mut buf);
    let second = read(r, &mut buf);
    checks.check(first == 3 && &buf[..3] == b"abc" && second == 0, format!("buffered bytes then EOF: {first}, then {second}"));
    let (n, revents) = poll1(r, libc::POLLIN, 0);
    checks.check(n == 1 && revents & libc::POLLHUP != 0, format!("POLLHUP on the read end without writers ({n}, {revents:#x})"));
    close(r);
}

/// EPIPE with SIGPIPE ignored; death by SIGPIPE with the default action.
fn broken_pipe(checks: &mut Checks) {
    set_sigpipe(libc::SIG_IGN);
    let [r, w] = pipe2(0);
    close(r);
    let (n, revents) = poll1(w, libc::POLLOUT, 0);
    checks.check(n == 1 && revents & libc::POLLERR != 0, format!("POLLERR on the write end without readers ({n}, {revents:#x})"));
    let n = write(w, b"x");
    let err = errno();
    checks.check(n == -1 && err == libc::EPIPE, format!("write without readers: {n}, errno {err} (EPIPE = {})", libc::EPIPE));
    let child = spawn_child(|| {
        set_sigpipe(libc::SIG_DFL);
        write(w, b"x");
        2 // still alive: SIGPIPE did not kill
    })
    .expect("fork");
    close(w);
    let status = wait_for(child).expect("waitpid");
    checks.check(
        libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == libc::SIGPIPE,
        format!("writer with SIGPIPE at default: {}", describe_status(status)),
    );
}

/// O_NONBLOCK: EAGAIN on an empty pipe and on a full one; FIONREAD.
fn nonblocking(checks: &mut Checks) {
    let [r, w] = pipe2(libc::O_NONBLOCK);
    // SAFETY: F_GETFL has no memory arguments.
    let flags = unsafe { libc::fcntl(r, libc::F_GETFL) };
    checks.check(flags & libc::O_NONBLOCK != 0, format!("F_GETFL shows O_NONBLOCK ({flags:#x})"));
    let mut buf = [0u8; 8];
    let n = read(r, &mut buf);
    let err = errno();
    checks.check(n == -1 && err == libc::EAGAIN, format!("O_NONBLOCK read on an empty pipe: {n}, errno {err} (EAGAIN)"));
    let chunk = [0x5au8; 4096];
    let mut total = 0usize;
    let err = loop {
        let n = write(w, &chunk);
        if n < 0 {
            break errno();
        }
        total += n as usize;
        if total > 16 << 20 {
            break 0;
        }
    };
    checks.check(err == libc::EAGAIN && total >= 4096 && total.is_multiple_of(4096), format!("O_NONBLOCK writes fill {total} bytes, then errno {err} (EAGAIN)"));
    let mut available: libc::c_int = -1;
    // SAFETY: FIONREAD writes one int to `available`.
    let r_ioctl = unsafe { libc::ioctl(r, libc::FIONREAD, &mut available) };
    checks.check(r_ioctl == 0 && available as usize == total, format!("FIONREAD: {available} bytes"));
    close(r);
    close(w);
}

/// poll and select time out on an empty pipe, and wake when a child writes.
fn waiting(checks: &mut Checks) {
    let [r, w] = pipe2(0);
    let (n, revents) = poll1(w, libc::POLLOUT, 0);
    checks.check(n == 1 && revents == libc::POLLOUT, format!("POLLOUT on an empty pipe ({n}, {revents:#x})"));
    let start = Instant::now();
    let (n, _) = poll1(r, libc::POLLIN, 100);
    let waited = start.elapsed();
    checks.check(n == 0 && waited >= Duration::from_millis(100), format!("poll times out on an empty pipe: {n} after {waited:?}"));

    let start = Instant::now();
    let (n, set, _) = select_read(r, Duration::from_millis(100));
    let waited = start.elapsed();
    checks.check(n == 0 && !set && waited >= Duration::from_millis(100), format!("select times out on an empty pipe: {n} after {waited:?}"));

    let writer = |w: i32| {
        move || {
            std::thread::sleep(Duration::from_millis(50));
            if write_all(w, b"ping") {
                0
            } else {
                1
            }
        }
    };
    let child = spawn_child(writer(w)).expect("fork");
    let start = Instant::now();
    let (n, revents) = poll1(r, libc::POLLIN, 5000);
    let waited = start.elapsed();
    let mut buf = [0u8; 8];
    let got = read(r, &mut buf);
    checks.check(
        n == 1 && revents & libc::POLLIN != 0 && got == 4 && waited < Duration::from_secs(5),
        format!("poll wakes when another process writes: {n}, {revents:#x} after {waited:?}, read {got}"),
    );
    let status = wait_for(child).expect("waitpid");
    checks.check(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, format!("poll writer: {}", describe_status(status)));

    let child = spawn_child(writer(w)).expect("fork");
    let start = Instant::now();
    let (n, set, left) = select_read(r, Duration::from_secs(5));
    let waited = start.elapsed();
    let got = read(r, &mut buf);
    checks.check(
        n == 1 && set && got == 4 && waited < Duration::from_secs(5),
        format!("select wakes when another process writes: {n} after {waited:?}, read {got}"),
    );
    checks.check(left < Duration::from_secs(5) && left > Duration::from_secs(3), format!("select leaves the time left: {left:?}"));
    let status = wait_for(child).expect("waitpid");
    checks.check(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, format!("select writer: {}", describe_status(status)));
    close(r);
    close(w);
}

/// pipe2 flags: O_CLOEXEC sets FD_CLOEXEC on both ends; unknown flags fail.
fn pipe2_flags(checks: &mut Checks) {
    // SAFETY: F_GETFD has no memory arguments.
    let cloexec = |fd: i32| unsafe { libc::fcntl(fd, libc::F_GETFD) } & libc::FD_CLOEXEC != 0;
    let [r, w] = pipe2(libc::O_CLOEXEC);
    checks.check(cloexec(r) && cloexec(w), "pipe2(O_CLOEXEC) sets FD_CLOEXEC on both ends");
    close(r);
    close(w);
    let [r, w] = pipe2(0);
    checks.check(!cloexec(r) && !cloexec(w), "pipe2(0) leaves FD_CLOEXEC clear");
    close(r);
    close(w);
    let mut fds = [-1; 2];
    // SAFETY: `fds` has room for two descriptors.
    let n = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_APPEND) };
    let err = errno();
    checks.check(n == -1 && err == libc::EINVAL, format!("pipe2(O_APPEND): {n}, errno {err} (EINVAL)"));
}

/// The calls glibc does not use for poll()/select() here: ppoll and the
/// old select system call (glibc's select is pselect6).
fn other_calls(checks: &mut Checks) {
    let [r, w] = pipe2(0);
    let mut pfd = libc::pollfd { fd: r, events: libc::POLLIN, revents: 0 };
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 50_000_000 };
    let start = Instant::now();
    // SAFETY: one valid pollfd, a valid timespec, no signal mask.
    let n = unsafe { libc::syscall(libc::SYS_ppoll, &mut pfd, 1, &mut ts, std::ptr::null::<u8>(), 8) };
    let waited = start.elapsed();
    checks.check(
        n == 0 && waited >= Duration::from_millis(50) && ts.tv_sec == 0 && ts.tv_nsec == 0,
        format!("ppoll times out after {waited:?}, time left {}.{:09}", ts.tv_sec, ts.tv_nsec),
    );
    write_all(w, b"x");
    // SAFETY: as above.
    let n = unsafe { libc::syscall(libc::SYS_ppoll, &mut pfd, 1, std::ptr::null::<u8>(), std::ptr::null::<u8>(), 8) };
    checks.check(n == 1 && pfd.revents == libc::POLLIN, format!("ppoll without timeout sees data ({n}, {:#x})", pfd.revents));
    // SAFETY: fd_set is plain data; the bit operations stay in bounds.
    let (n, set) = unsafe {
        let mut set: libc::fd_set = std::mem::zeroed();
        libc::FD_SET(r, &mut set);
        libc::FD_SET(w, &mut set);
        let mut tv = libc::timeval { tv_sec: 1, tv_usec: 0 };
        let n = libc::syscall(libc::SYS_select, w + 1, &mut set, std::ptr::null_mut::<u8>(), std::ptr::null_mut::<u8>(), &mut tv);
        (n, (libc::FD_ISSET(r, &set), libc::FD_ISSET(w, &set)))
    };
    checks.check(n == 1 && set == (true, false), format!("select(2) system call: {n}, read end {}, write end {}", set.0, set.1));
    close(r);
    close(w);
    // SAFETY: as above; `r` is now closed.
    let n = unsafe {
        let mut set: libc::fd_set = std::mem::zeroed();
        libc::FD_SET(r, &mut set);
        libc::select(r + 1, &mut set, std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut())
    };
    let err = errno();
    checks.check(n == -1 && err == libc::EBADF, format!("select on a closed descriptor: {n}, errno {err} (EBADF)"));
}

fn main() {
    let mut checks = Checks::new("pipes");
    big_transfer(&mut checks);
    eof_after_close(&mut checks);
    broken_pipe(&mut checks);
    nonblocking(&mut checks);
    waiting(&mut checks);
    pipe2_flags(&mut checks);
    other_calls(&mut checks);
    checks.finish();
}
