//! The CMOS real-time clock (MC146818-compatible), read once at boot.

use clock::{DateTime, RtcRegisters};
use x86_64::instructions::port::Port;

fn cmos(reg: u8) -> u8 {
    let mut index = Port::<u8>::new(0x70);
    let mut data = Port::<u8>::new(0x71);
    // SAFETY: CMOS index/data ports; bit 7 of the index keeps NMIs masked
    // during the access, as the chipset expects.
    unsafe {
        index.write(0x80 | reg);
        data.read()
    }
}

fn registers() -> RtcRegisters {
    // Wait for no update in progress (status A bit 7).
    for _ in 0..100_000 {
        if cmos(0x0a) & 0x80 == 0 {
            break;
        }
        core::hint::spin_loop();
    }
    RtcRegisters {
        second: cmos(0x00),
        minute: cmos(0x02),
        hour: cmos(0x04),
        day: cmos(0x07),
        month: cmos(0x08),
        year: cmos(0x09),
        century: None,
        status_b: cmos(0x0b),
    }
}

/// The RTC's date and time (UTC assumed), read until two readings agree.
/// `None` if the chip gives invalid values.
pub fn read() -> Option<DateTime> {
    let mut last = registers();
    for _ in 0..10 {
        let now = registers();
        let same = (now.second, now.minute, now.hour, now.day, now.month, now.year)
            == (last.second, last.minute, last.hour, last.day, last.month, last.year);
        if same {
            return now.decode();
        }
        last = now;
    }
    None
}
