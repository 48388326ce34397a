//! Validating an ELF64 x86-64 executable and describing how to map it.
//!
//! [`plan`] reads the ELF header and the program header table and returns a
//! [`LoadPlan`]. Only program headers matter for loading (gABI ch. 5); section
//! headers are ignored, as Linux ignores them.
//!
//! # Design
//!
//! The checks are those Linux's `load_elf_binary()` makes, plus the ones
//! Linux leaves to `mmap` failing half-way through `execve` (segment outside
//! user space, file range past the end of the file) and a few that catch
//! corrupt files early (overlapping segments, entry point outside executable
//! code). Each check has its own [`ElfError`] variant so tests and logs can
//! say what was wrong; the kernel maps all of them to `ENOEXEC`.
//!
//! `xmas-elf` decodes the structures; this file owns the bounds checks that
//! must come first (see the crate documentation on alignment).

use alloc::vec::Vec;
use core::fmt;

use xmas_elf::header::{self, Class, Data, Machine, Type as FileType};
use xmas_elf::program::{ProgramHeader64, Type as PhType};

use crate::layout::{align_down, LoadPlan, Segment, Tls, PAGE_SIZE, USER_END, USER_START};

/// Size of an ELF64 file header (`Elf64_Ehdr`), in bytes.
const EHDR_SIZE: usize = 64;
/// Size of an ELF64 program header (`Elf64_Phdr`), in bytes.
const PHDR_SIZE: usize = 56;
/// Largest program header table Linux reads (`load_elf_phdrs()`: 64 KiB).
const MAX_PHDR_TABLE_BYTES: u64 = 65536;
/// `PT_GNU_STACK`: its flags say whether the stack is executable.
const PT_GNU_STACK: u32 = 0x6474_e551;

/// Why [`plan`] or [`LoadPlan::with_bias`] rejected a file.
///
/// The kernel turns every variant into `ENOEXEC` ("Exec format error"), as
/// Linux does for a file its ELF loader cannot use. `index` fields are
/// positions in the program header table (0-based, as `readelf -l` counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElfError {
    /// The file does not start with `\x7fELF` (or is shorter than 4 bytes).
    BadMagic,
    /// The file is shorter than the 64-byte ELF64 header.
    Truncated,
    /// `EI_CLASS` is not `ELFCLASS64`.
    WrongClass,
    /// `EI_DATA` is not `ELFDATA2LSB` (little-endian).
    WrongEndianness,
    /// `e_machine` is not `EM_X86_64`.
    WrongMachine,
    /// `e_type` is neither `ET_EXEC` nor `ET_DYN`.
    NotExecutable,
    /// `e_phentsize` is not 56 (`sizeof(Elf64_Phdr)`).
    BadPhentsize,
    /// `e_phnum` is 0, or the table is larger than Linux's 64 KiB limit.
    BadPhnum,
    /// `e_phoff + e_phnum * 56` overflows or lies past the end of the file.
    ProgramHeadersOutOfFile,
    /// The program has a `PT_INTERP` (dynamically linked); not supported yet.
    NeedsInterpreter,
    /// A `PT_LOAD` has `p_offset + p_filesz` past the end of the file.
    SegmentOutOfFile {
        /// Program header index.
        index: usize,
    },
    /// A `PT_LOAD` has `p_filesz > p_memsz`.
    FileSizeExceedsMemSize {
        /// Program header index.
        index: usize,
    },
    /// A `PT_LOAD`'s `p_vaddr + p_memsz` overflows, ends above [`USER_END`],
    /// or (non-PIE) starts in page 0 (below [`USER_START`]).
    SegmentOutsideUserSpace {
        /// Program header index.
        index: usize,
    },
    /// A `PT_LOAD` has `p_vaddr % 4096 != p_offset % 4096` (it cannot be
    /// mapped from the file), or `p_vaddr % p_align != p_offset % p_align`
    /// with `p_align` a power of two ≥ 4096.
    MisalignedSegment {
        /// Program header index.
        index: usize,
    },
    /// A `PT_LOAD` starts below the end of the previous one (overlapping or
    /// not sorted by increasing `p_vaddr`, which gABI requires).
    SegmentsOverlap {
        /// Program header index of the later segment.
        index: usize,
    },
    /// No `PT_LOAD` with a non-zero `p_memsz`.
    NoLoadSegment,
    /// `e_entry` is not inside a `PT_LOAD` with `PF_X`.
    EntryNotExecutable,
    /// More than one `PT_TLS`, or one with `p_filesz > p_memsz`, an alignment
    /// that is not a power of two, an end above [`USER_END`], or an
    /// initialisation image not inside the file part of a `PT_LOAD`.
    BadTls,
    /// [`LoadPlan::with_bias`]: the bias is not a multiple of the plan's
    /// [`max_align`](LoadPlan::max_align), is non-zero for an `ET_EXEC` file,
    /// or moves the image outside `USER_START..USER_END`.
    BadLoadBias,
}

