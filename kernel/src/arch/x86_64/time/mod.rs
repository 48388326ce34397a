//! x86 clocks: HPET, PIT (fallback), TSC calibration, the CMOS RTC.

pub mod hpet;
pub mod pit;
pub mod rtc;
pub mod tsc;
