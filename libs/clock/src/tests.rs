//! Unit tests for tick scaling, Unix time and RTC decoding.

use super::*;
use std::format;

/// 1 MHz, HPET 14.31818 MHz, 100 MHz, 1 GHz, 2.5 GHz, 3.999 GHz.
const FREQS: [u64; 6] = [
    1_000_000,
    14_318_180,
    100_000_000,
    1_000_000_000,
    2_500_000_000,
    3_999_000_000,
];
const TEN_YEARS_SECS: u64 = 10 * 365 * SECS_PER_DAY + 3 * SECS_PER_DAY;

/// Tiny xorshift64 PRNG for deterministic sampling.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn exact_ns(ticks: u64, freq: u64) -> u128 {
    u128::from(ticks) * u128::from(NS_PER_SEC) / u128::from(freq)
}

#[test]
fn clock_scale_matches_exact_math() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    for freq in FREQS {
        let scale = ClockScale::from_freq_hz(freq).unwrap();
        assert_eq!(
            u128::from(scale.mult),
            (u128::from(NS_PER_SEC) << 32) / u128::from(freq)
        );
        let max_ticks = freq * TEN_YEARS_SECS;
        let fixed = [
            0,
            1,
            2,
            1000,
            freq - 1,
            freq,
            freq + 1,
            freq * 60,
            freq * 3600,
            freq * SECS_PER_DAY,
            max_ticks,
        ];
        let random = (0..2000).map(|i| rng.next() % (max_ticks >> (i % 40)).max(1));
        for ticks in fixed.into_iter().chain(random) {
            let got = u128::from(scale.ticks_to_ns(ticks));
            let exact = exact_ns(ticks, freq);
            assert!(got <= exact, "never ahead: freq {freq} ticks {ticks}");
            // At most 1 ns per whole second of span, plus 1 ns of final rounding.
            let allowed = u128::from(ticks / freq) + 1;
            assert!(
                exact - got <= allowed,
                "freq {freq} ticks {ticks}: err {} > {allowed}",
                exact - got
            );
        }
    }
}

#[test]
fn clock_scale_known_values_and_limits() {
    assert_eq!(ClockScale::from_freq_hz(0), None);
    assert_eq!(
        ClockScale::from_freq_hz(1_000_000_000).unwrap().mult,
        1 << 32
    );
    assert_eq!(
        ClockScale::from_freq_hz(1_000_000_000)
            .unwrap()
            .ticks_to_ns(123_456_789),
        123_456_789
    );
    assert_eq!(
        ClockScale::from_freq_hz(1_000_000)
            .unwrap()
            .ticks_to_ns(1_000_000),
        NS_PER_SEC
    );
    assert_eq!(
        ClockScale::from_freq_hz(14_318_180)
            .unwrap()
            .ticks_to_ns(14_318_180),
        NS_PER_SEC - 1
    );
    // 1 Hz: mult = 1e9 << 32 still fits; u64::MAX ticks saturate.
    let slow = ClockScale::from_freq_hz(1).unwrap();
    assert_eq!(slow.ticks_to_ns(5), 5 * NS_PER_SEC);
    assert_eq!(slow.ticks_to_ns(u64::MAX), u64::MAX);
    // Up to 1e9 << 32 Hz mult is at least 1; above, it would be 0: rejected.
    let fastest = ClockScale::from_freq_hz(NS_PER_SEC << 32).unwrap();
    assert_eq!((fastest.mult, fastest.ticks_to_ns(1 << 32)), (1, 1));
    assert_eq!(ClockScale::from_freq_hz((NS_PER_SEC << 32) + 1), None);
    assert_eq!(ClockScale::from_freq_hz(u64::MAX), None);
}

