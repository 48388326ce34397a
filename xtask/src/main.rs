//! Exo-OS build driver, called by the Makefile.
//!
//! `kernel`   build `build/exo-os.elf`
//! `iso`      build `build/exo-os.iso` (GRUB, BIOS and UEFI)
//! `initramfs` build the user programs and `build/initramfs.cpio`
//! `user-linux` build the user programs and run each on this Linux host
//! `run`      boot the kernel in QEMU with the serial console on the terminal
//!            (`--display` opens a window; `--cmdline "..."` replaces the
//!            kernel command line; `--init /bin/NAME` adds `init=/bin/NAME`
//!            to it; `--no-initrd` boots without the initramfs; anything
//!            after `--` goes to QEMU)
//! `run-iso`  boot the ISO in QEMU (`--uefi` for OVMF)
//! `gdb`      like `run`, paused with a GDB stub on :1234
//! `test`     build everything, run the user programs on Linux, then every
//!            host and QEMU test
//! `bench`    the benchmark program on Exo-OS and on Debian's Linux 6.1 under
//!            QEMU with `-icount`: instructions per operation side by side
//!            (`--divisor N`, `--runs N`, `--no-linux`; see bench.rs)

use std::path::{Path, PathBuf};
use std::process::{exit, Command};

mod bench;
mod initramfs;
mod qemu;
mod user;

/// Cargo from Debian's rustc-web, which ships the library source that
/// `-Zbuild-std` needs (rustup's toolchain here has no x86_64-unknown-none).
pub(crate) const CARGO: &str = "/usr/bin/cargo";
/// Default kernel command line for `run`.
const DEFAULT_CMDLINE: &str = "console=ttyS0 loglevel=6";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => usage(),
    };
    let root = workspace_root();
    match cmd {
        "kernel" => {
            build_kernel(&root);
        }
        "iso" => {
            build_iso(&root);
        }
        "initramfs" => {
            build_initramfs(&root);
        }
        "user-linux" => user::run_on_linux(&root, &user::build(&root)),
        "run" => run(&root, rest, false),
        "gdb" => run(&root, rest, true),
        "run-iso" => {
            let iso = build_iso(&root);
            let uefi = rest.iter().any(|a| a == "--uefi");
            let status = qemu::iso_command(&iso, uefi).status().expect("start QEMU");
            exit(status.code().unwrap_or(1));
        }
        "test" => test(&root),
        "bench" => bench::run(&root, &build_kernel(&root), rest),
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: xtask kernel | iso | initramfs | user-linux | run [--display] [--cmdline S] [--init /bin/NAME] [--no-initrd] [-- QEMU ARGS] | run-iso [--uefi] | gdb [same as run] | test | bench [--divisor N] [--runs N] [--no-linux]"
    );
    exit(2)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// Runs `cmd`, exiting with its status if it fails.
pub(crate) fn check(cmd: &mut Command) {
    let status = cmd.status().unwrap_or_else(|e| {
        eprintln!("xtask: cannot run {:?}: {e}", cmd.get_program());
        exit(1)
    });
    if !status.success() {
        eprintln!("xtask: {:?} failed: {status}", cmd.get_program());
        exit(status.code().unwrap_or(1));
    }
}

/// Builds the kernel and copies it to `build/exo-os.elf`.
fn build_kernel(root: &Path) -> PathBuf {
    let mut cmd = Command::new(CARGO);
    cmd.current_dir(root)
        .args(["build", "--release", "-p", "kernel", "--target", "x86_64-unknown-none"])
        .args(["-Zbuild-std=core,alloc,compiler_builtins", "-Zbuild-std-features=compiler-builtins-mem"])
        // -Zbuild-std is unstable; RUSTC_BOOTSTRAP=1 allows it on this stable
        // compiler. It is set for this one command only, so nothing else in
        // the workspace can use unstable features.
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_X86_64_UNKNOWN_NONE_LINKER", "ld.lld")
        // Frame pointers make the panic and fault backtraces possible; the
        // kernel is linked at a fixed address in the top 2 GiB.
        .env("CARGO_TARGET_X86_64_UNKNOWN_NONE_RUSTFLAGS", "-C force-frame-pointers=yes -C relocation-model=static -C code-model=kernel");
    check(&mut cmd);
    let out = root.join("build");
    std::fs::create_dir_all(&out).expect("create build/");
    let elf = out.join("exo-os.elf");
    std::fs::copy(root.join("target/x86_64-unknown-none/release/exo-os"), &elf).expect("copy kernel");
    elf
}

/// Builds `build/exo-os.iso`: GRUB (BIOS and UEFI) loading the kernel by Multiboot2.
fn build_iso(root: &Path) -> PathBuf {
    let elf = build_kernel(root);
    let tree = root.join("build/iso");
    let grub = tree.join("boot/grub");
    std::fs::create_dir_all(&grub).expect("create build/iso");
    std::fs::copy(&elf, tree.join("boot/exo-os.elf")).expect("copy kernel to ISO tree");
    std::fs::write(grub.join("grub.cfg"), include_str!("grub.cfg")).expect("write grub.cfg");
    let iso = root.join("build/exo-os.iso");
    check(
        Command::new("grub-mkrescue")
            .arg("-o")
            .arg(&iso)
            .arg(&tree)
            .stderr(std::process::Stdio::null()),
    );
    iso
}

/// Builds the user programs and `build/initramfs.cpio` holding them.
fn build_initramfs(root: &Path) -> PathBuf {
    initramfs::build(root, &user::build(root))
}

fn run(root: &Path, args: &[String], gdb: bool) {
    let elf = build_kernel(root);
    let mut cmdline = DEFAULT_CMDLINE.to_string();
    let mut display = false;
    let mut initrd = true;
    let mut init = None;
    let mut extra = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--display" => display = true,
            "--cmdline" => cmdline = it.next().cloned().unwrap_or_default(),
            "--init" => init = Some(it.next().cloned().unwrap_or_else(|| usage())),
            "--no-initrd" => initrd = false,
            "--" => extra.extend(it.by_ref().cloned()),
            _ => usage(),
        }
    }
    if let Some(init) = init {
        cmdline = with_init(&cmdline, &init);
    }
    let mut cmd = qemu::kernel_command(&elf, &cmdline, display);
    if initrd {
        cmd.arg("-initrd").arg(build_initramfs(root));
    }
    if gdb {
        cmd.args(["-s", "-S"]);
        eprintln!("QEMU waits for GDB: gdb {} -ex 'target remote :1234'", elf.display());
    }
    let status = cmd.args(extra).status().expect("start QEMU");
    exit(status.code().unwrap_or(1));
}

/// `cmdline` plus `init=INIT`, placed before any `--` (whose arguments go to init).
fn with_init(cmdline: &str, init: &str) -> String {
    if let Some((kernel, for_init)) = cmdline.split_once(" -- ") {
        format!("{kernel} init={init} -- {for_init}")
    } else if let Some(for_init) = cmdline.strip_prefix("-- ") {
        format!("init={init} -- {for_init}")
    } else {
        format!("{cmdline} init={init}")
    }
}

fn test(root: &Path) {
    build_iso(root);
    let programs = user::build(root);
    initramfs::build(root, &programs);
    user::run_on_linux(root, &programs);
    check(Command::new(CARGO).current_dir(root).args(["test", "--release"]));
}
