//! 4-level page tables: map, unmap, translate and change protection, with
//! TLB invalidation. Intel SDM Vol. 3A §4.5 and §4.10.4.
//!
//! Design note: tables are reached through the direct map, so walking
//! needs no recursive mapping or temporary windows. Index arithmetic and
//! entry bits come from the host-tested `paging` crate; this module adds
//! only the memory accesses. Intermediate entries are created with
//! present, writable and user bits set, so the leaf entry alone decides
//! access rights.

use crate::mm::phys_to_virt;
use paging::{index, Level, Pte, ENTRIES};

/// Page sizes a leaf entry can map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageSize {
    /// 4 KiB, a PT entry.
    Size4K,
    /// 2 MiB, a PD entry with PS.
    Size2M,
    /// 1 GiB, a PDPT entry with PS.
    Size1G,
}

impl PageSize {
    /// Size in bytes.
    pub const fn bytes(self) -> u64 {
        self.level().entry_span()
    }

    const fn level(self) -> Level {
        match self {
            PageSize::Size4K => Level::Pt,
            PageSize::Size2M => Level::Pd,
            PageSize::Size1G => Level::Pdpt,
        }
    }
}

/// Why a page-table operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapError {
    /// No frame for an intermediate table (ENOMEM).
    NoMemory,
    /// Something is already mapped there (EEXIST).
    AlreadyMapped,
    /// Nothing is mapped there, or a larger page covers the address.
    NotMapped,
    /// Address not aligned to the page size, or not canonical (EINVAL).
    BadAddress,
}

/// A mapping found by [`translate`]: physical address, leaf flags, page size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Translation {
    /// Physical address that the virtual address maps to (offset included).
    pub phys: u64,
    /// Flag bits of the leaf entry (`Pte::*`).
    pub flags: u64,
    /// Size of the page holding the address.
    pub size: PageSize,
}

/// Flag bits an intermediate (non-leaf) entry gets.
const TABLE_FLAGS: u64 = Pte::PRESENT | Pte::WRITABLE | Pte::USER;

fn table(phys: u64) -> *mut Pte {
    phys_to_virt(phys) as *mut Pte
}

fn read(table_phys: u64, i: usize) -> Pte {
    debug_assert!(i < ENTRIES);
    // SAFETY: table_phys is a page-table frame (from CR3 or a present
    // non-leaf entry), mapped by the direct map; i < 512 stays inside it.
    unsafe { table(table_phys).add(i).read_volatile() }
}

fn write(table_phys: u64, i: usize, entry: Pte) {
    debug_assert!(i < ENTRIES);
    // SAFETY: as in `read`; callers hold the lock of the address space.
    unsafe { table(table_phys).add(i).write_volatile(entry) }
}

/// Walks from `root` to the table at `target` level for `va`, creating
/// missing tables with frames from `alloc_table` (zeroed by the callee's
/// contract). Returns the physical address of that table.
fn walk_create(
    root: u64,
    va: u64,
    target: Level,
    alloc_table: &mut dyn FnMut() -> Option<u64>,
) -> Result<u64, MapError> {
    let mut level = Level::Pml4;
    let mut table_phys = root;
    while level != target {
        let i = index(va, level);
        let e = read(table_phys, i);
        table_phys = if !e.present() {
            let frame = alloc_table().ok_or(MapError::NoMemory)?;
            write(table_phys, i, Pte::new(frame, TABLE_FLAGS));
            frame
        } else if e.huge() {
            return Err(MapError::AlreadyMapped);
        } else {
            e.addr()
        };
        level = level.next().ok_or(MapError::BadAddress)?;
    }
    Ok(table_phys)
}

/// Maps the page at `va` to `phys` with leaf `flags` (PRESENT is added;
/// PS too for large sizes). Both addresses must be aligned to `size`.
/// `alloc_table` returns zeroed frames for new intermediate tables.
pub fn map(
    root: u64,
    va: u64,
    phys: u64,
    size: PageSize,
    flags: u64,
    alloc_table: &mut dyn FnMut() -> Option<u64>,
) -> Result<(), MapError> {
    if va % size.bytes() != 0 || phys % size.bytes() != 0 || !paging::is_canonical(va) {
        return Err(MapError::BadAddress);
    }
    let t = walk_create(root, va, size.level(), alloc_table)?;
    let i = index(va, size.level());
    if read(t, i).present() {
        return Err(MapError::AlreadyMapped);
    }
    let huge = if size == PageSize::Size4K { 0 } else { Pte::HUGE };
    write(t, i, Pte::new(phys, flags | Pte::PRESENT | huge));
    Ok(())
}

/// Finds the leaf entry for `va`: (table physical address, index, size).
fn find_leaf(root: u64, va: u64) -> Option<(u64, usize, PageSize)> {
    if !paging::is_canonical(va) {
        return None;
    }
    let mut level = Level::Pml4;
    let mut table_phys = root;
    loop {
        let i = index(va, level);
        let e = read(table_phys, i);
        if !e.present() {
            return None;
        }
        let size = match level {
            Level::Pt => Some(PageSize::Size4K),
            Level::Pd if e.huge() => Some(PageSize::Size2M),
            Level::Pdpt if e.huge() => Some(PageSize::Size1G),
            _ => None,
        };
        if let Some(size) = size {
            return Some((table_phys, i, size));
        }
        table_phys = e.addr();
        level = level.next()?;
    }
}