#[test]
fn ns_to_ticks_round_trips() {
    assert_eq!(ns_to_ticks(NS_PER_SEC, 14_318_180), 14_318_180);
    assert_eq!(ns_to_ticks(1_000, 1_000_000), 1);
    assert_eq!(ns_to_ticks(999, 1_000_000), 0, "rounds down");
    assert_eq!(ns_to_ticks(12345, 0), 0);
    assert_eq!(ns_to_ticks(u64::MAX, 10_000_000_000), u64::MAX, "saturates");
    let mut rng = XorShift(0xdead_beef_cafe_f00d);
    for freq in FREQS {
        let scale = ClockScale::from_freq_hz(freq).unwrap();
        let tick_ns = NS_PER_SEC / freq + 1; // one tick, rounded up to whole ns
        for _ in 0..2000 {
            // ns -> ticks -> ns loses less than one tick (plus the scale error).
            let ns = rng.next() % (TEN_YEARS_SECS * NS_PER_SEC);
            let back = scale.ticks_to_ns(ns_to_ticks(ns, freq));
            assert!(
                back <= ns && ns - back <= tick_ns + ns / NS_PER_SEC + 1,
                "freq {freq} ns {ns} back {back}"
            );
            // ticks -> ns -> ticks loses at most a few ticks.
            let ticks = rng.next() % (freq * TEN_YEARS_SECS);
            let again = ns_to_ticks(scale.ticks_to_ns(ticks), freq);
            // The ns error (< ticks / 2^32 + 1 ns) costs up to freq/1e9 ticks per ns.
            let allowed = (ticks / NS_PER_SEC + 2) * (freq / NS_PER_SEC + 1) + 1;
            assert!(
                again <= ticks && ticks - again <= allowed,
                "freq {freq} ticks {ticks}"
            );
        }
    }
}

fn dt(year: u32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> DateTime {
    DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
    }
}

#[test]
fn unix_known_dates() {
    let known = [
        (dt(1970, 1, 1, 0, 0, 0), 0),
        (dt(1970, 1, 1, 0, 0, 1), 1),
        (dt(1970, 1, 2, 0, 0, 0), 86_400),
        (dt(1999, 12, 31, 23, 59, 59), 946_684_799),
        (dt(2000, 2, 29, 0, 0, 0), 951_782_400),
        (dt(2038, 1, 19, 3, 14, 8), 1 << 31),
        (dt(2026, 11, 24, 7, 17, 3), 1_795_504_623),
        (dt(2200, 12, 31, 23, 59, 59), 7_289_654_399),
    ];
    for (date, secs) in known {
        assert_eq!(date.to_unix_seconds(), Some(secs), "{date}");
        assert_eq!(DateTime::from_unix_seconds(secs), date);
    }
}

#[test]
fn leap_year_rules() {
    assert!(!is_leap_year(1900));
    assert!(is_leap_year(2000));
    assert!(is_leap_year(2024));
    assert!(!is_leap_year(2023));
    assert!(!is_leap_year(2100));
    assert!(is_leap_year(2400));
    assert_eq!(days_in_month(2000, 2), Some(29));
    assert_eq!(days_in_month(1900, 2), Some(28));
    assert_eq!(days_in_month(2023, 4), Some(30));
    assert_eq!(days_in_month(2023, 13), None);
    assert!(dt(2000, 2, 29, 0, 0, 0).to_unix_seconds().is_some());
    assert!(dt(2100, 2, 29, 0, 0, 0).to_unix_seconds().is_none());
    // 2000-02-29 is followed by 03-01; 2100-02-28 is followed by 03-01.
    let feb29 = dt(2000, 2, 29, 0, 0, 0).to_unix_seconds().unwrap();
    assert_eq!(
        DateTime::from_unix_seconds(feb29 + SECS_PER_DAY),
        dt(2000, 3, 1, 0, 0, 0)
    );
    let feb28 = dt(2100, 2, 28, 0, 0, 0).to_unix_seconds().unwrap();
    assert_eq!(
        DateTime::from_unix_seconds(feb28 + SECS_PER_DAY),
        dt(2100, 3, 1, 0, 0, 0)
    );
}

#[test]
fn every_day_1970_to_2200_round_trips() {
    // Walk the calendar naively and compare with the closed-form algorithms.
    let mut days = 0u64;
    for year in 1970..=2200 {
        for month in 1..=12 {
            for day in 1..=days_in_month(year, month).unwrap() {
                let tod = days * 7919 % SECS_PER_DAY; // varying time of day
                let secs = days * SECS_PER_DAY + tod;
                let date = DateTime::from_unix_seconds(secs);
                assert_eq!((date.year, date.month, date.day), (year, month, day));
                assert_eq!(
                    u64::from(date.hour) * 3600
                        + u64::from(date.minute) * 60
                        + u64::from(date.second),
                    tod
                );
                assert_eq!(date.to_unix_seconds(), Some(secs));
                days += 1;
            }
        }
    }
    assert_eq!(days, (7_289_654_399 + 1) / SECS_PER_DAY);
}

