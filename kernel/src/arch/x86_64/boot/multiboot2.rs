//! Multiboot2 information (GRUB) to [`BootInfo`], with the `multiboot2` crate.

use crate::boot::{e820_kind, AcpiRoot, BootInfo, MemoryRegion, Module};
use crate::mm::phys_to_virt;
use multiboot2::{BootInformation, BootInformationHeader};

/// Parses the information block at physical address `info_phys` (mapped by
/// the boot page tables, which cover the first 4 GiB).
pub fn parse(info_phys: u64) -> BootInfo {
    let mut out = BootInfo::new("Multiboot2");
    let ptr = phys_to_virt(info_phys) as *const BootInformationHeader;
    // SAFETY: the loader guarantees a valid information block at info_phys,
    // and the boot page tables map it at phys_to_virt(info_phys).
    let mbi = match unsafe { BootInformation::load(ptr) } {
        Ok(mbi) => mbi,
        Err(e) => panic!("bad Multiboot2 information at {info_phys:#x}: {e:?}"),
    };
    if let Some(tag) = mbi.command_line_tag() {
        out.set_cmdline(tag.cmdline().unwrap_or("").as_bytes());
    }
    if let Some(map) = mbi.memory_map_tag() {
        for area in map.memory_areas() {
            out.push_region(MemoryRegion {
                start: area.start_address(),
                len_bytes: area.size(),
                kind: e820_kind(u32::from(area.typ())),
            });
        }
    }
    for module in mbi.module_tags() {
        let start = u64::from(module.start_address());
        let end = u64::from(module.end_address());
        out.push_module(Module { phys_start: start, len_bytes: end.saturating_sub(start) });
    }
    out.acpi_root = if let Some(tag) = mbi.rsdp_v2_tag() {
        Some(AcpiRoot::Xsdt(tag.xsdt_address() as u64))
    } else {
        mbi.rsdp_v1_tag().map(|tag| AcpiRoot::Rsdt(tag.rsdt_address() as u64))
    };
    out.graphics_framebuffer = matches!(
        mbi.framebuffer_tag(),
        Some(Ok(fb)) if !matches!(fb.buffer_type(), Ok(multiboot2::FramebufferType::Text))
    );
    out
}
