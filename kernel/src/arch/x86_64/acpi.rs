//! ACPI tables through the `acpi` crate: the MADT (local APIC, IO-APICs,
//! interrupt source overrides), the HPET table, and the FADT/DSDT values
//! needed to power off.

use super::power::{self, AcpiSleep};
use crate::boot::{AcpiRoot, BootInfo};
use crate::mm::memremap;
use acpi::{AcpiHandler, AcpiTables, InterruptModel, PhysicalMapping};
use alloc::vec::Vec;
use core::ptr::NonNull;

/// Maps ACPI tables at their direct-map address (cached, read-only);
/// mappings are kept, so unmapping does nothing.
#[derive(Clone, Copy)]
struct Handler;

impl AcpiHandler for Handler {
    unsafe fn map_physical_region<T>(&self, physical_address: usize, size: usize) -> PhysicalMapping<Self, T> {
        let virt = match memremap(physical_address as u64, size as u64) {
            Ok(v) => v,
            Err(e) => panic!("cannot map ACPI table at {physical_address:#x}: {e:?}"),
        };
        let ptr = NonNull::new(virt as *mut T).expect("direct-map addresses are never null");
        // SAFETY: [virt, virt + size) now maps the requested physical range.
        unsafe { PhysicalMapping::new(physical_address, ptr, size, size, *self) }
    }

    fn unmap_physical_region<T>(_region: &PhysicalMapping<Self, T>) {}
}

/// An IO-APIC from the MADT.
#[derive(Clone, Copy, Debug)]
pub struct IoApicEntry {
    /// IO-APIC id.
    pub id: u8,
    /// Physical address of its registers.
    pub phys: u64,
    /// First global system interrupt (GSI) it serves.
    pub gsi_base: u32,
}

/// An ISA IRQ whose wiring differs from the default (GSI = IRQ, edge, active high).
#[derive(Clone, Copy, Debug)]
pub struct Override {
    /// ISA IRQ number (0-15).
    pub isa_irq: u8,
    /// The GSI it arrives on.
    pub gsi: u32,
    /// Active-low polarity.
    pub active_low: bool,
    /// Level-triggered.
    pub level: bool,
}

/// What the platform's ACPI tables describe.
pub struct Platform {
    /// Physical address of the local APIC registers (xAPIC mode).
    pub lapic_phys: u64,
    /// The IO-APICs.
    pub io_apics: Vec<IoApicEntry>,
    /// ISA interrupt source overrides.
    pub overrides: Vec<Override>,
    /// Physical address of the HPET registers, if there is one.
    pub hpet_phys: Option<u64>,
}

/// Reads the ACPI tables; `None` (with a warning) if there are none or
/// they describe no APIC.
pub fn init(boot: &BootInfo) -> Option<Platform> {
    // SAFETY: the addresses come from the boot loader or the BIOS search,
    // which validates the RSDP signature and checksum.
    let tables = unsafe {
        match boot.acpi_root {
            Some(AcpiRoot::Rsdp(p)) => AcpiTables::from_rsdp(Handler, p as usize),
            Some(AcpiRoot::Rsdt(p)) => AcpiTables::from_rsdt(Handler, 0, p as usize),
            Some(AcpiRoot::Xsdt(p)) => AcpiTables::from_rsdt(Handler, 2, p as usize),
            None => AcpiTables::search_for_rsdp_bios(Handler),
        }
    };
    let tables = match tables {
        Ok(t) => t,
        Err(e) => {
            log::warn!("ACPI: no usable tables ({e:?})");
            return None;
        }
    };
    find_sleep_control(&tables);
    let info = match tables.platform_info() {
        Ok(info) => info,
        Err(e) => {
            log::warn!("ACPI: cannot read the MADT ({e:?})");
            return None;
        }
    };
    let InterruptModel::Apic(apic) = info.interrupt_model else {
        log::warn!("ACPI: the MADT describes no APIC");
        return None;
    };
    let io_apics = apic
        .io_apics
        .iter()
        .map(|a| IoApicEntry { id: a.id, phys: u64::from(a.address), gsi_base: a.global_system_interrupt_base })
        .collect();
    let overrides = apic
        .interrupt_source_overrides
        .iter()
        .map(|o| Override {
            isa_irq: o.isa_source,
            gsi: o.global_system_interrupt,
            active_low: matches!(o.polarity, acpi::platform::interrupt::Polarity::ActiveLow),
            level: matches!(o.trigger_mode, acpi::platform::interrupt::TriggerMode::Level),
        })
        .collect();
    let hpet_phys = acpi::HpetInfo::new(&tables).ok().map(|h| h.base_address as u64);
    Some(Platform { lapic_phys: apic.local_apic_address, io_apics, overrides, hpet_phys })
}

/// Records the PM1 control ports (FADT) and the S5 sleep type (DSDT
/// `\_S5` package) for `power::power_off`.
fn find_sleep_control(tables: &AcpiTables<Handler>) {
    let Ok(fadt) = tables.find_table::<acpi::fadt::Fadt>() else { return };
    let Ok(pm1a) = fadt.pm1a_control_block() else { return };
    let pm1b = fadt.pm1b_control_block().ok().flatten().map(|b| b.address as u16);
    let slp_typ = tables
        .dsdt()
        .ok()
        .and_then(|dsdt| {
            let virt = memremap(dsdt.address as u64, u64::from(dsdt.length)).ok()?;
            // SAFETY: memremap mapped the DSDT's AML stream, `length` bytes.
            let aml = unsafe { core::slice::from_raw_parts(virt as *const u8, dsdt.length as usize) };
            s5_sleep_type(aml)
        })
        .unwrap_or((0, 0));
    power::set_acpi_sleep(AcpiSleep { pm1a_cnt: pm1a.address as u16, pm1b_cnt: pm1b, slp_typ });
}

/// Finds `Name(_S5_, Package() { SLP_TYPa, SLP_TYPb, ... })` in an AML
/// stream and returns the two sleep-type values. Only the simple encoding
/// firmware uses for it is understood (ACPI spec §20.2.5: NameOp, PackageOp,
/// PkgLength, NumElements, then ZeroOp/OneOp/BytePrefix constants).
fn s5_sleep_type(aml: &[u8]) -> Option<(u16, u16)> {
    let at = aml.windows(4).position(|w| w == b"_S5_")?;
    let mut rest = aml.get(at + 4..)?;
    if *rest.first()? != 0x12 {
        return None; // not a PackageOp
    }
    let lead = *rest.get(1)?;
    let pkg_len_bytes = 1 + usize::from(lead >> 6);
    rest = rest.get(1 + pkg_len_bytes + 1..)?; // PkgLength, NumElements
    let mut values = [0u16; 2];
    for v in &mut values {
        let (value, used) = match *rest.first()? {
            0x00 => (0, 1),
            0x01 => (1, 1),
            0x0a => (u16::from(*rest.get(1)?), 2),
            _ => return None,
        };
        *v = value;
        rest = rest.get(used..)?;
    }
    Some((values[0], values[1]))
}
