//! Signal delivery under Exo-OS: `user/signals` checks handlers, masks,
//! EINTR from nanosleep, sigsuspend, a SIGSEGV handler and FPU state
//! across a handler (it passes on Linux too, via `make user-linux`).

use std::time::Duration;
use tests::Qemu;

#[test]
fn handlers_masks_and_interrupted_sleep() {
    let out = Qemu::kernel()
        .cmdline("console=ttyS0 loglevel=4 init=/bin/signals")
        .initramfs()
        .timeout(Duration::from_secs(60))
        .run();
    out.assert_contains("PASS signals");
    out.assert_not_contains("not ok");
    out.assert_powered_off();
}
