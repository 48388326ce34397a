//! User programs: building them, and running them on this Linux host.
//!
//! Every crate `user/<name>/` with a `src/main.rs` is a program named
//! `<name>` (package `exo-<name>`); every `user/c/<name>.c` is a C program.
//! Rust programs are built for `x86_64-unknown-linux-gnu` with `+crt-static`
//! (static glibc, static-pie), C programs with `musl-gcc -static`: ordinary
//! static Linux binaries, so the same file runs on Linux and on Exo-OS and
//! the two results can be compared (DESIGN.md §2, §6).
//!
//! `run_on_linux` is that comparison's Linux half: each program must end by
//! printing `PASS <name>` and exit 0.

use crate::{check, initramfs, CARGO};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{exit, Command, Stdio};
use std::time::{Duration, Instant};

/// The host target the user programs are built for.
const TARGET: &str = "x86_64-unknown-linux-gnu";
/// Longest a program may run on the host before it counts as hung.
const HOST_TIMEOUT: Duration = Duration::from_secs(60);

/// A built program: the binary, and its name under `/bin` in the image.
pub type Program = (PathBuf, String);

/// Builds every user program; returns them sorted by name.
pub fn build(root: &Path) -> Vec<Program> {
    let crates = rust_programs(root);
    let mut cmd = Command::new(CARGO);
    cmd.current_dir(root).args(["build", "--release", "--target", TARGET]);
    for (_, package) in &crates {
        cmd.args(["-p", package]);
    }
    // Static glibc binaries; set for this target only, so build scripts and
    // proc macros (built for the host without --target) are unaffected.
    // Debug info is stripped (the release profile asks for it): it makes
    // each program 11 MB instead of 1.5 MB. Symbols stay, for backtraces.
    let mut flags = String::from("-C target-feature=+crt-static -C strip=debuginfo");
    // Without the checkout's path in them, the binaries (and so the image)
    // are the same bytes in any clone. (The flags are split at spaces.)
    if let Some(path) = root.to_str().filter(|p| !p.contains(char::is_whitespace)) {
        flags.push_str(&format!(" --remap-path-prefix={path}=."));
    }
    cmd.env("CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS", flags);
    check(&mut cmd);
    let release = root.join("target").join(TARGET).join("release");
    let mut programs: Vec<Program> = crates.into_iter().map(|(name, package)| (release.join(package), name)).collect();
    programs.extend(build_c_programs(root));
    programs.sort_by(|a, b| a.1.cmp(&b.1));
    for (path, _) in &programs {
        let bytes = std::fs::read(path).unwrap_or_else(|e| fail(&format!("read {}: {e}", path.display())));
        if !is_static_elf(&bytes) {
            fail(&format!("{} is not a static ELF executable", path.display()));
        }
    }
    programs
}

/// `(name, package)` of every `user/<name>/` crate that has a `src/main.rs`.
fn rust_programs(root: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for dir in sorted_entries(&root.join("user")) {
        let manifest = dir.join("Cargo.toml");
        if !dir.join("src/main.rs").is_file() || !manifest.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&manifest).unwrap_or_default();
        let package = text
            .lines()
            .find_map(|l| {
                l.trim().strip_prefix("name").map(|v| v.trim_start().trim_start_matches('=').trim().trim_matches('"'))
            })
            .unwrap_or_else(|| fail(&format!("no package name in {}", manifest.display())));
        let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        found.push((name, package.to_string()));
    }
    found
}

/// Compiles each `user/c/<name>.c` to `build/user/<name>` (static musl).
fn build_c_programs(root: &Path) -> Vec<Program> {
    let out_dir = root.join("build/user");
    std::fs::create_dir_all(&out_dir).expect("create build/user");
    let mut programs = Vec::new();
    for source in sorted_entries(&root.join("user/c")) {
        if source.extension().is_none_or(|e| e != "c") {
            continue;
        }
        let name = source.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let binary = out_dir.join(&name);
        check(
            Command::new("musl-gcc")
                .args(["-static", "-O2", "-Wall", "-Wextra", "-Werror", "-o"])
                .arg(&binary)
                .arg(&source),
        );
        programs.push((binary, name));
    }
    programs
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    };
    entries.sort();
    entries
}

