//! The local APIC, in x2APIC mode (MSRs) when the CPU has it, xAPIC mode
//! (MMIO) otherwise, and its timer. Intel SDM Vol. 3A §11 (APIC) and
//! §11.12 (x2APIC: register at MSR 0x800 + offset / 16).

use super::SPURIOUS_VECTOR;
use spin::Once;
use x86_64::registers::model_specific::Msr;

const IA32_APIC_BASE: u32 = 0x1b;
const APIC_BASE_ENABLE: u64 = 1 << 11;
const APIC_BASE_X2APIC: u64 = 1 << 10;

// Register offsets (xAPIC MMIO layout).
const REG_ID: u32 = 0x20;
const REG_VERSION: u32 = 0x30;
const REG_TPR: u32 = 0x80;
const REG_EOI: u32 = 0xb0;
const REG_SVR: u32 = 0xf0;
const REG_LVT_TIMER: u32 = 0x320;
const REG_TIMER_INITIAL: u32 = 0x380;
const REG_TIMER_CURRENT: u32 = 0x390;
const REG_TIMER_DIVIDE: u32 = 0x3e0;

const LVT_MASKED: u32 = 1 << 16;
const LVT_TIMER_PERIODIC: u32 = 1 << 17;
/// Divide configuration value for "divide by 16" (SDM Figure 11-10).
const DIVIDE_BY_16: u32 = 0b0011;

/// How the registers are reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// MSR access (x2APIC).
    X2apic,
    /// Memory-mapped registers at this virtual address (xAPIC).
    Xapic {
        /// Virtual address of the register page.
        base: u64,
    },
}

static MODE: Once<Mode> = Once::new();

fn read(reg: u32) -> u32 {
    match MODE.get() {
        Some(Mode::X2apic) => {
            // SAFETY: x2APIC mode is enabled and 0x800 + reg/16 is an
            // architectural x2APIC register MSR.
            unsafe { Msr::new(0x800 + reg / 16).read() as u32 }
        }
        // SAFETY: base maps the 4 KiB register page (uncached); reg < 0x400.
        Some(Mode::Xapic { base }) => unsafe { ((base + u64::from(reg)) as *const u32).read_volatile() },
        None => 0,
    }
}

fn write(reg: u32, value: u32) {
    match MODE.get() {
        // SAFETY: as in `read`.
        Some(Mode::X2apic) => unsafe { Msr::new(0x800 + reg / 16).write(u64::from(value)) },
        // SAFETY: as in `read`.
        Some(Mode::Xapic { base }) => unsafe { ((base + u64::from(reg)) as *mut u32).write_volatile(value) },
        None => {}
    }
}

/// Enables the local APIC (x2APIC if `x2apic`, else xAPIC at physical
/// `phys`) with the spurious vector set and all priorities accepted.
/// Returns the mode chosen.
pub fn init(phys: u64, x2apic: bool) -> Mode {
    let mut base_msr = Msr::new(IA32_APIC_BASE);
    // SAFETY: IA32_APIC_BASE exists on every CPU with an APIC (all x86-64).
    let base = unsafe { base_msr.read() };
    let mode = if x2apic {
        // SAFETY: CPUID reported x2APIC; EN and EXTD together select it.
        unsafe { base_msr.write(base | APIC_BASE_ENABLE | APIC_BASE_X2APIC) };
        Mode::X2apic
    } else {
        // SAFETY: sets the global enable bit, keeping the base address.
        unsafe { base_msr.write(base | APIC_BASE_ENABLE) };
        let virt = crate::mm::ioremap(phys, 4096).expect("mapping the local APIC");
        Mode::Xapic { base: virt }
    };
    MODE.call_once(|| mode);
    write(REG_TPR, 0);
    write(REG_SVR, 0x100 | u32::from(SPURIOUS_VECTOR));
    mode
}

/// This CPU's APIC id.
pub fn id() -> u32 {
    match MODE.get() {
        Some(Mode::X2apic) => read(REG_ID),
        _ => read(REG_ID) >> 24,
    }
}

/// APIC version register (bits 7:0 version, 23:16 max LVT entry).
pub fn version() -> u32 {
    read(REG_VERSION)
}

/// Signals end of interrupt for the one being handled.
pub fn eoi() {
    write(REG_EOI, 0);
}

/// Starts the timer counting down from `count` (divide by 16), masked, so
/// `timer_current` can be sampled for calibration.
pub fn timer_start_oneshot_masked(count: u32) {
    write(REG_TIMER_DIVIDE, DIVIDE_BY_16);
    write(REG_LVT_TIMER, LVT_MASKED);
    write(REG_TIMER_INITIAL, count);
}

/// The timer's current count.
pub fn timer_current() -> u32 {
    read(REG_TIMER_CURRENT)
}

/// Runs the timer in periodic mode: an interrupt on `vector` every
/// `count` ticks of the bus clock divided by 16.
pub fn timer_start_periodic(vector: u8, count: u32) {
    write(REG_TIMER_DIVIDE, DIVIDE_BY_16);
    write(REG_LVT_TIMER, LVT_TIMER_PERIODIC | u32::from(vector));
    write(REG_TIMER_INITIAL, count);
}
