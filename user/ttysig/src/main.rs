//! ^C on the console terminal: with a SIGINT handler installed without
//! SA_RESTART, a read blocked on the terminal fails with EINTR once the
//! QEMU test types `abc` then ^C, the handler has run, and the partial
//! line `abc` was flushed. When stdin is not a terminal it says so and
//! passes.

use exo_testkit::{errno, Checks};
use std::sync::atomic::{AtomicBool, Ordering};

static GOT_SIGINT: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_: libc::c_int) {
    GOT_SIGINT.store(true, Ordering::SeqCst);
}

fn main() {
    let mut checks = Checks::new("ttysig");
    // SAFETY: isatty has no preconditions.
    if unsafe { libc::isatty(0) } != 1 {
        println!("skip - stdin is not a terminal");
        checks.finish();
    }
    // SAFETY: sigaction is plain data; the handler only stores an atomic.
    let r = unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_sigint as extern "C" fn(libc::c_int) as usize;
        libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut())
    };
    checks.check(r == 0, "sigaction(SIGINT) without SA_RESTART");
    println!("ttysig: ready");
    let mut buf = [0u8; 16];
    // The ^C may come before the read starts (the test types as soon as it
    // sees the line above); then the handler has already run.
    if !GOT_SIGINT.load(Ordering::SeqCst) {
        // SAFETY: reading into a 16-byte buffer.
        let n = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
        let err = errno();
        checks.check(n == -1 && err == libc::EINTR, format!("read interrupted by ^C: {n}, errno {err}"));
    }
    checks.check(GOT_SIGINT.load(Ordering::SeqCst), "SIGINT handler ran");

    // The partial line typed before ^C is gone: a raw VMIN=0 read finds nothing.
    // SAFETY: termios is plain data; tcgetattr fills it.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a valid termios.
    let ok = unsafe { libc::tcgetattr(0, &mut t) } == 0;
    let orig = t;
    t.c_lflag &= !libc::ICANON;
    t.c_cc[libc::VMIN] = 0;
    t.c_cc[libc::VTIME] = 0;
    // SAFETY: as above.
    let ok = ok && unsafe { libc::tcsetattr(0, libc::TCSANOW, &t) } == 0;
    // SAFETY: reading into a 16-byte buffer.
    let n = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
    checks.check(ok && n == 0, format!("input flushed by ^C: raw read gives {n}"));
    // SAFETY: as above.
    unsafe { libc::tcsetattr(0, libc::TCSANOW, &orig) };
    checks.finish();
}
