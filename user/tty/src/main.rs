//! The console terminal's termios interface, on stdin: `isatty`, TCGETS
//! (canonical mode with echo by default), TCSETS to raw mode and back, and
//! TIOCGWINSZ (80x25 under Exo-OS; any nonzero size elsewhere). When stdin
//! is not a terminal (as under `make user-linux`), it says so and passes.

use exo_testkit::{errno, Checks};

/// True when running under Exo-OS (uname's version field names it).
fn on_exo() -> bool {
    // SAFETY: utsname is plain data; uname fills it.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a valid, writable utsname.
    if unsafe { libc::uname(&mut u) } != 0 {
        return false;
    }
    let version: Vec<u8> = u.version.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    version.starts_with(b"Exo-OS")
}

fn get_attr(checks: &mut Checks, what: &str) -> Option<libc::termios> {
    // SAFETY: termios is plain data.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a valid, writable termios.
    let r = unsafe { libc::tcgetattr(0, &mut t) };
    checks.check(r == 0, format!("tcgetattr {what}: {r} (errno {})", if r == 0 { 0 } else { errno() })).then_some(t)
}

fn main() {
    let mut checks = Checks::new("tty");
    // SAFETY: isatty has no preconditions.
    if unsafe { libc::isatty(0) } != 1 {
        println!("skip - stdin is not a terminal");
        checks.finish();
    }
    checks.check(true, "isatty(0)");

    let Some(orig) = get_attr(&mut checks, "at start") else { checks.finish() };
    checks.check(orig.c_lflag & libc::ICANON != 0, "ICANON set by default");
    checks.check(orig.c_lflag & libc::ECHO != 0, "ECHO set by default");

    let mut raw = orig;
    // SAFETY: cfmakeraw only edits the struct.
    unsafe { libc::cfmakeraw(&mut raw) };
    raw.c_cc[libc::VMIN] = 0;
    raw.c_cc[libc::VTIME] = 0;
    // SAFETY: `raw` is a valid termios.
    let r = unsafe { libc::tcsetattr(0, libc::TCSANOW, &raw) };
    checks.check(r == 0, format!("tcsetattr raw: {r}"));
    if let Some(now) = get_attr(&mut checks, "after raw") {
        checks.check(now.c_lflag & (libc::ICANON | libc::ECHO) == 0, "raw: ICANON and ECHO clear");
        checks.check(now.c_cc[libc::VMIN] == 0, "raw: VMIN 0 kept");
    }
    // With VMIN 0 and nothing typed, a read returns 0 at once.
    let mut byte = [0u8; 1];
    // SAFETY: reading into a 1-byte buffer.
    let n = unsafe { libc::read(0, byte.as_mut_ptr().cast(), 1) };
    checks.check(n == 0 || !on_exo(), format!("raw VMIN=0 read with no input: {n}"));

    // SAFETY: `orig` is a valid termios.
    let r = unsafe { libc::tcsetattr(0, libc::TCSAFLUSH, &orig) };
    checks.check(r == 0, format!("tcsetattr back (TCSAFLUSH): {r}"));
    if let Some(now) = get_attr(&mut checks, "after restore") {
        checks.check(now.c_lflag == orig.c_lflag && now.c_iflag == orig.c_iflag, "attributes restored");
    }

    // SAFETY: winsize is plain data.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes a winsize to the pointer.
    let r = unsafe { libc::ioctl(0, libc::TIOCGWINSZ, &mut ws) };
    if on_exo() {
        checks.check(r == 0 && ws.ws_row == 25 && ws.ws_col == 80, format!("TIOCGWINSZ: {r}, {}x{}", ws.ws_col, ws.ws_row));
    } else {
        checks.check(r == 0, format!("TIOCGWINSZ: {r}, {}x{}", ws.ws_col, ws.ws_row));
    }

    let mut pgrp: libc::pid_t = 0;
    // SAFETY: TIOCGPGRP writes a pid_t.
    let r = unsafe { libc::ioctl(0, libc::TIOCGPGRP, &mut pgrp) };
    checks.check(r == 0 && pgrp > 0, format!("TIOCGPGRP: {r}, {pgrp}"));
    let mut pending: libc::c_int = -1;
    // SAFETY: FIONREAD writes an int.
    let r = unsafe { libc::ioctl(0, libc::FIONREAD, &mut pending) };
    checks.check(r == 0 && pending >= 0, format!("FIONREAD: {r}, {pending}"));
    checks.finish();
}
