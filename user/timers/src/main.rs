//! Timers: a periodic POSIX timer fires about every 20 ms and can be read
//! and deleted; ITIMER_REAL interrupts nanosleep with EINTR; alarm returns
//! the seconds left on the previous alarm; a periodic timer whose signal
//! is blocked counts overruns; sigtimedwait takes a blocked signal sent by
//! a child and times out with EAGAIN. Prints one line per check and
//! `PASS timers`.

use exo_testkit::{errno, spawn_child, wait_for, Checks};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

static USR2: AtomicU32 = AtomicU32::new(0);
static ALRM: AtomicU32 = AtomicU32::new(0);

extern "C" fn on_usr2(_: libc::c_int) {
    USR2.fetch_add(1, Ordering::SeqCst);
}

extern "C" fn on_alrm(_: libc::c_int) {
    ALRM.fetch_add(1, Ordering::SeqCst);
}

fn install(sig: libc::c_int, handler: extern "C" fn(libc::c_int)) {
    // SAFETY: a zeroed sigaction with a plain handler is valid input.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = handler as usize;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(sig, &sa, std::ptr::null_mut());
    }
}

fn sigset(sig: libc::c_int) -> libc::sigset_t {
    // SAFETY: plain sigset manipulation on a value we own.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        set
    }
}

fn block(sig: libc::c_int) {
    let set = sigset(sig);
    // SAFETY: valid sigset pointer.
    unsafe { libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };
}

/// Sleeps `d` in total, resuming after signal handlers.
fn sleep_through(d: Duration) {
    let end = Instant::now() + d;
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        let req = libc::timespec { tv_sec: left.as_secs() as i64, tv_nsec: i64::from(left.subsec_nanos()) };
        // SAFETY: valid timespec; rem may be NULL.
        unsafe { libc::nanosleep(&req, std::ptr::null_mut()) };
    }
}

fn ms(sec: i64, nsec: i64) -> i64 {
    sec * 1000 + nsec / 1_000_000
}

/// A timer sending `sig` to the process on CLOCK_MONOTONIC.
fn new_timer(sig: libc::c_int) -> Option<libc::timer_t> {
    // SAFETY: a zeroed sigevent with SIGEV_SIGNAL is valid; timer_create
    // writes the id we own.
    unsafe {
        let mut sev: libc::sigevent = std::mem::zeroed();
        sev.sigev_notify = libc::SIGEV_SIGNAL;
        sev.sigev_signo = sig;
        let mut id: libc::timer_t = std::mem::zeroed();
        (libc::timer_create(libc::CLOCK_MONOTONIC, &mut sev, &mut id) == 0).then_some(id)
    }
}

fn arm(id: libc::timer_t, value_ms: i64, interval_ms: i64) -> bool {
    let spec = libc::itimerspec {
        it_interval: libc::timespec { tv_sec: 0, tv_nsec: interval_ms * 1_000_000 },
        it_value: libc::timespec { tv_sec: 0, tv_nsec: value_ms * 1_000_000 },
    };
    // SAFETY: valid itimerspec; old value not wanted.
    unsafe { libc::timer_settime(id, 0, &spec, std::ptr::null_mut()) == 0 }
}

