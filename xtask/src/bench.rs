//! `xtask bench`: the same benchmark program (`user/bench`) booted as init
//! on Exo-OS and on Debian's Linux 6.1 kernel, side by side (DESIGN.md §7).
//!
//! # What it does
//!
//! 1. Builds the kernel (done by the caller) and the user programs.
//! 2. Fetches Debian's newest `linux-image-6.1.0-<N>-amd64` once, with
//!    `apt-get download` and `dpkg -x`, into `build/bench/linux/` (`vmlinuz`,
//!    and `VERSION` naming the package). Only `apt-get update` needs root
//!    (or sudo), and only when the package lists do not know the package.
//!    `make test` never needs this directory.
//! 3. Writes two images holding only the benchmark: `build/bench/exo.cpio`
//!    (`/bin/bench`, booted with `init=/bin/bench`) and
//!    `build/bench/linux.cpio` (`/init`, booted with `rdinit=/init`).
//! 4. Boots each under `qemu-system-x86_64 -accel tcg -icount shift=0 -smp 1
//!    -m 1024`, where one guest nanosecond is one guest instruction, so
//!    `bench <name> <ns_per_op>` is instructions per operation; then once
//!    more each under plain TCG (no `-icount`, guest time is wall time) with
//!    `bench ctxswitch`, which prints `ctxswitch per_second <N>`.
//! 5. Prints a table (Exo-OS and Linux instructions per operation, their
//!    ratio, the target ratio of at most 0.5) and the context-switch rates,
//!    and writes the same to `build/bench/report.md`.
//!
//! How each kernel stops: on Exo-OS, init exiting powers the machine off
//! (isa-debug-exit). On Linux, init exiting panics ("Attempted to kill
//! init"); `panic=-1` makes the kernel reboot at once and `-no-reboot` turns
//! that reboot into QEMU exiting. The panic message after `PASS bench` in
//! Linux's output is therefore expected. (The benchmark does not call
//! reboot(2) itself, so the binary behaves the same on both kernels.)
//!
//! Repeatability: Exo-OS gives the same figures on every boot. Linux did
//! not at first: its randomised user address space layout moved
//! mmap_munmap_4m between 13,400 and 17,700 instructions and fork_exit_wait
//! by ±3% from boot to boot. `norandmaps` (no user address randomisation;
//! Exo-OS has none either) brings its spread under 0.2%. (Kernel address
//! randomisation stays: `nokaslr` is no parameter Linux's command-line
//! parser knows, so Linux would pass it to init as an argument.)
//!
//! Every boot's console output is kept in `build/bench/*.log`.
//!
//! # Options
//!
//! `--divisor N` divides every iteration count (quick looks; the figures
//! stay per operation but warm-up effects weigh more); `--runs N` boots each
//! kernel N times under icount and reports the largest run-to-run spread
//! (it should stay under 0.2%); `--no-linux` measures Exo-OS only.
//!
//! The program exits with failure if a boot did not end with `PASS bench`
//! or a benchmark has no figure; the targets themselves are only reported.

use crate::{check, initramfs, user};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{exit, Command, Stdio};
use std::time::{Duration, Instant};

const QEMU: &str = "qemu-system-x86_64";
/// Longest one boot may take under icount (about 40 s is normal).
const ICOUNT_TIMEOUT: Duration = Duration::from_secs(900);
/// Longest one plain-TCG boot may take (about 10 s is normal).
const TCG_TIMEOUT: Duration = Duration::from_secs(300);
/// The goal: Exo-OS needs at most half of Linux's instructions.
const TARGET_RATIO: f64 = 0.5;
/// The goal for `ctxswitch per_second` under plain TCG.
const CTXSWITCH_TARGET: u64 = 10_000;
/// Guest milliseconds the context-switch measurement runs.
const CTXSWITCH_MS: u64 = 1000;
/// Debian's 64-bit Linux 6.1 images: `linux-image-6.1.0-<N>-amd64`.
const LINUX_PACKAGE_PREFIX: &str = "linux-image-6.1.0-";
const LINUX_PACKAGE_SUFFIX: &str = "-amd64";
/// Output lines of a failed boot shown in the report.
const SHOWN_LINES: usize = 200;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kernel {
    Exo,
    Linux,
}

