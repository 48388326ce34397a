//! Damaged archives: every truncation and 20,000 random byte changes of each
//! real archive, and random inputs. The reader must never panic, its
//! iterator must end, and what it yields must keep the crate's invariants
//! (checked by `common::checked_walk`). Truncation must also be *noticed*:
//! cutting an archive before its end marker always gives an error.

mod common;

use common::{checked_walk, fix_checksum, Rng};
use initramfs::Format;
use std::ops::Range;

/// Real archives from the installed tools, plus small hand-made ones with
/// the features the tools do not produce (concatenation, crc, GNU long
/// names, PAX records, hard-link chains).
/// Each archive comes with the cuts before its end that are valid archives
/// too (between the parts of a concatenation).
fn corpus() -> Vec<(String, Vec<u8>, Vec<Range<usize>>)> {
    let (tree, _) = common::build_tree();
    let mut out: Vec<_> = common::real_archives(&tree)
        .into_iter()
        .map(|(n, a)| (n.to_string(), a, Vec::new()))
        .collect();
    out.extend(small_archives());
    out
}

fn small_archives() -> Vec<(String, Vec<u8>, Vec<Range<usize>>)> {
    use common::{tar_end, tar_member, write_newc, NewcEntry, TarHeader};
    let file = |name: &str, data: &[u8]| NewcEntry {
        name: name.into(),
        mode: 0o100_644,
        nlink: 1,
        data: data.to_vec(),
        ..Default::default()
    };
    let mut concat = write_newc(&[file("a", b"one"), file("./b/c", b"two")], "070701");
    // A cut inside the second magic leaves a few bytes that are not one:
    // garbage after the first archive, which is ignored.
    let between = end_of_archive(&concat)..concat.len() + 512 + 6;
    concat.extend([0; 512]);
    concat.extend(write_newc(
        &[file("/d", b"three"), file("e", b"")],
        "070702",
    ));
    concat.extend([0; 16]);

    let mut tar = Vec::new();
    let long = "x".repeat(300);
    tar.extend(tar_member(
        &TarHeader {
            name: b"././@LongLink",
            type_flag: b'L',
            gnu: true,
            ..Default::default()
        },
        format!("{long}\0").as_bytes(),
    ));
    tar.extend(tar_member(
        &TarHeader {
            name: b"trunc",
            gnu: true,
            ..Default::default()
        },
        b"long",
    ));
    let pax = b"16 path=p/q/r/s\n15 linkpath=zz\n";
    tar.extend(tar_member(
        &TarHeader {
            name: b"PaxHeaders/s",
            type_flag: b'x',
            ..Default::default()
        },
        pax,
    ));
    tar.extend(tar_member(
        &TarHeader {
            name: b"s",
            type_flag: b'2',
            ..Default::default()
        },
        b"",
    ));
    tar.extend(tar_member(
        &TarHeader {
            name: b"n",
            prefix: b"pre/fix",
            ..Default::default()
        },
        b"data",
    ));
    tar.extend(tar_member(
        &TarHeader {
            name: b"h",
            type_flag: b'1',
            link: b"pre/fix/n",
            ..Default::default()
        },
        b"",
    ));
    tar.extend(tar_end());
    vec![
        ("concatenated cpio".into(), concat, vec![between]),
        ("hand-made tar".into(), tar, Vec::new()),
    ]
}

/// Offset just past the end marker (cpio: the last `TRAILER!!!` name; tar:
/// the zero block), from a full, error-free parse.
fn end_of_archive(archive: &[u8]) -> usize {
    let mut entries = initramfs::entries(archive).unwrap();
    for e in entries.by_ref() {
        e.unwrap();
    }
    match entries.format() {
        Format::Cpio => entries.offset() + 110 + b"TRAILER!!!\0".len(),
        Format::Tar => entries.offset() + 512,
    }
}

