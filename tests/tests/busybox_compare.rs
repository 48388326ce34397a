//! Busybox scripts run on Linux and under Exo-OS, outputs compared line by
//! line (issue 4: `ls -l`, `cp -r`, `mv`, `rm -r`, `find`, `grep -r`, `wc`,
//! `sort`, `df`, `ps`, `free` give the same output as on Linux; issue 5:
//! scripts with traps, subshells, pipelines, here-documents, `read`,
//! `wait` and `kill` match their output on Linux).
//!
//! The scripts are `tests/scripts/*.sh`; `xtask initramfs` ships them as
//! `/etc/tests/*.sh` (run `make initramfs` after changing one). Each prints
//! `=== BEGIN <name>`, its results, and `=== END <name>`, with stderr
//! merged into stdout, and normalizes in the script itself what
//! legitimately differs between the host and the guest (each case is
//! documented there).
//!
//! Both sides run the script the same way, with the same busybox binary
//! (the host's `/bin/busybox` is the one in the image):
//! - Linux: `env -i PATH=/bin:/usr/bin HOME=/ TERM=linux T=<tmp>/t
//!   /bin/busybox sh -c "sh SCRIPT 2>&1 | cat"` in a fresh temporary
//!   directory (on tmpfs, `/dev/shm`, when there is one, like Exo-OS's /tmp);
//! - Exo-OS: our init (which mounts /proc, /dev and /tmp, runs the command
//!   once and powers off) with `-- /bin/sh -c "sh /etc/tests/NAME.sh 2>&1 | cat"`.
//!
//! The `| cat` makes stdout a pipe on both sides: on Exo-OS it would
//! otherwise be the serial terminal, and busybox `ls` prints columns on a
//! terminal. The serial log between the markers is taken with CR LF turned
//! into LF and kernel log lines (`[  1.234] ...`) dropped.
//!
//! Lines starting with `only-exo: ` depend on the machine (CPU count):
//! they are left out of the comparison and checked on Exo-OS alone.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;
use tests::{workspace_root, Outcome, Qemu};

const EXO_ONLY: &str = "only-exo: ";

fn script_path(name: &str) -> PathBuf {
    workspace_root().join("tests/scripts").join(format!("{name}.sh"))
}

