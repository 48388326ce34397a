//! mmap of tmpfs files: `user/mmapfile` as init (MAP_SHARED and
//! MAP_PRIVATE semantics, fork, the mmap/mprotect/msync errors, SIGBUS
//! past the end of the file, a 16 MiB shared mapping), then the kernel's
//! leak checks at power-off: no user frame left once every process is
//! gone, and (the program removes its files) as many file frames as the
//! initramfs files held after unpacking.

use std::time::Duration;
use tests::Qemu;

#[test]
fn mmap_of_tmpfs_files() {
    let out = Qemu::kernel()
        .cmdline("console=ttyS0 init=/bin/mmapfile")
        .initramfs()
        .timeout(Duration::from_secs(120))
        .run();
    out.assert_contains("PASS mmapfile");
    out.assert_not_contains("not ok");
    out.assert_contains("user frames still allocated: 0");
    out.assert_contains("init exited with status 0");
    out.assert_powered_off();
    let counts: Vec<&str> = out.serial.lines().filter_map(|l| l.split("file frames allocated: ").nth(1)).collect();
    if counts.len() != 2 || counts[0] != counts[1] {
        out.fail(&format!("file frames at boot and at power-off differ: {counts:?}"));
    }
}
