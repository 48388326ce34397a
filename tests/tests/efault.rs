//! Bad user pointers under Exo-OS: `user/efault` passes NULL, unmapped,
//! kernel and non-canonical addresses (and structures and paths running
//! off the end of a mapping) to every pointer argument of the file,
//! pipe, poll, process, signal and time calls; each must give EFAULT as
//! on Linux, lose nothing, and leave the kernel running.

use tests::run_program;

#[test]
fn bad_pointers_give_efault() {
    run_program("efault", "");
}