/// The script's whole output on Linux (host busybox, clean environment).
fn run_on_linux(name: &str) -> String {
    let base = if std::path::Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    let dir = base.join(format!("exo-compare-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    let script = script_path(name);
    let out = Command::new("env")
        .args(["-i", "PATH=/bin:/usr/bin", "HOME=/", "TERM=linux"])
        .arg(format!("T={}", dir.join("t").display()))
        .args(["/bin/busybox", "sh", "-c"])
        .arg(format!("sh {} 2>&1 | cat", script.display()))
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .expect("run /bin/busybox (install Debian's busybox-static)");
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The serial log of Exo-OS running the script from the image.
fn run_on_exo(name: &str) -> Outcome {
    Qemu::kernel()
        .cmdline(&format!("console=ttyS0 loglevel=4 -- /bin/sh -c \"sh /etc/tests/{name}.sh 2>&1 | cat\""))
        .initramfs()
        .timeout(Duration::from_secs(180))
        .try_run()
}

/// True for a kernel log line: `[ seconds.micros] message`.
fn is_kernel_message(line: &str) -> bool {
    line.strip_prefix('[').and_then(|rest| rest.split_once("] ")).is_some_and(|(stamp, _)| {
        !stamp.trim().is_empty() && stamp.trim_start().chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

/// The lines strictly between `=== BEGIN name` and `=== END name`, and
/// whether the END marker was seen. None if there is no BEGIN marker.
fn between_markers(text: &str, name: &str) -> Option<(Vec<String>, bool)> {
    let begin = format!("=== BEGIN {name}");
    let end = format!("=== END {name}");
    let text = text.replace("\r\n", "\n");
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    lines.find(|l| *l == begin)?;
    let mut body = Vec::new();
    for line in lines {
        if line == end {
            return Some((body, true));
        }
        if !is_kernel_message(line) {
            body.push(line.to_string());
        }
    }
    Some((body, false))
}

/// Splits out the `only-exo: ` lines (returned without the prefix).
fn split_exo_only(lines: Vec<String>) -> (Vec<String>, Vec<String>) {
    let (only, common): (Vec<String>, Vec<String>) = lines.into_iter().partition(|l| l.starts_with(EXO_ONLY));
    (common, only.into_iter().map(|l| l[EXO_ONLY.len()..].to_string()).collect())
}

/// A unified-style line diff (`-` Linux only, `+` Exo-OS only, two lines
/// of context), from a longest common subsequence.
fn diff(linux: &[String], exo: &[String]) -> String {
    let (n, m) = (linux.len(), exo.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if linux[i] == exo[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    // (tag, text) for the whole alignment.
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && linux[i] == exo[j] {
            ops.push((' ', &linux[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(('+', &exo[j]));
            j += 1;
        } else {
            ops.push(('-', &linux[i]));
            i += 1;
        }
    }
    const CONTEXT: usize = 2;
    let changed: Vec<usize> = ops.iter().enumerate().filter(|(_, (t, _))| *t != ' ').map(|(k, _)| k).collect();
    let mut out = String::new();
    let mut last_shown: Option<usize> = None;
    for (k, (tag, text)) in ops.iter().enumerate() {
        let near = changed.iter().any(|&c| c.abs_diff(k) <= CONTEXT);
        if !near {
            continue;
        }
        if last_shown.is_some_and(|l| l + 1 != k) {
            out.push_str("  ...\n");
        }
        out.push_str(&format!("{tag} {text}\n"));
        last_shown = Some(k);
    }
    out
}

/// Runs `name` on both sides, asserts the outputs match, and returns the
/// Exo-OS `only-exo: ` lines.
fn compare(name: &str) -> Vec<String> {
    assert!(script_path(name).is_file(), "{} is missing", script_path(name).display());
    let linux_text = run_on_linux(name);
    let (linux, linux_complete) = between_markers(&linux_text, name)
        .unwrap_or_else(|| panic!("the script printed no `=== BEGIN {name}` on Linux:\n{linux_text}"));
    assert!(linux_complete, "the script did not reach `=== END {name}` on Linux:\n{linux_text}");
    let (linux, _) = split_exo_only(linux);

    let exo_out = run_on_exo(name);
    let Some((exo, exo_complete)) = between_markers(&exo_out.serial, name) else {
        exo_out.fail(&format!("no `=== BEGIN {name}` in the Exo-OS serial log"));
    };
    let (exo, exo_only) = split_exo_only(exo);
    if linux != exo || !exo_complete {
        let mut why = format!(
            "{name}.sh: Exo-OS output differs from Linux ({} lines on Linux, {} on Exo-OS{})\n\
             --- diff (- Linux only, + Exo-OS only):\n{}",
            linux.len(),
            exo.len(),
            if exo_complete { "" } else { "; Exo-OS never printed the END marker" },
            diff(&linux, &exo)
        );
        if exo_out.timed_out {
            why.push_str("(QEMU timed out)\n");
        }
        exo_out.fail(&why);
    }
    if exo_out.timed_out {
        exo_out.fail("QEMU still running after the script ended");
    }
    exo_out.assert_powered_off();
    exo_only
}

#[test]
fn files_match_linux() {
    compare("files");
}

#[test]
fn shell_matches_linux() {
    compare("shell");
}

#[test]
fn proc_matches_linux() {
    let exo_only = compare("proc");
    // QEMU runs with one CPU (no -smp).
    for expected in ["processors 1", "nproc 1"] {
        assert!(exo_only.iter().any(|l| l == expected), "expected `{expected}` on Exo-OS, got {exo_only:?}");
    }
}

#[test]
fn diff_marks_changed_lines() {
    let a: Vec<String> = ["x", "y", "z"].iter().map(|s| s.to_string()).collect();
    let b: Vec<String> = ["x", "Y", "z"].iter().map(|s| s.to_string()).collect();
    assert_eq!(diff(&a, &b), "  x\n+ Y\n- y\n  z\n");
    assert!(is_kernel_message("[    1.234567] hello"));
    assert!(!is_kernel_message("[x] y"));
    let (body, complete) = between_markers("noise\r\n=== BEGIN t\r\na\r\n[ 0.1] k\r\nb\r\n=== END t\r\n", "t").unwrap();
    assert_eq!((body, complete), (vec!["a".to_string(), "b".to_string()], true));
}
