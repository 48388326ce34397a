//! execve must refuse what it cannot run, return the right errno, and leave
//! the caller running:
//!
//! * `DIR/corrupt` (the first 100 bytes of a valid program): ENOEXEC;
//! * `DIR/corrupt-phdr` (ELF magic, garbled program header table): ENOEXEC;
//! * `DIR/does-not-exist`: ENOENT;
//! * `DIR` itself, a directory: EACCES.
//!
//! DIR is `/bin` (the initramfs holds both corrupt files) unless given as
//! the first argument, as the Linux-host harness does. Each corrupt file is
//! first checked to exist, so a missing file is not mistaken for a loader
//! that refuses it. No fork: if execve wrongly succeeds, this program is
//! gone and never prints `PASS`.

use exo_testkit::{errno, Checks};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// execve(path, [path], []) and the errno it fails with.
fn exec_errno(path: &Path) -> Option<i32> {
    let cpath = CString::new(path.as_os_str().as_bytes()).ok()?;
    let argv = [cpath.as_ptr(), std::ptr::null()];
    let envp = [std::ptr::null()];
    // SAFETY: path, argv and envp are NUL-terminated and outlive the call.
    let r = unsafe { libc::execve(cpath.as_ptr(), argv.as_ptr(), envp.as_ptr()) };
    (r == -1).then(errno)
}

fn main() {
    let mut checks = Checks::new("badelf");
    let dir = PathBuf::from(std::env::args_os().nth(1).unwrap_or_else(|| "/bin".into()));
    let cases = [
        ("corrupt", true, libc::ENOEXEC, "ENOEXEC"),
        ("corrupt-phdr", true, libc::ENOEXEC, "ENOEXEC"),
        ("does-not-exist", false, libc::ENOENT, "ENOENT"),
        ("", true, libc::EACCES, "EACCES"),
    ];
    for (name, exists, expected, expected_name) in cases {
        let path = dir.join(name);
        let shown = path.display();
        if exists {
            let found = std::fs::metadata(&path).is_ok();
            if !checks.check(found, format!("{shown} exists")) {
                continue;
            }
        }
        let got = exec_errno(&path);
        checks.check(
            got == Some(expected),
            format!("execve({shown}) failed with errno {got:?}, expected {expected_name} ({expected})"),
        );
    }
    checks.finish();
}
