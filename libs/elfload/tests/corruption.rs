//! `plan` on damaged files never panics: truncated real binaries, random
//! byte flips in the headers, and program header fields set to boundary
//! values. Every `Ok` must satisfy the plan invariants.

mod common;

use common::{check_invariants, read_if_exists, ElfBuilder, XorShift};
use elfload::plan;

const BUSYBOX: &str = "/bin/busybox";

/// Plans `image` and checks the invariants of an accepted plan.
fn plan_checked(image: &[u8]) -> bool {
    match plan(image) {
        Ok(p) => {
            check_invariants(&p, image.len());
            true
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            false
        }
    }
}

/// Test images: busybox if present, and the hand-made ones.
fn images() -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        ("exec".to_string(), ElfBuilder::exec().build()),
        ("pie".to_string(), ElfBuilder::pie().build()),
    ];
    if let Some(bb) = read_if_exists(BUSYBOX) {
        out.push((BUSYBOX.to_string(), bb));
    }
    out
}

/// `(e_phoff, e_phnum)` of an intact image.
fn phdr_table(image: &[u8]) -> (usize, usize) {
    let phoff = u64::from_le_bytes(image[32..40].try_into().expect("8 bytes")) as usize;
    let phnum = u16::from_le_bytes([image[56], image[57]]) as usize;
    (phoff, phnum)
}

/// Length of the ELF header plus the program header table (what the
/// mutation tests damage); the table follows the header in these images.
fn header_len(image: &[u8]) -> usize {
    let (phoff, phnum) = phdr_table(image);
    phoff + phnum * 56
}

#[test]
fn truncation_at_every_length_up_to_4096() {
    for (name, image) in images() {
        let full_ok = plan_checked(&image);
        assert!(full_ok, "{name} itself must be accepted");
        for len in 0..=image.len().min(4096) {
            plan_checked(&image[..len]);
        }
    }
}

#[test]
fn truncation_at_larger_lengths() {
    let Some(image) = read_if_exists(BUSYBOX) else {
        return;
    };
    let full = plan(&image).expect("busybox accepted");
    let file_end = full
        .segments
        .iter()
        .map(|s| s.file_offset + s.filesz)
        .max()
        .expect("segments");
    let mut lengths: Vec<usize> = (4096..image.len()).step_by(4093).collect(); // prime step
    lengths.extend([file_end as usize - 1, file_end as usize, image.len() - 1]);
    for len in lengths {
        // Accepted exactly when no PT_LOAD is cut short.
        assert_eq!(
            plan_checked(&image[..len]),
            len as u64 >= file_end,
            "prefix of {len} bytes"
        );
    }
}

#[test]
fn random_byte_flips_in_headers() {
    for (name, mut image) in images() {
        let span = header_len(&image) as u64;
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        let mut accepted = 0;
        for _ in 0..20_000 {
            let flips = 1 + rng.below(4);
            let mut saved = Vec::new();
            for _ in 0..flips {
                let at = rng.below(span) as usize;
                saved.push((at, image[at]));
                image[at] ^= 1 << rng.below(8);
            }
            if plan_checked(&image) {
                accepted += 1;
            }
            for &(at, byte) in saved.iter().rev() {
                image[at] = byte;
            }
        }
        eprintln!("{name}: {accepted} of 20000 mutated images accepted");
        assert!(plan_checked(&image), "{name} restored");
    }
}

#[test]
fn random_bytes_in_headers() {
    for (_, mut image) in images() {
        let span = header_len(&image) as u64;
        let mut rng = XorShift(0x1234_5678_9abc_def1);
        for _ in 0..20_000 {
            let at = rng.below(span) as usize;
            let old = image[at];
            image[at] = rng.next() as u8;
            plan_checked(&image);
            image[at] = old;
        }
    }
}

#[test]
fn boundary_values_in_program_header_fields() {
    const VALUES: [u64; 12] = [
        0,
        1,
        0xfff,
        0x1000,
        0x1001,
        0x20_0000,
        0x7fff_ffff_f000,
        0x7fff_ffff_efff,
        0x8000_0000_0000,
        0xffff_8000_0000_0000,
        u64::MAX - 0xfff,
        u64::MAX,
    ];
    for (_, mut image) in images() {
        let (phoff, phnum) = phdr_table(&image);
        let mut rng = XorShift(42);
        for _ in 0..20_000 {
            // One or two 8-byte fields (offset..align) of random headers,
            // or the 4-byte type/flags words.
            let mut saved = Vec::new();
            for _ in 0..1 + rng.below(2) {
                let ph = phoff + rng.below(phnum as u64) as usize * 56;
                let field = rng.below(7) as usize;
                let value = VALUES[rng.below(VALUES.len() as u64) as usize]
                    .wrapping_add(rng.below(3))
                    .wrapping_sub(1);
                let (at, bytes) = if field == 0 {
                    (
                        ph + 4 * rng.below(2) as usize,
                        (value as u32).to_le_bytes().to_vec(),
                    )
                } else {
                    (ph + 8 * field, value.to_le_bytes().to_vec())
                };
                saved.push((at, image[at..at + bytes.len()].to_vec()));
                image[at..at + bytes.len()].copy_from_slice(&bytes);
            }
            plan_checked(&image);
            for (at, old) in saved.into_iter().rev() {
                image[at..at + old.len()].copy_from_slice(&old);
            }
        }
    }
}

#[test]
fn boundary_values_in_file_header_fields() {
    for (_, mut image) in images() {
        let mut rng = XorShift(7);
        // e_entry, e_phoff (8 bytes); e_phentsize, e_phnum (2 bytes).
        let fields: [(usize, usize); 4] = [(24, 8), (32, 8), (54, 2), (56, 2)];
        for _ in 0..5_000 {
            let (at, len) = fields[rng.below(4) as usize];
            let old = image[at..at + len].to_vec();
            let value = match rng.below(4) {
                0 => 0,
                1 => u64::MAX,
                2 => rng.below(0x1_0000),
                _ => rng.next(),
            };
            image[at..at + len].copy_from_slice(&value.to_le_bytes()[..len]);
            plan_checked(&image);
            image[at..at + len].copy_from_slice(&old);
        }
    }
}