impl Kernel {
    fn name(self) -> &'static str {
        match self {
            Kernel::Exo => "Exo-OS",
            Kernel::Linux => "Linux",
        }
    }
}

struct Options {
    divisor: u64,
    runs: usize,
    linux: bool,
}

/// The two kernels and their images.
struct Setup {
    exo_elf: PathBuf,
    exo_image: PathBuf,
    /// `vmlinuz`, its image, and the package it came from.
    linux: Option<(PathBuf, PathBuf, String)>,
}

/// One QEMU boot and what it printed.
struct Boot {
    kernel: Kernel,
    icount: bool,
    command: String,
    output: String,
    status: Option<i32>,
    timed_out: bool,
    secs: f64,
}

impl Boot {
    fn lines(&self) -> impl Iterator<Item = &str> {
        self.output.lines().map(|l| l.trim_end_matches('\r'))
    }

    fn passed(&self) -> bool {
        !self.timed_out && self.lines().any(|l| l == "PASS bench")
    }

    /// `bench <name> <value>` lines, in order.
    fn figures(&self) -> Vec<(String, u64)> {
        self.lines()
            .filter_map(|l| {
                let mut words = l.strip_prefix("bench ")?.split_whitespace();
                let (name, value, rest) = (words.next()?, words.next()?, words.next());
                Some((name.to_string(), value.parse().ok()?)).filter(|_| rest.is_none())
            })
            .collect()
    }

    fn ctxswitch(&self) -> Option<u64> {
        self.lines().find_map(|l| l.strip_prefix("ctxswitch per_second ")?.trim().parse().ok())
    }

    fn label(&self) -> String {
        format!("{} ({})", self.kernel.name(), if self.icount { "icount" } else { "plain TCG" })
    }

    /// Why this boot counts as failed, if it does.
    fn failure(&self) -> Option<String> {
        if self.timed_out {
            Some(format!("still running after {:.0} s: killed", self.secs))
        } else if !self.passed() {
            Some(format!("no `PASS bench` line (QEMU exit status {:?})", self.status))
        } else {
            None
        }
    }
}

/// `xtask bench [--divisor N] [--runs N] [--no-linux]` with the kernel at `elf`.
pub fn run(root: &Path, elf: &Path, args: &[String]) {
    let started = Instant::now();
    let opts = parse_options(args);
    let dir = root.join("build/bench");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&format!("create {}: {e}", dir.display())));

    let programs = user::build(root);
    let bench = match programs.iter().find(|(_, name)| name == "bench") {
        Some((path, _)) => std::fs::read(path).unwrap_or_else(|e| fail(&format!("read {}: {e}", path.display()))),
        None => fail("no user program named bench"),
    };
    let exo_image = dir.join("exo.cpio");
    initramfs::write_image(&exo_image, &["bin", "dev", "proc", "sbin", "tmp"], &[("bin/bench", bench.clone())]);
    let linux = opts.linux.then(|| {
        let (vmlinuz, version) = linux_kernel(&dir.join("linux"));
        let image = dir.join("linux.cpio");
        initramfs::write_image(&image, &[], &[("init", bench)]);
        (vmlinuz, image, version)
    });
    let setup = Setup { exo_elf: elf.to_path_buf(), exo_image, linux };

    let mut boots = Vec::new();
    let bench_args = opts.divisor.to_string();
    for run in 1..=opts.runs {
        for kernel in kernels(&setup) {
            let run = (opts.runs > 1).then_some((run, opts.runs));
            boots.push(boot(root, &setup, kernel, true, &bench_args, run));
        }
    }
    let ctx_args = format!("ctxswitch {CTXSWITCH_MS}");
    for kernel in kernels(&setup) {
        boots.push(boot(root, &setup, kernel, false, &ctx_args, None));
    }

    let (report, ok) = report(root, &setup, &opts, &boots, started.elapsed());
    println!("\n{report}");
    let path = dir.join("report.md");
    std::fs::write(&path, &report).unwrap_or_else(|e| fail(&format!("write {}: {e}", path.display())));
    println!("xtask: wrote {} ({:.0} s in all)", path.display(), started.elapsed().as_secs_f64());
    if !ok {
        eprintln!("xtask: bench: some boots failed or benchmarks have no figure (see above)");
        exit(1);
    }
}

