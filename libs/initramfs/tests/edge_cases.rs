//! Hand-made archives for each rule: path normalisation and `..`
//! rejection, cpio concatenation and padding, format detection, and every
//! error variant, with where it is reported.

mod common;

use common::{tar_end, tar_member, write_newc, NewcEntry, TarHeader};
use initramfs::{Error, Format, Kind};

fn file(name: &str, data: &[u8]) -> NewcEntry {
    NewcEntry {
        name: name.into(),
        mode: 0o100_644,
        nlink: 1,
        data: data.to_vec(),
        ..Default::default()
    }
}

fn cpio(names: &[&str]) -> Vec<u8> {
    write_newc(
        &names.iter().map(|n| file(n, b"x")).collect::<Vec<_>>(),
        "070701",
    )
}

/// Paths of the entries, then the error that ended the walk (if any).
fn walk(archive: &[u8]) -> (Vec<String>, Option<Error>) {
    let (entries, err) = common::checked_walk(archive);
    (entries.iter().map(|e| e.path.to_string()).collect(), err)
}

#[test]
fn dotdot_paths_are_rejected() {
    for bad in [
        "..",
        "../x",
        "a/../../etc/passwd",
        "/..",
        "./../x",
        "a/..",
        "a/b/../c/",
    ] {
        assert_eq!(
            walk(&cpio(&["ok", bad, "after"])),
            (vec!["ok".into()], Some(Error::UnsafePath)),
            "{bad}"
        );
    }
    // Dots that are not a `..` component are ordinary names.
    let (paths, err) = walk(&cpio(&["..a", "a..", "...", "a/.../b", ".hidden"]));
    assert_eq!(
        (paths, err),
        (
            vec![
                "..a".into(),
                "a..".into(),
                "...".into(),
                "a/.../b".into(),
                ".hidden".into()
            ],
            None
        )
    );
}

#[test]
fn leading_dot_slash_and_slash_are_stripped() {
    let (paths, err) = walk(&cpio(&[
        ".", "./", "/", "./a", "/b", ".//c/", "/./d", "././e/f",
    ]));
    assert_eq!(err, None);
    assert_eq!(paths, ["a", "b", "c", "d", "e/f"]);
    // Inner "." and empty components stay in the text; components() skips them.
    let archive = cpio(&["x/./y//z"]);
    let e = initramfs::entries(&archive)
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(e.path, "x/./y//z");
    assert!(e.path.components().eq(["x", "y", "z"]));
    assert_eq!(e.path.file_name(), "z");
}

#[test]
fn tar_paths_are_checked_everywhere() {
    let member = |h: TarHeader, data: &[u8]| {
        let mut a = tar_member(&h, data);
        a.extend(tar_end());
        a
    };
    let unsafe_archives = [
        member(
            TarHeader {
                name: b"../x",
                ..Default::default()
            },
            b"",
        ),
        member(
            TarHeader {
                name: b"x",
                prefix: b"a/..",
                ..Default::default()
            },
            b"",
        ),
        member(
            TarHeader {
                name: b"h",
                type_flag: b'1',
                link: b"../../etc/shadow",
                ..Default::default()
            },
            b"",
        ),
        member(
            TarHeader {
                name: b"h",
                type_flag: b'1',
                link: b"./",
                ..Default::default()
            },
            b"",
        ),
        {
            let mut a = tar_member(
                &TarHeader {
                    name: b"././@LongLink",
                    type_flag: b'L',
                    gnu: true,
                    ..Default::default()
                },
                b"../x\0",
            );
            a.extend(member(
                TarHeader {
                    name: b"x",
                    gnu: true,
                    ..Default::default()
                },
                b"",
            ));
            a
        },
        {
            let mut a = tar_member(
                &TarHeader {
                    name: b"p",
                    type_flag: b'x',
                    ..Default::default()
                },
                b"13 path=../x\n",
            );
            a.extend(member(
                TarHeader {
                    name: b"x",
                    ..Default::default()
                },
                b"",
            ));
            a
        },
    ];
    for (i, archive) in unsafe_archives.iter().enumerate() {
        assert_eq!(
            walk(archive),
            (vec![], Some(Error::UnsafePath)),
            "archive {i}"
        );
    }
    // Symlink targets are data: absolute and `..` targets are fine.
    for target in [&b"/etc/passwd"[..], b"../../x"] {
        let archive = member(
            TarHeader {
                name: b"./l",
                type_flag: b'2',
                link: target,
                ..Default::default()
            },
            b"",
        );
        let e = initramfs::entries(&archive)
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(
            (e.path.as_str(), e.kind, e.data),
            (Some("l"), Kind::Symlink, target)
        );
    }
    // The root ("./") is skipped; hard-link targets are normalised.
    let mut a = tar_member(
        &TarHeader {
            name: b"./",
            type_flag: b'5',
            ..Default::default()
        },
        b"",
    );
    a.extend(tar_member(
        &TarHeader {
            name: b"./f",
            ..Default::default()
        },
        b"data",
    ));
    a.extend(tar_member(
        &TarHeader {
            name: b"/g",
            type_flag: b'1',
            link: b"./f",
            ..Default::default()
        },
        b"",
    ));
    // Pre-POSIX directories: a regular-file type with a trailing slash.
    a.extend(tar_member(
        &TarHeader {
            name: b"old_dir/",
            type_flag: 0,
            ..Default::default()
        },
        b"",
    ));
    a.extend(tar_end());
    let entries: Vec<_> = initramfs::entries(&a)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].path, "f");
    assert_eq!(entries[0].data, b"data");
    assert_eq!(
        (entries[1].kind, entries[1].link_target),
        (Kind::HardLink, Some("f"))
    );
    assert_eq!(
        (entries[2].path.as_str(), entries[2].kind),
        (Some("old_dir"), Kind::Directory)
    );
}

