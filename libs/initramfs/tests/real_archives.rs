//! Archives made by the installed GNU `cpio` and `tar` from a real directory
//! tree, parsed and compared entry by entry with what is on disk. Each test
//! is skipped, with a note, when its tool is missing.

mod common;

use common::{build_tree, real_archives, LONG_PATH};
use initramfs::{Entry, Format, Kind};
use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

/// What the disk says about one path of the tree.
#[derive(Debug)]
struct Disk {
    kind: Kind,
    mode: u32,
    uid: u32,
    gid: u32,
    mtime: u64,
    ino: u64,
    nlink: u32,
    /// File contents, or symlink target.
    data: Vec<u8>,
    rdev: (u32, u32),
}

/// Every path under `root` (relative, without "./"), with its metadata.
fn disk_model(root: &Path) -> BTreeMap<String, Disk> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for item in std::fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let ft = meta.file_type();
            let (kind, data) = if ft.is_dir() {
                stack.push(path.clone());
                (Kind::Directory, Vec::new())
            } else if ft.is_symlink() {
                (
                    Kind::Symlink,
                    std::fs::read_link(&path)
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes(),
                )
            } else if ft.is_file() {
                (Kind::File, std::fs::read(&path).unwrap())
            } else if ft.is_char_device() {
                (Kind::CharDevice, Vec::new())
            } else if ft.is_block_device() {
                (Kind::BlockDevice, Vec::new())
            } else if ft.is_fifo() {
                (Kind::Fifo, Vec::new())
            } else {
                (Kind::Socket, Vec::new())
            };
            let dev = meta.rdev();
            // glibc's gnu_dev_major / gnu_dev_minor.
            let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
            let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
            let is_dev = matches!(kind, Kind::CharDevice | Kind::BlockDevice);
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            out.insert(
                rel,
                Disk {
                    kind,
                    mode: meta.mode() & 0o7777,
                    uid: meta.uid(),
                    gid: meta.gid(),
                    mtime: meta.mtime() as u64,
                    ino: meta.ino(),
                    nlink: meta.nlink() as u32,
                    data,
                    rdev: if is_dev {
                        (major as u32, minor as u32)
                    } else {
                        (0, 0)
                    },
                },
            );
        }
    }
    out
}

/// The entries of `archive`, asserting it parses without error in `format`.
fn parse<'a>(name: &str, archive: &'a [u8], format: Format) -> Vec<Entry<'a>> {
    assert_eq!(
        initramfs::entries(archive).unwrap().format(),
        format,
        "{name}"
    );
    let (entries, err) = common::checked_walk(archive);
    assert_eq!(err, None, "{name}: error after {} entries", entries.len());
    entries
}

/// Checks the metadata every format keeps.
fn check_common(name: &str, e: &Entry, d: &Disk) {
    let p = e.path.to_string();
    assert_eq!(
        (e.mode, e.uid, e.gid, e.mtime),
        (d.mode, d.uid, d.gid, d.mtime),
        "{name}: {p}"
    );
    assert_eq!(e.rdev, d.rdev, "{name}: {p}");
    match e.kind {
        Kind::File | Kind::HardLink => assert_eq!(d.kind, Kind::File, "{name}: {p}"),
        kind => assert_eq!(kind, d.kind, "{name}: {p}"),
    }
    if e.kind == Kind::Symlink {
        assert_eq!(e.data, &d.data[..], "{name}: {p}");
    }
    if !matches!(e.kind, Kind::File | Kind::Symlink) {
        assert!(e.data.is_empty(), "{name}: {p}");
    }
}

/// Compares a cpio archive with the disk: every path once, same metadata,
/// and newc's hard-link rule (only the last of a group carries the data).
fn check_cpio(name: &str, archive: &[u8], disk: &BTreeMap<String, Disk>) {
    let entries = parse(name, archive, Format::Cpio);
    let paths: BTreeSet<String> = entries.iter().map(|e| e.path.to_string()).collect();
    assert_eq!(paths.len(), entries.len(), "{name}: duplicate paths");
    assert_eq!(paths, disk.keys().cloned().collect(), "{name}");
    let mut groups: BTreeMap<u64, Vec<&Entry>> = BTreeMap::new();
    for e in &entries {
        let path = e.path.as_str().expect("cpio paths are one piece");
        let d = &disk[path];
        check_common(name, e, d);
        assert_eq!(
            (e.nlink, e.ino),
            (d.nlink, d.ino & 0xffff_ffff),
            "{name}: {path}"
        );
        assert_eq!(e.link_target, None);
        if e.kind == Kind::File && e.nlink > 1 {
            groups.entry(e.ino).or_default().push(e);
        } else if e.kind == Kind::File {
            assert_eq!(e.data, &d.data[..], "{name}: {path}");
        }
    }
    assert_eq!(groups.len(), 1, "{name}: one hard-linked pair");
    for group in groups.values() {
        let (last, others) = group.split_last().unwrap();
        assert_eq!(group.len() as u32, last.nlink, "{name}");
        assert_eq!(
            last.data,
            &disk[last.path.as_str().unwrap()].data[..],
            "{name}"
        );
        assert!(others.iter().all(|e| e.data.is_empty()), "{name}");
    }
}