fn parse_options(args: &[String]) -> Options {
    let mut opts = Options { divisor: 1, runs: 1, linux: true };
    let mut it = args.iter();
    let number = |value: Option<&String>, what: &str| -> u64 {
        match value.map(|v| v.parse::<u64>()) {
            Some(Ok(n)) if n > 0 => n,
            _ => fail(&format!("bench: {what} takes a positive number")),
        }
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--divisor" => opts.divisor = number(it.next(), "--divisor"),
            "--runs" => opts.runs = number(it.next(), "--runs") as usize,
            "--no-linux" => opts.linux = false,
            _ => fail(&format!("bench: unknown option {arg:?} (options: --divisor N, --runs N, --no-linux)")),
        }
    }
    opts
}

fn kernels(setup: &Setup) -> Vec<Kernel> {
    if setup.linux.is_some() {
        vec![Kernel::Exo, Kernel::Linux]
    } else {
        vec![Kernel::Exo]
    }
}

/// Boots `kernel` with the benchmark as init, passing it `bench_args`;
/// `run` is (this run, of how many) when there are several.
fn boot(
    root: &Path,
    setup: &Setup,
    kernel: Kernel,
    icount: bool,
    bench_args: &str,
    run: Option<(usize, usize)>,
) -> Boot {
    let mut cmd = Command::new(QEMU);
    cmd.args(["-accel", "tcg"]);
    if icount {
        cmd.args(["-icount", "shift=0"]);
    }
    cmd.args(["-smp", "1", "-m", "1024", "-nographic", "-no-reboot"]);
    match (kernel, &setup.linux) {
        (Kernel::Exo, _) => {
            cmd.args(["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]);
            cmd.arg("-kernel").arg(&setup.exo_elf).arg("-initrd").arg(&setup.exo_image);
            cmd.args(["-append", &format!("console=ttyS0 loglevel=4 init=/bin/bench -- {bench_args}")]);
        }
        (Kernel::Linux, Some((vmlinuz, image, _))) => {
            cmd.arg("-kernel").arg(vmlinuz).arg("-initrd").arg(image);
            let cmdline =
                format!("console=ttyS0 quiet rdinit=/init mitigations=off panic=-1 norandmaps -- {bench_args}");
            cmd.args(["-append", &cmdline]);
        }
        (Kernel::Linux, None) => unreachable!("Linux is booted only when it was fetched"),
    }
    let command = shell_words(&cmd, root);
    let mode = if icount { "icount" } else { "plain TCG" };
    let note = run.map_or(String::new(), |(i, n)| format!(", run {i} of {n}"));
    print!("xtask: bench: {} ({mode}{note}) ... ", kernel.name());
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let timeout = if icount { ICOUNT_TIMEOUT } else { TCG_TIMEOUT };
    let (output, status, timed_out, secs) = run_with_timeout(cmd, timeout);
    let boot = Boot { kernel, icount, command, output: strip_escapes(&output), status, timed_out, secs };
    let log = root.join("build/bench").join(log_name(kernel, icount, run.map(|(i, _)| i)));
    let _ = std::fs::write(&log, &boot.output);
    match boot.failure() {
        None => println!("{secs:.1} s"),
        Some(why) => println!("{secs:.1} s, FAILED: {why}"),
    }
    boot
}

/// `exo-icount-1.log`, `linux-tcg.log`, ...: where a boot's output is kept.
fn log_name(kernel: Kernel, icount: bool, run: Option<usize>) -> String {
    let who = if kernel == Kernel::Exo { "exo" } else { "linux" };
    let mode = if icount { "icount" } else { "tcg" };
    match run {
        Some(i) => format!("{who}-{mode}-{i}.log"),
        None => format!("{who}-{mode}.log"),
    }
}

/// Runs `cmd` (killed after `timeout`); its stdout and stderr, exit code,
/// whether it was killed, and the seconds it took.
fn run_with_timeout(mut cmd: Command, timeout: Duration) -> (String, Option<i32>, bool, f64) {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| fail(&format!("cannot start {QEMU}: {e} (scripts/setup installs it)")));
    let collect = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = collect(Box::new(child.stdout.take().expect("piped stdout")));
    let stderr = collect(Box::new(child.stderr.take().expect("piped stderr")));
    let (status, timed_out) = loop {
        match child.try_wait() {
            Ok(Some(status)) => break (status.code(), false),
            Ok(None) if start.elapsed() < timeout => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                break (child.wait().ok().and_then(|s| s.code()), true);
            }
        }
    };
    let mut output = String::from_utf8_lossy(&stdout.join().unwrap_or_default()).into_owned();
    let stderr = stderr.join().unwrap_or_default();
    if !stderr.is_empty() {
        output.push_str("\n[QEMU stderr]\n");
        output.push_str(&String::from_utf8_lossy(&stderr));
    }
    (output, status, timed_out, start.elapsed().as_secs_f64())
}

