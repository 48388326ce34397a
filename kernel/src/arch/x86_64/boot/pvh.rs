//! PVH `hvm_start_info` (QEMU `-kernel`) to [`BootInfo`].
//!
//! Layout from Xen's `public/arch-x86/hvm/start_info.h`, version 1: the
//! memory map is an array of E820-style entries, modules carry the initrd.

use crate::boot::{e820_kind, AcpiRoot, BootInfo, MemoryRegion, Module, CMDLINE_MAX};
use crate::mm::phys_to_virt;

/// `struct hvm_start_info`.
#[repr(C)]
#[derive(Clone, Copy)]
struct StartInfo {
    magic: u32,
    version: u32,
    flags: u32,
    nr_modules: u32,
    modlist_paddr: u64,
    cmdline_paddr: u64,
    rsdp_paddr: u64,
    memmap_paddr: u64,
    memmap_entries: u32,
    reserved: u32,
}

/// `struct hvm_modlist_entry`.
#[repr(C)]
#[derive(Clone, Copy)]
struct ModlistEntry {
    paddr: u64,
    size: u64,
    cmdline_paddr: u64,
    reserved: u64,
}

/// `struct hvm_memmap_table_entry`.
#[repr(C)]
#[derive(Clone, Copy)]
struct MemmapEntry {
    addr: u64,
    size: u64,
    typ: u32,
    reserved: u32,
}

const START_INFO_MAGIC: u32 = 0x336e_c578;

/// Reads a `T` at physical address `phys` (below 4 GiB, mapped by the boot
/// page tables).
fn read_phys<T: Copy>(phys: u64) -> T {
    assert!(phys.saturating_add(core::mem::size_of::<T>() as u64) <= 1 << 32, "PVH data above 4 GiB");
    // SAFETY: the boot page tables map the first 4 GiB at phys_to_virt; the
    // loader placed a T there; read_unaligned tolerates any alignment.
    unsafe { (phys_to_virt(phys) as *const T).read_unaligned() }
}

/// Parses the start-info block at physical address `info_phys`.
pub fn parse(info_phys: u64) -> BootInfo {
    let mut out = BootInfo::new("PVH");
    let info: StartInfo = read_phys(info_phys);
    assert_eq!(info.magic, START_INFO_MAGIC, "bad PVH start info");

    if info.cmdline_paddr != 0 {
        let mut buf = [0u8; CMDLINE_MAX];
        for (i, b) in buf.iter_mut().enumerate() {
            *b = read_phys(info.cmdline_paddr + i as u64);
            if *b == 0 {
                break;
            }
        }
        out.set_cmdline(&buf);
    }
    for i in 0..u64::from(info.nr_modules) {
        let m: ModlistEntry = read_phys(info.modlist_paddr + i * 32);
        out.push_module(Module { phys_start: m.paddr, len_bytes: m.size });
    }
    if info.version >= 1 {
        for i in 0..u64::from(info.memmap_entries) {
            let e: MemmapEntry = read_phys(info.memmap_paddr + i * 24);
            out.push_region(MemoryRegion { start: e.addr, len_bytes: e.size, kind: e820_kind(e.typ) });
        }
        if info.rsdp_paddr != 0 {
            out.acpi_root = Some(AcpiRoot::Rsdp(info.rsdp_paddr));
        }
    }
    out
}
