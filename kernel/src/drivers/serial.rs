//! COM1, the 16550 UART at I/O port 0x3f8, through the `uart_16550` crate.
//!
//! Output is raw bytes (the terminal does its own `\n` to `\r\n`); only
//! kernel log text goes through [`write_str`], which adds the `\r`. Input
//! arrives by the receive interrupt (ISA IRQ 4), which `init` enables in
//! the UART (IER bit 0, OUT2); [`drain_receiver`] empties its FIFO.

use spin::Mutex;
use uart_16550::SerialPort;

/// I/O base of COM1.
const COM1: u16 = 0x3f8;
/// ISA interrupt line of COM1.
pub const IRQ: u8 = 4;

static PORT: Mutex<Option<SerialPort>> = Mutex::new(None);

/// Programs COM1 (38400 baud 8N1, FIFOs on, receive interrupt on).
/// Idempotent.
pub fn init() {
    let mut port = PORT.lock();
    if port.is_none() {
        // SAFETY: 0x3f8 is COM1 on every PC; nothing else drives these ports.
        let mut p = unsafe { SerialPort::new(COM1) };
        p.init();
        *port = Some(p);
    }
}

/// Writes `s`, turning `\n` into `\r\n`. Does nothing before `init`.
pub fn write_str(s: &str) {
    with_port(|port| {
        for b in s.bytes() {
            if b == b'\n' {
                port.send_raw(b'\r');
            }
            port.send_raw(b);
        }
    });
}

/// Writes raw bytes, unchanged. Does nothing before `init`.
pub fn write_bytes(s: &[u8]) {
    with_port(|port| {
        for &b in s {
            port.send_raw(b);
        }
    });
}

fn with_port(f: impl FnOnce(&mut SerialPort)) {
    // A panic while this lock is held would otherwise leave the panic
    // message unprintable; write through a fresh handle in that case.
    let mut guard = PORT.try_lock();
    // SAFETY: same port as in `init`; used only when the lock is held by
    // code that panicked and will not run again.
    let mut fallback = unsafe { SerialPort::new(COM1) };
    match guard.as_deref_mut() {
        Some(Some(p)) => f(p),
        Some(None) => {}
        None => f(&mut fallback),
    }
}

/// Interrupt context: reads every byte waiting in the receive FIFO into
/// `out` (at most 64 per call, more than the 16-byte FIFO holds).
/// Returns the number read.
pub fn drain_receiver(out: &mut [u8; 64]) -> usize {
    let mut n = 0;
    let mut port = PORT.try_lock();
    if let Some(Some(p)) = port.as_deref_mut() {
        while n < out.len() {
            match p.try_receive() {
                Ok(b) => out[n] = b,
                Err(_) => break,
            }
            n += 1;
        }
    }
    n
}
