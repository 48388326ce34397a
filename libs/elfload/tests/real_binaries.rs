//! `plan` on real programs: Debian's static busybox, static musl C programs
//! (ET_EXEC and static-PIE) and a static glibc Rust program compiled at test
//! time, and dynamically linked system binaries. Each plan is compared with
//! what `readelf -hlW` prints. Tests skip (with a message) when a file or
//! tool is missing.

mod common;

use std::path::Path;
use std::process::Command;

use common::{check_invariants, compare_with_readelf, read_if_exists, run, scratch_dir};
use elfload::{plan, ElfError, Tls, DEFAULT_PIE_BASE};

const BUSYBOX: &str = "/bin/busybox";

/// Entry point of the Debian bookworm busybox-static 1.35 build these
/// numbers were taken from (`readelf -hlW /bin/busybox`); another build
/// only gets the readelf comparison.
const BUSYBOX_ENTRY: u64 = 0x40_ebf0;

#[test]
fn busybox_plan_matches_readelf() {
    let Some(image) = read_if_exists(BUSYBOX) else {
        return;
    };
    let p = plan(&image).expect("busybox is a valid static executable");
    check_invariants(&p, image.len());
    compare_with_readelf(Path::new(BUSYBOX), &p);
    assert!(!p.is_pie);
    if p.entry != BUSYBOX_ENTRY {
        eprintln!("different busybox build: skipping the hardcoded numbers");
        return;
    }
    let spans: Vec<_> = p
        .segments
        .iter()
        .map(|s| (s.vaddr, s.file_offset, s.filesz, s.memsz))
        .collect();
    assert_eq!(
        spans,
        [
            (0x40_0000, 0, 0x6e0, 0x6e0),
            (0x40_1000, 0x1000, 0x18_3989, 0x18_3989),
            (0x58_5000, 0x18_5000, 0x5_5017, 0x5_5017),
            (0x5d_b708, 0x1d_a708, 0x9008, 0x1_0450),
        ]
    );
    let perms: Vec<_> = p
        .segments
        .iter()
        .map(|s| (s.readable, s.writable, s.executable))
        .collect();
    assert_eq!(
        perms,
        [
            (true, false, false),
            (true, false, true),
            (true, false, false),
            (true, true, false)
        ]
    );
    assert_eq!(
        p.tls,
        Some(Tls {
            vaddr: 0x5d_b708,
            filesz: 0x28,
            memsz: 0x8a,
            align: 8
        })
    );
    assert!(!p.stack_executable, "GNU_STACK is RW");
    // No PT_PHDR: computed from the first PT_LOAD (offset 0 at 0x400000).
    assert_eq!(p.phdr_vaddr, Some(0x40_0040));
    assert_eq!((p.phent, p.phnum), (56, 10));
    assert_eq!(p.brk_start, 0x5e_c000);
    assert_eq!(p.max_align, 0x1000);

    let data = p.segments[3];
    assert_eq!(data.map_start(), 0x5d_b000);
    assert_eq!(data.file_page_offset(), 0x1d_a000);
    assert_eq!(data.file_pages(), 0x5d_b000..0x5e_5000);
    assert_eq!(data.zero_tail(), 0x5e_4710..0x5e_5000);
    assert_eq!(data.anon_pages(), 0x5e_5000..0x5e_c000);
    assert_eq!(data.bss_len(), 0x7448);
    let text = p.segments[1];
    assert_eq!(
        text.zero_tail(),
        text.vaddr + text.filesz..text.vaddr + text.filesz
    );
    assert!(text.anon_pages().is_empty());
    assert_eq!(p.with_bias(0).as_ref(), Ok(&p));
    assert_eq!(p.with_bias(0x1000), Err(ElfError::BadLoadBias));
}

#[test]
fn busybox_plan_ignores_buffer_alignment() {
    let Some(image) = read_if_exists(BUSYBOX) else {
        return;
    };
    let expected = plan(&image);
    for shift in 1..8 {
        let mut shifted = vec![0u8; shift];
        shifted.extend_from_slice(&image);
        assert_eq!(plan(&shifted[shift..]), expected, "shift {shift}");
    }
}

#[test]
fn dynamic_ls_needs_interpreter() {
    let Some(image) = read_if_exists("/bin/ls") else {
        return;
    };
    assert_eq!(plan(&image), Err(ElfError::NeedsInterpreter));
}

/// Writes a small C program to `dir` and returns its path.
fn c_source(dir: &Path) -> std::path::PathBuf {
    let src = dir.join("hello.c");
    std::fs::write(
        &src,
        "#include <stdio.h>\n__thread int counter = 7;\n\
         int main(int argc, char **argv) { printf(\"%d %s\\n\", counter + argc, argv[0]); return 0; }\n",
    )
    .expect("write source");
    src
}

