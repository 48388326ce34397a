//! The [`Qemu`] builder: one QEMU process per test, serial console on
//! stdout, killed when it runs longer than its timeout.

use crate::Outcome;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// What QEMU boots.
#[derive(Debug, Clone)]
enum Boot {
    /// Direct boot (`-kernel`, PVH) with a kernel command line.
    Kernel { elf: PathBuf, cmdline: String },
    /// GRUB from a CD image (`-cdrom`); its grub.cfg holds the command line.
    Iso { iso: PathBuf, uefi: bool },
}

/// A QEMU configuration: TCG, `-no-reboot`, no display, serial on stdio,
/// isa-debug-exit at port 0xf4. Build it, then [`Qemu::run`] it.
#[derive(Debug, Clone)]
pub struct Qemu {
    boot: Boot,
    memory: String,
    cpu: Option<String>,
    machine: String,
    extra: Vec<String>,
    timeout: Duration,
    /// Bytes typed on the serial console once the output shows a marker.
    input: Vec<(String, Vec<u8>)>,
}

impl Qemu {
    /// Direct boot of `build/exo-os.elf` with command line `console=ttyS0`.
    pub fn kernel() -> Self {
        let boot = Boot::Kernel { elf: crate::kernel_path(), cmdline: "console=ttyS0".into() };
        Self::with(boot)
    }

    /// Boot of `build/exo-os.iso` through GRUB under SeaBIOS.
    pub fn iso() -> Self {
        Self::with(Boot::Iso { iso: crate::iso_path(), uefi: false })
    }

    fn with(boot: Boot) -> Self {
        Qemu {
            boot,
            memory: "512M".into(),
            cpu: None,
            machine: "q35".into(),
            extra: Vec::new(),
            timeout: Duration::from_secs(30),
            input: Vec::new(),
        }
    }

    /// Replaces the kernel command line (direct boot only).
    pub fn cmdline(mut self, line: &str) -> Self {
        match &mut self.boot {
            Boot::Kernel { cmdline, .. } => *cmdline = line.into(),
            Boot::Iso { .. } => panic!("an ISO boot takes its command line from grub.cfg"),
        }
        self
    }

    /// Guest memory as QEMU's `-m` takes it (`128M`, `4G`); default `512M`.
    pub fn memory(mut self, size: &str) -> Self {
        self.memory = size.into();
        self
    }

    /// CPU model (`-cpu`, e.g. `qemu64`, `max`); default: QEMU's own.
    pub fn cpu(mut self, model: &str) -> Self {
        self.cpu = Some(model.into());
        self
    }

    /// Machine type (`-machine`); default `q35`.
    pub fn machine(mut self, machine: &str) -> Self {
        self.machine = machine.into();
        self
    }

    /// Boots the ISO under UEFI with [`crate::OVMF`] (ISO boot only).
    pub fn uefi(mut self) -> Self {
        match &mut self.boot {
            Boot::Iso { uefi, .. } => *uefi = true,
            Boot::Kernel { .. } => panic!("UEFI needs an ISO boot: use Qemu::iso()"),
        }
        self
    }