/// The report (Markdown) and whether every boot and benchmark produced figures.
fn report(root: &Path, setup: &Setup, opts: &Options, boots: &[Boot], elapsed: Duration) -> (String, bool) {
    let mut ok = true;
    let mut r = String::new();
    let _ = writeln!(r, "# Exo-OS vs Linux: guest instructions per operation\n");
    let _ = writeln!(r, "- Exo-OS: {}", git_describe(root));
    match &setup.linux {
        Some((_, _, version)) => drop(writeln!(r, "- Linux: {version} (Debian)")),
        None => drop(writeln!(r, "- Linux: not measured (--no-linux)")),
    }
    let _ = writeln!(r, "- QEMU: {}", qemu_version());
    let _ = writeln!(
        r,
        "- Method: `user/bench` as init, QEMU TCG with `-icount shift=0` (1 guest ns = 1 guest instruction), \
         `-smp 1 -m 1024`, Linux with `norandmaps` so its figures repeat; iteration counts divided by {}; \
         {} run(s) per kernel (DESIGN.md §7, xtask/src/bench.rs).",
        opts.divisor, opts.runs
    );
    let _ = writeln!(r, "- `make bench` took {:.0} s.\n", elapsed.as_secs_f64());

    let icount: Vec<&Boot> = boots.iter().filter(|b| b.icount).collect();
    let per_kernel = |kernel: Kernel| -> Vec<BTreeMap<String, u64>> {
        icount.iter().filter(|b| b.kernel == kernel).map(|b| b.figures().into_iter().collect()).collect()
    };
    let (exo, linux) = (per_kernel(Kernel::Exo), per_kernel(Kernel::Linux));
    // Benchmark names in the order the program prints them.
    let mut names: Vec<String> = Vec::new();
    for boot in &icount {
        for (name, _) in boot.figures() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    // Spread columns only when there are several runs to compare.
    let several = opts.runs > 1;
    let _ = write!(r, "| benchmark | Exo-OS instr/op | Linux instr/op | Exo/Linux | target | met |");
    let _ = writeln!(r, "{}", if several { " spread Exo-OS | spread Linux |" } else { "" });
    let _ = writeln!(r, "|---|---:|---:|---:|---:|:---:|{}", if several { "---:|---:|" } else { "" });
    let mut worst_spread: f64 = 0.0;
    for name in &names {
        let values =
            |runs: &[BTreeMap<String, u64>]| -> Vec<u64> { runs.iter().filter_map(|m| m.get(name).copied()).collect() };
        let (e, l) = (values(&exo), values(&linux));
        let first = |v: &[u64]| v.first().map_or("—".to_string(), |&x| thousands(x));
        let ratio = match (e.first(), l.first()) {
            (Some(&e), Some(&l)) if l > 0 => Some(e as f64 / l as f64),
            _ => None,
        };
        let (ratio_text, met) = match ratio {
            Some(x) => (format!("{x:.2}"), if x <= TARGET_RATIO { "yes" } else { "no" }),
            None => ("—".to_string(), "—"),
        };
        let mut spread_text = |v: &[u64]| {
            if v.len() < 2 {
                return "—".to_string();
            }
            worst_spread = worst_spread.max(spread(v));
            format!("{:.2}%", spread(v) * 100.0)
        };
        let spreads = if several { format!(" {} | {} |", spread_text(&e), spread_text(&l)) } else { String::new() };
        let _ = writeln!(
            r,
            "| {name} | {} | {} | {ratio_text} | ≤ {TARGET_RATIO} | {met} |{spreads}",
            first(&e),
            first(&l)
        );
        let expected = if setup.linux.is_some() { opts.runs } else { 0 };
        if e.len() != opts.runs || l.len() != expected {
            ok = false;
        }
    }
    if names.is_empty() {
        let _ = writeln!(r, "| (no figures) | | | | | |{}", if several { " | |" } else { "" });
    }
    if several {
        let _ =
            writeln!(r, "\nThe figures are those of run 1; a spread is (largest - smallest) / smallest over the runs.");
        for (kernel, runs) in [(Kernel::Exo, &exo), (Kernel::Linux, &linux)] {
            for (i, run) in runs.iter().enumerate() {
                let values: Vec<String> =
                    names.iter().map(|n| run.get(n).map_or("—".to_string(), |&v| thousands(v))).collect();
                let _ = writeln!(r, "- {} run {}: {}", kernel.name(), i + 1, values.join(" / "));
            }
        }
    }
    if several && worst_spread > 0.002 {
        let _ = writeln!(
            r,
            "\nWarning: a run-to-run spread above 0.2%: the figures are not as repeatable as icount should make them."
        );
    }

    let _ = writeln!(r, "\n## Context switches per second (plain TCG, no icount, {CTXSWITCH_MS} ms of guest time)\n");
    let _ = writeln!(
        r,
        "Two threads on one CPU calling sched_yield in turn (`bench ctxswitch`); guest time is wall time \
         here, so this depends on the host.\n"
    );
    let _ = writeln!(r, "| kernel | context switches/s | target | met |");
    let _ = writeln!(r, "|---|---:|---:|:---:|");
    for boot in boots.iter().filter(|b| !b.icount) {
        let (rate, met) = match boot.ctxswitch() {
            Some(n) => (thousands(n), if n >= CTXSWITCH_TARGET { "yes" } else { "no" }),
            None => ("—".to_string(), "—"),
        };
        let _ = writeln!(r, "| {} | {rate} | ≥ {} | {met} |", boot.kernel.name(), thousands(CTXSWITCH_TARGET));
    }

    let _ = writeln!(r, "\n## Boots (console output in build/bench/*.log)\n");
    for boot in boots {
        let _ = writeln!(r, "- {}: {:.1} s, `{}`", boot.label(), boot.secs, boot.command);
    }
    for boot in boots {
        let missing: Vec<&String> = if boot.icount {
            let have: Vec<String> = boot.figures().into_iter().map(|(n, _)| n).collect();
            names.iter().filter(|n| !have.contains(n)).collect()
        } else {
            Vec::new()
        };
        let no_rate = !boot.icount && boot.ctxswitch().is_none();
        if boot.failure().is_none() && missing.is_empty() && !no_rate {
            continue;
        }
        ok = false;
        let why = boot.failure().unwrap_or_else(|| "missing figures".to_string());
        let lines: Vec<&str> = boot.lines().collect();
        let shown = &lines[lines.len().saturating_sub(SHOWN_LINES)..];
        let _ = writeln!(r, "\n## {} failed: {why}\n", boot.label());
        if !missing.is_empty() {
            let list: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
            let _ = writeln!(r, "No figure for: {}.\n", list.join(", "));
        }
        let _ = writeln!(
            r,
            "Its output (last {} of {} lines):\n\n```\n{}\n```",
            shown.len(),
            lines.len(),
            shown.join("\n")
        );
    }
    (r, ok)
}

/// (max - min) / min of `values`.
fn spread(values: &[u64]) -> f64 {
    let (min, max) = (values.iter().min().copied().unwrap_or(0), values.iter().max().copied().unwrap_or(0));
    if min == 0 {
        0.0
    } else {
        (max - min) as f64 / min as f64
    }
}

/// 1234567 as "1,234,567".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The command as one shell line, paths under `root` made relative.
fn shell_words(cmd: &Command, root: &Path) -> String {
    let prefix = format!("{}/", root.display());
    let mut words = vec![cmd.get_program().to_string_lossy().into_owned()];
    for arg in cmd.get_args() {
        let arg = arg.to_string_lossy().replace(&prefix, "");
        words.push(if arg.contains(' ') { format!("\"{arg}\"") } else { arg });
    }
    words.join(" ")
}

/// `text` without terminal escape sequences (SeaBIOS clears the screen).
fn strip_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            // Parameters, then one final byte in @..~.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            chars.next();
        }
    }
    out
}

