//! Interrupt controllers: the legacy 8259 PICs (masked), the local APIC
//! (x2APIC or xAPIC) with its timer, and the IO-APICs.

pub mod ioapic;
pub mod lapic;
pub mod pic;

/// Vector of the local APIC timer (Linux's LOCAL_TIMER_VECTOR).
pub const TIMER_VECTOR: u8 = 0xec;
/// Spurious-interrupt vector (low 4 bits all ones, as older APICs require).
pub const SPURIOUS_VECTOR: u8 = 0xff;
/// Vector of ISA IRQ n routed through the IO-APIC: `ISA_VECTOR_BASE + n`.
pub const ISA_VECTOR_BASE: u8 = 0x30;
