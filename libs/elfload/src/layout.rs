//! The result of planning: a [`LoadPlan`] of page-aligned [`Segment`]s,
//! plus the address-space constants it is checked against.
//!
//! # Design
//!
//! The plan is plain data with public fields, so the kernel can map it
//! however it likes (file-backed pages, copies into fresh frames, or eager
//! copies for a first version). The helpers spell out the Linux mapping rule
//! (`elf_map()`/`elf_load()` in `fs/binfmt_elf.c`) so every mapper uses the
//! same ranges:
//!
//! * file pages: `align_down(p_vaddr) .. align_up(p_vaddr + p_filesz)`, from
//!   file offset `align_down(p_offset)` (possible because `p_vaddr ≡
//!   p_offset (mod 4096)`, which [`plan`](crate::plan())(crate::plan()) checks);
//! * if `p_memsz > p_filesz`: the tail of the last file page after
//!   `p_filesz` is zeroed ([`Segment::zero_tail`]), and the pages after it up
//!   to `align_up(p_vaddr + p_memsz)` are anonymous zero pages
//!   ([`Segment::anon_pages`]).
//!
//! Two segments may share a page (`ld -z noseparate-code` puts data right
//! after code): their byte ranges never overlap, but Linux maps the shared
//! page twice with `MAP_FIXED` and the later segment's mapping (and
//! permissions) wins. A copying loader must copy both segments' bytes into
//! that page and give it the union of the permissions, or follow Linux.

use alloc::vec::Vec;
use core::ops::Range;

use crate::plan::ElfError;
/// Page size used for mapping, in bytes (x86-64 base pages, `ELF_MIN_ALIGN`).
pub const PAGE_SIZE: u64 = 4096;

/// End (exclusive) of the user half of the address space: Linux x86-64
/// `TASK_SIZE_MAX` = 2^47 − 4096 with 4-level paging (the last page below the
/// canonical hole is kept unmapped). Every mapped byte lies below it.
pub const USER_END: u64 = 0x0000_7fff_ffff_f000;

/// Lowest address a segment may map: page 0 stays unmapped so that null
/// pointer dereferences fault. Linux enforces `vm.mmap_min_addr` (4096 by
/// default on x86-64, 65536 in some distributions).
pub const USER_START: u64 = PAGE_SIZE;

/// Suggested load bias for static-PIE (`ET_DYN`) programs:
/// `0x5555_5555_4000`, Linux's x86-64 `ELF_ET_DYN_BASE`
/// (`DEFAULT_MAP_WINDOW / 3 * 2` rounded down to a page).
///
/// Linux puts PIE programs *with* an interpreter there (plus ASLR). A
/// static-PIE (no `PT_INTERP`) is instead mapped by Linux 5.x/6.x with bias
/// 0 and no `MAP_FIXED`, i.e. wherever `mmap` finds room (top-down, just
/// below the stack gap: `0x7fff_f7xx_x000` with ASLR off), and its `brk` is
/// moved to `ELF_ET_DYN_BASE`. Programs cannot depend on either choice; this
/// base is suggested because it keeps the program far from both the stack
/// and the `mmap` area, leaves room for `brk` right after the image, and
/// gives the same addresses as a Linux PIE under `setarch -R` (useful when
/// comparing traces).
pub const DEFAULT_PIE_BASE: u64 = 0x5555_5555_4000;

/// One `PT_LOAD` segment. Addresses are virtual addresses in bytes (file
/// addresses for a PIE plan before [`LoadPlan::with_bias`]); offsets are byte
/// offsets into the file.
///
/// Invariants established by [`plan`](crate::plan()): `filesz <= memsz`, `memsz > 0`,
/// `file_offset + filesz <= file length`, `vaddr + memsz <= USER_END`, and if
/// `filesz > 0`, `vaddr % PAGE_SIZE == file_offset % PAGE_SIZE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// `p_vaddr`: address of the first byte of the segment.
    pub vaddr: u64,
    /// `p_memsz`: size in memory, in bytes.
    pub memsz: u64,
    /// `p_offset`: file offset of the first byte.
    pub file_offset: u64,
    /// `p_filesz`: bytes taken from the file; the rest of `memsz` is zero.
    pub filesz: u64,
    /// `PF_R`.
    pub readable: bool,
    /// `PF_W`.
    pub writable: bool,
    /// `PF_X`.
    pub executable: bool,
}

impl Segment {
    /// First byte after the segment in memory (`vaddr + memsz`, not rounded).
    pub fn end(&self) -> u64 {
        self.vaddr.saturating_add(self.memsz)
    }

