//! The console terminal: Linux's N_TTY line discipline (termios(3)) over
//! the serial port and the PS/2 keyboard, written to the kernel console.
//!
//! Design note: interrupt handlers may not allocate or take locks that
//! ordinary kernel code holds with interrupts on (the heap, the process
//! table), so they only append raw bytes to a fixed ring ([`receive`]).
//! The bytes are cooked (echo, editing, signals, wake-ups) by [`service`]
//! in a context where nothing is held: on every terminal operation, and at
//! the end of an input or timer interrupt that arrived in user mode or in
//! the idle thread's halt ([`service_from_interrupt`]). The cooked state
//! lives in fixed buffers (4 KiB, as Linux's N_TTY_BUF_SIZE) under a lock
//! that is only taken with interrupts off.
//!
//! The foreground process group (initially 1, init's; set by TIOCSPGRP
//! and TIOCSCTTY) receives ^C, ^\ and ^Z; stopping on ^Z waits for the
//! job-control work (stop signals are ignored until then). VTIME is not honoured (reads wait for VMIN bytes, or return at
//! once when VMIN is 0).

use super::poll;
use crate::errno::{Errno, KResult};
use crate::mm::uaccess::{read_user, write_user};
use crate::sched::wait::WaitQueue;
use abi::flags::ioctl as req;
use abi::flags::termios::*;
use core::sync::atomic::{AtomicBool, Ordering};
use spin::Mutex;

/// Signal numbers the line discipline sends (asm-generic/signal.h).
const SIGINT: u32 = 2;
const SIGQUIT: u32 = 3;
const SIGTSTP: u32 = 20;
/// Cooked input kept, as Linux's N_TTY_BUF_SIZE.
const BUF_BYTES: usize = 4096;
/// Completed canonical lines remembered at once.
const MAX_LINES: usize = 64;
/// Raw bytes an interrupt can leave before they are cooked.
const RAW_BYTES: usize = 512;

/// The kernel `struct termios` with Linux's defaults for a console.
fn default_termios() -> abi::types::Termios {
    let mut c_cc = [0u8; NCCS];
    c_cc[VINTR] = 0x03;
    c_cc[VQUIT] = 0x1c;
    c_cc[VERASE] = 0x7f;
    c_cc[VKILL] = 0x15;
    c_cc[VEOF] = 0x04;
    c_cc[VMIN] = 1;
    c_cc[VSTART] = 0x11;
    c_cc[VSTOP] = 0x13;
    c_cc[VSUSP] = 0x1a;
    c_cc[VREPRINT] = 0x12;
    c_cc[VDISCARD] = 0x0f;
    c_cc[VWERASE] = 0x17;
    c_cc[VLNEXT] = 0x16;
    abi::types::Termios {
        c_iflag: ICRNL | IXON | IUTF8,
        c_oflag: OPOST | ONLCR,
        c_cflag: B38400 | CS8 | CREAD | HUPCL,
        c_lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
        c_line: 0,
        c_cc,
    }
}

/// A byte ring with absolute (ever-growing) positions.
struct Ring<const N: usize> {
    bytes: [u8; N],
    head: u64,
    tail: u64,
}

impl<const N: usize> Ring<N> {
    const fn new() -> Self {
        Ring { bytes: [0; N], head: 0, tail: 0 }
    }
    fn len(&self) -> usize {
        (self.tail - self.head) as usize
    }
    fn push(&mut self, b: u8) -> bool {
        if self.len() == N {
            return false;
        }
        self.bytes[(self.tail % N as u64) as usize] = b;
        self.tail += 1;
        true
    }
    fn pop(&mut self) -> Option<u8> {
        if self.len() == 0 {
            return None;
        }
        let b = self.bytes[(self.head % N as u64) as usize];
        self.head += 1;
        Some(b)
    }
    fn clear(&mut self) {
        self.head = self.tail;
    }
}

/// Line discipline state.
struct Ldisc {
    termios: abi::types::Termios,
    winsize: abi::types::Winsize,
    foreground_pgrp: u32,
    /// Bytes a read can take (completed lines in canonical mode).
    cooked: Ring<BUF_BYTES>,
    /// Canonical mode: end positions (in `cooked`) of completed lines; an
    /// end equal to the previous one is an end of file (^D on an empty line).
    line_ends: [u64; MAX_LINES],
    lines: usize,
    /// The line being edited (canonical mode).
    edit: [u8; BUF_BYTES],
    edit_len: usize,
}