fn git_describe(root: &Path) -> String {
    let out = Command::new("git").current_dir(root).args(["describe", "--always", "--dirty"]).output();
    match out {
        Ok(o) if o.status.success() => format!("commit {}", String::from_utf8_lossy(&o.stdout).trim()),
        _ => "(not a git checkout)".to_string(),
    }
}

fn qemu_version() -> String {
    match Command::new(QEMU).arg("--version").output() {
        Ok(o) => String::from_utf8_lossy(&o.stdout).lines().next().unwrap_or("?").to_string(),
        Err(e) => format!("? ({e})"),
    }
}

/// `dir/vmlinuz` (fetched the first time) and the package it came from.
fn linux_kernel(dir: &Path) -> (PathBuf, String) {
    let (vmlinuz, version_file) = (dir.join("vmlinuz"), dir.join("VERSION"));
    if let (true, Ok(version)) = (vmlinuz.is_file(), std::fs::read_to_string(&version_file)) {
        return (vmlinuz, version.trim().to_string());
    }
    let download = dir.join("download");
    let _ = std::fs::remove_dir_all(&download);
    std::fs::create_dir_all(&download).unwrap_or_else(|e| fail(&format!("create {}: {e}", download.display())));
    // The package lists may not know the package, or name one the mirror
    // no longer has: then update them (as root) once and try again.
    let mut updated = false;
    let deb = loop {
        let package = match newest_linux_package() {
            Some(p) => p,
            None if !updated => {
                apt_get_update();
                updated = true;
                continue;
            }
            None => fail("apt-cache knows no linux-image-6.1.0-<N>-amd64 package (is this Debian 12?)"),
        };
        println!("xtask: bench: fetching {package} (once, into {})", dir.display());
        let mut cmd = Command::new("apt-get");
        cmd.current_dir(&download).args(["download", "-q"]);
        if is_root() {
            // Root downloads need no sandbox user; without this apt warns
            // that `_apt` cannot write here.
            cmd.args(["-o", "APT::Sandbox::User=root"]);
        }
        if cmd.arg(&package).status().is_ok_and(|s| s.success()) {
            break only_deb(&download);
        }
        if updated {
            fail(&format!("apt-get download {package} failed"));
        }
        apt_get_update();
        updated = true;
    };
    let tree = download.join("tree");
    check(Command::new("dpkg").arg("-x").arg(&deb).arg(&tree));
    let boot = tree.join("boot");
    let image = std::fs::read_dir(&boot)
        .ok()
        .and_then(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("vmlinuz-")))
        })
        .unwrap_or_else(|| fail(&format!("no vmlinuz-* in {} (from {})", boot.display(), deb.display())));
    std::fs::rename(&image, &vmlinuz)
        .unwrap_or_else(|e| fail(&format!("move {} to {}: {e}", image.display(), vmlinuz.display())));
    let version = deb
        .file_stem()
        .map(|s| s.to_string_lossy().replacen('_', " ", 1).trim_end_matches("_amd64").to_string())
        .unwrap_or_default();
    std::fs::write(&version_file, format!("{version}\n")).unwrap_or_else(|e| fail(&format!("write VERSION: {e}")));
    let _ = std::fs::remove_dir_all(&download);
    (vmlinuz, version)
}

