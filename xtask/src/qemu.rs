//! QEMU command lines, shared by `run`, `gdb` and `run-iso`.

use std::path::Path;
use std::process::Command;

/// QEMU booting `elf` directly (PVH), serial console on stdio; the
/// isa-debug-exit device lets a kernel panic end QEMU with a failure code.
pub fn kernel_command(elf: &Path, cmdline: &str, display: bool) -> Command {
    let mut cmd = base(display);
    cmd.arg("-kernel").arg(elf).args(["-append", cmdline]);
    cmd
}

/// QEMU booting an ISO through GRUB, BIOS by default or UEFI with OVMF.
pub fn iso_command(iso: &Path, uefi: bool) -> Command {
    let mut cmd = base(false);
    cmd.arg("-cdrom").arg(iso);
    if uefi {
        cmd.args(["-bios", "/usr/share/ovmf/OVMF.fd"]);
    }
    cmd
}

fn base(display: bool) -> Command {
    let mut cmd = Command::new("qemu-system-x86_64");
    cmd.args(["-machine", "q35", "-accel", "tcg", "-m", "512M", "-no-reboot"]);
    cmd.args(["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]);
    if display {
        cmd.args(["-serial", "stdio"]);
    } else {
        cmd.args(["-display", "none", "-serial", "stdio"]);
    }
    cmd
}