/// Bytes to echo, gathered under the lock and written after it.
struct Echo {
    bytes: [u8; 256],
    len: usize,
}

impl Echo {
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }
}

impl Ldisc {
    fn canonical(&self) -> bool {
        self.termios.c_lflag & ICANON != 0
    }

    fn lflag(&self, f: u32) -> bool {
        self.termios.c_lflag & f != 0
    }

    fn flush_input(&mut self) {
        self.cooked.clear();
        self.lines = 0;
        self.edit_len = 0;
    }

    /// True when a read would not block.
    fn readable(&self) -> bool {
        if self.canonical() {
            self.lines > 0
        } else {
            let vmin = usize::from(self.termios.c_cc[VMIN]);
            self.cooked.len() >= vmin.max(1)
        }
    }

    /// Echoes `b` as typed (control characters as `^X` under ECHOCTL).
    fn echo_char(&self, b: u8, echo: &mut Echo) {
        if self.lflag(ECHOCTL) && (b < 0x20 || b == 0x7f) && b != b'\t' && b != b'\n' {
            echo.push(b'^');
            echo.push(b ^ 0x40);
        } else {
            echo.push(b);
        }
    }

    /// Erases the last character of the edited line (all of its UTF-8
    /// bytes); returns false if the line was empty.
    fn erase_one(&mut self, echo: &mut Echo) -> bool {
        if self.edit_len == 0 {
            return false;
        }
        let mut start = self.edit_len - 1;
        while start > 0 && self.edit[start] & 0xc0 == 0x80 {
            start -= 1;
        }
        let b = self.edit[start];
        self.edit_len = start;
        if self.lflag(ECHO) && self.lflag(ECHOE) {
            let width = if self.lflag(ECHOCTL) && (b < 0x20 || b == 0x7f) && b != b'\t' { 2 } else { 1 };
            for _ in 0..width {
                echo.push(8);
                echo.push(b' ');
                echo.push(8);
            }
        }
        true
    }

    /// Moves the edited line to `cooked` and marks its end.
    fn finish_line(&mut self) {
        if self.lines == MAX_LINES {
            return;
        }
        for i in 0..self.edit_len {
            let _ = self.cooked.push(self.edit[i]);
        }
        self.edit_len = 0;
        self.line_ends[self.lines] = self.cooked.tail;
        self.lines += 1;
    }

    /// Processes one input byte; returns a signal to send, if any.
    fn input(&mut self, mut b: u8, echo: &mut Echo) -> Option<u32> {
        let t = self.termios;
        if t.c_iflag & ISTRIP != 0 {
            b &= 0x7f;
        }
        if b == b'\r' {
            if t.c_iflag & IGNCR != 0 {
                return None;
            }
            if t.c_iflag & ICRNL != 0 {
                b = b'\n';
            }
        } else if b == b'\n' && t.c_iflag & INLCR != 0 {
            b = b'\r';
        }
        if self.lflag(ISIG) {
            let sig = [(VINTR, SIGINT), (VQUIT, SIGQUIT), (VSUSP, SIGTSTP)]
                .into_iter()
                .find(|&(i, _)| t.c_cc[i] != 0 && t.c_cc[i] == b)
                .map(|(_, s)| s);
            if let Some(sig) = sig {
                if !self.lflag(NOFLSH) {
                    self.flush_input();
                }
                if self.lflag(ECHO) {
                    self.echo_char(b, echo);
                }
                return Some(sig);
            }
        }
        if !self.canonical() {
            let _ = self.cooked.push(b);
            if self.lflag(ECHO) {
                self.echo_char(b, echo);
            } else if b == b'\n' && self.lflag(ECHONL) {
                echo.push(b'\n');
            }
            return None;
        }
        if b == t.c_cc[VERASE] || b == 0x08 {
            self.erase_one(echo);
        } else if b == t.c_cc[VKILL] {
            if self.lflag(ECHO) && !self.lflag(ECHOKE) && self.lflag(ECHOK) {
                self.edit_len = 0;
                echo.push(b'\n');
            } else {
                while self.erase_one(echo) {}
            }
        } else if b == t.c_cc[VEOF] {
            self.finish_line();
        } else if b == b'\n' || (t.c_cc[VEOL] != 0 && b == t.c_cc[VEOL]) {
            if self.lflag(ECHO) || (b == b'\n' && self.lflag(ECHONL)) {
                echo.push(b);
            }
            if self.edit_len < BUF_BYTES {
                self.edit[self.edit_len] = b;
                self.edit_len += 1;
            }
            self.finish_line();
        } else if self.edit_len < BUF_BYTES - 1 && self.cooked.len() + self.edit_len < BUF_BYTES - 1 {
            self.edit[self.edit_len] = b;
            self.edit_len += 1;
            if self.lflag(ECHO) {
                self.echo_char(b, echo);
            }
        }
        None
    }

