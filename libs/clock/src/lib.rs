//! Time arithmetic for the kernel's clocks.
//!
//! Three independent pieces, all pure and total (no panics, no allocation):
//!
//! * [`ClockScale`] / [`ns_to_ticks`]: convert between counter ticks of a
//!   fixed-frequency clock (TSC, HPET, LAPIC timer) and nanoseconds.
//! * [`DateTime`]: UTC calendar time and Unix seconds, both directions.
//! * [`RtcRegisters`]: decode the raw MC146818 CMOS real-time clock registers.
//!
//! # Design
//!
//! Tick scaling uses the Linux clocksource "mult/shift" scheme with a fixed
//! shift of 32 (kernel/time/clocksource.c `clocks_calc_mult_shift`): the
//! division by the frequency happens once, at calibration, and each read is a
//! 64x64->128 multiply and a shift. The product is taken in `u128`, so no tick
//! count can overflow; the result saturates at `u64::MAX` (584 years of ns).
//!
//! Calendar conversion uses Howard Hinnant's `days_from_civil` /
//! `civil_from_days` ("chrono-Compatible Low-Level Date Algorithms"), which is
//! exact for the proleptic Gregorian calendar with no tables or loops. Leap
//! seconds are not represented (Unix time ignores them, POSIX.1 4.16).
#![no_std]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate std;

#[cfg(test)]
mod tests;

use core::fmt;

const NS_PER_SEC: u64 = 1_000_000_000;
const SECS_PER_DAY: u64 = 86_400;

/// Fixed-point factor converting ticks of a fixed-frequency clock (TSC, HPET)
/// to nanoseconds without overflow and without division on the hot path:
/// `ns = (ticks * mult) >> 32`, computed in `u128`.
///
/// `mult = (1e9 << 32) / freq_hz`, rounded down, so a conversion never runs
/// ahead of the true time; it lags by less than `ticks / 2^32 + 1` ns, i.e. at
/// most 1 ns per second of span (plus 1 ns) for clocks up to 2^32 Hz
/// (4.29 GHz). Convention: Linux clocksource `mult`/`shift` with `shift = 32`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockScale {
    /// Nanoseconds per tick in 32.32 fixed point: `(1e9 << 32) / freq_hz`.
    pub mult: u64,
}

impl ClockScale {
    /// Scale for a clock running at `freq_hz` ticks per second.
    ///
    /// Returns `None` for `freq_hz == 0`, and for frequencies above
    /// `1e9 * 2^32` Hz, where `mult` would round down to 0.
    pub fn from_freq_hz(freq_hz: u64) -> Option<Self> {
        if freq_hz == 0 {
            return None;
        }
        // 1e9 << 32 < 2^62, and dividing by freq_hz >= 1 keeps it below 2^64.
        let mult = ((u128::from(NS_PER_SEC) << 32) / u128::from(freq_hz)) as u64;
        (mult != 0).then_some(ClockScale { mult })
    }

    /// Converts a tick count (or delta) to nanoseconds, rounding down and
    /// saturating at `u64::MAX`.
    pub fn ticks_to_ns(&self, ticks: u64) -> u64 {
        let ns = (u128::from(ticks) * u128::from(self.mult)) >> 32;
        u64::try_from(ns).unwrap_or(u64::MAX)
    }
}

/// Converts nanoseconds to ticks of a `freq_hz` clock, for programming timers
/// (HPET comparators, LAPIC/TSC-deadline): `ns * freq_hz / 1e9` in `u128`,
/// rounded down, saturating at `u64::MAX`. Returns 0 when `freq_hz == 0`.
pub fn ns_to_ticks(ns: u64, freq_hz: u64) -> u64 {
    let ticks = u128::from(ns) * u128::from(freq_hz) / u128::from(NS_PER_SEC);
    u64::try_from(ticks).unwrap_or(u64::MAX)
}