impl fmt::Display for ElfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::BadMagic => f.write_str("not an ELF file (bad magic)"),
            Self::Truncated => f.write_str("file shorter than the ELF header"),
            Self::WrongClass => f.write_str("not a 64-bit ELF file"),
            Self::WrongEndianness => f.write_str("not a little-endian ELF file"),
            Self::WrongMachine => f.write_str("not an x86-64 ELF file"),
            Self::NotExecutable => f.write_str("ELF type is neither ET_EXEC nor ET_DYN"),
            Self::BadPhentsize => f.write_str("e_phentsize is not 56"),
            Self::BadPhnum => f.write_str("program header count is 0 or too large"),
            Self::ProgramHeadersOutOfFile => f.write_str("program headers lie outside the file"),
            Self::NeedsInterpreter => {
                f.write_str("dynamically linked (PT_INTERP) programs are not supported")
            }
            Self::SegmentOutOfFile { index } => {
                write!(f, "segment {index}: file range past the end of the file")
            }
            Self::FileSizeExceedsMemSize { index } => {
                write!(f, "segment {index}: p_filesz larger than p_memsz")
            }
            Self::SegmentOutsideUserSpace { index } => {
                write!(f, "segment {index}: address range outside user space")
            }
            Self::MisalignedSegment { index } => {
                write!(
                    f,
                    "segment {index}: p_vaddr and p_offset not congruent modulo the alignment"
                )
            }
            Self::SegmentsOverlap { index } => {
                write!(
                    f,
                    "segment {index}: overlaps or precedes the previous PT_LOAD"
                )
            }
            Self::NoLoadSegment => f.write_str("no PT_LOAD segment"),
            Self::EntryNotExecutable => f.write_str("entry point not in an executable segment"),
            Self::BadTls => f.write_str("invalid PT_TLS segment"),
            Self::BadLoadBias => f.write_str("load bias misaligned or out of range"),
        }
    }
}

/// Storage with 8-byte alignment, so `xmas-elf`/`zero` can read structures in
/// it without their alignment assertion firing.
#[repr(C, align(8))]
struct Aligned<const N: usize>([u8; N]);

/// The fields of one program header that loading needs.
#[derive(Clone, Copy)]
struct Phdr {
    kind: Kind,
    flags: u32,
    offset: u64,
    vaddr: u64,
    filesz: u64,
    memsz: u64,
    align: u64,
}

/// Program header types that matter here; everything else is ignored.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Load,
    Interp,
    Phdr,
    Tls,
    GnuStack,
    Other,
}