/// Looks up `va`: where it maps and with which flags, or `None`.
pub fn translate(root: u64, va: u64) -> Option<Translation> {
    let (t, i, size) = find_leaf(root, va)?;
    let e = read(t, i);
    let base = paging::align_down(e.addr(), size.bytes());
    Some(Translation { phys: base + (va & (size.bytes() - 1)), flags: e.flags(), size })
}

/// Unmaps the page starting at `va` and invalidates its TLB entry on this
/// CPU. Returns the physical address and size it mapped. Tables left
/// empty are not freed.
pub fn unmap(root: u64, va: u64) -> Result<(u64, PageSize), MapError> {
    let (t, i, size) = find_leaf(root, va).ok_or(MapError::NotMapped)?;
    if va % size.bytes() != 0 {
        return Err(MapError::BadAddress);
    }
    let e = read(t, i);
    write(t, i, Pte(0));
    flush(va);
    Ok((paging::align_down(e.addr(), size.bytes()), size))
}

/// Replaces the flags of the page starting at `va` (PRESENT and PS are
/// kept) and invalidates its TLB entry on this CPU.
pub fn protect(root: u64, va: u64, flags: u64) -> Result<(), MapError> {
    let (t, i, size) = find_leaf(root, va).ok_or(MapError::NotMapped)?;
    if va % size.bytes() != 0 {
        return Err(MapError::BadAddress);
    }
    let e = read(t, i);
    let keep = e.flags() & Pte::HUGE;
    write(t, i, e.with_flags(flags | keep | Pte::PRESENT));
    flush(va);
    Ok(())
}

/// Invalidates the TLB entry for `va` on this CPU (INVLPG).
pub fn flush(va: u64) {
    x86_64::instructions::tlb::flush(x86_64::VirtAddr::new_truncate(va));
}

/// Physical address of the current PML4 (CR3).
pub fn current_root() -> u64 {
    x86_64::registers::control::Cr3::read_raw().0.start_address().as_u64()
}

/// Loads `root` into CR3, flushing all non-global TLB entries.
///
/// # Safety
/// `root` must be a PML4 that maps the running code, its stack and every
/// kernel structure in use at the addresses they have now.
pub unsafe fn switch_root(root: u64) {
    let frame = x86_64::structures::paging::PhysFrame::containing_address(x86_64::PhysAddr::new(root));
    // SAFETY: the caller guarantees the new tables map everything in use.
    unsafe { x86_64::registers::control::Cr3::write(frame, x86_64::registers::control::Cr3Flags::empty()) };
}

/// Unmaps everything in the lower (user) half of `root`: calls `leaf` with
/// the physical address of every 4 KiB page mapped there, frees every
/// page-table frame below the PML4 with `table`, and clears PML4 slots
/// 0-255. The caller flushes the TLB (or never loads `root` again).
pub fn clear_user_half(root: u64, leaf: &mut dyn FnMut(u64), table: &mut dyn FnMut(u64)) {
    fn walk(t: u64, level: Level, leaf: &mut dyn FnMut(u64), table: &mut dyn FnMut(u64)) {
        for i in 0..ENTRIES {
            let e = read(t, i);
            if !e.present() {
                continue;
            }
            match level.next() {
                Some(next) if !e.huge() => {
                    walk(e.addr(), next, leaf, table);
                    table(e.addr());
                }
                _ => leaf(e.addr()),
            }
        }
    }
    for i in 0..ENTRIES / 2 {
        let e = read(root, i);
        if e.present() {
            walk(e.addr(), Level::Pdpt, leaf, table);
            table(e.addr());
            write(root, i, Pte(0));
        }
    }
}

/// Copies PML4 slots 256-511 (the kernel half) from `from` into `to`.
pub fn copy_kernel_half(from: u64, to: u64) {
    for i in ENTRIES / 2..ENTRIES {
        write(to, i, read(from, i));
    }
}

/// Calls `f(va, entry)` for every present leaf entry mapping a page that
/// starts in [`start`, `end`), in address order, skipping absent
/// subtrees whole (so a sparse range costs little). `f` may rewrite the
/// entry; the caller flushes the TLB for entries it changed.
pub fn for_each_leaf(root: u64, start: u64, end: u64, f: &mut dyn FnMut(u64, &mut Pte)) {
    fn walk(t: u64, level: Level, base: u64, start: u64, end: u64, f: &mut dyn FnMut(u64, &mut Pte)) {
        let span = level.entry_span();
        let first = if start > base { ((start - base) / span) as usize } else { 0 };
        for i in first..ENTRIES {
            let va = base + i as u64 * span;
            if va >= end {
                break;
            }
            let mut e = read(t, i);
            if !e.present() {
                continue;
            }
            match level.next() {
                Some(next) if !e.huge() => walk(e.addr(), next, va, start, end, f),
                _ => {
                    if va >= start {
                        let before = e;
                        f(va, &mut e);
                        if e != before {
                            write(t, i, e);
                        }
                    }
                }
            }
        }
    }
    if start < end {
        walk(root, Level::Pml4, 0, start, end.min(1 << 47), f);
    }
}