#[test]
fn concatenated_cpio_archives_with_zero_padding() {
    let mut input = vec![0; 8]; // zeros before the first archive, as Linux allows
    input.extend(cpio(&["a", "b"]));
    input.extend(write_newc(&[file("c", b"crc")], "070702"));
    input.extend([0; 4]);
    input.extend(cpio(&["d"]));
    input.extend([0; 512]);
    input.extend(cpio(&["e"]));
    input.extend(b"\0\0\0\0trailing garbage, ignored");
    let mut it = initramfs::entries(&input).unwrap();
    let mut got = Vec::new();
    while let Some(e) = it.next() {
        got.push((e.unwrap().path.to_string(), it.archive_index()));
    }
    let expected =
        [("a", 0), ("b", 0), ("c", 1), ("d", 2), ("e", 3)].map(|(p, i)| (p.to_string(), i));
    assert_eq!(got, expected);

    // Zero padding that leaves the next header off a 4-byte boundary.
    let mut input = cpio(&["a"]);
    input.extend([0; 2]);
    input.extend(cpio(&["b"]));
    assert_eq!(walk(&input), (vec!["a".into()], Some(Error::BadPadding)));

    // Padding between entries of one archive is accepted as Linux does.
    let mut input = write_newc(&[file("a", b"")], "070701");
    input.truncate(input.len() - 124); // drop the trailer
    input.extend([0; 16]);
    input.extend(cpio(&["b"]));
    assert_eq!(walk(&input), (vec!["a".into(), "b".into()], None));
}

/// A one-entry newc archive with `edit` applied to its bytes.
fn edited(edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut a = write_newc(&[file("name", b"data")], "070701");
    edit(&mut a);
    a
}