    /// Page-aligned start of the mapping: `align_down(vaddr, PAGE_SIZE)`.
    pub fn map_start(&self) -> u64 {
        align_down(self.vaddr)
    }

    /// Page-aligned end (exclusive) of the mapping: `align_up(vaddr + memsz)`.
    pub fn map_end(&self) -> u64 {
        align_up(self.end())
    }

    /// Page-aligned file offset mapped at [`map_start`](Self::map_start):
    /// `align_down(file_offset, PAGE_SIZE)`. Meaningful only if `filesz > 0`.
    pub fn file_page_offset(&self) -> u64 {
        align_down(self.file_offset)
    }

    /// Addresses mapped from the file, whole pages:
    /// `map_start .. align_up(vaddr + filesz)`, starting at file offset
    /// [`file_page_offset`](Self::file_page_offset). Empty if `filesz == 0`.
    /// Past `filesz`, the last page holds whatever follows in the file until
    /// [`zero_tail`](Self::zero_tail) is cleared.
    pub fn file_pages(&self) -> Range<u64> {
        if self.filesz == 0 {
            return self.map_start()..self.map_start();
        }
        self.map_start()..align_up(self.vaddr.saturating_add(self.filesz))
    }

    /// Bytes of the last file page to zero after mapping it: from
    /// `vaddr + filesz` to the end of that page, when `memsz > filesz` (bss
    /// starts there); empty otherwise. Linux `padzero()` clears exactly this.
    pub fn zero_tail(&self) -> Range<u64> {
        let file_end = self.vaddr.saturating_add(self.filesz);
        if self.filesz == 0 || self.memsz == self.filesz {
            return file_end..file_end;
        }
        file_end..align_up(file_end)
    }

    /// Whole pages that are anonymous zero memory (the bss pages):
    /// `align_up(vaddr + filesz) .. map_end` (all of `map_start .. map_end`
    /// when `filesz == 0`). Linux maps them with `vm_brk_flags()`.
    pub fn anon_pages(&self) -> Range<u64> {
        let start = self.file_pages().end;
        start..self.map_end()
    }

    /// Bytes of the segment that are not in the file (`memsz - filesz`).
    pub fn bss_len(&self) -> u64 {
        self.memsz.saturating_sub(self.filesz)
    }

    /// True if `addr` is inside `vaddr .. vaddr + memsz`.
    pub fn contains(&self, addr: u64) -> bool {
        self.vaddr <= addr && addr < self.end()
    }
}

/// The thread-local storage template (`PT_TLS`): what libc copies into each
/// thread's TLS block. The kernel only passes it on; libc reads it through
/// `AT_PHDR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tls {
    /// Address of the initialisation image (`.tdata`).
    pub vaddr: u64,
    /// Bytes of the initialisation image.
    pub filesz: u64,
    /// Total TLS block size in bytes (`.tdata` + `.tbss`).
    pub memsz: u64,
    /// Alignment in bytes (power of two, at least 1).
    pub align: u64,
}

/// How to map a validated executable. Build with [`plan`](crate::plan()).
///
/// Addresses are virtual addresses in bytes. For a PIE (`is_pie`) they are
/// file addresses (bias 0) until [`with_bias`](Self::with_bias) is applied;
/// [`load_bias`](Self::load_bias) says which bias they include.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadPlan {
    /// `PT_LOAD` segments with `p_memsz > 0`, sorted by address, disjoint.
    pub segments: Vec<Segment>,
    /// Entry point (`e_entry`), inside an executable segment.
    pub entry: u64,
    /// Address of the program header table in memory, for `AT_PHDR`:
    /// `e_phoff - p_offset + p_vaddr` of the `PT_LOAD` whose file range
    /// contains `e_phoff` (the last one if several, as Linux ≥ 5.18 computes
    /// it), else `PT_PHDR`'s `p_vaddr` if that lies in a segment, else `None`
    /// (Linux then passes `AT_PHDR` = 0). The two agree for every normal
    /// file; the computed one is preferred because it is where the table
    /// really is in memory.
    pub phdr_vaddr: Option<u64>,
    /// `e_phentsize` (always 56), for `AT_PHENT`.
    pub phent: u16,
    /// `e_phnum`, for `AT_PHNUM`.
    pub phnum: u16,
    /// The `PT_TLS` template, if any.
    pub tls: Option<Tls>,
    /// `PT_GNU_STACK` has `PF_X`. Without `PT_GNU_STACK` this is `false`: on
    /// x86-64 Linux a missing header (`EXSTACK_DEFAULT`) only implies an
    /// executable stack for 32-bit programs (`elf_read_implies_exec`).
    pub stack_executable: bool,
    /// The file is `ET_DYN` (static-PIE) and may be loaded at any bias.
    pub is_pie: bool,
    /// Bias included in every address of this plan (0 from [`plan`](crate::plan())).
    pub load_bias: u64,
    /// Largest `p_align` among `PT_LOAD`s that is a power of two, at least
    /// [`PAGE_SIZE`]: a PIE bias must be a multiple of it (Linux
    /// `maximum_alignment()`).
    pub max_align: u64,
    /// Initial program break: `align_up(end of the highest segment)` (Linux
    /// `ELF_PAGEALIGN(elf_brk)`; Linux ≥ 6.7 adds one guard page under ASLR).
    pub brk_start: u64,
}

