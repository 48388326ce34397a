//! Pipes and poll/select under Exo-OS: `user/pipes` boots as init from the
//! test initramfs (`build/initramfs.cpio`), checks a 1 MiB transfer between
//! two processes, EOF, EPIPE/SIGPIPE, O_NONBLOCK, poll and select, and
//! prints `PASS pipes`.

use std::time::Duration;
use tests::{workspace_root, Outcome, Qemu};

fn run_program(name: &str, extra_cmdline: &str) -> Outcome {
    let initrd = workspace_root().join("build/initramfs.cpio");
    assert!(initrd.is_file(), "{} is missing: run `make test`", initrd.display());
    let out = Qemu::kernel()
        .cmdline(&format!("console=ttyS0 loglevel=4 init=/bin/{name} {extra_cmdline}"))
        .args(["-initrd".to_string(), initrd.display().to_string()])
        .timeout(Duration::from_secs(60))
        .run();
    out.assert_contains(&format!("PASS {name}"));
    out.assert_not_contains("FAIL");
    out.assert_powered_off();
    out
}

#[test]
fn pipes_between_processes() {
    run_program("pipes", "");
}
