//! The kernel console: a `log` backend writing to the serial port and the
//! VGA text screen, filtered by the Linux `loglevel=` number.
//!
//! Design note: one lock covers both devices so lines never interleave;
//! interrupts are off while it is held, so an interrupt handler that logs
//! cannot deadlock against the code it interrupted.

use crate::drivers::{serial, vga};
use core::fmt::{self, Write};
use core::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use log::{Level, LevelFilter, Log, Metadata, Record};

/// Linux console log level (0 = emergencies only .. 7 = debug); default 6 (info).
static LOGLEVEL: AtomicU8 = AtomicU8::new(6);
static SERIAL_ON: AtomicBool = AtomicBool::new(true);
static VGA_ON: AtomicBool = AtomicBool::new(false);
static LOCK: spin::Mutex<()> = spin::Mutex::new(());

struct Console;
static LOGGER: Console = Console;

/// Starts the serial console with default settings; called before the
/// command line is known.
pub fn early_init() {
    serial::init();
    // Only fails if a logger is already set, which means we ran before.
    let _ = log::set_logger(&LOGGER);
    log::set_max_level(LevelFilter::Trace);
}

/// Applies `loglevel=`, `quiet`, `debug` and `console=` (`ttyS0` for the
/// serial port, `tty0`/`tty1` for the screen; without `console=`, both).
pub fn init(cmdline: &cmdline::Cmdline<'_>, graphics_framebuffer: bool) {
    if let Some(level) = cmdline.loglevel() {
        LOGLEVEL.store(level, Ordering::Relaxed);
    }
    let mut any = false;
    let (mut want_serial, mut want_vga) = (false, false);
    for (name, _options) in cmdline.consoles() {
        any = true;
        want_serial |= name.starts_with("ttyS");
        want_vga |= name.starts_with("tty") && !name.starts_with("ttyS");
    }
    if !any {
        (want_serial, want_vga) = (true, true);
    }
    if want_vga && !graphics_framebuffer {
        vga::init();
        VGA_ON.store(true, Ordering::Relaxed);
    }
    SERIAL_ON.store(want_serial, Ordering::Relaxed);
}

/// Linux level number of a `log` level: error 3, warn 4, info 6, debug and trace 7.
fn linux_level(level: Level) -> u8 {
    match level {
        Level::Error => 3,
        Level::Warn => 4,
        Level::Info => 6,
        Level::Debug | Level::Trace => 7,
    }
}

impl Log for Console {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        linux_level(metadata.level()) <= LOGLEVEL.load(Ordering::Relaxed)
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let ns = crate::time::uptime_ns();
        write_fmt(format_args!(
            "[{:5}.{:06}] {}\n",
            ns / 1_000_000_000,
            (ns / 1000) % 1_000_000,
            record.args()
        ));
    }

    fn flush(&self) {}
}

struct Devices;

impl Write for Devices {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if SERIAL_ON.load(Ordering::Relaxed) {
            serial::write_str(s);
        }
        if VGA_ON.load(Ordering::Relaxed) {
            vga::write_str(s);
        }
        Ok(())
    }
}

/// Writes formatted text to every enabled console device, under the lock.
pub fn write_fmt(args: fmt::Arguments<'_>) {
    crate::arch::without_interrupts(|| {
        let _guard = LOCK.lock();
        let _ = Devices.write_fmt(args);
    });
}

/// Writes without taking the lock: for the panic handler, which may run
/// while the lock is held by the code that panicked.
pub fn write_fmt_unlocked(args: fmt::Arguments<'_>) {
    let _ = Devices.write_fmt(args);
}

/// Writes raw bytes from a program (invalid UTF-8 passes through to the
/// serial port; the screen shows `?` for it).
pub fn write_bytes(bytes: &[u8]) {
    crate::arch::without_interrupts(|| {
        let _guard = LOCK.lock();
        if SERIAL_ON.load(Ordering::Relaxed) {
            serial::write_bytes(bytes);
        }
        if VGA_ON.load(Ordering::Relaxed) {
            for chunk in bytes.utf8_chunks() {
                vga::write_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    vga::write_str("?");
                }
            }
        }
    });
}