#[test]
fn musl_static_exec() {
    let dir = scratch_dir("musl-static");
    let out = dir.join("hello-static");
    let src = c_source(&dir);
    if run(Command::new("musl-gcc")
        .arg("-static")
        .arg("-o")
        .arg(&out)
        .arg(&src))
    .is_none()
    {
        return;
    }
    let image = std::fs::read(&out).expect("read output");
    let p = plan(&image).expect("musl static program");
    check_invariants(&p, image.len());
    compare_with_readelf(&out, &p);
    assert!(!p.is_pie);
    assert!(p.tls.is_some(), "the program has a __thread variable");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn musl_static_pie() {
    // Debian's musl-gcc specs know nothing of -static-pie: plain
    // `musl-gcc -static-pie` links libc.so with an interpreter. A real
    // static-PIE needs rcrt1.o and a static PIE link, spelled out here.
    let dir = scratch_dir("musl-static-pie");
    let src = c_source(&dir);
    let naive = dir.join("hello-naive");
    if run(Command::new("musl-gcc")
        .arg("-static-pie")
        .arg("-o")
        .arg(&naive)
        .arg(&src))
    .is_some()
    {
        let image = std::fs::read(&naive).expect("read output");
        assert_eq!(
            plan(&image),
            Err(ElfError::NeedsInterpreter),
            "musl-gcc -static-pie is dynamic"
        );
    }
    let lib = "/usr/lib/x86_64-linux-musl";
    let out = dir.join("hello-static-pie");
    let linked = run(Command::new("musl-gcc")
        .args([
            "-fPIE",
            "-nostartfiles",
            "-Wl,-static,-pie,--no-dynamic-linker,-z,text",
        ])
        .arg(format!("{lib}/rcrt1.o"))
        .arg(format!("{lib}/crti.o"))
        .arg(&src)
        .arg(format!("{lib}/crtn.o"))
        .arg("-o")
        .arg(&out));
    if linked.is_none() {
        return;
    }
    let image = std::fs::read(&out).expect("read output");
    let p = plan(&image).expect("musl static-PIE program");
    check_invariants(&p, image.len());
    compare_with_readelf(&out, &p);
    assert!(p.is_pie);
    check_bias(&p);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A PIE moved to `DEFAULT_PIE_BASE` has every address shifted.
fn check_bias(p: &elfload::LoadPlan) {
    let moved = p
        .with_bias(DEFAULT_PIE_BASE)
        .expect("default base is valid");
    assert_eq!(moved.load_bias, DEFAULT_PIE_BASE);
    assert_eq!(moved.entry, p.entry + DEFAULT_PIE_BASE);
    assert_eq!(moved.brk_start, p.brk_start + DEFAULT_PIE_BASE);
    assert_eq!(moved.phdr_vaddr, p.phdr_vaddr.map(|a| a + DEFAULT_PIE_BASE));
    for (a, b) in p.segments.iter().zip(&moved.segments) {
        assert_eq!(b.vaddr, a.vaddr + DEFAULT_PIE_BASE);
        assert_eq!(
            (a.filesz, a.memsz, a.file_offset),
            (b.filesz, b.memsz, b.file_offset)
        );
    }
    check_invariants(&moved, usize::MAX);
    // Rebiasing starts from file addresses again.
    assert_eq!(moved.with_bias(0x1000_0000), p.with_bias(0x1000_0000));
    // Bias 0 would map page 0.
    assert_eq!(p.with_bias(0), Err(ElfError::BadLoadBias));
    assert_eq!(
        p.with_bias(DEFAULT_PIE_BASE + 8),
        Err(ElfError::BadLoadBias)
    );
    assert_eq!(p.with_bias(elfload::USER_END), Err(ElfError::BadLoadBias));
}

#[test]
fn rust_static_glibc() {
    let dir = scratch_dir("rust-static");
    let src = dir.join("hello.rs");
    std::fs::write(
        &src,
        "fn main() { let v: Vec<u32> = (0..3).collect(); println!(\"{v:?}\"); }\n",
    )
    .expect("write source");
    let out = dir.join("hello");
    let compiled = run(Command::new("/usr/bin/rustc")
        .args([
            "-C",
            "target-feature=+crt-static",
            "-C",
            "opt-level=1",
            "-o",
        ])
        .arg(&out)
        .arg(&src));
    if compiled.is_none() {
        return;
    }
    let image = std::fs::read(&out).expect("read output");
    let p = plan(&image).expect("static glibc Rust program");
    check_invariants(&p, image.len());
    compare_with_readelf(&out, &p);
    if p.is_pie {
        check_bias(&p);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every ELF file in /usr/bin: `plan` returns without panicking, and a file
/// readelf shows with an interpreter is refused with `NeedsInterpreter`.
#[test]
fn system_binaries_never_panic() {
    let Ok(entries) = std::fs::read_dir("/usr/bin") else {
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten().take(2000) {
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() || meta.len() > 8 << 20 {
            continue;
        }
        let Ok(image) = std::fs::read(entry.path()) else {
            continue;
        };
        if !image.starts_with(b"\x7fELF") {
            continue;
        }
        match plan(&image) {
            Ok(p) => check_invariants(&p, image.len()),
            Err(e) => {
                let dynamic = image.windows(14).any(|w| w == b"ld-linux-x86-6");
                if dynamic {
                    assert_eq!(e, ElfError::NeedsInterpreter, "{:?}", entry.path());
                }
            }
        }
        checked += 1;
    }
    eprintln!("planned {checked} files from /usr/bin");
}
