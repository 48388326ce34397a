//! IO-APICs: routing of global system interrupts (GSIs) to vectors.
//! Intel 82093AA datasheet §3.2 (IOREGSEL/IOWIN, IOAPICVER, IOREDTBL).

use crate::arch::x86_64::acpi::{IoApicEntry, Override};
use alloc::vec::Vec;
use spin::Mutex;

const IOREGSEL: u64 = 0x00;
const IOWIN: u64 = 0x10;
const REG_VERSION: u32 = 0x01;
const REDIR_MASKED: u64 = 1 << 16;
const REDIR_LEVEL: u64 = 1 << 15;
const REDIR_ACTIVE_LOW: u64 = 1 << 13;

struct IoApic {
    base: u64,
    gsi_base: u32,
    entries: u32,
}

impl IoApic {
    fn read(&self, reg: u32) -> u32 {
        // SAFETY: base maps the IO-APIC's register window (uncached);
        // IOREGSEL selects the register IOWIN then reads.
        unsafe {
            ((self.base + IOREGSEL) as *mut u32).write_volatile(reg);
            ((self.base + IOWIN) as *const u32).read_volatile()
        }
    }

    fn write(&self, reg: u32, value: u32) {
        // SAFETY: as in `read`.
        unsafe {
            ((self.base + IOREGSEL) as *mut u32).write_volatile(reg);
            ((self.base + IOWIN) as *mut u32).write_volatile(value);
        }
    }

    fn set_entry(&self, pin: u32, value: u64) {
        self.write(0x10 + 2 * pin + 1, (value >> 32) as u32);
        self.write(0x10 + 2 * pin, value as u32);
    }
}

struct State {
    io_apics: Vec<IoApic>,
    overrides: Vec<Override>,
}

static STATE: Mutex<State> = Mutex::new(State { io_apics: Vec::new(), overrides: Vec::new() });

/// Maps every IO-APIC, masks all their pins and keeps the ISA overrides.
/// Returns the number of pins per IO-APIC, in order.
pub fn init(entries: &[IoApicEntry], overrides: &[Override]) -> Vec<u32> {
    let mut state = STATE.lock();
    let mut pins = Vec::new();
    for e in entries {
        let base = crate::mm::ioremap(e.phys, 0x20).expect("mapping an IO-APIC");
        let mut apic = IoApic { base, gsi_base: e.gsi_base, entries: 0 };
        apic.entries = ((apic.read(REG_VERSION) >> 16) & 0xff) + 1;
        for pin in 0..apic.entries {
            apic.set_entry(pin, REDIR_MASKED);
        }
        pins.push(apic.entries);
        state.io_apics.push(apic);
    }
    state.overrides = overrides.to_vec();
    pins
}

/// Routes ISA IRQ `irq` to `vector` on the CPU with APIC id `dest`, with
/// the polarity and trigger mode from the MADT overrides, masked or not.
/// Returns the GSI used, or `None` if no IO-APIC serves it.
pub fn route_isa_irq(irq: u8, vector: u8, dest: u32, masked: bool) -> Option<u32> {
    let state = STATE.lock();
    let (gsi, active_low, level) = match state.overrides.iter().find(|o| o.isa_irq == irq) {
        Some(o) => (o.gsi, o.active_low, o.level),
        None => (u32::from(irq), false, false),
    };
    let apic = state.io_apics.iter().find(|a| gsi >= a.gsi_base && gsi < a.gsi_base + a.entries)?;
    let mut entry = u64::from(vector) | (u64::from(dest & 0xff) << 56);
    if active_low {
        entry |= REDIR_ACTIVE_LOW;
    }
    if level {
        entry |= REDIR_LEVEL;
    }
    if masked {
        entry |= REDIR_MASKED;
    }
    apic.set_entry(gsi - apic.gsi_base, entry);
    Some(gsi)
}
