//! Memory bring-up from the boot memory map: place the frame metadata,
//! start the buddy allocator, build the kernel page tables, start the heap.
//!
//! Order matters. Until the kernel's own page tables are loaded only the
//! first 4 GiB are mapped (boot.S), so the metadata array and every page
//! table built here come from RAM below 4 GiB; RAM above is handed to the
//! allocator after the switch.

use super::{frame, heap, kernel_space, phys_to_virt};
use crate::boot::{BootInfo, MemoryKind};
use buddy::FrameMeta;
use log::info;

/// RAM below this was mapped by boot.S and is usable before the switch.
const BOOT_MAPPED_END: u64 = 1 << 32;
/// The first MiB stays reserved (BIOS data, EBDA, VGA, option ROMs).
const LOW_MEMORY_END: u64 = 1 << 20;

/// Physical ranges the allocator must never hand out.
struct Reserved {
    ranges: [(u64, u64); 16],
    count: usize,
}

impl Reserved {
    fn add(&mut self, start: u64, end: u64) {
        assert!(self.count < self.ranges.len(), "too many reserved ranges");
        self.ranges[self.count] = (start, end);
        self.count += 1;
    }

    fn overlaps(&self, start: u64, end: u64) -> Option<u64> {
        self.ranges[..self.count].iter().filter(|&&(s, e)| s < end && start < e).map(|&(_, e)| e).max()
    }

    /// Calls `f` for each piece of [start, end) outside every reserved range.
    fn for_each_free(&self, start: u64, end: u64, f: &mut dyn FnMut(u64, u64)) {
        let mut cuts: [(u64, u64); 16] = [(0, 0); 16];
        let mut n = 0;
        for &(s, e) in &self.ranges[..self.count] {
            if s < end && start < e {
                cuts[n] = (s.max(start), e.min(end));
                n += 1;
            }
        }
        cuts[..n].sort_unstable();
        let mut at = start;
        for &(s, e) in &cuts[..n] {
            if s > at {
                f(at, s);
            }
            at = at.max(e);
        }
        if at < end {
            f(at, end);
        }
    }
}

fn is_ram(kind: MemoryKind) -> bool {
    matches!(kind, MemoryKind::Usable | MemoryKind::AcpiReclaimable | MemoryKind::AcpiNvs)
}

/// Sets up frames, kernel page tables and the heap; logs the memory found.
pub fn init(boot: &BootInfo) {
    let regions = boot.regions();
    assert!(!regions.is_empty(), "the boot loader gave no memory map");
    let ram_end = regions.iter().filter(|r| is_ram(r.kind)).map(|r| r.end()).max().unwrap_or(0);
    let usable: u64 = regions.iter().filter(|r| r.kind == MemoryKind::Usable).map(|r| r.len_bytes).sum();
    let total: u64 = regions.iter().filter(|r| is_ram(r.kind)).map(|r| r.len_bytes).sum();
    for r in regions {
        log::debug!("memory: {:#014x}-{:#014x} {}", r.start, r.end(), r.kind);
    }
    info!(
        "memory: {} MiB usable of {} MiB total, {} regions",
        usable >> 20,
        total >> 20,
        regions.len()
    );

    let mut reserved = Reserved { ranges: [(0, 0); 16], count: 0 };
    reserved.add(0, LOW_MEMORY_END);
    let (kernel_start, kernel_end) = kernel_space::kernel_image_phys();
    reserved.add(kernel_start, kernel_end);
    for m in boot.modules() {
        reserved.add(m.phys_start, m.phys_start.saturating_add(m.len_bytes));
    }

    // The metadata array: 16 bytes per frame up to the end of RAM.
    let frames = ram_end / frame::FRAME_SIZE;
    let meta_bytes = paging::align_up(frames * core::mem::size_of::<FrameMeta>() as u64, frame::FRAME_SIZE)
        .expect("metadata size fits");
    let meta_phys = place(boot, &reserved, meta_bytes).expect("no room for the frame metadata array");
    reserved.add(meta_phys, meta_phys + meta_bytes);
    let meta_ptr = phys_to_virt(meta_phys) as *mut FrameMeta;
    // SAFETY: [meta_phys, +meta_bytes) is usable RAM below 4 GiB (mapped by
    // boot.S), reserved so nothing else gets it; `new` below writes every
    // entry before anything reads one. FrameMeta is plain data.
    let meta = unsafe { core::slice::from_raw_parts_mut(meta_ptr, frames as usize) };
    meta.fill(FrameMeta::RESERVED);
    frame::init(meta);

    // RAM below 4 GiB first: page tables are built from it.
    for r in regions.iter().filter(|r| r.kind == MemoryKind::Usable) {
        reserved.for_each_free(r.start, r.end().min(BOOT_MAPPED_END), &mut |s, e| frame::add_free(s, e));
    }
    kernel_space::init(regions.iter().filter(|r| is_ram(r.kind)).map(|r| (r.start, r.end())));
    for r in regions.iter().filter(|r| r.kind == MemoryKind::Usable && r.end() > BOOT_MAPPED_END) {
        reserved.for_each_free(r.start.max(BOOT_MAPPED_END), r.end(), &mut |s, e| frame::add_free(s, e));
    }
    heap::init();

    let stats = frame::stats();
    info!(
        "frames: {} free of {} managed ({} MiB), metadata {} KiB at {:#x}",
        stats.free_frames,
        stats.managed_frames,
        stats.managed_frames * frame::FRAME_SIZE >> 20,
        meta_bytes >> 10,
        meta_phys
    );
    log::debug!("frames: free blocks by order {:?}, used {:?}", stats.free_blocks, stats.used_blocks);
}

/// First page-aligned piece of usable RAM below 4 GiB of `len` bytes that
/// avoids every reserved range.
fn place(boot: &BootInfo, reserved: &Reserved, len: u64) -> Option<u64> {
    for r in boot.regions().iter().filter(|r| r.kind == MemoryKind::Usable) {
        let mut at = paging::align_up(r.start, frame::FRAME_SIZE)?;
        let end = r.end().min(BOOT_MAPPED_END);
        while at.checked_add(len)? <= end {
            match reserved.overlaps(at, at + len) {
                None => return Some(at),
                Some(past) => at = paging::align_up(past, frame::FRAME_SIZE)?,
            }
        }
    }
    None
}