    /// Takes bytes for a read that would not block.
    fn take(&mut self, buf: &mut [u8]) -> usize {
        if !self.canonical() {
            let mut n = 0;
            while n < buf.len() {
                match self.cooked.pop() {
                    Some(b) => buf[n] = b,
                    None => break,
                }
                n += 1;
            }
            return n;
        }
        if self.lines == 0 {
            return 0;
        }
        let end = self.line_ends[0];
        let mut n = 0;
        while n < buf.len() && self.cooked.head < end {
            buf[n] = self.cooked.pop().unwrap_or(0);
            n += 1;
        }
        if self.cooked.head == end {
            self.line_ends.copy_within(1..self.lines, 0);
            self.lines -= 1;
        }
        n
    }

    /// Applies new attributes, moving input between the canonical and
    /// raw representations when ICANON changes.
    fn set_termios(&mut self, new: abi::types::Termios) {
        let was_canonical = self.canonical();
        self.termios = new;
        if was_canonical && !self.canonical() {
            for i in 0..self.edit_len {
                let _ = self.cooked.push(self.edit[i]);
            }
            self.edit_len = 0;
            self.lines = 0;
        } else if !was_canonical && self.canonical() {
            self.lines = 0;
            if self.cooked.len() > 0 {
                self.line_ends[0] = self.cooked.tail;
                self.lines = 1;
            }
        }
    }
}

static LDISC: Mutex<Ldisc> = Mutex::new(Ldisc {
    termios: abi::types::Termios { c_iflag: 0, c_oflag: 0, c_cflag: 0, c_lflag: 0, c_line: 0, c_cc: [0; NCCS] },
    winsize: abi::types::Winsize { ws_row: 25, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 },
    foreground_pgrp: 1,
    cooked: Ring::new(),
    line_ends: [0; MAX_LINES],
    lines: 0,
    edit: [0; BUF_BYTES],
    edit_len: 0,
});
static LDISC_INIT: spin::Once<()> = spin::Once::new();
/// Raw input from interrupt handlers, not yet cooked.
static RAW: Mutex<Ring<RAW_BYTES>> = Mutex::new(Ring::new());
static RAW_PENDING: AtomicBool = AtomicBool::new(false);
/// Set by the first terminal operation of a process: from then on the
/// boot thread is the idle loop, which only takes interrupts while halted.
static PROCESSES_RUNNING: AtomicBool = AtomicBool::new(false);
/// Readers and pollers of the terminal.
static READERS: WaitQueue = WaitQueue::new();

/// Runs `f` on the line discipline with interrupts off.
fn with_ldisc<R>(f: impl FnOnce(&mut Ldisc) -> R) -> R {
    crate::arch::without_interrupts(|| {
        let mut l = LDISC.lock();
        LDISC_INIT.call_once(|| l.termios = default_termios());
        f(&mut l)
    })
}

/// Interrupt context: queues input bytes for the line discipline. Never
/// allocates or blocks; bytes beyond the ring's room are dropped.
pub fn receive(bytes: &[u8]) {
    crate::arch::without_interrupts(|| {
        let mut raw = RAW.lock();
        for &b in bytes {
            let _ = raw.push(b);
        }
    });
    RAW_PENDING.store(true, Ordering::Release);
}

/// Interrupt context, at the end of an input or timer handler: cooks
/// queued input if the interrupted code holds no kernel lock, which is
/// the case when it was in user mode or in the idle thread's halt.
pub fn service_from_interrupt(interrupted_user_mode: bool) {
    if !RAW_PENDING.load(Ordering::Acquire) {
        return;
    }
    let idle = PROCESSES_RUNNING.load(Ordering::Acquire)
        && crate::sched::with_current(|t| t.process.is_none()).unwrap_or(false);
    if interrupted_user_mode || idle {
        service();
    }
}

