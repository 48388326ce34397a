//! Property tests: random entry lists written with the small writers in
//! `common` (cpio newc/crc, several archives back to back with zero padding
//! and trailing garbage; tar with every way of storing a name), parsed back
//! and compared field by field.

mod common;

use common::{tar_end, tar_member, write_newc, NewcEntry, Rng, TarHeader};
use initramfs::{Entry, Kind};

/// What the parser should yield for one written entry.
#[derive(Debug, PartialEq)]
struct Expected {
    path: String,
    kind: Kind,
    mode: u32,
    uid: u32,
    gid: u32,
    mtime: u64,
    data: Vec<u8>,
    nlink: u32,
    ino: u64,
    link_target: Option<String>,
    rdev: (u32, u32),
    archive_index: u32,
}

impl Expected {
    fn of(e: &Entry, archive_index: u32) -> Expected {
        Expected {
            path: e.path.to_string(),
            kind: e.kind,
            mode: e.mode,
            uid: e.uid,
            gid: e.gid,
            mtime: e.mtime,
            data: e.data.to_vec(),
            nlink: e.nlink,
            ino: e.ino,
            link_target: e.link_target.map(str::to_string),
            rdev: e.rdev,
            archive_index,
        }
    }
}

/// A random relative path of 1 to `max_depth` components (never `.` or `..`).
fn random_path(rng: &mut Rng, max_depth: u64, max_len: u64) -> String {
    const CHARS: [&str; 16] = [
        "a", "b", "z", "X", "0", "9", ".", "_", "-", " ", "é", "日", "~", "@", "+", "=",
    ];
    let depth = 1 + rng.below(max_depth);
    let components: Vec<String> = (0..depth)
        .map(|_| loop {
            let c: String = (0..1 + rng.below(max_len))
                .map(|_| CHARS[rng.below(16) as usize])
                .collect();
            if c != "." && c != ".." {
                break c;
            }
        })
        .collect();
    components.join("/")
}

/// A random cpio entry and what parsing it should give (`None` for the root).
fn random_cpio_entry(rng: &mut Rng, archive_index: u32) -> (NewcEntry, Option<Expected>) {
    const TYPES: [(u32, Kind); 8] = [
        (0o100_000, Kind::File),
        (0o100_000, Kind::File),
        (0o040_000, Kind::Directory),
        (0o120_000, Kind::Symlink),
        (0o020_000, Kind::CharDevice),
        (0o060_000, Kind::BlockDevice),
        (0o010_000, Kind::Fifo),
        (0o140_000, Kind::Socket),
    ];
    let (type_bits, kind) = TYPES[rng.below(8) as usize];
    let path = random_path(rng, 4, 10);
    let lead = ["", "", "./", "/", ".//", "/./"][rng.below(6) as usize];
    let trail = if kind == Kind::Directory && rng.below(3) == 0 {
        "/"
    } else {
        ""
    };
    let is_root = rng.below(20) == 0;
    let name = if is_root {
        [".", "./", "/"][rng.below(3) as usize].to_string()
    } else {
        format!("{lead}{path}{trail}")
    };
    let data_len = match kind {
        Kind::File => rng.below(700) as usize,
        Kind::Symlink => 1 + rng.below(100) as usize,
        // Linux skips data of other kinds; so must we.
        _ if rng.below(4) == 0 => rng.below(10) as usize,
        _ => 0,
    };
    let e = NewcEntry {
        name,
        mode: type_bits | rng.below(0o10000) as u32,
        uid: rng.next() as u32,
        gid: rng.next() as u32,
        nlink: 1 + rng.below(3) as u32,
        mtime: rng.next() as u32,
        ino: rng.next() as u32,
        rdev: (rng.next() as u32, rng.next() as u32),
        data: rng.bytes(data_len),
    };
    let is_device = matches!(kind, Kind::CharDevice | Kind::BlockDevice);
    let expected = Expected {
        path,
        kind,
        mode: e.mode & 0o7777,
        uid: e.uid,
        gid: e.gid,
        mtime: e.mtime.into(),
        data: if matches!(kind, Kind::File | Kind::Symlink) {
            e.data.clone()
        } else {
            Vec::new()
        },
        nlink: e.nlink,
        ino: e.ino.into(),
        link_target: None,
        rdev: if is_device { e.rdev } else { (0, 0) },
        archive_index,
    };
    (e, (!is_root).then_some(expected))
}

#[test]
fn random_cpio_archives_round_trip() {
    let mut rng = Rng(0x5eed_0001);
    for case in 0..2000 {
        let mut input = vec![0; 4 * rng.below(3) as usize];
        let mut expected = Vec::new();
        let archives = 1 + rng.below(3) as u32;
        for index in 0..archives {
            let entries: Vec<NewcEntry> = (0..rng.below(12))
                .map(|_| {
                    let (e, x) = random_cpio_entry(&mut rng, index);
                    expected.extend(x);
                    e
                })
                .collect();
            input.extend(write_newc(
                &entries,
                ["070701", "070702"][rng.below(2) as usize],
            ));
            // Zero padding after each archive, in multiples of 4 as Linux requires.
            input.extend(vec![0; 4 * rng.below(200) as usize]);
        }
        if rng.below(2) == 0 {
            // Garbage after the end (not starting with a cpio magic) is ignored.
            input.push(b'G');
            input.extend(rng.bytes_below(300));
        }
        let mut it = initramfs::entries(&input).unwrap();
        let mut got = Vec::new();
        while let Some(item) = it.next() {
            let e =
                item.unwrap_or_else(|err| panic!("case {case}: {err} at offset {}", it.offset()));
            assert_eq!(e.path.as_str(), Some(&e.path.to_string()[..]));
            got.push(Expected::of(&e, it.archive_index()));
        }
        assert_eq!(got, expected, "case {case}");
        assert_eq!(common::checked_walk(&input).1, None);
    }
}