#[test]
fn invalid_dates_rejected() {
    let bad = [
        dt(1969, 12, 31, 23, 59, 59),
        dt(2023, 0, 1, 0, 0, 0),
        dt(2023, 13, 1, 0, 0, 0),
        dt(2023, 1, 0, 0, 0, 0),
        dt(2023, 1, 32, 0, 0, 0),
        dt(2023, 4, 31, 0, 0, 0),
        dt(2024, 2, 30, 0, 0, 0),
        dt(2023, 2, 29, 0, 0, 0),
        dt(2023, 1, 1, 24, 0, 0),
        dt(2023, 1, 1, 0, 60, 0),
        dt(2023, 1, 1, 0, 0, 60),
    ];
    for date in bad {
        assert_eq!(date.to_unix_seconds(), None, "{date:?}");
        assert!(!date.is_valid());
    }
}

#[test]
fn unix_extremes_saturate() {
    let last = dt(u32::MAX, 12, 31, 23, 59, 59);
    let max = last.to_unix_seconds().unwrap();
    assert_eq!(max, MAX_UNIX_SECONDS);
    assert_eq!(DateTime::from_unix_seconds(max), last);
    assert_eq!(DateTime::from_unix_seconds(max + 1), last);
    assert_eq!(DateTime::from_unix_seconds(u64::MAX), last);
    assert_eq!(
        DateTime::from_unix_seconds(max - 86_399),
        dt(u32::MAX, 12, 31, 0, 0, 0)
    );
}

#[test]
fn display_format() {
    assert_eq!(
        format!("{}", dt(2026, 11, 24, 7, 17, 3)),
        "2026-11-24 07:17:03 UTC"
    );
    assert_eq!(
        format!("{}", DateTime::from_unix_seconds(0)),
        "1970-01-01 00:00:00 UTC"
    );
}

#[test]
fn bcd_conversion() {
    for v in 0..=u8::MAX {
        let (hi, lo) = (v >> 4, v & 0xf);
        let expected = (hi <= 9 && lo <= 9).then(|| hi * 10 + lo);
        assert_eq!(bcd_to_binary(v), expected, "{v:#04x}");
    }
    assert_eq!(bcd_to_binary(0x59), Some(59));
    assert_eq!(bcd_to_binary(0x5a), None);
    assert_eq!(bcd_to_binary(0xa0), None);
}

const BCD_24H: u8 = 0x02;
const BIN_24H: u8 = 0x06;
const BCD_12H: u8 = 0x00;
const BIN_12H: u8 = 0x04;

/// 2026-11-24 ??:17:03 with the given hour register, in the encoding `status_b` selects.
fn rtc(hour: u8, status_b: u8) -> RtcRegisters {
    if status_b & STATUS_B_BINARY != 0 {
        RtcRegisters {
            second: 3,
            minute: 17,
            hour,
            day: 24,
            month: 11,
            year: 26,
            century: None,
            status_b,
        }
    } else {
        RtcRegisters {
            second: 0x03,
            minute: 0x17,
            hour,
            day: 0x24,
            month: 0x11,
            year: 0x26,
            century: None,
            status_b,
        }
    }
}

#[test]
fn rtc_bcd_and_binary() {
    assert_eq!(
        rtc(0x07, BCD_24H).decode(),
        Some(dt(2026, 11, 24, 7, 17, 3))
    );
    let bin = RtcRegisters {
        second: 3,
        minute: 17,
        hour: 23,
        day: 24,
        month: 11,
        year: 26,
        century: Some(20),
        status_b: BIN_24H,
    };
    assert_eq!(bin.decode(), Some(dt(2026, 11, 24, 23, 17, 3)));
    let bcd = RtcRegisters {
        century: Some(0x20),
        hour: 0x23,
        ..rtc(0, BCD_24H)
    };
    assert_eq!(bcd.decode(), Some(dt(2026, 11, 24, 23, 17, 3)));
    // Binary 59 s is 0x3b: valid in binary mode, a bad BCD digit in BCD mode.
    assert_eq!(
        RtcRegisters {
            second: 0x3b,
            ..rtc(0x07, BCD_24H)
        }
        .decode(),
        None
    );
    let bin59 = RtcRegisters {
        second: 59,
        minute: 0,
        hour: 0,
        day: 1,
        month: 1,
        year: 0,
        century: None,
        status_b: BIN_24H,
    };
    assert_eq!(bin59.decode(), Some(dt(2000, 1, 1, 0, 0, 59)));
    assert_eq!(
        RtcRegisters {
            second: 60,
            ..bin59
        }
        .decode(),
        None
    );
}

