//! `plan` on hand-made images: the valid base images, then one test per
//! [`ElfError`] variant, each changing exactly one thing.

mod common;

use common::{check_invariants, ElfBuilder, Ph, PF_R, PF_W, PF_X, PT_INTERP, PT_PHDR, PT_TLS};
use elfload::{plan, ElfError, Tls, DEFAULT_PIE_BASE, USER_END};

fn err(b: &ElfBuilder) -> ElfError {
    plan(&b.build()).expect_err("image should be rejected")
}

#[test]
fn valid_exec_image() {
    let b = ElfBuilder::exec();
    let image = b.build();
    let p = plan(&image).expect("valid");
    check_invariants(&p, image.len());
    assert!(!p.is_pie);
    assert_eq!(p.entry, 0x400100);
    assert_eq!(p.segments.len(), 2);
    assert_eq!(p.phdr_vaddr, Some(0x400040));
    assert_eq!(p.phnum, 3);
    assert_eq!(p.brk_start, 0x404000);
    assert!(!p.stack_executable);
    assert_eq!(p.tls, None);
    let data = p.segments[1];
    assert_eq!(data.file_pages(), 0x401000..0x402000);
    assert_eq!(data.zero_tail(), 0x401080..0x402000);
    assert_eq!(data.anon_pages(), 0x402000..0x404000);
    assert_eq!(
        p.aux_entries(),
        [
            (elfload::AT_PHDR, 0x400040),
            (elfload::AT_PHENT, 56),
            (elfload::AT_PHNUM, 3),
            (elfload::AT_ENTRY, 0x400100),
            (elfload::AT_BASE, 0)
        ]
    );
}

#[test]
fn valid_pie_image_and_bias() {
    let image = ElfBuilder::pie().build();
    let p = plan(&image).expect("valid");
    check_invariants(&p, image.len());
    assert!(p.is_pie);
    assert_eq!(p.phdr_vaddr, Some(0x40));
    let m = p.with_bias(DEFAULT_PIE_BASE).expect("bias");
    assert_eq!(m.entry, DEFAULT_PIE_BASE + 0x100);
    assert_eq!(m.segments[1].vaddr, DEFAULT_PIE_BASE + 0x1000);
    assert_eq!(m.brk_start, DEFAULT_PIE_BASE + 0x4000);
    // Bias 0 would map page 0; a bias pushing past USER_END fails.
    assert_eq!(p.with_bias(0), Err(ElfError::BadLoadBias));
    assert_eq!(p.with_bias(USER_END - 0x1000), Err(ElfError::BadLoadBias));
    assert_eq!(p.with_bias(!0xfff), Err(ElfError::BadLoadBias));
    assert_eq!(p.with_bias(0x1234), Err(ElfError::BadLoadBias));
}

#[test]
fn pie_bias_must_respect_largest_alignment() {
    let mut b = ElfBuilder::pie();
    b.phdrs[0].align = 0x20_0000;
    b.phdrs[1].align = 0x20_0000;
    b.phdrs[1].vaddr = 0x20_0000 + 0x1000;
    let p = plan(&b.build()).expect("valid");
    assert_eq!(p.max_align, 0x20_0000);
    assert_eq!(p.with_bias(0x1000_1000), Err(ElfError::BadLoadBias));
    assert!(p.with_bias(0x1000_0000).is_ok());
}

#[test]
fn phdr_from_pt_phdr_when_no_segment_holds_the_table() {
    let mut b = ElfBuilder::exec();
    // The table at file offset 0x300 lies outside both segments' file
    // ranges (0..0x200 and 0x1000..0x1080); PT_PHDR says 0x400150.
    b.phoff = 0x300;
    let mut ph = Ph::other(PT_PHDR, PF_R);
    ph.vaddr = 0x400150;
    b.phdrs.insert(0, ph);
    assert_eq!(plan(&b.build()).expect("valid").phdr_vaddr, Some(0x400150));
    // A PT_PHDR pointing at unmapped memory is not trusted.
    b.phdrs[0].vaddr = 0x90_0000;
    assert_eq!(plan(&b.build()).expect("valid").phdr_vaddr, None);
}

#[test]
fn gnu_stack_flags() {
    let mut b = ElfBuilder::exec();
    b.phdrs[2].flags = PF_R | PF_W | PF_X;
    assert!(plan(&b.build()).expect("valid").stack_executable);
    b.phdrs.pop();
    assert!(
        !plan(&b.build()).expect("valid").stack_executable,
        "absent => not executable"
    );
}

#[test]
fn tls_template() {
    let mut b = ElfBuilder::exec();
    let mut tls = Ph::other(PT_TLS, PF_R);
    (tls.offset, tls.vaddr, tls.filesz, tls.memsz, tls.align) = (0x1000, 0x401000, 0x10, 0x40, 0);
    b.phdrs.push(tls);
    let p = plan(&b.build()).expect("valid");
    assert_eq!(
        p.tls,
        Some(Tls {
            vaddr: 0x401000,
            filesz: 0x10,
            memsz: 0x40,
            align: 1
        })
    );
}

