//! Signals: a handler runs and returns; a blocked signal is delivered on
//! unblock; nanosleep interrupted by a signal returns EINTR with the time
//! left; sigsuspend waits for a signal; a SIGSEGV handler runs; SSE
//! registers survive a handler. Prints one line per check and
//! `PASS signals`.

use exo_testkit::{spawn_child, wait_for, Checks};
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

static LAST_SIGNAL: AtomicI32 = AtomicI32::new(0);
static COUNT: AtomicU64 = AtomicU64::new(0);

extern "C" fn on_signal(sig: libc::c_int, info: *mut libc::siginfo_t, _uc: *mut libc::c_void) {
    // Touch SSE registers in the handler: the interrupted code must not see it.
    let x = std::hint::black_box(1.5f64) * std::hint::black_box(3.0f64);
    std::hint::black_box(x);
    // SAFETY: the kernel passes a valid siginfo pointer with SA_SIGINFO.
    let signo = unsafe { (*info).si_signo };
    LAST_SIGNAL.store(if signo == sig { sig } else { -1 }, Ordering::SeqCst);
    COUNT.fetch_add(1, Ordering::SeqCst);
}

extern "C" fn on_segv(_sig: libc::c_int) {
    // SAFETY: _exit is async-signal-safe.
    unsafe { libc::_exit(42) };
}

fn install(sig: libc::c_int, flags: libc::c_int) -> bool {
    // SAFETY: a zeroed sigaction with our handler is valid input.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_signal as *const () as usize;
        sa.sa_flags = libc::SA_SIGINFO | flags;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(sig, &sa, std::ptr::null_mut()) == 0
    }
}

fn block(sig: libc::c_int, how: libc::c_int) {
    // SAFETY: plain sigset manipulation.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::sigprocmask(how, &set, std::ptr::null_mut());
    }
}

fn main() {
    let mut c = Checks::new("signals");
    // SAFETY: getpid/kill have no memory-safety preconditions.
    let me = unsafe { libc::getpid() };

    c.check(install(libc::SIGUSR1, 0), "sigaction(SIGUSR1)");
    let before = 2.0f64 * std::hint::black_box(21.0f64);
    // SAFETY: as above.
    unsafe { libc::kill(me, libc::SIGUSR1) };
    c.check(LAST_SIGNAL.load(Ordering::SeqCst) == libc::SIGUSR1, "handler ran with si_signo = SIGUSR1 and returned");
    c.check(before == 42.0, "floating-point value survived the handler");

    install(libc::SIGUSR2, 0);
    block(libc::SIGUSR2, libc::SIG_BLOCK);
    LAST_SIGNAL.store(0, Ordering::SeqCst);
    // SAFETY: as above.
    unsafe { libc::kill(me, libc::SIGUSR2) };
    c.check(LAST_SIGNAL.load(Ordering::SeqCst) == 0, "blocked signal not delivered");
    // SAFETY: sigpending writes a sigset_t we own.
    let pending = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigpending(&mut set);
        libc::sigismember(&set, libc::SIGUSR2) == 1
    };
    c.check(pending, "sigpending shows SIGUSR2");
    block(libc::SIGUSR2, libc::SIG_UNBLOCK);
    c.check(LAST_SIGNAL.load(Ordering::SeqCst) == libc::SIGUSR2, "delivered on unblock");

    // nanosleep interrupted: a child signals us after 50 ms.
    let child = spawn_child(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        // SAFETY: as above.
        unsafe { libc::kill(me, libc::SIGUSR1) };
        0
    });
    let req = libc::timespec { tv_sec: 2, tv_nsec: 0 };
    let mut rem = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: valid timespec pointers.
    let r = unsafe { libc::nanosleep(&req, &mut rem) };
    let err = exo_testkit::errno();
    c.check(r == -1 && err == libc::EINTR, format!("nanosleep interrupted: {r}, errno {err}"));
    c.check(rem.tv_sec >= 1 && rem.tv_sec <= 2, format!("remaining time {}.{:09} s", rem.tv_sec, rem.tv_nsec));
    if let Ok(pid) = child {
        let _ = wait_for(pid);
    }

    // sigsuspend: SIGUSR1 blocked, a child sends it, sigsuspend(empty) takes it.
    block(libc::SIGUSR1, libc::SIG_BLOCK);
    let n = COUNT.load(Ordering::SeqCst);
    let child = spawn_child(move || {
        std::thread::sleep(std::time::Duration::from_millis(20));
        // SAFETY: as above.
        unsafe { libc::kill(me, libc::SIGUSR1) };
        0
    });
    // SAFETY: an empty set is valid.
    let r = unsafe {
        let mut empty: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut empty);
        libc::sigsuspend(&empty)
    };
    c.check(r == -1 && exo_testkit::errno() == libc::EINTR && COUNT.load(Ordering::SeqCst) == n + 1, "sigsuspend returned EINTR after the handler");
    // SAFETY: reading our own mask.
    let still_blocked = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigprocmask(libc::SIG_BLOCK, std::ptr::null(), &mut set);
        libc::sigismember(&set, libc::SIGUSR1) == 1
    };
    c.check(still_blocked, "mask restored after sigsuspend");
    if let Ok(pid) = child {
        let _ = wait_for(pid);
    }

    // A SIGSEGV handler runs (in a child, which exits 42 from it).
    let child = spawn_child(|| {
        // SAFETY: installing a plain handler; then a deliberate NULL read.
        unsafe {
            libc::signal(libc::SIGSEGV, on_segv as *const () as usize);
            std::ptr::read_volatile(std::ptr::null::<u8>());
        }
        0
    });
    let status = child.and_then(wait_for).unwrap_or(-1);
    c.check(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 42, format!("SIGSEGV handler ran: {}", exo_testkit::describe_status(status)));
    c.finish()
}
