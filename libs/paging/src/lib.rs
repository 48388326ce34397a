//! x86-64 4-level paging arithmetic, shared by the kernel and its host tests.
//!
//! A 48-bit virtual address splits into four 9-bit table indices (PML4, PDPT,
//! PD, PT) and a 12-bit page offset; bits 63..48 must copy bit 47 (canonical
//! form). A page-table entry holds a physical frame address in bits 51..12
//! and flag bits around it. Intel SDM Vol. 3A §4.5 (4-level paging) and
//! Table 4-19 (PTE format).
//!
//! Design note: this crate is pure arithmetic with no `unsafe`, so the parts
//! of paging that are easy to get subtly wrong (shifts, masks, sign
//! extension) are tested on the host; the kernel's page-table walker only
//! adds memory access on top.
#![no_std]
#![forbid(unsafe_code)]

/// Size of a base page in bytes (4 KiB).
pub const PAGE_SIZE: u64 = 4096;
/// Size of a large page mapped by a PD entry with PS set (2 MiB).
pub const LARGE_PAGE_SIZE: u64 = 2 << 20;
/// Size of a huge page mapped by a PDPT entry with PS set (1 GiB).
pub const HUGE_PAGE_SIZE: u64 = 1 << 30;
/// Entries in every paging structure (PML4, PDPT, PD, PT).
pub const ENTRIES: usize = 512;

/// Paging structure levels, from the root: PML4 is level 4, PT is level 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Page map level 4, bits 47..39.
    Pml4 = 4,
    /// Page directory pointer table, bits 38..30; PS set maps 1 GiB.
    Pdpt = 3,
    /// Page directory, bits 29..21; PS set maps 2 MiB.
    Pd = 2,
    /// Page table, bits 20..12; maps 4 KiB.
    Pt = 1,
}

impl Level {
    /// Bit position of the lowest address bit this level's index covers.
    pub const fn shift(self) -> u32 {
        12 + 9 * (self as u32 - 1)
    }

    /// Bytes covered by one entry at this level (4 KiB, 2 MiB, 1 GiB, 512 GiB).
    pub const fn entry_span(self) -> u64 {
        1 << self.shift()
    }

    /// The next level down, `None` below the PT.
    pub const fn next(self) -> Option<Level> {
        match self {
            Level::Pml4 => Some(Level::Pdpt),
            Level::Pdpt => Some(Level::Pd),
            Level::Pd => Some(Level::Pt),
            Level::Pt => None,
        }
    }
}

/// Index 0..512 of `va` in the paging structure at `level`.
pub const fn index(va: u64, level: Level) -> usize {
    ((va >> level.shift()) & 0x1ff) as usize
}

/// Byte offset of `va` within its 4 KiB page.
pub const fn page_offset(va: u64) -> u64 {
    va & (PAGE_SIZE - 1)
}

/// True if bits 63..48 of `va` all equal bit 47 (Intel SDM Vol. 1 §3.3.7.1).
pub const fn is_canonical(va: u64) -> bool {
    let top = va >> 47;
    top == 0 || top == 0x1ffff
}

/// Sign-extends bit 47 into bits 63..48.
pub const fn canonicalize(va: u64) -> u64 {
    (((va << 16) as i64) >> 16) as u64
}

/// The canonical virtual address with these four table indices and page offset.
/// Indices are taken modulo 512 and the offset modulo 4096.
pub const fn from_indices(pml4: usize, pdpt: usize, pd: usize, pt: usize, offset: u64) -> u64 {
    let va = ((pml4 as u64 & 0x1ff) << 39)
        | ((pdpt as u64 & 0x1ff) << 30)
        | ((pd as u64 & 0x1ff) << 21)
        | ((pt as u64 & 0x1ff) << 12)
        | (offset & 0xfff);
    canonicalize(va)
}

/// Rounds `addr` down to a multiple of `align` (a power of two).
pub const fn align_down(addr: u64, align: u64) -> u64 {
    addr & !(align - 1)
}

/// Rounds `addr` up to a multiple of `align` (a power of two); `None` on overflow.
pub const fn align_up(addr: u64, align: u64) -> Option<u64> {
    match addr.checked_add(align - 1) {
        Some(v) => Some(v & !(align - 1)),
        None => None,
    }
}

/// A page-table entry at any level (Intel SDM Vol. 3A Table 4-15 to 4-19).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(transparent)]
pub struct Pte(pub u64);

