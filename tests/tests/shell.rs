//! The default image booted as a user sees it: our init starts busybox
//! `sh` on the console, and a dialogue typed into the serial port runs
//! commands, interrupts a foreground job with ^C, and powers off.

use std::time::Duration;
use tests::Qemu;

#[test]
fn interactive_shell_session() {
    let out = Qemu::kernel()
        .cmdline("console=ttyS0 loglevel=4")
        .initramfs()
        .timeout(Duration::from_secs(90))
        // Markers are computed by the shell (`$((...))`), so the echo of
        // the typed line never matches them: each step waits for output.
        .stdin_after("/ # ", b"ls /; echo MARK-$((1))\n")
        .stdin_after("MARK-1", b"echo hi | wc -c; echo MARK-$((2))\n")
        .stdin_after("MARK-2", b"head -1 /proc/meminfo; ps; echo MARK-$((3))\n")
        .stdin_after("MARK-3", b"sh -c 'echo RUNNING-$((4)); exec sleep 30'\n")
        .stdin_after("RUNNING-4", b"\x03")
        // ^C ends the job (not the shell), which prompts again at once.
        .stdin_after("/ # ", b"echo RC=$?; echo MARK-$((5))\n")
        .stdin_after("MARK-5", b"poweroff\n")
        .run();
    out.assert_contains("Exo-OS 0.1.0");
    for dir in ["bin", "dev", "etc", "proc", "tmp"] {
        out.assert_contains(dir);
    }
    let lines: Vec<&str> = out.serial.lines().map(str::trim).collect();
    assert!(lines.contains(&"3"), "`echo hi | wc -c` did not print 3:\n{}", out.serial);
    out.assert_contains("MemTotal:");
    out.assert_contains("PID");
    out.assert_contains("RC=130"); // 128 + SIGINT: ^C reached the foreground job
    assert!(out.elapsed < Duration::from_secs(25), "the interrupted `sleep 30` ran to its end");
    out.assert_contains("power off");
    out.assert_powered_off();
}

#[test]
fn job_control_stop_background_continue() {
    let out = Qemu::kernel()
        .cmdline("console=ttyS0 loglevel=4")
        .initramfs()
        .timeout(Duration::from_secs(90))
        .stdin_after("/ # ", b"sleep 100 & echo J-$((1))\n")
        .stdin_after("J-1", b"sh -c 'echo R-$((2)); exec sleep 30'\n")
        .stdin_after("R-2", b"\x1a") // ^Z stops the foreground job
        .stdin_after("Stopped", b"jobs; echo J-$((3))\n")
        .stdin_after("J-3", b"bg; jobs; echo J-$((4))\n")
        .stdin_after("J-4", b"kill %1 %2; sleep 1; jobs; echo J-$((5))\n")
        .stdin_after("J-5", b"poweroff\n")
        .run();
    let text = out.serial.replace('\r', "");
    let after = |marker: &str| text.split(marker).nth(1).unwrap_or_default().to_string();
    assert!(after("J-1").contains("Stopped"), "^Z did not stop the job:\n{text}");
    let bg = after("J-3");
    let bg = bg.split("J-4").next().unwrap_or_default();
    assert!(bg.matches("Running").count() >= 2, "bg did not resume the job:\n{text}");
    assert!(after("J-4").contains("Terminated"), "kill %1 %2 did not end the jobs:\n{text}");
    out.assert_powered_off();
}

#[test]
fn vi_edits_a_file() {
    let out = Qemu::kernel()
        .cmdline("console=ttyS0 loglevel=4")
        .initramfs()
        .timeout(Duration::from_secs(90))
        .stdin_after("/ # ", b"vi /tmp/note\n")
        // busybox vi reads ESC followed quickly by more bytes as one escape
        // sequence, so each step waits for vi's own screen output.
        .stdin_after("\x1b[?1049h", b"iwritten in vi")
        .stdin_after("written in vi", b"\x1b")
        .stdin_after("- /tmp/note", b":wq\n")
        .stdin_after("/ # ", b"cat /tmp/note; echo V-$((1))\n")
        .stdin_after("V-1", b"poweroff\n")
        .run();
    let text = out.serial.replace('\r', "");
    let shown = text.split("cat /tmp/note").nth(1).unwrap_or_default();
    assert!(shown.contains("written in vi\n"), "the file vi wrote is not there:\n{text}");
    out.assert_powered_off();
}
