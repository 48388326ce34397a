//! `/sbin/init` for Exo-OS: mounts /proc, /dev and /tmp, sets the host
//! name from /etc/hostname, runs /etc/rc, then keeps a login-free shell
//! on the console (respawned when it exits) and reaps orphans. SIGUSR1
//! (busybox `halt`), SIGUSR2 (`poweroff`) and SIGTERM (`reboot`) stop
//! every process and power the machine off through reboot(2).
//!
//! Arguments: `init [SHELL [ARGS...]]` runs SHELL instead of `/bin/sh`
//! (the kernel passes what follows `--` on its command line); with
//! `-c CMD` as ARGS the shell runs once and the machine powers off after.

use std::ffi::CString;
use std::sync::atomic::{AtomicI32, Ordering};

/// The signal that asked for shutdown (0: none yet).
static STOP: AtomicI32 = AtomicI32::new(0);

extern "C" fn on_stop(sig: libc::c_int) {
    STOP.store(sig, Ordering::SeqCst);
}

fn cstr(s: &str) -> CString {
    CString::new(s).unwrap_or_default()
}

fn mount(source: &str, target: &str, fstype: &str) {
    let _ = std::fs::create_dir_all(target);
    // SAFETY: NUL-terminated strings that outlive the call.
    let r = unsafe { libc::mount(cstr(source).as_ptr(), cstr(target).as_ptr(), cstr(fstype).as_ptr(), 0, std::ptr::null()) };
    if r != 0 {
        eprintln!("init: mount {fstype} on {target}: {}", std::io::Error::last_os_error());
    }
}

/// fork + exec `argv` with the console as controlling terminal in a new
/// session; returns the child's pid.
fn spawn(argv: &[String], session: bool) -> Option<libc::pid_t> {
    let args: Vec<CString> = argv.iter().map(|a| cstr(a)).collect();
    let mut ptrs: Vec<*const libc::c_char> = args.iter().map(|a| a.as_ptr()).collect();
    ptrs.push(std::ptr::null());
    let env: Vec<CString> = ["HOME=/", "TERM=linux", "PATH=/bin:/sbin:/usr/bin:/usr/sbin", "SHELL=/bin/sh"].iter().map(|e| cstr(e)).collect();
    let mut envp: Vec<*const libc::c_char> = env.iter().map(|e| e.as_ptr()).collect();
    envp.push(std::ptr::null());
    // SAFETY: fork in a single-threaded process; the child only calls
    // async-signal-safe functions before execve.
    let pid = unsafe { libc::fork() };
    match pid {
        0 => {
            // SAFETY: as above; pointers stay valid until execve.
            unsafe {
                let dfl = libc::SIG_DFL;
                for sig in [libc::SIGUSR1, libc::SIGUSR2, libc::SIGTERM, libc::SIGINT, libc::SIGCHLD, libc::SIGPIPE] {
                    libc::signal(sig, dfl);
                }
                if session {
                    libc::setsid();
                    libc::ioctl(0, libc::TIOCSCTTY, 0);
                    libc::tcsetpgrp(0, libc::getpid());
                }
                libc::execve(ptrs[0], ptrs.as_ptr(), envp.as_ptr());
                libc::_exit(127)
            }
        }
        p if p > 0 => Some(p),
        _ => None,
    }
}

/// Waits for any child; returns (pid, status) or None if interrupted/none.
fn reap() -> Option<(libc::pid_t, i32)> {
    let mut status = 0;
    // SAFETY: status is a valid out pointer.
    let pid = unsafe { libc::waitpid(-1, &mut status, 0) };
    (pid > 0).then_some((pid, status))
}

fn shutdown(sig: i32) -> ! {
    println!("init: {} requested, stopping processes", if sig == libc::SIGTERM { "reboot" } else { "power off" });
    // SAFETY: signalling every other process; waiting for them.
    unsafe {
        libc::kill(-1, libc::SIGTERM);
        libc::usleep(200_000);
        libc::kill(-1, libc::SIGKILL);
        while libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) > 0 {}
        libc::sync();
        libc::reboot(libc::RB_POWER_OFF);
    }
    std::process::exit(0)
}

fn main() {
    for sig in [libc::SIGUSR1, libc::SIGUSR2, libc::SIGTERM] {
        // Without SA_RESTART, so the waitpid below returns EINTR and the
        // loop sees the request. SAFETY: a zeroed sigaction with our
        // handler, which only stores to an atomic.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_stop as *const () as usize;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
    mount("proc", "/proc", "proc");
    mount("devtmpfs", "/dev", "devtmpfs");
    mount("tmpfs", "/tmp", "tmpfs");
    if let Ok(name) = std::fs::read_to_string("/etc/hostname") {
        let name = name.trim();
        // SAFETY: a valid buffer of name.len() bytes.
        unsafe { libc::sethostname(name.as_ptr().cast(), name.len()) };
    }
    if std::path::Path::new("/etc/rc").exists() {
        if let Some(pid) = spawn(&["/bin/sh".into(), "/etc/rc".into()], false) {
            while let Some((p, _)) = reap() {
                if p == pid {
                    break;
                }
            }
        }
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let once = args.iter().any(|a| a == "-c");
    let shell: Vec<String> = if args.is_empty() { vec!["/bin/sh".into()] } else { args };
    loop {
        if STOP.load(Ordering::SeqCst) != 0 {
            shutdown(STOP.load(Ordering::SeqCst));
        }
        let Some(shell_pid) = spawn(&shell, true) else {
            eprintln!("init: cannot start {}", shell[0]);
            shutdown(libc::SIGUSR2);
        };
        // Reap everything; respawn when the shell itself exits.
        loop {
            if STOP.load(Ordering::SeqCst) != 0 {
                shutdown(STOP.load(Ordering::SeqCst));
            }
            match reap() {
                Some((pid, _)) if pid == shell_pid => break,
                Some(_) => {}
                None => {
                    if STOP.load(Ordering::SeqCst) == 0 {
                        // SAFETY: sleeping briefly when no child exists.
                        unsafe { libc::usleep(100_000) };
                    }
                }
            }
        }
        if once {
            shutdown(libc::SIGUSR2);
        }
    }
}
