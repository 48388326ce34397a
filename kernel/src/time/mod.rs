//! Kernel time: monotonic uptime and the realtime (wall) clock.
//!
//! Design note: both clocks are derived from one counter, the TSC, scaled
//! to nanoseconds with a multiply and a shift (`clock::ClockScale`). The
//! wall clock is the RTC reading at boot plus the TSC time since then.

use core::sync::atomic::{AtomicU64, Ordering};

/// Timer interrupts per second (the seeds' 10 ms scheduling quantum).
pub const HZ: u64 = 100;

/// Timer interrupts since they were enabled (Linux's `jiffies`).
static JIFFIES: AtomicU64 = AtomicU64::new(0);

/// A timer interrupt: counts it, fires due interval timers, and lets the
/// scheduler wake sleepers and preempt.
pub fn tick() {
    JIFFIES.fetch_add(1, Ordering::Relaxed);
    crate::proc::timer::tick();
    crate::sched::tick();
}

/// Timer interrupts so far.
pub fn jiffies() -> u64 {
    JIFFIES.load(Ordering::Relaxed)
}
use spin::Once;

struct Clocks {
    scale: clock::ClockScale,
    /// TSC value that `uptime_ns` counts from (the kernel's first instruction).
    tsc_origin: u64,
}

static CLOCKS: Once<Clocks> = Once::new();
/// Realtime at uptime 0, in ns since the Unix epoch.
static REALTIME_AT_BOOT_NS: AtomicU64 = AtomicU64::new(0);

/// Calibrates the clocks (arch code measures the TSC) and reads the RTC.
pub fn init() {
    let freq_hz = crate::arch::tsc_freq_hz();
    let scale = clock::ClockScale::from_freq_hz(freq_hz).expect("TSC frequency is nonzero");
    CLOCKS.call_once(|| Clocks { scale, tsc_origin: crate::arch::entry_tsc() });
    if let Some(now) = crate::arch::read_rtc() {
        match now.to_unix_seconds() {
            Some(secs) => {
                let real = secs.saturating_mul(1_000_000_000);
                REALTIME_AT_BOOT_NS.store(real.saturating_sub(uptime_ns()), Ordering::Relaxed);
                log::info!("RTC: {now}");
            }
            None => log::warn!("RTC: invalid date {now}"),
        }
    } else {
        log::warn!("RTC: no valid reading");
    }
}

/// Nanoseconds since the kernel's first instruction; 0 before `init`.
pub fn uptime_ns() -> u64 {
    match CLOCKS.get() {
        Some(c) => c.scale.ticks_to_ns(crate::arch::read_tsc().wrapping_sub(c.tsc_origin)),
        None => 0,
    }
}

/// Wall-clock time in nanoseconds since 1970-01-01 UTC (CLOCK_REALTIME).
pub fn realtime_ns() -> u64 {
    REALTIME_AT_BOOT_NS.load(Ordering::Relaxed).saturating_add(uptime_ns())
}