/// Cooks queued input: editing, echo, signals, waking readers. Runs where
/// allocating and taking the process table's lock are allowed.
pub fn service() {
    while RAW_PENDING.swap(false, Ordering::AcqRel) {
        let mut signals = [0u32; 4];
        let mut nsignals = 0;
        loop {
            let mut chunk = [0u8; 64];
            let n = crate::arch::without_interrupts(|| {
                let mut raw = RAW.lock();
                let mut n = 0;
                while n < chunk.len() {
                    match raw.pop() {
                        Some(b) => chunk[n] = b,
                        None => break,
                    }
                    n += 1;
                }
                n
            });
            if n == 0 {
                break;
            }
            for &b in &chunk[..n] {
                let mut echo = Echo { bytes: [0; 256], len: 0 };
                let (sig, opost) = with_ldisc(|l| (l.input(b, &mut echo), l.termios));
                output(&opost, &echo.bytes[..echo.len]);
                if let Some(s) = sig {
                    if nsignals < signals.len() {
                        signals[nsignals] = s;
                        nsignals += 1;
                    }
                }
            }
        }
        for &sig in &signals[..nsignals] {
            signal_foreground(sig);
        }
        READERS.wake_all();
    }
}

/// Sends `sig` to every process of the terminal's foreground process
/// group (TIOCSPGRP).
pub fn signal_foreground(sig: u32) {
    let pgrp = with_ldisc(|l| l.foreground_pgrp);
    if pgrp != 0 {
        crate::proc::signal_group(pgrp, sig);
    }
}

/// Writes `bytes` to the console with output processing (OPOST: ONLCR,
/// OCRNL, ONLRET... of which ONLCR and OCRNL are implemented).
fn output(t: &abi::types::Termios, bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    if t.c_oflag & OPOST == 0 || t.c_oflag & (ONLCR | OCRNL) == 0 {
        crate::console::write_bytes(bytes);
        return;
    }
    let mut rest = bytes;
    while !rest.is_empty() {
        let cut = rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(rest.len());
        crate::console::write_bytes(&rest[..cut]);
        match rest.get(cut) {
            Some(b'\n') if t.c_oflag & ONLCR != 0 => crate::console::write_bytes(b"\r\n"),
            Some(b'\r') if t.c_oflag & OCRNL != 0 => crate::console::write_bytes(b"\n"),
            Some(&b) => crate::console::write_bytes(&[b]),
            None => {}
        }
        rest = rest.get(cut + 1..).unwrap_or(&[]);
    }
}

/// Marks that processes use the terminal (see [`PROCESSES_RUNNING`]) and
/// cooks pending input.
fn enter() {
    PROCESSES_RUNNING.store(true, Ordering::Release);
    service();
}

/// The session that has the console as controlling terminal (TIOCSCTTY); 0: none.
static SESSION: core::sync::atomic::AtomicU32 = core::sync::atomic::AtomicU32::new(0);

/// Job control on input (termios(3), "background process groups"): a
/// process of the terminal's session outside its foreground group that
/// reads gets SIGTTIN (its group stops) and the read fails with EINTR;
/// EIO if SIGTTIN is ignored or blocked, as Linux does.
fn check_background_read() -> KResult<()> {
    const SIGTTIN: u32 = 21;
    let Some(p) = crate::proc::current() else { return Ok(()) };
    let session = SESSION.load(Ordering::Acquire);
    let fg = with_ldisc(|l| l.foreground_pgrp);
    let pgid = p.pgid.load(Ordering::Relaxed);
    if session == 0 || p.sid.load(Ordering::Relaxed) != session || fg == 0 || pgid == fg {
        return Ok(());
    }
    let handler = p.sigactions.lock().get(SIGTTIN as usize - 1).map_or(0, |a| a[0]);
    let blocked = crate::sched::with_current(|t| t.sigmask.load(Ordering::Relaxed) & (1 << (SIGTTIN - 1)) != 0);
    if handler == 1 || blocked == Some(true) {
        return Err(Errno::EIO);
    }
    crate::proc::signal_group(pgid, SIGTTIN);
    Err(Errno::EINTR)
}

/// Reads from the console terminal, blocking until a line (canonical) or
/// VMIN bytes (raw) are there; `EINTR` when a signal arrives first.
pub fn read(buf: &mut [u8]) -> KResult<usize> {
    check_background_read()?;
    loop {
        enter();
        if let Some(n) = try_read(buf) {
            return Ok(n);
        }
        if !READERS.wait_until(|| RAW_PENDING.load(Ordering::Acquire) || with_ldisc(|l| l.readable())) {
            return Err(Errno::EINTR);
        }
    }
}

