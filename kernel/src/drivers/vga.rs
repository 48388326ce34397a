//! The VGA text screen (80x25 cells at physical 0xb8000), scrolling.

use crate::mm::phys_to_virt;
use spin::Mutex;

const COLUMNS: usize = 80;
const ROWS: usize = 25;
/// Light grey on black.
const ATTRIBUTE: u16 = 0x07 << 8;

struct Screen {
    column: usize,
}

static SCREEN: Mutex<Screen> = Mutex::new(Screen { column: 0 });

fn cells() -> *mut u16 {
    phys_to_virt(0xb8000) as *mut u16
}

fn put(row: usize, column: usize, cell: u16) {
    debug_assert!(row < ROWS && column < COLUMNS);
    // SAFETY: row < ROWS and column < COLUMNS keep the write inside the
    // 4000-byte text buffer, which the direct map covers (first MiB).
    unsafe { cells().add(row * COLUMNS + column).write_volatile(cell) }
}

fn get(row: usize, column: usize) -> u16 {
    // SAFETY: as in `put`.
    unsafe { cells().add(row * COLUMNS + column).read_volatile() }
}

/// Clears the screen.
pub fn init() {
    for row in 0..ROWS {
        for column in 0..COLUMNS {
            put(row, column, ATTRIBUTE | u16::from(b' '));
        }
    }
    SCREEN.lock().column = 0;
}

fn newline() {
    for row in 1..ROWS {
        for column in 0..COLUMNS {
            put(row - 1, column, get(row, column));
        }
    }
    for column in 0..COLUMNS {
        put(ROWS - 1, column, ATTRIBUTE | u16::from(b' '));
    }
}

/// Writes `s` on the bottom line, scrolling on newline or a full line.
/// Bytes outside printable ASCII show as `?`.
pub fn write_str(s: &str) {
    let mut screen = SCREEN.lock();
    for b in s.bytes() {
        match b {
            b'\n' => {
                newline();
                screen.column = 0;
            }
            b'\r' => screen.column = 0,
            0x08 => screen.column = screen.column.saturating_sub(1),
            _ => {
                if screen.column == COLUMNS {
                    newline();
                    screen.column = 0;
                }
                let ch = if (0x20..0x7f).contains(&b) { b } else { b'?' };
                put(ROWS - 1, screen.column, ATTRIBUTE | u16::from(ch));
                screen.column += 1;
            }
        }
    }
}