impl LoadPlan {
    /// Start of the lowest page mapped (the first segment's `map_start`).
    pub fn map_start(&self) -> u64 {
        self.segments.first().map_or(0, Segment::map_start)
    }

    /// End (exclusive) of the highest page mapped; equals `brk_start`.
    pub fn map_end(&self) -> u64 {
        self.segments.last().map_or(0, Segment::map_end)
    }

    /// The plan with every address moved by `bias` bytes (from the file
    /// addresses, whatever bias `self` already has).
    ///
    /// # Errors
    /// [`ElfError::BadLoadBias`] if `bias` is not a multiple of
    /// [`max_align`](Self::max_align), is non-zero for a non-PIE file, or
    /// puts any segment, the entry point or the TLS template outside
    /// [`USER_START`]`..`[`USER_END`].
    pub fn with_bias(&self, bias: u64) -> Result<LoadPlan, ElfError> {
        if (!self.is_pie && bias != 0) || !bias.is_multiple_of(self.max_align) {
            return Err(ElfError::BadLoadBias);
        }
        // Moves one file address to the new bias; fails on overflow.
        let delta = |addr: u64| -> Result<u64, ElfError> {
            addr.checked_sub(self.load_bias)
                .and_then(|a| a.checked_add(bias))
                .ok_or(ElfError::BadLoadBias)
        };
        let mut segments = Vec::with_capacity(self.segments.len());
        for seg in &self.segments {
            let vaddr = delta(seg.vaddr)?;
            let end = vaddr.checked_add(seg.memsz).ok_or(ElfError::BadLoadBias)?;
            if end > USER_END || align_down(vaddr) < USER_START {
                return Err(ElfError::BadLoadBias);
            }
            segments.push(Segment { vaddr, ..*seg });
        }
        let tls = match self.tls {
            Some(t) => {
                let vaddr = delta(t.vaddr)?;
                match vaddr.checked_add(t.memsz) {
                    Some(end) if end <= USER_END => Some(Tls { vaddr, ..t }),
                    _ => return Err(ElfError::BadLoadBias),
                }
            }
            None => None,
        };
        Ok(LoadPlan {
            segments,
            entry: delta(self.entry)?,
            phdr_vaddr: self.phdr_vaddr.map(delta).transpose()?,
            tls,
            load_bias: bias,
            brk_start: delta(self.brk_start)?,
            ..self.clone()
        })
    }

    /// The ELF-specific auxiliary vector entries, `(type, value)` pairs:
    /// `AT_PHDR` (0 if unknown, as in Linux), `AT_PHENT`, `AT_PHNUM`,
    /// `AT_ENTRY` and `AT_BASE` (0: there is no interpreter).
    pub fn aux_entries(&self) -> [(u64, u64); 5] {
        use crate::stack::{AT_BASE, AT_ENTRY, AT_PHDR, AT_PHENT, AT_PHNUM};
        [
            (AT_PHDR, self.phdr_vaddr.unwrap_or(0)),
            (AT_PHENT, u64::from(self.phent)),
            (AT_PHNUM, u64::from(self.phnum)),
            (AT_ENTRY, self.entry),
            (AT_BASE, 0),
        ]
    }
}

/// Round down to a page boundary.
pub(crate) fn align_down(addr: u64) -> u64 {
    addr & !(PAGE_SIZE - 1)
}

/// Round up to a page boundary. Callers only pass values `<= USER_END`,
/// which is page-aligned, so this cannot overflow.
pub(crate) fn align_up(addr: u64) -> u64 {
    addr.saturating_add(PAGE_SIZE - 1) & !(PAGE_SIZE - 1)
}
