//! User programs under Exo-OS: each boots as init from the test
//! initramfs (`build/initramfs.cpio`, made by `xtask initramfs`), prints
//! one line per check and `PASS <name>`, and exits 0; the kernel then
//! reports that no user frame is left allocated and powers off.

use std::time::Duration;
use tests::{run_busybox, run_program, workspace_root, Qemu};


/// The kernel's leak check at power-off (printed at info level).
fn assert_no_user_frames_left(name: &str) {
    let out = Qemu::kernel()
        .cmdline(&format!("console=ttyS0 init=/bin/{name}"))
        .initramfs()
        .timeout(Duration::from_secs(60))
        .run();
    out.assert_contains(&format!("PASS {name}"));
    out.assert_contains("user frames still allocated: 0");
    out.assert_contains("init exited with status 0");
    out.assert_powered_off();
}

#[test]
fn hello_static_glibc() {
    run_program("hello", "").assert_contains("hello from exo");
}

#[test]
fn hello_static_musl() {
    run_program("musl_hello", "").assert_contains("hello from musl");
}

#[test]
fn threads_mutex_channel() {
    run_program("threads", "");
}

#[test]
fn fork_and_wait_exit_codes() {
    run_program("forkwait", "");
}

#[test]
fn copy_on_write_isolation() {
    assert_no_user_frames_left("cow");
}

#[test]
fn one_hundred_twenty_eight_threads() {
    run_program("manythreads", "");
}

#[test]
fn faults_kill_only_the_faulting_process() {
    run_program("segv", "");
}

#[test]
fn corrupt_elf_is_refused() {
    run_program("badelf", "");
}

#[test]
fn mmap_64_mib_is_returned() {
    assert_no_user_frames_left("mmap64");
}

#[test]
fn init_arguments_after_double_dash() {
    run_program("hello", "-- first second").assert_contains("second");
}

#[test]
fn missing_init_is_reported() {
    let out = Qemu::kernel()
        .cmdline("console=ttyS0 init=/bin/nonexistent")
        .initramfs()
        .run();
    out.assert_contains("cannot start /bin/nonexistent");
    out.assert_powered_off();
}

#[test]
fn tar_initramfs_boots_too() {
    // The same image as a ustar archive (the seeds' TarFS format).
    let dir = std::env::temp_dir().join(format!("exo-tar-root-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let cpio = std::fs::File::open(workspace_root().join("build/initramfs.cpio")).expect("build/initramfs.cpio");
    let unpacked = std::process::Command::new("cpio")
        .args(["-id", "--quiet"])
        .current_dir(&dir)
        .stdin(cpio)
        .status()
        .expect("run cpio");
    assert!(unpacked.success(), "cpio -id failed");
    let tar = dir.with_extension("tar");
    let packed = std::process::Command::new("tar")
        .args(["--format=ustar", "-cf"])
        .arg(&tar)
        .arg("-C")
        .arg(&dir)
        .arg(".")
        .status()
        .expect("run tar");
    assert!(packed.success(), "tar failed");
    let out = Qemu::kernel()
        .cmdline("console=ttyS0 init=/bin/hello")
        .args(["-initrd".to_string(), tar.display().to_string()])
        .run();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&tar);
    out.assert_contains("PASS hello");
    out.assert_powered_off();
}

#[test]
fn files_and_directories() {
    run_program("files", "");
}

#[test]
fn busybox_shell_runs_file_commands() {
    let script = "mkdir -p /tmp/x/y; cd /tmp/x; pwd; echo abc > f; mv f g; ls; rm g; busybox ls -a /tmp/x; echo done";
    let out = run_busybox(script);
    out.assert_contains("/tmp/x");
    out.assert_contains("done");
    out.assert_powered_off();
}


#[test]
fn busybox_mount_and_umount_tmpfs() {
    let out = run_busybox("mkdir /mnt; busybox mount -t tmpfs none /mnt; echo a > /mnt/f; ls -1 /mnt; busybox umount /mnt; ls -1a /mnt; echo end");
    out.assert_contains("end");
    out.assert_powered_off();
    // `ls /mnt` shows the file; after umount `ls -a /mnt` shows only . and ..
    let lines: Vec<&str> = out.serial.lines().map(str::trim_end).collect();
    let f_at = lines.iter().position(|l| *l == "f");
    let dot_at = lines.iter().position(|l| *l == ".");
    match (f_at, dot_at) {
        (Some(f), Some(d)) if f < d => assert!(!lines[d..].contains(&"f"), "file visible after umount:\n{}", out.serial),
        _ => out.fail("expected `f` from the mounted tmpfs, then `.` and `..` after umount"),
    }
}
