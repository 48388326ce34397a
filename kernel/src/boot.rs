//! What the boot loader told us: memory map, command line, modules, ACPI root.
//!
//! Design note: the loaders' own structures (Multiboot2 information, PVH
//! `hvm_start_info`) live in memory the frame allocator will later hand
//! out, so `arch` copies what the kernel needs into this fixed-size,
//! loader-independent form before memory management starts.

use core::fmt;

/// Most memory-map entries kept; QEMU and typical firmware report under 20.
pub const MAX_REGIONS: usize = 64;
/// Most boot modules kept.
pub const MAX_MODULES: usize = 8;
/// Longest command line kept, in bytes (Linux x86 COMMAND_LINE_SIZE).
pub const CMDLINE_MAX: usize = 2048;

/// Kind of a physical memory range (E820 / Multiboot2 memory types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemoryKind {
    /// Free RAM the kernel may use.
    Usable,
    /// ACPI tables; usable once they have been read.
    AcpiReclaimable,
    /// ACPI non-volatile storage; never usable.
    AcpiNvs,
    /// Reported defective.
    Bad,
    /// Anything else: firmware, MMIO, holes.
    Reserved,
}

/// One physical memory range, `start` and `len_bytes` in bytes.
#[derive(Clone, Copy, Debug)]
pub struct MemoryRegion {
    /// Physical start address.
    pub start: u64,
    /// Length in bytes.
    pub len_bytes: u64,
    /// What the firmware says the range is.
    pub kind: MemoryKind,
}

impl MemoryRegion {
    /// Exclusive physical end address (saturating).
    pub fn end(&self) -> u64 {
        self.start.saturating_add(self.len_bytes)
    }
}

/// A boot module (the initramfs): physical range and the loader's string for it.
#[derive(Clone, Copy, Debug)]
pub struct Module {
    /// Physical start address.
    pub phys_start: u64,
    /// Length in bytes.
    pub len_bytes: u64,
}

/// Where to find the ACPI tables (physical addresses).
#[derive(Clone, Copy, Debug)]
pub enum AcpiRoot {
    /// The Root System Description Pointer structure.
    Rsdp(u64),
    /// The RSDT (ACPI 1.0, 32-bit entries), from a copied RSDP.
    Rsdt(u64),
    /// The XSDT (ACPI 2.0+, 64-bit entries), from a copied RSDP.
    Xsdt(u64),
}

/// Converts an E820 / Multiboot2 memory type number to a `MemoryKind`
/// (ACPI spec Table 15-312, Multiboot2 spec §3.6.8).
pub fn e820_kind(typ: u32) -> MemoryKind {
    match typ {
        1 => MemoryKind::Usable,
        3 => MemoryKind::AcpiReclaimable,
        4 => MemoryKind::AcpiNvs,
        5 => MemoryKind::Bad,
        _ => MemoryKind::Reserved,
    }
}

/// Boot information in the kernel's own form.
pub struct BootInfo {
    /// "Multiboot2" or "PVH".
    pub protocol: &'static str,
    /// Where the ACPI tables start, if the loader said.
    pub acpi_root: Option<AcpiRoot>,
    /// True if the loader reported a graphics framebuffer (no VGA text mode).
    pub graphics_framebuffer: bool,
    cmdline: [u8; CMDLINE_MAX],
    cmdline_len: usize,
    regions: [MemoryRegion; MAX_REGIONS],
    region_count: usize,
    modules: [Module; MAX_MODULES],
    module_count: usize,
}

impl BootInfo {
    /// An empty description for `protocol`, filled in by the arch boot code.
    pub const fn new(protocol: &'static str) -> Self {
        const NONE: MemoryRegion = MemoryRegion { start: 0, len_bytes: 0, kind: MemoryKind::Reserved };
        const NO_MODULE: Module = Module { phys_start: 0, len_bytes: 0 };
        BootInfo {
            protocol,
            acpi_root: None,
            cmdline: [0; CMDLINE_MAX],
            cmdline_len: 0,
            graphics_framebuffer: false,
            regions: [NONE; MAX_REGIONS],
            region_count: 0,
            modules: [NO_MODULE; MAX_MODULES],
            module_count: 0,
        }
    }

    /// Keeps a copy of the command line: at most `CMDLINE_MAX` bytes, cut at
    /// the first NUL and at the last whole UTF-8 character.
    pub fn set_cmdline(&mut self, bytes: &[u8]) {
        let bytes = bytes.split(|&b| b == 0).next().unwrap_or(&[]);
        let n = bytes.len().min(CMDLINE_MAX);
        let valid = match core::str::from_utf8(&bytes[..n]) {
            Ok(s) => s.len(),
            Err(e) => e.valid_up_to(),
        };
        self.cmdline[..valid].copy_from_slice(&bytes[..valid]);
        self.cmdline_len = valid;
    }

    /// The kernel command line (empty if none).
    pub fn cmdline(&self) -> &str {
        core::str::from_utf8(&self.cmdline[..self.cmdline_len]).unwrap_or("")
    }

    /// Records a memory-map entry; entries past `MAX_REGIONS` are dropped
    /// (with a warning) and empty ones ignored.
    pub fn push_region(&mut self, region: MemoryRegion) {
        if region.len_bytes == 0 {
            return;
        }
        match self.regions.get_mut(self.region_count) {
            Some(slot) => {
                *slot = region;
                self.region_count += 1;
            }
            None => log::warn!("boot: memory map entry {:#x} dropped (more than {})", region.start, MAX_REGIONS),
        }
    }

    /// Records a boot module; modules past `MAX_MODULES` are dropped.
    pub fn push_module(&mut self, module: Module) {
        if let Some(slot) = self.modules.get_mut(self.module_count) {
            *slot = module;
            self.module_count += 1;
        }
    }

    /// The memory map, in loader order.
    pub fn regions(&self) -> &[MemoryRegion] {
        &self.regions[..self.region_count]
    }

    /// The boot modules, in loader order.
    pub fn modules(&self) -> &[Module] {
        &self.modules[..self.module_count]
    }

    /// The initramfs: the first boot module, if any.
    pub fn initramfs(&self) -> Option<&Module> {
        self.modules().first()
    }
}

impl fmt::Display for MemoryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MemoryKind::Usable => "usable",
            MemoryKind::AcpiReclaimable => "ACPI data",
            MemoryKind::AcpiNvs => "ACPI NVS",
            MemoryKind::Bad => "bad",
            MemoryKind::Reserved => "reserved",
        })
    }
}