#[test]
fn cpio_errors() {
    let hex_field = |i: usize| 6 + 8 * i..14 + 8 * i;
    let cases: Vec<(&str, Vec<u8>, Error)> = vec![
        (
            "truncated header",
            edited(|a| a.truncate(60)),
            Error::Truncated,
        ),
        (
            "truncated name",
            edited(|a| a.truncate(112)),
            Error::Truncated,
        ),
        ("no trailer", edited(|a| a.truncate(124)), Error::Truncated),
        (
            "cut inside the trailer",
            edited(|a| a.truncate(a.len() - 5)),
            Error::Truncated,
        ),
        (
            "bad magic in 2nd header",
            edited(|a| a[124..130].copy_from_slice(b"070707")),
            Error::BadMagic,
        ),
        (
            "garbage in 2nd header",
            edited(|a| a[124] = b'x'),
            Error::BadMagic,
        ),
        (
            "bad hex digit",
            edited(|a| a[hex_field(1)].copy_from_slice(b"000081g4")),
            Error::BadNumber,
        ),
        (
            "sign in hex field",
            edited(|a| a[hex_field(6)].copy_from_slice(b"+0000004")),
            Error::BadNumber,
        ),
        (
            "size past end",
            edited(|a| a[hex_field(6)].copy_from_slice(b"00001000")),
            Error::SizePastEnd,
        ),
        (
            "huge size",
            edited(|a| a[hex_field(6)].copy_from_slice(b"FFFFFFFF")),
            Error::SizePastEnd,
        ),
        (
            "huge name size",
            edited(|a| a[hex_field(11)].copy_from_slice(b"FFFFFFFF")),
            Error::Truncated,
        ),
        (
            "name not UTF-8",
            edited(|a| a[110] = 0xff),
            Error::NameNotUtf8,
        ),
        (
            "no NUL",
            edited(|a| a[114] = b'x'),
            Error::NameNotTerminated,
        ),
        (
            "name size 0",
            edited(|a| a[hex_field(11)].copy_from_slice(b"00000000")),
            Error::NameNotTerminated,
        ),
        (
            "unknown file type",
            edited(|a| a[hex_field(1)].copy_from_slice(b"000001A4")),
            Error::Unsupported,
        ),
    ];
    for (what, archive, error) in cases {
        let mut it = initramfs::entries(&archive).unwrap();
        let item = it.by_ref().find_map(Result::err);
        assert_eq!(item, Some(error), "{what}");
        assert!(it.next().is_none(), "{what}: not fused");
    }
    // The "crc" checksum is not checked; the name ends at its first NUL.
    let mut crc = write_newc(&[file("name", b"data")], "070702");
    crc[hex_field(12)].copy_from_slice(b"DEADBEEF");
    crc[112] = 0;
    let e = initramfs::entries(&crc).unwrap().next().unwrap().unwrap();
    assert_eq!((e.path.as_str(), e.data), (Some("na"), &b"data"[..]));
}

#[test]
fn errors_say_where() {
    let mut a = cpio(&["a", "bb"]);
    let second = 112 + 4; // header and "a\0", then the data "x" padded
    a[second + 6] = b'z';
    let mut it = initramfs::entries(&a).unwrap();
    assert_eq!(it.offset(), 0);
    assert!(it.next().unwrap().is_ok());
    assert_eq!(it.next(), Some(Err(Error::BadNumber)));
    assert_eq!(it.offset(), second);
}

#[test]
fn tar_errors() {
    let ok = |name: &[u8]| {
        tar_member(
            &TarHeader {
                name,
                ..Default::default()
            },
            b"hello",
        )
    };
    let with_end = |mut a: Vec<u8>| {
        a.extend(tar_end());
        a
    };
    let cases: Vec<(&str, Vec<u8>, Error)> = vec![
        ("no end block", ok(b"a"), Error::Truncated),
        (
            "cut in the data",
            ok(b"a")[..514].to_vec(),
            Error::SizePastEnd,
        ),
        (
            "cut after the data",
            ok(b"a")[..600].to_vec(),
            Error::Truncated,
        ),
        (
            "cut in a header",
            with_end(ok(b"a"))[..300].to_vec(),
            Error::Truncated,
        ),
        (
            "bad checksum",
            with_end(ok(b"a"))
                .into_iter()
                .enumerate()
                .map(|(i, b)| if i == 0 { b'b' } else { b })
                .collect(),
            Error::BadChecksum,
        ),
        (
            "header without magic",
            {
                let mut a = ok(b"a");
                let mut b = ok(b"b");
                b[257] = b'X';
                common::fix_checksum(&mut b);
                a.extend(b);
                with_end(a)
            },
            Error::BadMagic,
        ),
        (
            "bad octal digit",
            {
                let mut a = ok(b"a");
                a[100] = b'9';
                common::fix_checksum(&mut a);
                with_end(a)
            },
            Error::BadNumber,
        ),
        (
            "size past end",
            {
                let mut a = ok(b"a");
                a[124..136].copy_from_slice(b"77777777777\0");
                common::fix_checksum(&mut a);
                with_end(a)
            },
            Error::SizePastEnd,
        ),
        ("name not UTF-8", with_end(ok(b"\xff")), Error::NameNotUtf8),
        (
            "sparse file",
            with_end(tar_member(
                &TarHeader {
                    name: b"s",
                    type_flag: b'S',
                    gnu: true,
                    ..Default::default()
                },
                b"",
            )),
            Error::Unsupported,
        ),
        (
            "long name, then the end",
            with_end(tar_member(
                &TarHeader {
                    name: b"L",
                    type_flag: b'L',
                    gnu: true,
                    ..Default::default()
                },
                b"n\0",
            )),
            Error::Truncated,
        ),
        (
            "bad PAX record",
            with_end(tar_member(
                &TarHeader {
                    name: b"x",
                    type_flag: b'x',
                    ..Default::default()
                },
                b"5 a=b\n",
            )),
            Error::BadExtendedHeader,
        ),
    ];
    for (what, archive, error) in cases {
        assert_eq!(walk(&archive).1, Some(error), "{what}");
    }
}

