//! Helpers for the QEMU integration tests in `tests/`: where the built
//! kernel and ISO are, a [`Qemu`] builder that boots them with a timeout,
//! and an [`Outcome`] with assertions that print the whole serial log when
//! they fail.
//!
//! The tests never build anything: `make kernel` (or `make iso`, or
//! `make test`, which does both and then runs every test) must come first.
//!
//! ```no_run
//! use tests::Qemu;
//! let out = Qemu::kernel().cmdline("console=ttyS0").run();
//! out.assert_contains("ready in ");
//! out.assert_powered_off();
//! ```

mod outcome;
mod qemu;

pub use outcome::{number_after, Outcome};
pub use qemu::Qemu;

use std::path::PathBuf;

/// Firmware image used for UEFI boots (Debian's `ovmf` package).
pub const OVMF: &str = "/usr/share/ovmf/OVMF.fd";

/// Exit status of QEMU when the kernel writes 1 to the isa-debug-exit port
/// (`(1 << 1) | 1`): a kernel panic or fatal exception.
pub const DEBUG_EXIT_FAILURE: i32 = 3;

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives inside the workspace")
        .to_path_buf()
}

/// `<workspace>/build/exo-os.elf`; panics if it has not been built.
pub fn kernel_path() -> PathBuf {
    built_file("exo-os.elf")
}

/// `<workspace>/build/exo-os.iso`; panics if it has not been built.
pub fn iso_path() -> PathBuf {
    built_file("exo-os.iso")
}

fn built_file(name: &str) -> PathBuf {
    let path = workspace_root().join("build").join(name);
    assert!(
        path.is_file(),
        "{} is missing: run `make kernel` (or `make test`) first{}",
        path.display(),
        if name.ends_with(".iso") { "; the ISO needs `make iso`" } else { "" }
    );
    path
}

/// `<workspace>/build/initramfs.cpio`; panics if it has not been built.
pub fn initramfs_path() -> PathBuf {
    let path = workspace_root().join("build/initramfs.cpio");
    assert!(path.is_file(), "{} is missing: run `make initramfs` (or `make test`) first", path.display());
    path
}

/// Boots the test image with `/bin/NAME` as init (after `extra_cmdline`,
/// which may hold `-- ARGS`); the program must print `PASS NAME`, no
/// `FAIL`, and the machine must power off.
pub fn run_program(name: &str, extra_cmdline: &str) -> Outcome {
    let out = Qemu::kernel()
        .cmdline(&format!("console=ttyS0 loglevel=4 init=/bin/{name} {extra_cmdline}"))
        .initramfs()
        .timeout(std::time::Duration::from_secs(60))
        .run();
    out.assert_contains(&format!("PASS {name}"));
    out.assert_not_contains("FAIL");
    out.assert_powered_off();
    out
}

/// Boots the test image with busybox as init running `sh -c "SCRIPT"`
/// (no /proc or /dev unless the script mounts them).
pub fn run_busybox(script: &str) -> Outcome {
    Qemu::kernel()
        .cmdline(&format!("console=ttyS0 loglevel=4 init=/bin/busybox -- sh -c \"{script}\""))
        .initramfs()
        .timeout(std::time::Duration::from_secs(60))
        .run()
}