/// Validates an ELF64 x86-64 executable image and describes how to map it.
///
/// `image` is the whole file, any alignment. `ET_EXEC` plans hold final
/// addresses; `ET_DYN` (static-PIE) plans hold file addresses with
/// `is_pie = true`, to be moved with [`LoadPlan::with_bias`].
///
/// # Errors
/// An [`ElfError`] naming the first problem found (the kernel returns
/// `ENOEXEC` for all of them); [`ElfError::NeedsInterpreter`] for
/// dynamically linked programs. Never panics, whatever the bytes.
///
/// Source: Linux `fs/binfmt_elf.c` `load_elf_binary()`; gABI ch. 5.
pub fn plan(image: &[u8]) -> Result<LoadPlan, ElfError> {
    if image.get(..4) != Some(&header::MAGIC[..]) {
        return Err(ElfError::BadMagic);
    }
    let Some(src) = image.get(..EHDR_SIZE) else {
        return Err(ElfError::Truncated);
    };
    let mut ehdr = Aligned([0u8; EHDR_SIZE]);
    ehdr.0.copy_from_slice(src);
    // Fails only for a class other than 32/64: the magic matched and the
    // buffer holds a full 64 bytes.
    let hdr = header::parse_header(&ehdr.0).map_err(|_| ElfError::WrongClass)?;
    if hdr.pt1.class() != Class::SixtyFour {
        return Err(ElfError::WrongClass);
    }
    if hdr.pt1.data() != Data::LittleEndian {
        return Err(ElfError::WrongEndianness);
    }
    let is_pie = match hdr.pt2.type_().as_type() {
        FileType::Executable => false,
        FileType::SharedObject => true,
        _ => return Err(ElfError::NotExecutable),
    };
    if hdr.pt2.machine().as_machine() != Machine::X86_64 {
        return Err(ElfError::WrongMachine);
    }
    if usize::from(hdr.pt2.ph_entry_size()) != PHDR_SIZE {
        return Err(ElfError::BadPhentsize);
    }
    let phnum = hdr.pt2.ph_count();
    let table_len = u64::from(phnum) * PHDR_SIZE as u64;
    if phnum == 0 || table_len > MAX_PHDR_TABLE_BYTES {
        return Err(ElfError::BadPhnum);
    }
    let phoff = hdr.pt2.ph_offset();
    match phoff.checked_add(table_len) {
        Some(end) if end <= image.len() as u64 => {}
        _ => return Err(ElfError::ProgramHeadersOutOfFile),
    }
    let phdrs = read_phdrs(image, phoff, phnum);

    // A dynamically linked program is refused before its segments are
    // judged: Linux finds PT_INTERP in the same early pass.
    if phdrs.iter().any(|p| p.kind == Kind::Interp) {
        return Err(ElfError::NeedsInterpreter);
    }

    let file_len = image.len() as u64;
    let mut segments: Vec<Segment> = Vec::new();
    let mut max_align = PAGE_SIZE;
    let mut phdr_vaddr = None;
    for (index, ph) in phdrs.iter().enumerate() {
        if ph.kind != Kind::Load {
            continue;
        }
        let seg = check_load(ph, index, file_len, is_pie)?;
        if ph.align.is_power_of_two() {
            max_align = max_align.max(ph.align);
        }
        // Linux keeps the last match; file ranges rarely overlap anyway.
        if ph.offset <= phoff && phoff - ph.offset < ph.filesz {
            phdr_vaddr = Some(ph.vaddr + (phoff - ph.offset));
        }
        let Some(seg) = seg else { continue };
        if let Some(prev) = segments.last() {
            if seg.vaddr < prev.end() {
                return Err(ElfError::SegmentsOverlap { index });
            }
        }
        segments.push(seg);
    }
    let Some(last) = segments.last() else {
        return Err(ElfError::NoLoadSegment);
    };
    let brk_start = last.map_end();

    let entry = hdr.pt2.entry_point();
    if !segments.iter().any(|s| s.executable && s.contains(entry)) {
        return Err(ElfError::EntryNotExecutable);
    }
    if phdr_vaddr.is_none() {
        // PT_PHDR is trusted only if it points into mapped memory.
        phdr_vaddr = phdrs
            .iter()
            .find(|p| p.kind == Kind::Phdr)
            .map(|p| p.vaddr)
            .filter(|&v| segments.iter().any(|s| s.contains(v)));
    }
    let tls = check_tls(&phdrs, &segments)?;
    let stack_executable = phdrs
        .iter()
        .find(|p| p.kind == Kind::GnuStack)
        .is_some_and(|p| p.flags & xmas_elf::program::FLAG_X != 0);

    Ok(LoadPlan {
        segments,
        entry,
        phdr_vaddr,
        phent: PHDR_SIZE as u16,
        phnum,
        tls,
        stack_executable,
        is_pie,
        load_bias: 0,
        max_align,
        brk_start,
    })
}