#[test]
fn format_detection() {
    assert_eq!(initramfs::entries(b"").err(), Some(Error::BadMagic));
    assert_eq!(initramfs::entries(&[0; 4096]).err(), Some(Error::BadMagic));
    assert_eq!(
        initramfs::entries(b"070707 old portable cpio").err(),
        Some(Error::BadMagic)
    );
    assert_eq!(
        initramfs::entries(b"\x1f\x8b gzip").err(),
        Some(Error::BadMagic)
    );
    assert_eq!(
        initramfs::entries(&cpio(&["a"])).unwrap().format(),
        Format::Cpio
    );
    for gnu in [false, true] {
        let mut a = tar_member(
            &TarHeader {
                name: b"a",
                gnu,
                ..Default::default()
            },
            b"1",
        );
        a.extend(tar_end());
        let mut it = initramfs::entries(&a).unwrap();
        assert_eq!(it.format(), Format::Tar);
        assert_eq!(it.next().unwrap().unwrap().data, b"1");
    }
}

#[test]
fn tar_metadata_and_pax_overrides() {
    let mut a = tar_member(
        &TarHeader { name: b"x", type_flag: b'x', ..Default::default() },
        b"18 uid=4000000000\n11 gid=777\n15 mtime=-12.5\n13 path=long\n30 atime=1700000000.123456789\n",
    );
    a.extend(tar_member(
        &TarHeader {
            name: b"short",
            mode: 0o4755,
            uid: 5,
            gid: 6,
            mtime: 99,
            ..Default::default()
        },
        b"hi",
    ));
    a.extend(tar_member(
        &TarHeader {
            name: b"dev",
            type_flag: b'4',
            rdev: (8, 1),
            ..Default::default()
        },
        b"",
    ));
    a.extend(tar_member(
        &TarHeader {
            name: b"p",
            type_flag: b'6',
            ..Default::default()
        },
        b"",
    ));
    // Base-256 numbers (GNU, for values too large for octal).
    let mut big = tar_header_with_base256_uid();
    a.append(&mut big);
    a.extend(tar_end());
    let e: Vec<_> = initramfs::entries(&a)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(e[0].path, "long");
    assert_eq!(
        (e[0].mode, e[0].uid, e[0].gid, e[0].mtime),
        (0o4755, 4_000_000_000, 777, 99)
    );
    assert_eq!((e[1].kind, e[1].rdev), (Kind::BlockDevice, (8, 1)));
    assert_eq!((e[2].kind, e[2].rdev), (Kind::Fifo, (0, 0)));
    assert_eq!((e[3].path.as_str(), e[3].uid), (Some("big"), 0x1_0000));
}

/// A GNU header whose uid is stored in base-256.
fn tar_header_with_base256_uid() -> Vec<u8> {
    let mut h = common::tar_header(&TarHeader {
        name: b"big",
        gnu: true,
        ..Default::default()
    });
    h[108..116].copy_from_slice(&[0x80, 0, 0, 0, 0, 1, 0, 0]);
    common::fix_checksum(&mut h);
    h
}

#[test]
fn tar_signed_checksums_are_accepted() {
    // "é" has bytes >= 128, so its signed and unsigned sums differ.
    let mut h = common::tar_header(&TarHeader {
        name: "é".as_bytes(),
        ..Default::default()
    });
    h[148..156].copy_from_slice(b"        ");
    let signed: i64 = h.iter().map(|&b| i64::from(b as i8)).sum();
    h[148..156].copy_from_slice(format!("{signed:06o}\0 ").as_bytes());
    h.extend(tar_end());
    let e = initramfs::entries(&h).unwrap().next().unwrap().unwrap();
    assert_eq!(e.path, "é");
    h[148] = b'7';
    assert_eq!(walk(&h).1, Some(Error::BadChecksum));
}
