//! The console terminal under Exo-OS: termios ioctls (`user/tty`) and the
//! canonical line discipline driven through QEMU's serial port
//! (`user/readline`): typed lines come back upper-cased, DEL erases
//! (`worx`, DEL, `ld` reads as `world`), ^D on an empty line is end of
//! file, and the typed text is echoed.

use std::time::Duration;
use tests::{Outcome, Qemu};

fn boot(name: &str, input: Option<&[u8]>) -> Outcome {
    let mut q = Qemu::kernel()
        .cmdline(&format!("console=ttyS0 loglevel=4 init=/bin/{name}"))
        .initramfs()
        .timeout(Duration::from_secs(60));
    if let Some(bytes) = input {
        q = q.stdin_after(&format!("{name}: ready"), bytes);
    }
    let out = q.run();
    out.assert_contains(&format!("PASS {name}"));
    out.assert_not_contains("FAIL");
    out.assert_powered_off();
    out
}

#[test]
fn termios_ioctls_on_the_console() {
    boot("tty", None);
}

#[test]
fn canonical_line_editing_through_the_serial_port() {
    let out = boot("readline", Some(b"hello\nworx\x7fld\n\x04"));
    out.assert_contains("HELLO");
    out.assert_contains("WORLD");
    // Echo: the typed line, and the erase shown as backspace-space-backspace.
    out.assert_contains("hello\r\n");
    out.assert_contains("worx\x08 \x08ld\r\n");
    out.assert_contains("2 lines until end of file");
}

#[test]
fn ctrl_c_interrupts_the_foreground_reader() {
    let out = boot("ttysig", Some(b"abc\x03"));
    out.assert_contains("abc^C");
}