impl Pte {
    /// P: the entry maps something.
    pub const PRESENT: u64 = 1 << 0;
    /// R/W: writes allowed (with CR0.WP, also for the kernel).
    pub const WRITABLE: u64 = 1 << 1;
    /// U/S: user-mode accesses allowed.
    pub const USER: u64 = 1 << 2;
    /// PWT: write-through caching.
    pub const WRITE_THROUGH: u64 = 1 << 3;
    /// PCD: caching disabled (MMIO).
    pub const NO_CACHE: u64 = 1 << 4;
    /// A: set by the CPU on access.
    pub const ACCESSED: u64 = 1 << 5;
    /// D: set by the CPU on write (leaf entries).
    pub const DIRTY: u64 = 1 << 6;
    /// PS: this PDPT/PD entry maps a 1 GiB / 2 MiB page.
    pub const HUGE: u64 = 1 << 7;
    /// G: global, survives CR3 reloads (leaf entries, CR4.PGE).
    pub const GLOBAL: u64 = 1 << 8;
    /// XD: instruction fetches not allowed (needs EFER.NXE).
    pub const NO_EXECUTE: u64 = 1 << 63;
    /// Bits 51..12: the physical address of the frame or next table.
    pub const ADDR_MASK: u64 = 0x000f_ffff_ffff_f000;
    /// The flag bits a caller may set (everything outside `ADDR_MASK` that we use).
    pub const FLAGS_MASK: u64 = !Self::ADDR_MASK;

    /// An entry mapping physical address `phys` (masked to bits 51..12) with `flags`.
    pub const fn new(phys: u64, flags: u64) -> Pte {
        Pte((phys & Self::ADDR_MASK) | (flags & Self::FLAGS_MASK))
    }

    /// True if P is set.
    pub const fn present(self) -> bool {
        self.0 & Self::PRESENT != 0
    }

    /// True if PS is set (only meaningful in PDPT and PD entries).
    pub const fn huge(self) -> bool {
        self.0 & Self::HUGE != 0
    }

    /// Physical address in bits 51..12. For a 2 MiB/1 GiB page the low bits
    /// hold the PAT bit (bit 12), so callers align it to the page size.
    pub const fn addr(self) -> u64 {
        self.0 & Self::ADDR_MASK
    }

    /// The flag bits (everything outside `ADDR_MASK`).
    pub const fn flags(self) -> u64 {
        self.0 & Self::FLAGS_MASK
    }

    /// The same address with `flags` replacing the old flags.
    pub const fn with_flags(self, flags: u64) -> Pte {
        Pte::new(self.addr(), flags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_of_known_addresses() {
        // Linux's direct map base and the kernel text base.
        assert_eq!(index(0xffff_8880_0000_0000, Level::Pml4), 273);
        assert_eq!(index(0xffff_ffff_8000_0000, Level::Pml4), 511);
        assert_eq!(index(0xffff_ffff_8000_0000, Level::Pdpt), 510);
        assert_eq!(index(0xffff_ffff_8020_1000, Level::Pd), 1);
        assert_eq!(index(0xffff_ffff_8020_1000, Level::Pt), 1);
        assert_eq!(page_offset(0x1234_5678), 0x678);
    }

    #[test]
    fn indices_round_trip() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let va = canonicalize(x);
            let back = from_indices(
                index(va, Level::Pml4),
                index(va, Level::Pdpt),
                index(va, Level::Pd),
                index(va, Level::Pt),
                page_offset(va),
            );
            assert_eq!(back, va);
            assert!(is_canonical(va));
        }
    }

    #[test]
    fn canonical_boundaries() {
        assert!(is_canonical(0x0000_7fff_ffff_ffff));
        assert!(!is_canonical(0x0000_8000_0000_0000));
        assert!(!is_canonical(0xffff_7fff_ffff_ffff));
        assert!(is_canonical(0xffff_8000_0000_0000));
        assert_eq!(canonicalize(0x0000_8000_0000_0000), 0xffff_8000_0000_0000);
        assert_eq!(from_indices(256, 0, 0, 0, 0), 0xffff_8000_0000_0000);
    }

    #[test]
    fn level_spans() {
        assert_eq!(Level::Pt.entry_span(), PAGE_SIZE);
        assert_eq!(Level::Pd.entry_span(), LARGE_PAGE_SIZE);
        assert_eq!(Level::Pdpt.entry_span(), HUGE_PAGE_SIZE);
        assert_eq!(Level::Pml4.entry_span(), 512 * HUGE_PAGE_SIZE);
        assert_eq!(Level::Pml4.next(), Some(Level::Pdpt));
        assert_eq!(Level::Pt.next(), None);
    }

    #[test]
    fn alignment() {
        assert_eq!(align_down(0x1fff, PAGE_SIZE), 0x1000);
        assert_eq!(align_up(0x1001, PAGE_SIZE), Some(0x2000));
        assert_eq!(align_up(0x2000, PAGE_SIZE), Some(0x2000));
        assert_eq!(align_up(u64::MAX, PAGE_SIZE), None);
    }

    #[test]
    fn pte_fields() {
        let e = Pte::new(0x1234_5000 | 0xfff, Pte::PRESENT | Pte::WRITABLE | Pte::NO_EXECUTE);
        assert_eq!(e.addr(), 0x1234_5000);
        assert!(e.present());
        assert!(!e.huge());
        assert_eq!(e.flags(), Pte::PRESENT | Pte::WRITABLE | Pte::NO_EXECUTE);
        let r = e.with_flags(Pte::PRESENT);
        assert_eq!(r.addr(), 0x1234_5000);
        assert_eq!(r.0 & Pte::WRITABLE, 0);
        assert_eq!(Pte::new(1 << 52, 0).addr(), 0);
    }
}
