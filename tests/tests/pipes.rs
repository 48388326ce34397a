//! Pipes and poll/select under Exo-OS: `user/pipes` boots as init from the
//! test initramfs (`build/initramfs.cpio`), checks a 1 MiB transfer between
//! two processes, EOF, EPIPE/SIGPIPE, O_NONBLOCK, poll and select, and
//! prints `PASS pipes`.

use tests::run_program;


#[test]
fn pipes_between_processes() {
    run_program("pipes", "");
}
