//! COM1, the 16550 UART at I/O port 0x3f8, through the `uart_16550` crate.

use spin::Mutex;
use uart_16550::SerialPort;

/// I/O base of COM1.
const COM1: u16 = 0x3f8;

static PORT: Mutex<Option<SerialPort>> = Mutex::new(None);

/// Programs COM1 (115200 baud 8N1, FIFOs on). Idempotent.
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
    write_bytes(s.as_bytes());
}

/// Writes raw bytes, turning `\n` into `\r\n`. Does nothing before `init`.
pub fn write_bytes(s: &[u8]) {
    // A panic while this lock is held would otherwise leave the panic
    // message unprintable; write through a fresh handle in that case.
    let mut guard = PORT.try_lock();
    // SAFETY: same port as in `init`; used only when the lock is held by
    // code that panicked and will not run again.
    let mut fallback = unsafe { SerialPort::new(COM1) };
    let port = match guard.as_deref_mut() {
        Some(Some(p)) => p,
        Some(None) => return,
        None => &mut fallback,
    };
    for &b in s {
        if b == b'\n' {
            port.send(b'\r');
        }
        port.send(b);
    }
}