#[test]
fn every_truncation_fails_cleanly() {
    for (name, archive, valid_cuts) in corpus() {
        let end = end_of_archive(&archive);
        let full = checked_walk(&archive).0.len();
        let mut rng = Rng(0xdead_beef);
        let mut lengths: Vec<usize> = (0..=archive.len().min(8192)).collect();
        lengths.extend((0..300).map(|_| rng.below(archive.len() as u64 + 1) as usize));
        lengths.extend([end - 1, end, archive.len() - 1]);
        for len in lengths {
            let (entries, err) = checked_walk(&archive[..len]);
            if len < end && !valid_cuts.iter().any(|r| r.contains(&len)) {
                assert!(
                    err.is_some(),
                    "{name}: cut at {len} (end {end}) parsed without error"
                );
            } else {
                assert_eq!(err, None, "{name}: cut at {len} (end {end})");
                assert!(
                    entries.len() == full || len < end,
                    "{name}: cut at {len} lost entries"
                );
            }
        }
    }
}

#[test]
fn random_byte_changes_never_panic() {
    // One thread per archive: the parser is slow in debug builds.
    std::thread::scope(|scope| {
        for (i, (name, archive, _)) in corpus().into_iter().enumerate() {
            scope
                .spawn(move || damage(&name, archive, Rng(0x0123_4567_89ab_cdef ^ (i as u64 + 1))));
        }
    });
}

/// Parses 20,000 copies of `archive`, each with 1 to 3 bytes changed, and
/// restores it after each.
fn damage(name: &str, mut archive: Vec<u8>, mut rng: Rng) {
    // Offsets outside file contents (headers, names, padding): changes
    // there reach the parser's logic rather than only the data it returns.
    let base = archive.as_ptr() as usize;
    let mut is_data = vec![false; archive.len()];
    for e in checked_walk(&archive).0 {
        let at = (e.data.as_ptr() as usize).wrapping_sub(base);
        if let Some(range) = is_data.get_mut(at..at.saturating_add(e.data.len())) {
            range.fill(true);
        }
    }
    let meta: Vec<usize> = (0..archive.len()).filter(|&i| !is_data[i]).collect();
    let is_tar = name.contains("tar");
    let mut errors = 0;
    for _ in 0..20_000 {
        let mut saved = Vec::new();
        for _ in 0..=rng.below(3) {
            let at = if rng.below(4) == 0 {
                rng.below(archive.len() as u64) as usize
            } else {
                meta[rng.below(meta.len() as u64) as usize]
            };
            saved.push((at, archive[at]));
            archive[at] = match rng.below(3) {
                0 => archive[at] ^ (1 + rng.below(255) as u8),
                // A digit keeps numeric fields parseable, so sizes and
                // name lengths change instead of being rejected.
                1 if is_tar => b'0' + rng.below(8) as u8,
                1 => b"0123456789abcdef"[rng.below(16) as usize],
                _ => [0, b'/', b'.', b'5', b'x', b'L', 0xff][rng.below(7) as usize],
            };
            // Usually re-sign a changed tar header, or every change in one
            // is just a checksum error.
            let block = at / 512 * 512;
            if is_tar
                && rng.below(4) != 0
                && archive.get(block + 257..block + 262) == Some(b"ustar")
            {
                saved.extend((block + 148..block + 156).map(|i| (i, archive[i])));
                fix_checksum(&mut archive[block..block + 512]);
            }
        }
        errors += usize::from(checked_walk(&archive).1.is_some());
        for &(at, byte) in saved.iter().rev() {
            archive[at] = byte;
        }
    }
    eprintln!("{name}: 20000 damaged copies, {errors} reported an error");
}

#[test]
fn random_inputs_with_a_magic_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let len = rng.below(2048) as usize;
        let mut input = rng.bytes(len);
        match rng.below(3) {
            0 if len >= 6 => input[..6].copy_from_slice(b"070701"),
            1 if len >= 265 => input[257..265].copy_from_slice(b"ustar  \0"),
            _ => {}
        }
        if rng.below(2) == 0 {
            // Mostly-hex headers reach further into the cpio parser.
            for b in input.iter_mut().skip(6).take(104) {
                *b = b"0000000000000123456789abcdef"[usize::from(*b) % 28];
            }
        }
        if len >= 512 && rng.below(2) == 0 {
            fix_checksum(&mut input[..512]);
        }
        checked_walk(&input);
    }
}
