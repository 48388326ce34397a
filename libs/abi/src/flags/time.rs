//! Clock ids (`CLOCK_*`), timer flags and interval timer kinds.
//!
//! Source: `include/uapi/linux/time.h`. Clock ids are `clockid_t` (`int`):
//! negative ids name per-process and per-thread CPU clocks and dynamic
//! (posix-clock) clocks.

/// Wall-clock time (settable).
pub const CLOCK_REALTIME: i32 = 0;
/// Monotonic time since an unspecified start, not counting suspend.
pub const CLOCK_MONOTONIC: i32 = 1;
/// CPU time of the calling process.
pub const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
/// CPU time of the calling thread.
pub const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
/// Monotonic time without NTP frequency adjustment.
pub const CLOCK_MONOTONIC_RAW: i32 = 4;
/// Fast, tick-resolution [`CLOCK_REALTIME`].
pub const CLOCK_REALTIME_COARSE: i32 = 5;
/// Fast, tick-resolution [`CLOCK_MONOTONIC`].
pub const CLOCK_MONOTONIC_COARSE: i32 = 6;
/// Monotonic time including time spent in suspend.
pub const CLOCK_BOOTTIME: i32 = 7;
/// [`CLOCK_REALTIME`] timers that wake the system from suspend.
pub const CLOCK_REALTIME_ALARM: i32 = 8;
/// [`CLOCK_BOOTTIME`] timers that wake the system from suspend.
pub const CLOCK_BOOTTIME_ALARM: i32 = 9;
/// Obsolete (SGI cycle counter); never valid on x86_64.
pub const CLOCK_SGI_CYCLE: i32 = 10;
/// International Atomic Time.
pub const CLOCK_TAI: i32 = 11;

/// `clock_nanosleep`/`timer_settime`/`timerfd_settime`: the time is absolute.
pub const TIMER_ABSTIME: u32 = 0x01;

/// `setitimer`: real time, delivers `SIGALRM`.
pub const ITIMER_REAL: u32 = 0;
/// `setitimer`: user CPU time, delivers `SIGVTALRM`.
pub const ITIMER_VIRTUAL: u32 = 1;
/// `setitimer`: user + system CPU time, delivers `SIGPROF`.
pub const ITIMER_PROF: u32 = 2;