#[test]
fn empty_and_unknown_headers_are_ignored() {
    let mut b = ElfBuilder::exec();
    b.phdrs.push(Ph::load(PF_R, 0, 0x500000, 0, 0)); // empty PT_LOAD
    b.phdrs.push(Ph::other(0x0abc_0000, 0)); // unknown type
    b.phdrs.push(Ph::other(0, 0)); // PT_NULL
    assert_eq!(plan(&b.build()).expect("valid").segments.len(), 2);
}

#[test]
fn adjacent_segments_sharing_a_page_are_accepted() {
    let mut b = ElfBuilder::exec();
    // Data starts right after the text, in the same page (0x400200 ≡
    // offset 0x200 mod 4096), as with `ld -z noseparate-code`.
    b.phdrs[1].vaddr = 0x400200;
    b.phdrs[1].offset = 0x200;
    let p = plan(&b.build()).expect("valid");
    assert_eq!(p.segments[0].map_end(), 0x401000);
    assert_eq!(p.segments[1].map_start(), 0x400000);
}

#[test]
fn bad_magic() {
    assert_eq!(plan(b""), Err(ElfError::BadMagic));
    assert_eq!(plan(b"\x7fEL"), Err(ElfError::BadMagic));
    let mut image = ElfBuilder::exec().build();
    image[1] = b'e';
    assert_eq!(plan(&image), Err(ElfError::BadMagic));
}

#[test]
fn truncated_header() {
    let image = ElfBuilder::exec().build();
    assert_eq!(plan(&image[..4]), Err(ElfError::Truncated));
    assert_eq!(plan(&image[..63]), Err(ElfError::Truncated));
}

#[test]
fn wrong_class() {
    let mut b = ElfBuilder::exec();
    b.ident_class = 1;
    assert_eq!(err(&b), ElfError::WrongClass);
    b.ident_class = 9;
    assert_eq!(err(&b), ElfError::WrongClass);
    b.ident_class = 0;
    assert_eq!(err(&b), ElfError::WrongClass);
}

#[test]
fn wrong_endianness() {
    let mut b = ElfBuilder::exec();
    b.ident_data = 2;
    assert_eq!(err(&b), ElfError::WrongEndianness);
}

#[test]
fn wrong_machine() {
    let mut b = ElfBuilder::exec();
    b.machine = 3; // EM_386
    assert_eq!(err(&b), ElfError::WrongMachine);
    b.machine = 183; // EM_AARCH64
    assert_eq!(err(&b), ElfError::WrongMachine);
}

#[test]
fn not_executable() {
    let mut b = ElfBuilder::exec();
    for e_type in [0, 1, 4, 0xfe00] {
        b.e_type = e_type;
        assert_eq!(err(&b), ElfError::NotExecutable, "e_type {e_type}");
    }
}

#[test]
fn bad_phentsize() {
    let mut b = ElfBuilder::exec();
    b.phentsize = 32;
    assert_eq!(err(&b), ElfError::BadPhentsize);
}

#[test]
fn bad_phnum() {
    let mut b = ElfBuilder::exec();
    b.phnum = Some(0);
    assert_eq!(err(&b), ElfError::BadPhnum);
    b.phnum = Some(0xffff); // PN_XNUM: extended numbering is not supported
    assert_eq!(err(&b), ElfError::BadPhnum);
}

#[test]
fn program_headers_out_of_file() {
    let mut b = ElfBuilder::exec();
    b.phnum = Some(100);
    assert_eq!(err(&b), ElfError::ProgramHeadersOutOfFile);
    let mut image = ElfBuilder::exec().build();
    common::put64(&mut image, 32, u64::MAX - 10); // e_phoff
    assert_eq!(plan(&image), Err(ElfError::ProgramHeadersOutOfFile));
    let near_end = image.len() as u64 - 100;
    common::put64(&mut image, 32, near_end);
    assert_eq!(plan(&image), Err(ElfError::ProgramHeadersOutOfFile));
}

#[test]
fn needs_interpreter() {
    let mut b = ElfBuilder::exec();
    b.phdrs.insert(0, Ph::other(PT_INTERP, PF_R));
    assert_eq!(err(&b), ElfError::NeedsInterpreter);
}

#[test]
fn segment_out_of_file() {
    let mut b = ElfBuilder::exec();
    b.phdrs[1].filesz = 0x81;
    assert_eq!(err(&b), ElfError::SegmentOutOfFile { index: 1 });
    b.phdrs[1].offset = !0xfff; // far past the end
    b.phdrs[1].filesz = 0x80;
    assert_eq!(err(&b), ElfError::SegmentOutOfFile { index: 1 });
    b.phdrs[1].filesz = 0x2000; // offset + filesz overflows
    assert_eq!(err(&b), ElfError::SegmentOutOfFile { index: 1 });
}

#[test]
fn file_size_exceeds_mem_size() {
    let mut b = ElfBuilder::exec();
    b.phdrs[0].memsz = 0x100;
    assert_eq!(err(&b), ElfError::FileSizeExceedsMemSize { index: 0 });
}