/// One PAX record, `"<len> <key>=<value>\n"`, `len` counting itself.
fn pax_record(key: &str, value: &str) -> String {
    let body = format!(" {key}={value}\n");
    let mut len = body.len() + 1;
    while len != body.len() + len.to_string().len() {
        len = body.len() + len.to_string().len();
    }
    format!("{len}{body}")
}

/// A random tar entry (with extension headers before it) and its expected
/// parse. `earlier` holds the paths written so far, for hard links.
fn random_tar_entry(rng: &mut Rng, earlier: &[String]) -> (Vec<u8>, Expected) {
    let kind = [
        Kind::File,
        Kind::File,
        Kind::Directory,
        Kind::Symlink,
        Kind::HardLink,
        Kind::CharDevice,
        Kind::BlockDevice,
        Kind::Fifo,
    ][rng.below(8) as usize];
    let kind = if kind == Kind::HardLink && earlier.is_empty() {
        Kind::File
    } else {
        kind
    };
    let type_flag = match kind {
        Kind::File => b'0',
        Kind::HardLink => b'1',
        Kind::Symlink => b'2',
        Kind::CharDevice => b'3',
        Kind::BlockDevice => b'4',
        Kind::Directory => b'5',
        _ => b'6',
    };
    let path = random_path(rng, 6, 40);
    let data = if kind == Kind::File {
        rng.bytes_below(1500)
    } else {
        Vec::new()
    };
    let link = match kind {
        Kind::Symlink => random_path(rng, 5, 40),
        Kind::HardLink => earlier[rng.below(earlier.len() as u64) as usize].clone(),
        _ => String::new(),
    };
    let mut header = TarHeader {
        type_flag,
        mode: rng.below(0o10000) as u32,
        uid: rng.below(0o7777777) as u32,
        gid: rng.below(0o7777777) as u32,
        mtime: rng.below(1 << 33),
        rdev: (rng.below(0o7777777) as u32, rng.below(0o7777777) as u32),
        gnu: rng.below(2) == 0,
        ..Default::default()
    };
    let mut out = Vec::new();
    // The name: in the header (maybe split over prefix), a GNU long name, or
    // a PAX record, each where it fits.
    let split = path
        .char_indices()
        .rev()
        .find(|&(i, c)| c == '/' && i <= 155 && path.len() - i - 1 <= 100)
        .map(|(i, _)| i);
    let how = rng.below(4);
    if path.len() <= 100 && how == 0 {
        header.name = path.as_bytes();
    } else if let (Some(i), false, 1) = (split, header.gnu, how) {
        header.prefix = &path.as_bytes()[..i];
        header.name = &path.as_bytes()[i + 1..];
    } else if header.gnu && how >= 2 {
        let long = TarHeader {
            name: b"././@LongLink",
            type_flag: b'L',
            gnu: true,
            ..Default::default()
        };
        out.extend(tar_member(&long, format!("{path}\0").as_bytes()));
        header.name = b"truncated";
    } else {
        let x = TarHeader {
            name: b"PaxHeaders/x",
            type_flag: b'x',
            ..Default::default()
        };
        out.extend(tar_member(&x, pax_record("path", &path).as_bytes()));
        header.name = b"truncated";
    }
    if link.len() <= 100 {
        header.link = link.as_bytes();
    } else {
        let long = TarHeader {
            name: b"././@LongLink",
            type_flag: b'K',
            gnu: true,
            ..Default::default()
        };
        out.extend(tar_member(&long, format!("{link}\0").as_bytes()));
    }
    let is_device = matches!(kind, Kind::CharDevice | Kind::BlockDevice);
    let expected = Expected {
        path: path.clone(),
        kind,
        mode: header.mode,
        uid: header.uid,
        gid: header.gid,
        mtime: header.mtime,
        data: if kind == Kind::Symlink {
            link.clone().into_bytes()
        } else {
            data.clone()
        },
        nlink: 1,
        ino: 0,
        link_target: (kind == Kind::HardLink).then(|| link.clone()),
        rdev: if is_device { header.rdev } else { (0, 0) },
        archive_index: 0,
    };
    out.extend(tar_member(&header, &data));
    (out, expected)
}

#[test]
fn random_tar_archives_round_trip() {
    let mut rng = Rng(0x5eed_0002);
    for case in 0..1000 {
        let mut input = Vec::new();
        let mut expected: Vec<Expected> = Vec::new();
        for _ in 0..rng.below(10) {
            let earlier: Vec<String> = expected.iter().map(|e| e.path.clone()).collect();
            let (bytes, x) = random_tar_entry(&mut rng, &earlier);
            input.extend(bytes);
            expected.push(x);
        }
        input.extend(tar_end());
        // Garbage after the end is ignored.
        input.extend(rng.bytes_below(700));
        let got: Vec<Expected> = match initramfs::entries(&input) {
            Ok(it) => it
                .map(|e| Expected::of(&e.unwrap_or_else(|err| panic!("case {case}: {err}")), 0))
                .collect(),
            Err(e) => {
                assert!(expected.is_empty(), "case {case}: {e}");
                continue;
            }
        };
        assert_eq!(got, expected, "case {case}");
    }
}

#[test]
fn pax_record_lengths() {
    assert_eq!(pax_record("path", "abc"), "12 path=abc\n");
    let r = pax_record("path", &"x".repeat(90));
    assert_eq!((r.len(), &r[..3]), (99, "99 "));
    let r = pax_record("path", &"x".repeat(91));
    assert_eq!((r.len(), &r[..4]), (101, "101 "));
}