/// The one `.deb` file in `dir`.
fn only_deb(dir: &Path) -> PathBuf {
    let debs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "deb")).collect()
        })
        .unwrap_or_default();
    match debs.as_slice() {
        [deb] => deb.clone(),
        _ => fail(&format!("expected one .deb in {}, found {}", dir.display(), debs.len())),
    }
}

/// `linux-image-6.1.0-<N>-amd64` for the largest N the package lists know.
fn newest_linux_package() -> Option<String> {
    let pattern = format!("^{}[0-9]+{}$", LINUX_PACKAGE_PREFIX.replace('.', "\\."), LINUX_PACKAGE_SUFFIX);
    let out = Command::new("apt-cache").args(["search", "--names-only", &pattern]).output().ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter_map(|name| {
            let abi = name.strip_prefix(LINUX_PACKAGE_PREFIX)?.strip_suffix(LINUX_PACKAGE_SUFFIX)?;
            Some((abi.parse::<u32>().ok()?, name.to_string()))
        })
        .max()
        .map(|(_, name)| name)
}

/// `apt-get update`, as root or through sudo.
fn apt_get_update() {
    println!("xtask: bench: apt-get update (the package lists do not have the Linux image)");
    let mut cmd = if is_root() {
        Command::new("apt-get")
    } else if Command::new("sudo").arg("-n").arg("true").status().is_ok() {
        let mut sudo = Command::new("sudo");
        sudo.arg("apt-get");
        sudo
    } else {
        fail(
            "fetching Debian's Linux kernel needs `apt-get update`, which needs root or sudo; \
             alternatively put a Linux 6.1 bzImage at build/bench/linux/vmlinuz and its name in \
             build/bench/linux/VERSION, or run with --no-linux",
        )
    };
    check(cmd.args(["update", "-q"]));
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn fail(msg: &str) -> ! {
    eprintln!("xtask: {msg}");
    exit(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bench_and_ctxswitch_lines() {
        let boot = Boot {
            kernel: Kernel::Exo,
            icount: true,
            command: String::new(),
            output: "Booting from ROM..# pinned\r\nbench getppid 259\r\nbench bad x\nbench a 1 2\n\
                     ctxswitch per_second 12345\nPASS bench\n"
                .into(),
            status: Some(0),
            timed_out: false,
            secs: 1.0,
        };
        assert_eq!(boot.figures(), [("getppid".to_string(), 259)]);
        assert_eq!(boot.ctxswitch(), Some(12345));
        assert!(boot.passed());
    }

    #[test]
    fn helpers() {
        assert_eq!(thousands(1_189_534), "1,189,534");
        assert_eq!(thousands(359), "359");
        assert_eq!(strip_escapes("\x1bc\x1b[?7l\x1b[2J\x1b[0mSeaBIOS"), "SeaBIOS");
        assert!((spread(&[1000, 1002]) - 0.002).abs() < 1e-9);
    }
}