/// True for leap years of the proleptic Gregorian calendar: divisible by 4,
/// except centuries not divisible by 400 (1900 no, 2000 yes).
pub const fn is_leap_year(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// Number of days in `month` (1..=12) of `year`, or `None` for a bad month.
pub const fn days_in_month(year: u32, month: u8) -> Option<u8> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if is_leap_year(year) => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// Days from 1970-01-01 to `year-month-day` (Hinnant `days_from_civil`).
/// Requires `year >= 1970` and a valid month/day, so everything stays unsigned.
const fn days_from_civil(year: u32, month: u8, day: u8) -> u64 {
    let y = year as u64 - if month <= 2 { 1 } else { 0 };
    let era = y / 400;
    let yoe = y - era * 400; // [0, 399]
    let mp = (month as u64 + 9) % 12; // March = 0 .. February = 11
    let doy = (153 * mp + 2) / 5 + day as u64 - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The last instant a [`DateTime`] can hold: `u32::MAX`-12-31 23:59:59.
const MAX_UNIX_SECONDS: u64 = days_from_civil(u32::MAX, 12, 31) * SECS_PER_DAY + SECS_PER_DAY - 1;

/// A UTC calendar date and time of day, proleptic Gregorian calendar.
///
/// Fields: `year` (valid from 1970), `month` 1..=12, `day` 1..=31 (bounded by
/// the month), `hour` 0..=23, `minute` 0..=59, `second` 0..=59 (no leap
/// seconds, as in Unix time). Displays as ISO 8601-like `2026-11-24 07:17:03 UTC`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    /// Full year, e.g. 2026.
    pub year: u32,
    /// Month, 1 (January) ..= 12 (December).
    pub month: u8,
    /// Day of the month, 1 ..= 28/29/30/31.
    pub day: u8,
    /// Hour, 0 ..= 23.
    pub hour: u8,
    /// Minute, 0 ..= 59.
    pub minute: u8,
    /// Second, 0 ..= 59.
    pub second: u8,
}

impl DateTime {
    /// True if every field is in range and the year is at least 1970
    /// (so the instant is representable as Unix time).
    pub fn is_valid(&self) -> bool {
        let day_ok = match days_in_month(self.year, self.month) {
            Some(last) => self.day >= 1 && self.day <= last,
            None => false,
        };
        self.year >= 1970 && day_ok && self.hour < 24 && self.minute < 60 && self.second < 60
    }

    /// Seconds since 1970-01-01T00:00:00Z (POSIX "seconds since the Epoch",
    /// via Hinnant's days-from-civil, proleptic Gregorian).
    ///
    /// Returns `None` if a field is out of range (month 13, Feb 30, Feb 29 of
    /// a common year, hour 24, second 60, ...) or the year is before 1970.
    /// Never overflows: the largest result (year `u32::MAX`) is about 1.4e17.
    pub fn to_unix_seconds(&self) -> Option<u64> {
        if !self.is_valid() {
            return None;
        }
        let days = days_from_civil(self.year, self.month, self.day);
        let secs_of_day =
            u64::from(self.hour) * 3600 + u64::from(self.minute) * 60 + u64::from(self.second);
        Some(days * SECS_PER_DAY + secs_of_day)
    }

    /// The UTC date and time `secs` seconds after 1970-01-01T00:00:00Z
    /// (Hinnant's civil-from-days). Inputs past the last instant of year
    /// `u32::MAX` (about 1.4e17 s) saturate to that instant.
    pub fn from_unix_seconds(secs: u64) -> DateTime {
        let secs = secs.min(MAX_UNIX_SECONDS);
        let (days, rem) = (secs / SECS_PER_DAY, secs % SECS_PER_DAY);
        let z = days + 719_468; // days since 0000-03-01
        let era = z / 146_097;
        let doe = z - era * 146_097; // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
        let mp = (5 * doy + 2) / 153; // March = 0 .. February = 11
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        DateTime {
            // The clamp above keeps year <= u32::MAX; the fallback is unreachable.
            year: u32::try_from(year).unwrap_or(u32::MAX),
            month: month as u8,
            day: day as u8,
            hour: (rem / 3600) as u8,
            minute: (rem / 60 % 60) as u8,
            second: (rem % 60) as u8,
        }
    }
}

impl fmt::Display for DateTime {
    /// Formats as `YYYY-MM-DD HH:MM:SS UTC`, e.g. `2026-11-24 07:17:03 UTC`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// Converts one packed BCD byte (high nibble tens, low nibble units) to
/// binary: `0x59` -> 59. Returns `None` if either nibble is above 9.
pub const fn bcd_to_binary(v: u8) -> Option<u8> {
    let (tens, units) = (v >> 4, v & 0x0f);
    if tens > 9 || units > 9 {
        None
    } else {
        Some(tens * 10 + units)
    }
}

/// Raw MC146818 CMOS RTC registers as read from the chip (ports 0x70/0x71).
///
/// Register map (MC146818A datasheet; OSDev wiki "CMOS"): `second` 0x00,
/// `minute` 0x02, `hour` 0x04, `day` (of month) 0x07, `month` 0x08, `year`
/// 0x09 (two digits), `status_b` 0x0B. `century` is the register named by the
/// ACPI FADT `CENTURY` field (commonly 0x32), `None` if the FADT names none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RtcRegisters {
    /// Seconds register (0x00).
    pub second: u8,
    /// Minutes register (0x02).
    pub minute: u8,
    /// Hours register (0x04); bit 7 is the PM flag in 12-hour mode.
    pub hour: u8,
    /// Day-of-month register (0x07).
    pub day: u8,
    /// Month register (0x08).
    pub month: u8,
    /// Two-digit year register (0x09).
    pub year: u8,
    /// Century register (ACPI FADT `CENTURY` index), if the platform has one.
    pub century: Option<u8>,
    /// Status register B (0x0B): bit 2 = binary mode, bit 1 = 24-hour mode.
    pub status_b: u8,
}

/// Status register B bit 2 (DM): data in binary rather than BCD.
const STATUS_B_BINARY: u8 = 1 << 2;
/// Status register B bit 1 (24/12): 24-hour rather than 12-hour mode.
const STATUS_B_24H: u8 = 1 << 1;
/// Hour register bit 7: PM in 12-hour mode.
const HOUR_PM: u8 = 1 << 7;

impl RtcRegisters {
    /// Decodes the registers into a [`DateTime`]. The RTC keeps whatever zone
    /// the firmware or the last OS set (UTC on PCs run by Linux, often local
    /// time under Windows); the result is taken as UTC.
    ///
    /// Status B bit 2 set means binary, clear means BCD; bit 1 set means
    /// 24-hour, clear means 12-hour with hour bit 7 = PM (12 AM -> 0,
    /// 12 PM -> 12). The century register, if `Some`, is encoded like the
    /// others; without it years 00..=69 mean 20xx and 70..=99 mean 19xx.
    /// Returns `None` on a bad BCD digit or when any decoded field is out of
    /// range (see [`DateTime::is_valid`]; this includes years before 1970).
    pub fn decode(&self) -> Option<DateTime> {
        let binary = self.status_b & STATUS_B_BINARY != 0;
        let field = |v: u8| if binary { Some(v) } else { bcd_to_binary(v) };

        let hour = if self.status_b & STATUS_B_24H != 0 {
            field(self.hour)?
        } else {
            let h = field(self.hour & !HOUR_PM)?;
            if !(1..=12).contains(&h) {
                return None;
            }
            h % 12 + if self.hour & HOUR_PM != 0 { 12 } else { 0 }
        };

        let yy = field(self.year).filter(|&y| y <= 99)?;
        let year = match self.century {
            Some(c) => u32::from(field(c).filter(|&c| c <= 99)?) * 100 + u32::from(yy),
            None if yy < 70 => 2000 + u32::from(yy),
            None => 1900 + u32::from(yy),
        };

        let dt = DateTime {
            year,
            month: field(self.month)?,
            day: field(self.day)?,
            hour,
            minute: field(self.minute)?,
            second: field(self.second)?,
        };
        dt.is_valid().then_some(dt)
    }
}
