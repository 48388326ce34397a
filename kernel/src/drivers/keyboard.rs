//! The PS/2 keyboard (ISA IRQ 1, data port 0x60): scancode set 1 (the
//! i8042 translates to it) decoded with the `pc-keyboard` crate, US
//! layout, into the bytes a Linux console sends.
//!
//! Design note: the arch interrupt handler reads the port and hands each
//! byte to [`on_scancode`]; decoding keeps its state in a static (no heap)
//! and the bytes go to the console terminal's interrupt-safe ring.

use pc_keyboard::{layouts::Us104Key, DecodedKey, HandleControl, KeyCode, Keyboard, ScancodeSet1};
use spin::Mutex;

/// ISA interrupt line of the keyboard.
pub const IRQ: u8 = 1;
/// I/O port the scancodes are read from.
pub const DATA_PORT: u16 = 0x60;

static KEYBOARD: Mutex<Keyboard<Us104Key, ScancodeSet1>> =
    Mutex::new(Keyboard::new(ScancodeSet1::new(), Us104Key, HandleControl::MapLettersToUnicode));

/// Interrupt context: decodes one scancode byte and queues the resulting
/// characters (UTF-8, or an escape sequence for cursor keys) as terminal
/// input.
pub fn on_scancode(scancode: u8) {
    let mut out = [0u8; 8];
    let n = crate::arch::without_interrupts(|| {
        let mut kb = KEYBOARD.lock();
        let Ok(Some(event)) = kb.add_byte(scancode) else { return 0 };
        match kb.process_keyevent(event) {
            Some(key) => encode(key, &mut out),
            None => 0,
        }
    });
    if n > 0 {
        crate::fs::tty::receive(&out[..n]);
    }
}

/// The bytes a Linux console sends for `key`, written to `out`; returns
/// their count (0 for keys that send nothing).
fn encode(key: DecodedKey, out: &mut [u8; 8]) -> usize {
    let seq: &[u8] = match key {
        // The Linux console sends DEL for the backspace key.
        DecodedKey::Unicode('\u{8}') => b"\x7f",
        DecodedKey::Unicode(c) => return c.encode_utf8(out).len(),
        DecodedKey::RawKey(code) => match code {
            KeyCode::ArrowUp => b"\x1b[A",
            KeyCode::ArrowDown => b"\x1b[B",
            KeyCode::ArrowRight => b"\x1b[C",
            KeyCode::ArrowLeft => b"\x1b[D",
            KeyCode::Home => b"\x1b[1~",
            KeyCode::Insert => b"\x1b[2~",
            KeyCode::Delete => b"\x1b[3~",
            KeyCode::End => b"\x1b[4~",
            KeyCode::PageUp => b"\x1b[5~",
            KeyCode::PageDown => b"\x1b[6~",
            _ => b"",
        },
    };
    out[..seq.len()].copy_from_slice(seq);
    seq.len()
}
