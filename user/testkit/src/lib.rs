//! What the test programs in `user/` share: one output line per check, the
//! closing verdict line, and fork/wait helpers.
//!
//! # Output contract
//!
//! Every check prints `ok - <what>` or `not ok - <what>`. The last line is
//! exactly `PASS <name>` (exit status 0) or `FAIL <name>: <reason>` (exit
//! status 1). Harnesses (`xtask user-linux` on this host, the QEMU tests on
//! Exo-OS) look only for that last line and the exit status, so the same
//! static binary is judged the same way on both kernels.
//!
//! # Design
//!
//! A panic anywhere, in any thread, also ends in a `FAIL` line and exit 1
//! (a panic hook), so `unwrap` in a test program gives a readable failure
//! instead of Rust's silent exit 101. Forked children never print: they
//! report through their exit status, which keeps the output order fixed.

use std::fmt::Display;
use std::io::{self, Write};

/// The checks of one program, and its verdict.
#[derive(Debug)]
pub struct Checks {
    name: &'static str,
    failed: Vec<String>,
}

impl Checks {
    /// Starts the checks of program `name`; installs the panic hook.
    pub fn new(name: &'static str) -> Self {
        std::panic::set_hook(Box::new(move |info| {
            println!("FAIL {name}: panic: {info}");
            std::process::exit(1);
        }));
        Checks { name, failed: Vec::new() }
    }

    /// Prints one check line and remembers a failure; returns `ok`.
    pub fn check(&mut self, ok: bool, what: impl Display) -> bool {
        if ok {
            println!("ok - {what}");
        } else {
            println!("not ok - {what}");
            self.failed.push(what.to_string());
        }
        ok
    }

    /// Prints the verdict line and exits: 0 if every check passed, else 1.
    pub fn finish(self) -> ! {
        if self.failed.is_empty() {
            println!("PASS {}", self.name);
            std::process::exit(0);
        }
        println!("FAIL {}: {}", self.name, self.failed.join("; "));
        std::process::exit(1);
    }
}

/// The calling thread's `errno` after a failed libc call.
pub fn errno() -> i32 {
    io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// Forks; the child runs `child` and ends with `_exit(child())`. Returns the
/// child's pid to the parent.
///
/// Call it only while the process has one thread (as after `fork` in any
/// POSIX program). A panic in the child ends it with status 101, silently.
pub fn spawn_child(child: impl FnOnce() -> i32) -> io::Result<libc::pid_t> {
    // Anything still buffered would otherwise be printed twice.
    io::stdout().flush()?;
    // SAFETY: fork has no memory-safety preconditions; the caller keeps the
    // process single-threaded, so the child's copy of every lock is free.
    let pid = unsafe { libc::fork() };
    match pid {
        -1 => Err(io::Error::last_os_error()),
        0 => {
            std::panic::set_hook(Box::new(|_| exit_now(101)));
            let code = child();
            exit_now(code)
        }
        pid => Ok(pid),
    }
}

/// `_exit(code)`: ends the process at once, without flushing or running
/// exit handlers (what a forked child must do).
pub fn exit_now(code: i32) -> ! {
    // SAFETY: _exit never returns and touches no memory of this process.
    unsafe { libc::_exit(code) }
}

/// `waitpid(pid, &status, 0)`, retried on EINTR; returns the raw status.
pub fn wait_for(pid: libc::pid_t) -> io::Result<i32> {
    let mut status = 0;
    loop {
        // SAFETY: `status` is a valid, writable int for the call's duration.
        let r = unsafe { libc::waitpid(pid, &mut status, 0) };
        if r == pid {
            return Ok(status);
        }
        let err = io::Error::last_os_error();
        if r != -1 || err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

/// Describes a raw wait status: `exited with N` or `killed by signal N`.
pub fn describe_status(status: i32) -> String {
    if libc::WIFEXITED(status) {
        format!("exited with {}", libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        format!("killed by signal {}", libc::WTERMSIG(status))
    } else {
        format!("raw status {status:#x}")
    }
}

/// Mounts proc on /proc if nothing is there: a test program booted as
/// init on Exo-OS runs before anyone mounted it (on Linux it is there).
/// Failures are ignored; the checks that read /proc then report them.
pub fn ensure_proc() {
    if std::path::Path::new("/proc/self").exists() {
        return;
    }
    let _ = std::fs::create_dir("/proc");
    let proc_name = c"proc";
    let target = c"/proc";
    // SAFETY: NUL-terminated strings and no data.
    unsafe { libc::mount(proc_name.as_ptr(), target.as_ptr(), proc_name.as_ptr(), 0, std::ptr::null()) };
}