#[test]
fn segment_outside_user_space() {
    let mut b = ElfBuilder::exec();
    b.phdrs[1].vaddr = USER_END - 0x1000;
    assert_eq!(err(&b), ElfError::SegmentOutsideUserSpace { index: 1 });
    b.phdrs[1].vaddr = !0xfff;
    assert_eq!(err(&b), ElfError::SegmentOutsideUserSpace { index: 1 });
    b.phdrs[1].vaddr = 0xffff_8000_0000_1000; // kernel half, no overflow
    assert_eq!(err(&b), ElfError::SegmentOutsideUserSpace { index: 1 });
    // Page 0 for a non-PIE executable.
    let mut b = ElfBuilder::exec();
    b.phdrs[0].vaddr = 0;
    assert_eq!(err(&b), ElfError::SegmentOutsideUserSpace { index: 0 });
}

#[test]
fn misaligned_segment() {
    let mut b = ElfBuilder::exec();
    b.phdrs[1].vaddr = 0x401800; // offset 0x1000: not congruent mod 4096
    assert_eq!(err(&b), ElfError::MisalignedSegment { index: 1 });
    let mut b = ElfBuilder::exec();
    b.phdrs[1].vaddr = 0x402000; // congruent mod 4 KiB, not mod 2 MiB
    b.phdrs[1].align = 0x20_0000;
    assert_eq!(err(&b), ElfError::MisalignedSegment { index: 1 });
}

#[test]
fn segments_overlap_or_out_of_order() {
    let mut b = ElfBuilder::exec();
    b.phdrs[0].memsz = 0x1001; // reaches into the second segment
    assert_eq!(err(&b), ElfError::SegmentsOverlap { index: 1 });
    let mut b = ElfBuilder::exec();
    b.phdrs.swap(0, 1); // decreasing addresses
    assert_eq!(err(&b), ElfError::SegmentsOverlap { index: 1 });
    let mut b = ElfBuilder::exec();
    b.phdrs[1] = b.phdrs[0]; // same segment twice
    assert_eq!(err(&b), ElfError::SegmentsOverlap { index: 1 });
}

#[test]
fn no_load_segment() {
    let mut b = ElfBuilder::exec();
    b.phdrs.drain(..2);
    assert_eq!(err(&b), ElfError::NoLoadSegment);
    let mut b = ElfBuilder::exec();
    for ph in &mut b.phdrs[..2] {
        (ph.filesz, ph.memsz) = (0, 0);
    }
    assert_eq!(err(&b), ElfError::NoLoadSegment);
}

#[test]
fn entry_not_executable() {
    let mut b = ElfBuilder::exec();
    b.entry = 0x401000; // in the RW data segment
    assert_eq!(err(&b), ElfError::EntryNotExecutable);
    b.entry = 0x400200; // just past the end of the text segment
    assert_eq!(err(&b), ElfError::EntryNotExecutable);
    b.entry = 0;
    assert_eq!(err(&b), ElfError::EntryNotExecutable);
}

#[test]
fn bad_tls() {
    let good = {
        let mut tls = Ph::other(PT_TLS, PF_R);
        (tls.offset, tls.vaddr, tls.filesz, tls.memsz, tls.align) =
            (0x1000, 0x401000, 0x10, 0x40, 8);
        tls
    };
    let with = |tls: Ph| {
        let mut b = ElfBuilder::exec();
        b.phdrs.push(tls);
        b
    };
    assert!(plan(&with(good).build()).is_ok());
    assert_eq!(
        err(&with(Ph {
            filesz: 0x50,
            ..good
        })),
        ElfError::BadTls
    );
    assert_eq!(err(&with(Ph { align: 24, ..good })), ElfError::BadTls);
    assert_eq!(
        err(&with(Ph {
            vaddr: 0x401078,
            ..good
        })),
        ElfError::BadTls,
        "image past filesz"
    );
    assert_eq!(
        err(&with(Ph {
            vaddr: u64::MAX - 8,
            ..good
        })),
        ElfError::BadTls
    );
    let mut twice = with(good);
    twice.phdrs.push(good);
    assert_eq!(err(&twice), ElfError::BadTls);
}

#[test]
fn errors_display_something() {
    let all = [
        ElfError::BadMagic,
        ElfError::Truncated,
        ElfError::WrongClass,
        ElfError::WrongEndianness,
        ElfError::WrongMachine,
        ElfError::NotExecutable,
        ElfError::BadPhentsize,
        ElfError::BadPhnum,
        ElfError::ProgramHeadersOutOfFile,
        ElfError::NeedsInterpreter,
        ElfError::SegmentOutOfFile { index: 3 },
        ElfError::FileSizeExceedsMemSize { index: 3 },
        ElfError::SegmentOutsideUserSpace { index: 3 },
        ElfError::MisalignedSegment { index: 3 },
        ElfError::SegmentsOverlap { index: 3 },
        ElfError::NoLoadSegment,
        ElfError::EntryNotExecutable,
        ElfError::BadTls,
        ElfError::BadLoadBias,
    ];
    for e in all {
        assert!(!e.to_string().is_empty());
    }
}
