//! The HPET main counter, used as the reference for calibrating the TSC
//! and the APIC timer. IA-PC HPET specification 1.0a §2.3.

use spin::Once;

const REG_CAPABILITIES: u64 = 0x000;
const REG_CONFIG: u64 = 0x010;
const REG_COUNTER: u64 = 0x0f0;
const CONFIG_ENABLE: u64 = 1;
/// The spec's upper bound on the counter period: 100 ns in femtoseconds.
const MAX_PERIOD_FS: u64 = 100_000_000;

/// A running HPET.
#[derive(Clone, Copy, Debug)]
pub struct Hpet {
    base: u64,
    /// Counter frequency in Hz.
    pub freq_hz: u64,
}

static HPET: Once<Hpet> = Once::new();

impl Hpet {
    /// Current main-counter value.
    pub fn counter(&self) -> u64 {
        // SAFETY: base maps the HPET register block; the counter is a
        // 64-bit register at 0xf0 (a 32-bit counter reads with zero top bits).
        unsafe { ((self.base + REG_COUNTER) as *const u64).read_volatile() }
    }
}

/// Maps the HPET at physical `phys`, checks its period and starts the
/// main counter. `None` if the period is invalid.
pub fn init(phys: u64) -> Option<Hpet> {
    let base = crate::mm::ioremap(phys, 1024).ok()?;
    // SAFETY: base maps the 1 KiB register block.
    let caps = unsafe { ((base + REG_CAPABILITIES) as *const u64).read_volatile() };
    let period_fs = caps >> 32;
    if period_fs == 0 || period_fs > MAX_PERIOD_FS {
        log::warn!("HPET: invalid period {period_fs} fs");
        return None;
    }
    // SAFETY: setting ENABLE_CNF starts the main counter; legacy
    // replacement routing stays off.
    unsafe {
        let config = ((base + REG_CONFIG) as *const u64).read_volatile();
        ((base + REG_CONFIG) as *mut u64).write_volatile(config | CONFIG_ENABLE);
    }
    let hpet = Hpet { base, freq_hz: 1_000_000_000_000_000 / period_fs };
    Some(*HPET.call_once(|| hpet))
}

/// The HPET, if `init` found one.
pub fn get() -> Option<Hpet> {
    HPET.get().copied()
}