    /// Appends raw QEMU arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.extra.extend(args.into_iter().map(Into::into));
        self
    }

    /// Wall-clock limit for the whole run; default 30 s.
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.timeout = limit;
        self
    }

    /// Passes the test image (`build/initramfs.cpio`) with `-initrd`.
    pub fn initramfs(self) -> Self {
        let path = crate::initramfs_path();
        self.args(["-initrd".to_string(), path.display().to_string()])
    }

    /// Types `bytes` into the serial console (QEMU's stdin) as soon as the
    /// serial output contains `marker`. Several calls make a dialogue: each
    /// marker is looked for in the output after the previous step's input.
    /// Without it, stdin is empty.
    pub fn stdin_after(mut self, marker: &str, bytes: &[u8]) -> Self {
        self.input.push((marker.into(), bytes.to_vec()));
        self
    }

    /// The QEMU command this configuration runs.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new("qemu-system-x86_64");
        cmd.args(["-machine", &self.machine, "-accel", "tcg", "-m", &self.memory, "-no-reboot"]);
        cmd.args(["-display", "none", "-serial", "stdio"]);
        cmd.args(["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]);
        if let Some(cpu) = &self.cpu {
            cmd.args(["-cpu", cpu]);
        }
        match &self.boot {
            Boot::Kernel { elf, cmdline } => {
                cmd.arg("-kernel").arg(elf).args(["-append", cmdline]);
            }
            Boot::Iso { iso, uefi } => {
                cmd.arg("-cdrom").arg(iso);
                if *uefi {
                    cmd.args(["-bios", crate::OVMF]);
                }
            }
        }
        cmd.args(&self.extra);
        cmd
    }

    /// Runs QEMU to the end and returns what it printed. If it runs past
    /// the timeout, QEMU is killed and the test fails, showing the output
    /// so far. Use [`Qemu::try_run`] when a hang is an expected result.
    pub fn run(&self) -> Outcome {
        let out = self.try_run();
        if out.timed_out {
            out.fail(&format!("QEMU still running after {:?}: killed", self.timeout));
        }
        out
    }

    /// Like [`Qemu::run`], but a timeout only sets [`Outcome::timed_out`].
    pub fn try_run(&self) -> Outcome {
        let mut cmd = self.command();
        let command = format!("{cmd:?}");
        let start = Instant::now();
        let mut child = cmd
            .stdin(if self.input.is_empty() { Stdio::null() } else { Stdio::piped() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start qemu-system-x86_64 ({e}); is QEMU installed?"));
        let stdout_pipe = child.stdout.take().expect("stdout is piped");
        let stdout = match child.stdin.take() {
            Some(stdin) if !self.input.is_empty() => Collector::start(TypeAfter {
                inner: stdout_pipe,
                seen: Vec::new(),
                steps: self.input.iter().map(|(m, b)| (m.as_bytes().to_vec(), b.clone())).collect(),
                stdin,
            }),
            _ => Collector::start(stdout_pipe),
        };
        let stderr = Collector::start(child.stderr.take().expect("stderr is piped"));
        let (status, timed_out) = wait_with_timeout(&mut child, self.timeout);
        Outcome {
            status,
            serial: stdout.finish(),
            stderr: stderr.finish(),
            timed_out,
            elapsed: start.elapsed(),
            command,
        }
    }
}

/// Polls `child` until it exits or `limit` passes, then kills it.
/// Returns its exit code (None if killed by a signal) and whether it timed out.
fn wait_with_timeout(child: &mut Child, limit: Duration) -> (Option<i32>, bool) {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("wait for QEMU") {
            return (status.code(), false);
        }
        if Instant::now() >= deadline {
            // Kill fails only if it already exited, which wait() then reports.
            let _ = child.kill();
            let status = child.wait().expect("reap the killed QEMU");
            return (status.code(), true);
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// A thread copying one of QEMU's pipes into a buffer until it closes.
struct Collector(JoinHandle<Vec<u8>>);

impl Collector {
    fn start(mut pipe: impl Read + Send + 'static) -> Self {
        Collector(thread::spawn(move || {
            let mut buf = Vec::new();
            // A read error ends the capture like EOF: QEMU is gone either way,
            // and what was read so far is kept.
            let _ = pipe.read_to_end(&mut buf);
            buf
        }))
    }

    /// Waits for the pipe to close (QEMU has exited or been killed) and
    /// returns everything read, invalid UTF-8 replaced.
    fn finish(self) -> String {
        let bytes = self.0.join().expect("pipe reader thread panicked");
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// A reader of QEMU's output that writes prepared input to QEMU's stdin
/// each time the output since the last input contains the next marker
/// (for [`Qemu::stdin_after`]).
struct TypeAfter<R> {
    inner: R,
    seen: Vec<u8>,
    steps: std::collections::VecDeque<(Vec<u8>, Vec<u8>)>,
    stdin: std::process::ChildStdin,
}

impl<R: Read> Read for TypeAfter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if self.steps.is_empty() {
            return Ok(n);
        }
        self.seen.extend_from_slice(&buf[..n]);
        while let Some((marker, _)) = self.steps.front() {
            let Some(at) = self.seen.windows(marker.len().max(1)).position(|w| w == marker.as_slice()) else { break };
            let cut = at + marker.len();
            self.seen.drain(..cut);
            if let Some((_, bytes)) = self.steps.pop_front() {
                use std::io::Write;
                // QEMU may already be gone; the test then fails on its output.
                let _ = self.stdin.write_all(&bytes).and_then(|()| self.stdin.flush());
            }
        }
        Ok(n)
    }
}