/// Reads the program header table; the caller has checked that
/// `phoff + phnum * 56 <= image.len()`.
fn read_phdrs(image: &[u8], phoff: u64, phnum: u16) -> Vec<Phdr> {
    let mut out = Vec::with_capacity(usize::from(phnum));
    let mut buf = Aligned([0u8; PHDR_SIZE]);
    for i in 0..u64::from(phnum) {
        let start = (phoff + i * PHDR_SIZE as u64) as usize;
        let Some(src) = image.get(start..start + PHDR_SIZE) else {
            break; // unreachable after the caller's bounds check
        };
        buf.0.copy_from_slice(src);
        let ph: &ProgramHeader64 = zero::read(&buf.0);
        let kind = match ph.get_type() {
            Ok(PhType::Load) => Kind::Load,
            Ok(PhType::Interp) => Kind::Interp,
            Ok(PhType::Phdr) => Kind::Phdr,
            Ok(PhType::Tls) => Kind::Tls,
            Ok(PhType::OsSpecific(PT_GNU_STACK)) => Kind::GnuStack,
            // Unknown types are ignored, as Linux ignores them.
            _ => Kind::Other,
        };
        out.push(Phdr {
            kind,
            flags: ph.flags.0,
            offset: ph.offset,
            vaddr: ph.virtual_addr,
            filesz: ph.file_size,
            memsz: ph.mem_size,
            align: ph.align,
        });
    }
    out
}

/// Checks one `PT_LOAD`; `Ok(None)` for an empty one (`p_memsz == 0`), which
/// maps nothing, as in Linux.
fn check_load(
    ph: &Phdr,
    index: usize,
    file_len: u64,
    is_pie: bool,
) -> Result<Option<Segment>, ElfError> {
    if ph.filesz > ph.memsz {
        return Err(ElfError::FileSizeExceedsMemSize { index });
    }
    if ph.filesz > 0 {
        match ph.offset.checked_add(ph.filesz) {
            Some(end) if end <= file_len => {}
            _ => return Err(ElfError::SegmentOutOfFile { index }),
        }
    }
    match ph.vaddr.checked_add(ph.memsz) {
        Some(end) if end <= USER_END => {}
        _ => return Err(ElfError::SegmentOutsideUserSpace { index }),
    }
    // A PIE is checked against USER_START once its bias is known.
    if !is_pie && ph.memsz > 0 && align_down(ph.vaddr) < USER_START {
        return Err(ElfError::SegmentOutsideUserSpace { index });
    }
    if ph.filesz > 0 && ph.vaddr % PAGE_SIZE != ph.offset % PAGE_SIZE {
        return Err(ElfError::MisalignedSegment { index });
    }
    if ph.align.is_power_of_two()
        && ph.align >= PAGE_SIZE
        && ph.vaddr % ph.align != ph.offset % ph.align
    {
        return Err(ElfError::MisalignedSegment { index });
    }
    if ph.memsz == 0 {
        return Ok(None);
    }
    Ok(Some(Segment {
        vaddr: ph.vaddr,
        memsz: ph.memsz,
        file_offset: ph.offset,
        filesz: ph.filesz,
        readable: ph.flags & xmas_elf::program::FLAG_R != 0,
        writable: ph.flags & xmas_elf::program::FLAG_W != 0,
        executable: ph.flags & xmas_elf::program::FLAG_X != 0,
    }))
}

/// Checks the (at most one) `PT_TLS`: its initialisation image must lie in
/// the file part of a loaded segment, since libc copies it from there.
fn check_tls(phdrs: &[Phdr], segments: &[Segment]) -> Result<Option<Tls>, ElfError> {
    let mut tls_headers = phdrs.iter().filter(|p| p.kind == Kind::Tls);
    let Some(t) = tls_headers.next() else {
        return Ok(None);
    };
    if tls_headers.next().is_some() || t.filesz > t.memsz {
        return Err(ElfError::BadTls);
    }
    let align = t.align.max(1);
    if !align.is_power_of_two() {
        return Err(ElfError::BadTls);
    }
    match t.vaddr.checked_add(t.memsz) {
        Some(end) if end <= USER_END => {}
        _ => return Err(ElfError::BadTls),
    }
    let image_end = t.vaddr + t.filesz;
    let inside = t.filesz == 0
        || segments
            .iter()
            .any(|s| s.vaddr <= t.vaddr && image_end <= s.vaddr + s.filesz);
    if !inside {
        return Err(ElfError::BadTls);
    }
    Ok(Some(Tls {
        vaddr: t.vaddr,
        filesz: t.filesz,
        memsz: t.memsz,
        align,
    }))
}
