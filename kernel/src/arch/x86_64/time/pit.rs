//! The 8254 PIT, channel 2, as a calibration reference when there is no
//! HPET (channel 2's gate and output are wired to port 0x61).

use x86_64::instructions::port::Port;

/// PIT input clock in Hz.
pub const PIT_HZ: u64 = 1_193_182;

/// Busy-waits `ticks` PIT ticks (at most 65535, about 55 ms) using
/// channel 2 in mode 0 (interrupt on terminal count).
pub fn wait_ticks(ticks: u16) {
    let mut gate = Port::<u8>::new(0x61);
    let mut command = Port::<u8>::new(0x43);
    let mut channel2 = Port::<u8>::new(0x42);
    // SAFETY: standard PC ports of the PIT and the system control port B;
    // channel 2 drives only the speaker, which stays disabled (bit 1 clear).
    unsafe {
        let g = gate.read();
        gate.write((g & !0x02) & !0x01); // gate low, speaker off
        command.write(0b1011_0000); // channel 2, lobyte/hibyte, mode 0, binary
        channel2.write(ticks as u8);
        channel2.write((ticks >> 8) as u8);
        gate.write((g & !0x02) | 0x01); // gate high: start counting
        while gate.read() & 0x20 == 0 {
            core::hint::spin_loop();
        }
        gate.write(g & !0x01);
    }
}
