//! Timers under Exo-OS: `user/timers` checks a periodic POSIX timer,
//! timer_gettime and timer_delete, ITIMER_REAL interrupting nanosleep,
//! alarm's return value, overruns while the signal is blocked, and
//! sigtimedwait (it passes on Linux too, via `make user-linux`).

use std::time::Duration;
use tests::Qemu;

#[test]
fn posix_timers_itimer_alarm_and_sigtimedwait() {
    let out = Qemu::kernel()
        .cmdline("console=ttyS0 loglevel=4 init=/bin/timers")
        .initramfs()
        .timeout(Duration::from_secs(60))
        .run();
    out.assert_contains("PASS timers");
    out.assert_not_contains("not ok");
    out.assert_powered_off();
}