#[test]
fn rtc_12_and_24_hour() {
    let hour = |h, status| rtc(h, status).decode().map(|d| d.hour);
    assert_eq!(hour(0x12, BCD_12H), Some(0), "12 AM is midnight");
    assert_eq!(hour(0x92, BCD_12H), Some(12), "12 PM is noon");
    assert_eq!(hour(0x01, BCD_12H), Some(1));
    assert_eq!(hour(0x81, BCD_12H), Some(13));
    assert_eq!(hour(0x91, BCD_12H), Some(23));
    assert_eq!(hour(0x00, BCD_12H), None, "no hour 0 in 12-hour mode");
    assert_eq!(hour(0x13, BCD_12H), None);
    assert_eq!(hour(0x80, BCD_12H), None);
    assert_eq!(hour(12, BIN_12H), Some(0));
    assert_eq!(hour(0x80 | 12, BIN_12H), Some(12));
    assert_eq!(hour(0x80 | 11, BIN_12H), Some(23));
    assert_eq!(hour(0x23, BCD_24H), Some(23));
    assert_eq!(hour(0x00, BCD_24H), Some(0));
    assert_eq!(hour(0x24, BCD_24H), None);
    assert_eq!(
        hour(0x81, BCD_24H),
        None,
        "PM bit is not valid in 24-hour mode"
    );
    assert_eq!(hour(24, BIN_24H), None);
}

#[test]
fn rtc_century() {
    let year = |y, century| {
        RtcRegisters {
            year: y,
            century,
            ..rtc(0x07, BCD_24H)
        }
        .decode()
        .map(|d| d.year)
    };
    assert_eq!(year(0x26, None), Some(2026));
    assert_eq!(year(0x00, None), Some(2000));
    assert_eq!(year(0x69, None), Some(2069));
    assert_eq!(year(0x70, None), Some(1970));
    assert_eq!(year(0x99, None), Some(1999));
    assert_eq!(year(0x99, Some(0x19)), Some(1999));
    assert_eq!(year(0x26, Some(0x21)), Some(2126));
    assert_eq!(
        year(0x50, Some(0x19)),
        None,
        "1950 is before the Unix epoch"
    );
    assert_eq!(year(0x26, Some(0x2a)), None, "bad BCD century");
    assert_eq!(year(0x2a, None), None, "bad BCD year");
}

#[test]
fn rtc_out_of_range_fields() {
    let base = rtc(0x07, BCD_24H);
    assert_eq!(
        RtcRegisters {
            month: 0x13,
            ..base
        }
        .decode(),
        None
    );
    assert_eq!(
        RtcRegisters {
            month: 0x00,
            ..base
        }
        .decode(),
        None
    );
    assert_eq!(
        RtcRegisters { day: 0x31, ..base }.decode(),
        None,
        "30 days in November"
    );
    assert_eq!(RtcRegisters { day: 0x00, ..base }.decode(), None);
    assert_eq!(
        RtcRegisters {
            minute: 0x60,
            ..base
        }
        .decode(),
        None
    );
    assert_eq!(
        RtcRegisters {
            day: 0x29,
            month: 0x02,
            year: 0x23,
            ..base
        }
        .decode(),
        None
    );
    assert_eq!(
        RtcRegisters {
            day: 0x29,
            month: 0x02,
            year: 0x24,
            ..base
        }
        .decode(),
        Some(dt(2024, 2, 29, 7, 17, 3))
    );
    assert_eq!(
        RtcRegisters {
            year: 100,
            status_b: BIN_24H,
            second: 0,
            minute: 0,
            hour: 0,
            day: 1,
            month: 1,
            century: None
        }
        .decode(),
        None
    );
    // Every possible register byte decodes or fails without panicking.
    for v in 0..=u8::MAX {
        for status_b in [BCD_12H, BCD_24H, BIN_12H, BIN_24H] {
            let _ = RtcRegisters {
                second: v,
                minute: v,
                hour: v,
                day: v,
                month: v,
                year: v,
                century: Some(v),
                status_b,
            }
            .decode();
            let _ = rtc(v, status_b).decode();
        }
    }
}