/// Compares a tar archive with the disk: every path but sockets once, same
/// metadata, hard links naming an earlier entry with the same inode.
fn check_tar<'a>(name: &str, archive: &'a [u8], disk: &BTreeMap<String, Disk>) -> Vec<Entry<'a>> {
    let entries = parse(name, archive, Format::Tar);
    let paths: Vec<String> = entries.iter().map(|e| e.path.to_string()).collect();
    let expected: BTreeSet<String> = disk
        .iter()
        .filter(|(_, d)| d.kind != Kind::Socket)
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(
        paths.iter().cloned().collect::<BTreeSet<_>>(),
        expected,
        "{name}"
    );
    assert_eq!(paths.len(), expected.len(), "{name}: duplicate paths");
    let mut hard_links = 0;
    for (i, e) in entries.iter().enumerate() {
        let d = &disk[&paths[i]];
        check_common(name, e, d);
        assert_eq!((e.nlink, e.ino), (1, 0), "{name}");
        match e.kind {
            Kind::File => assert_eq!(e.data, &d.data[..], "{name}: {}", paths[i]),
            Kind::HardLink => {
                hard_links += 1;
                let target = e.link_target.unwrap();
                assert_eq!(disk[target].ino, d.ino, "{name}: {} -> {target}", paths[i]);
                assert!(
                    paths[..i].iter().any(|p| p == target),
                    "{name}: link to a later entry"
                );
                assert!(e.data.is_empty());
            }
            _ => assert_eq!(e.link_target, None),
        }
    }
    assert_eq!(hard_links, 1, "{name}");
    entries
}

#[test]
fn real_cpio_and_tar_archives_match_the_disk() {
    let (tree, _socket) = build_tree();
    let root = tree.0.join("root");
    let disk = disk_model(&root);
    let archives = real_archives(&tree);
    for (name, archive) in &archives {
        eprintln!("{name}: {} bytes", archive.len());
        if name.starts_with("tar") {
            let entries = check_tar(name, archive, &disk);
            let long = entries
                .iter()
                .find(|e| e.path == LONG_PATH)
                .expect("long path");
            // ustar splits it over prefix and name; GNU and PAX keep it whole.
            assert_eq!(long.path.as_str().is_none(), *name == "tar ustar", "{name}");
            assert_eq!(
                long.path.components().last(),
                Some("a_file_with_a_longish_name.txt")
            );
        } else {
            check_cpio(name, archive, &disk);
        }
    }
    if archives.is_empty() {
        eprintln!("note: neither cpio nor tar found; nothing compared");
    }
}

#[test]
fn find_dot_cpio_has_root_entry_which_is_skipped() {
    if !common::have_tool("cpio", "the `find . | cpio` test") {
        return;
    }
    let (tree, _) = build_tree();
    let root = tree.0.join("root");
    let archive = common::sh(&root, "find . | cpio -o -H newc --quiet");
    // The raw archive's first name is "." (GNU cpio drops the "./" of the
    // others; hand-made archives in tests/paths.rs keep it).
    assert_eq!(&archive[110..112], b".\0");
    let entries = parse("find . | cpio", &archive, Format::Cpio);
    assert!(entries.iter().all(|e| !e.path.to_string().starts_with('.')));
    let hello = entries.iter().find(|e| e.path == "hello.txt").unwrap();
    assert_eq!(hello.data, b"hello, world\n");
    assert_eq!(hello.mode, 0o644);
    let suid = entries.iter().find(|e| e.path == "suid").unwrap();
    assert_eq!(suid.mode, 0o4755);
    let big = entries.iter().find(|e| e.path == "big").unwrap();
    assert_eq!(big.data.len(), 1 << 20);
    let abs = entries.iter().find(|e| e.path == "a/abs_link").unwrap();
    assert_eq!((abs.kind, abs.data), (Kind::Symlink, &b"/etc/passwd"[..]));
}

#[test]
fn gnu_tar_long_names_and_long_link_targets() {
    if !common::have_tool("tar", "the GNU long name test") {
        return;
    }
    let tmp = common::TempDir::new("gnu-long");
    let dir = tmp.0.join("t");
    let long_name = format!("{}/{}", "n".repeat(150), "f".repeat(120));
    let long_target = format!("/{}", "t".repeat(200));
    std::fs::create_dir_all(dir.join("n".repeat(150))).unwrap();
    std::fs::write(dir.join(&long_name), b"x").unwrap();
    std::os::unix::fs::symlink(&long_target, dir.join("sym")).unwrap();
    std::fs::hard_link(dir.join(&long_name), dir.join("hard")).unwrap();
    let archive = common::sh(&dir, "tar --format=gnu -cf - *");
    let entries = parse("gnu long", &archive, Format::Tar);
    let names: Vec<String> = entries.iter().map(|e| e.path.to_string()).collect();
    assert!(names.contains(&long_name), "{names:?}");
    let sym = entries.iter().find(|e| e.path == "sym").unwrap();
    assert_eq!(sym.data, long_target.as_bytes());
    // GNU tar archives `hard` first (sorted by the shell glob), then the long
    // name as a hard link to it.
    let link = entries.iter().find(|e| e.kind == Kind::HardLink).unwrap();
    assert_eq!(
        (link.path.to_string(), link.link_target),
        (long_name.clone(), Some("hard"))
    );
}
