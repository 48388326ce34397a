//! TSC and APIC-timer calibration against the HPET (or the PIT).
//!
//! Both are measured over the same window: the TSC difference and the
//! APIC timer's count-down give their frequencies relative to the
//! reference clock's known one.

use super::{hpet, pit};
use crate::arch::x86_64::apic::lapic;
use crate::arch::x86_64::read_tsc;

/// Calibration window in ms: long enough for 0.1% precision with a
/// 10 MHz reference, short enough to keep boot fast.
const WINDOW_MS: u64 = 10;

/// Measured frequencies.
#[derive(Clone, Copy, Debug)]
pub struct Calibration {
    /// TSC frequency in Hz.
    pub tsc_hz: u64,
    /// APIC timer input frequency in Hz after the divide-by-16.
    pub apic_timer_hz: u64,
    /// Which reference was used: "HPET" or "PIT".
    pub reference: &'static str,
}

/// Measures the TSC and the APIC timer against the HPET if present,
/// else the PIT.
pub fn calibrate() -> Calibration {
    lapic::timer_start_oneshot_masked(u32::MAX);
    let apic0 = lapic::timer_current();
    let tsc0 = read_tsc();
    let (elapsed_ns, reference) = match hpet::get() {
        Some(h) => {
            let window = h.freq_hz * WINDOW_MS / 1000;
            let start = h.counter();
            let mut now = start;
            while now.wrapping_sub(start) < window {
                core::hint::spin_loop();
                now = h.counter();
            }
            let ticks = now.wrapping_sub(start);
            ((u128::from(ticks) * 1_000_000_000 / u128::from(h.freq_hz)) as u64, "HPET")
        }
        None => {
            let ticks = pit::PIT_HZ * WINDOW_MS / 1000;
            pit::wait_ticks(ticks as u16);
            (ticks * 1_000_000_000 / pit::PIT_HZ, "PIT")
        }
    };
    let tsc1 = read_tsc();
    let apic1 = lapic::timer_current();
    let per_second = |delta: u64| (u128::from(delta) * 1_000_000_000 / u128::from(elapsed_ns.max(1))) as u64;
    Calibration {
        tsc_hz: per_second(tsc1.wrapping_sub(tsc0)),
        apic_timer_hz: per_second(u64::from(apic0.wrapping_sub(apic1))),
        reference,
    }
}