/// Whether `bytes` is an x86-64 ELF executable with no `PT_INTERP` program
/// header, i.e. one that needs no dynamic loader (static or static-pie).
pub fn is_static_elf(bytes: &[u8]) -> bool {
    const PT_INTERP: u32 = 3;
    let Some((phoff, phentsize, phnum)) = program_headers(bytes) else { return false };
    (0..phnum).all(|i| {
        let at = phoff + i * phentsize;
        let p_type = bytes.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        p_type.is_some_and(|t| t != PT_INTERP)
    })
}

/// `(e_phoff, e_phentsize, e_phnum)` of a 64-bit little-endian ELF file.
pub fn program_headers(bytes: &[u8]) -> Option<(usize, usize, usize)> {
    if bytes.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let u16_at = |at: usize| bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let phoff = u64::from_le_bytes(bytes.get(0x20..0x28)?.try_into().ok()?);
    Some((usize::try_from(phoff).ok()?, u16_at(0x36)?, u16_at(0x38)?))
}

/// Runs every program on this host; exits with failure unless each one
/// printed `PASS <name>` last and exited 0.
pub fn run_on_linux(root: &Path, programs: &[Program]) {
    // badelf's corrupt files, made exactly as in the initramfs.
    let corrupt_dir = root.join("build/linux-check");
    std::fs::create_dir_all(&corrupt_dir).expect("create build/linux-check");
    for (name, bytes) in initramfs::corrupt_programs(programs) {
        let path = corrupt_dir.join(name);
        std::fs::write(&path, bytes).expect("write corrupt program");
        set_mode(&path, 0o755);
    }
    let mut failed = Vec::new();
    for (binary, name) in programs {
        if name == "init" {
            // The system's init (mounts, reboot(2)): never run it on the host.
            continue;
        }
        let mut cmd = Command::new(binary);
        match name.as_str() {
            "badelf" => drop(cmd.arg(&corrupt_dir)),
            // Only checks that the benchmarks work; the figures come from `make bench`.
            "bench" => drop(cmd.arg("20")),
            _ => {}
        }
        let start = Instant::now();
        let (passed, output) = run_with_timeout(cmd, name);
        let secs = start.elapsed().as_secs_f64();
        if passed {
            println!("linux: PASS {name} ({secs:.2} s)");
        } else {
            println!("linux: FAIL {name} ({secs:.2} s); its output:\n{output}");
            failed.push(name.as_str());
        }
    }
    if !failed.is_empty() {
        eprintln!("xtask: user programs failed on Linux: {}", failed.join(", "));
        exit(1);
    }
}

/// Runs `cmd` (killed after [`HOST_TIMEOUT`]); whether it passed, and its output.
fn run_with_timeout(mut cmd: Command, name: &str) -> (bool, String) {
    use std::os::unix::process::CommandExt;
    // Its own process group, so a timeout also ends the children it forked
    // (which would otherwise keep the output pipe open).
    cmd.process_group(0);
    let mut child = match cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn() {
        Ok(child) => child,
        Err(e) => return (false, format!("cannot start: {e}")),
    };
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() < HOST_TIMEOUT => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                let group = format!("-{}", child.id());
                let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
                let _ = child.wait();
                break None;
            }
        }
    };
    let output = reader.join().unwrap_or_default();
    let last = output.lines().last().unwrap_or("");
    let passed = status.is_some_and(|s| s.success()) && last == format!("PASS {name}");
    let note = match status {
        None => format!("(killed after {} s)", HOST_TIMEOUT.as_secs()),
        Some(s) => format!("({s})"),
    };
    (passed, format!("{output}{note}"))
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn fail(msg: &str) -> ! {
    eprintln!("xtask: {msg}");
    exit(1)
}
