//! The IDT: every vector points at its stub in `trap.S`.
//!
//! Double fault, NMI and machine check run on their own IST stacks
//! (see `gdt`). Intel SDM Vol. 3A §6.10-6.14.

use super::gdt;
use core::cell::UnsafeCell;
use core::mem::size_of;


extern "C" {
    static trap_stubs: u8;
}

/// Distance between two stubs in `trap.S`.
const STUB_BYTES: u64 = 16;

/// A 64-bit interrupt gate (Intel SDM Vol. 3A Figure 6-8).
#[repr(C)]
#[derive(Clone, Copy)]
struct Gate {
    offset_low: u16,
    selector: u16,
    ist: u8,
    type_attr: u8,
    offset_mid: u16,
    offset_high: u32,
    reserved: u32,
}

impl Gate {
    const EMPTY: Gate =
        Gate { offset_low: 0, selector: 0, ist: 0, type_attr: 0, offset_mid: 0, offset_high: 0, reserved: 0 };

    /// Present, DPL 0, 64-bit interrupt gate (interrupts off on entry).
    fn interrupt(handler: u64, ist: u8) -> Gate {
        Gate {
            offset_low: handler as u16,
            selector: gdt::KERNEL_CS,
            ist,
            type_attr: 0x8e,
            offset_mid: (handler >> 16) as u16,
            offset_high: (handler >> 32) as u32,
            reserved: 0,
        }
    }
}

#[repr(C, align(16))]
struct Idt(UnsafeCell<[Gate; 256]>);

// SAFETY: filled by `init` on the boot CPU before it is loaded; afterwards
// only read (by the CPU).
unsafe impl Sync for Idt {}

static IDT: Idt = Idt(UnsafeCell::new([Gate::EMPTY; 256]));

/// Fills and loads the IDT.
pub fn init() {
    let stubs = (&raw const trap_stubs) as u64;
    let idt = IDT.0.get();
    for vector in 0..256u64 {
        let ist = match vector {
            2 => gdt::IST_NMI,
            8 => gdt::IST_DOUBLE_FAULT,
            18 => gdt::IST_MACHINE_CHECK,
            _ => 0,
        };
        // SAFETY: the IDT is not loaded yet; vector < 256 is in bounds.
        unsafe { (*idt)[vector as usize] = Gate::interrupt(stubs + vector * STUB_BYTES, ist) };
    }
    let ptr = x86_64::structures::DescriptorTablePointer {
        limit: (size_of::<[Gate; 256]>() - 1) as u16,
        base: x86_64::VirtAddr::new(idt as u64),
    };
    // SAFETY: the IDT is static and every gate points at a valid stub.
    unsafe { x86_64::instructions::tables::lidt(&ptr) };
}