fn periodic_timer(c: &mut Checks) {
    install(libc::SIGUSR2, on_usr2);
    let Some(id) = new_timer(libc::SIGUSR2) else {
        c.check(false, format!("timer_create: errno {}", errno()));
        return;
    };
    c.check(arm(id, 20, 20), "timer_settime: 20 ms, every 20 ms");
    sleep_through(Duration::from_millis(200));
    let n = USR2.load(Ordering::SeqCst);
    c.check((7..=13).contains(&n), format!("periodic timer fired {n} times in 200 ms (7..=13)"));
    // SAFETY: a zeroed itimerspec is valid output space.
    let mut cur: libc::itimerspec = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    let r = unsafe { libc::timer_gettime(id, &mut cur) };
    let left = ms(cur.it_value.tv_sec, cur.it_value.tv_nsec);
    let interval = ms(cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
    let armed = cur.it_value.tv_sec != 0 || cur.it_value.tv_nsec != 0;
    c.check(r == 0 && armed && left <= 20 && interval == 20, format!("timer_gettime: {left} ms left, interval {interval} ms"));
    // SAFETY: id came from timer_create.
    c.check(unsafe { libc::timer_delete(id) } == 0, "timer_delete");
    let n = USR2.load(Ordering::SeqCst);
    sleep_through(Duration::from_millis(60));
    c.check(USR2.load(Ordering::SeqCst) == n, "no signal after timer_delete");
    // SAFETY: as above (the id is gone now).
    let r = unsafe { libc::timer_delete(id) };
    c.check(r == -1 && errno() == libc::EINVAL, "timer_delete again: EINVAL");
}

fn itimer_and_alarm(c: &mut Checks) {
    install(libc::SIGALRM, on_alrm);
    let new = libc::itimerval {
        it_interval: libc::timeval { tv_sec: 0, tv_usec: 0 },
        it_value: libc::timeval { tv_sec: 0, tv_usec: 50_000 },
    };
    // SAFETY: valid itimerval pointers.
    let r = unsafe { libc::setitimer(libc::ITIMER_REAL, &new, std::ptr::null_mut()) };
    c.check(r == 0, "setitimer(ITIMER_REAL, 50 ms)");
    // SAFETY: a zeroed itimerval is valid output space.
    let mut cur: libc::itimerval = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    unsafe { libc::getitimer(libc::ITIMER_REAL, &mut cur) };
    c.check(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 50_000, format!("getitimer: {} us left", cur.it_value.tv_usec));
    let req = libc::timespec { tv_sec: 1, tv_nsec: 0 };
    let mut rem = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: valid timespec pointers.
    let r = unsafe { libc::nanosleep(&req, &mut rem) };
    let err = errno();
    let left = ms(rem.tv_sec, rem.tv_nsec);
    c.check(r == -1 && err == libc::EINTR && ALRM.load(Ordering::SeqCst) == 1, format!("SIGALRM interrupted nanosleep: {r}, errno {err}"));
    c.check(left > 800, format!("{left} ms of the 1 s sleep left"));
    // SAFETY: alarm has no preconditions.
    let (a, b, z) = unsafe { (libc::alarm(5), libc::alarm(3), libc::alarm(0)) };
    c.check(a == 0 && b == 5 && z == 3, format!("alarm returns the previous seconds left: {a}, {b}, {z}"));
}

fn overruns(c: &mut Checks) {
    block(libc::SIGUSR1);
    let Some(id) = new_timer(libc::SIGUSR1) else {
        c.check(false, format!("timer_create: errno {}", errno()));
        return;
    };
    arm(id, 10, 10);
    sleep_through(Duration::from_millis(100));
    let set = sigset(libc::SIGUSR1);
    // SAFETY: a zeroed siginfo is valid output space.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: valid set and info pointers, no timeout.
    let sig = unsafe { libc::sigwaitinfo(&set, &mut info) };
    // SAFETY: id came from timer_create.
    let over = unsafe { libc::timer_getoverrun(id) };
    c.check(sig == libc::SIGUSR1 && info.si_code == libc::SI_TIMER, format!("sigwaitinfo took the timer's signal: {sig}, si_code {}", info.si_code));
    c.check(over >= 3, format!("timer_getoverrun: {over} (signal blocked for 100 ms, 10 ms period)"));
    // SAFETY: as above.
    unsafe { libc::timer_delete(id) };
}

fn sigtimedwait(c: &mut Checks) {
    block(libc::SIGUSR1);
    // SAFETY: getpid has no preconditions.
    let me = unsafe { libc::getpid() };
    let child = spawn_child(move || {
        std::thread::sleep(Duration::from_millis(20));
        // SAFETY: kill has no memory-safety preconditions.
        unsafe { libc::kill(me, libc::SIGUSR1) };
        0
    });
    let set = sigset(libc::SIGUSR1);
    let timeout = libc::timespec { tv_sec: 2, tv_nsec: 0 };
    // SAFETY: a zeroed siginfo is valid output space.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers.
    let sig = unsafe { libc::sigtimedwait(&set, &mut info, &timeout) };
    c.check(sig == libc::SIGUSR1 && info.si_signo == libc::SIGUSR1, format!("sigtimedwait took SIGUSR1 from a child: {sig}"));
    if let Ok(pid) = child {
        let _ = wait_for(pid);
    }
    let timeout = libc::timespec { tv_sec: 0, tv_nsec: 50_000_000 };
    let start = Instant::now();
    // SAFETY: valid pointers.
    let r = unsafe { libc::sigtimedwait(&set, &mut info, &timeout) };
    let err = errno();
    let waited = start.elapsed().as_millis();
    c.check(r == -1 && err == libc::EAGAIN && (40..=500).contains(&waited), format!("sigtimedwait timed out: {r}, errno {err} after {waited} ms"));
}

fn main() {
    let mut c = Checks::new("timers");
    periodic_timer(&mut c);
    itimer_and_alarm(&mut c);
    overruns(&mut c);
    sigtimedwait(&mut c);
    c.finish()
}