/// Reads if that would not block: `None` otherwise.
fn try_read(buf: &mut [u8]) -> Option<usize> {
    with_ldisc(|l| {
        let vmin = l.termios.c_cc[VMIN];
        if l.readable() || (!l.canonical() && vmin == 0) || buf.is_empty() {
            Some(l.take(buf))
        } else {
            None
        }
    })
}

/// The console terminal as a file (`/dev/console`, `/dev/tty`).
pub struct Tty;

impl Tty {
    /// `read` that fails with `EAGAIN` instead of blocking (O_NONBLOCK).
    pub fn read_nonblock(buf: &mut [u8]) -> KResult<usize> {
        enter();
        try_read(buf).ok_or(Errno::EAGAIN)
    }

    /// Writes `buf` through output processing.
    pub fn write(buf: &[u8]) -> usize {
        enter();
        let t = with_ldisc(|l| l.termios);
        output(&t, buf);
        buf.len()
    }

    /// POLLIN when a read would not block, POLLOUT always.
    pub fn poll() -> u16 {
        enter();
        let readable = with_ldisc(|l| l.readable());
        poll::POLLOUT | if readable { poll::POLLIN } else { 0 }
    }

    /// Where readers and pollers wait.
    pub fn poll_queue() -> &'static WaitQueue {
        &READERS
    }

    /// Terminal ioctl requests (tty_ioctl(4)).
    pub fn ioctl(request: u64, arg: u64) -> KResult<u64> {
        enter();
        let Ok(request) = u32::try_from(request) else { return Err(Errno::ENOTTY) };
        match request {
            req::TCGETS => {
                let t = with_ldisc(|l| l.termios);
                write_user(arg, &termios_to_bytes(&t))?;
            }
            req::TCSETS | req::TCSETSW | req::TCSETSF => {
                let t = termios_from_bytes(&read_user::<[u8; 36]>(arg)?);
                with_ldisc(|l| {
                    if request == req::TCSETSF {
                        l.flush_input();
                    }
                    l.set_termios(t);
                });
                READERS.wake_all();
            }
            req::TIOCGWINSZ => {
                let w = with_ldisc(|l| l.winsize);
                write_user(arg, &[w.ws_row, w.ws_col, w.ws_xpixel, w.ws_ypixel])?;
            }
            req::TIOCSWINSZ => {
                let [ws_row, ws_col, ws_xpixel, ws_ypixel] = read_user::<[u16; 4]>(arg)?;
                with_ldisc(|l| l.winsize = abi::types::Winsize { ws_row, ws_col, ws_xpixel, ws_ypixel });
            }
            req::TIOCGPGRP => {
                let pgrp = with_ldisc(|l| l.foreground_pgrp);
                write_user(arg, &(pgrp as i32))?;
            }
            req::TIOCSPGRP => {
                let pgrp: i32 = read_user(arg)?;
                let pgrp = u32::try_from(pgrp).map_err(|_| Errno::EINVAL)?;
                with_ldisc(|l| l.foreground_pgrp = pgrp);
            }
            req::FIONREAD => {
                let n = with_ldisc(|l| if l.canonical() && l.lines == 0 { 0 } else { l.cooked.len() });
                write_user(arg, &(n as i32))?;
            }
            req::TIOCSCTTY => {
                if let Some(p) = crate::proc::current() {
                    SESSION.store(p.sid.load(Ordering::Relaxed), Ordering::Release);
                    with_ldisc(|l| l.foreground_pgrp = p.pgid.load(Ordering::Relaxed));
                }
            }
            req::TIOCNOTTY => {}
            _ => return Err(Errno::ENOTTY),
        }
        Ok(0)
    }
}

/// The 36 bytes of a kernel `struct termios`.
fn termios_to_bytes(t: &abi::types::Termios) -> [u8; 36] {
    let mut b = [0u8; 36];
    for (i, v) in [t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag].into_iter().enumerate() {
        b[i * 4..i * 4 + 4].copy_from_slice(&v.to_le_bytes());
    }
    b[16] = t.c_line;
    b[17..].copy_from_slice(&t.c_cc);
    b
}

/// Parses a kernel `struct termios`.
fn termios_from_bytes(b: &[u8; 36]) -> abi::types::Termios {
    let word = |i: usize| u32::from_le_bytes([b[i * 4], b[i * 4 + 1], b[i * 4 + 2], b[i * 4 + 3]]);
    let mut c_cc = [0u8; NCCS];
    c_cc.copy_from_slice(&b[17..]);
    abi::types::Termios { c_iflag: word(0), c_oflag: word(1), c_cflag: word(2), c_lflag: word(3), c_line: b[16], c_cc }
}
