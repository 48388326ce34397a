//! Helpers shared by the integration tests: a PRNG, small archive writers
//! (cpio newc and ustar), temporary directories, and a checked walk over an
//! archive that asserts the crate's invariants.
#![allow(
    dead_code,
    reason = "each test file uses a different subset of these helpers"
)]

use initramfs::{Entry, Error};
use std::path::{Path, PathBuf};
use std::process::Command;

/// xorshift64 PRNG (deterministic, no dependencies).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform-ish value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// `len` random bytes.
    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    /// Random bytes, fewer than `max_len` of them.
    pub fn bytes_below(&mut self, max_len: u64) -> Vec<u8> {
        let len = self.below(max_len) as usize;
        self.bytes(len)
    }
}

/// One member for [`write_newc`]: `mode` includes the file type bits.
#[derive(Clone, Debug, Default)]
pub struct NewcEntry {
    pub name: String,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub nlink: u32,
    pub mtime: u32,
    pub ino: u32,
    pub rdev: (u32, u32),
    pub data: Vec<u8>,
}

/// Writes a cpio archive of `entries` plus the `TRAILER!!!` entry, with
/// `magic` `"070701"` (newc) or `"070702"` (crc; the checksum is the sum of
/// the data bytes, as GNU cpio writes it). The output length is a multiple
/// of 4, so outputs can be concatenated.
pub fn write_newc(entries: &[NewcEntry], magic: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let trailer = NewcEntry {
        name: "TRAILER!!!".into(),
        nlink: 1,
        ..Default::default()
    };
    for e in entries.iter().chain([&trailer]) {
        let check = e
            .data
            .iter()
            .fold(0u32, |sum, &b| sum.wrapping_add(b.into()));
        let fields = [
            e.ino,
            e.mode,
            e.uid,
            e.gid,
            e.nlink,
            e.mtime,
            e.data.len() as u32,
            0,
            0,
            e.rdev.0,
            e.rdev.1,
            e.name.len() as u32 + 1,
            if magic == "070702" { check } else { 0 },
        ];
        out.extend_from_slice(magic.as_bytes());
        for f in fields {
            out.extend_from_slice(format!("{f:08X}").as_bytes());
        }
        out.extend_from_slice(e.name.as_bytes());
        out.push(0);
        pad(&mut out, 4);
        out.extend_from_slice(&e.data);
        pad(&mut out, 4);
    }
    out
}

/// Appends zero bytes until `out.len()` is a multiple of `align`.
pub fn pad(out: &mut Vec<u8>, align: usize) {
    while !out.len().is_multiple_of(align) {
        out.push(0);
    }
}

/// Fields for [`tar_header`]; `gnu` picks the GNU magic (`ustar  \0`, no
/// `prefix` field) over the POSIX one (`ustar\0` `00`). Numbers must fit
/// their octal fields (uid, gid, device numbers below `0o7777777`).
#[derive(Clone, Debug)]
pub struct TarHeader<'a> {
    pub name: &'a [u8],
    pub prefix: &'a [u8],
    pub type_flag: u8,
    pub mode: u32,
    pub size: usize,
    pub link: &'a [u8],
    pub gnu: bool,
    pub uid: u32,
    pub gid: u32,
    pub mtime: u64,
    pub rdev: (u32, u32),
}

impl Default for TarHeader<'_> {
    fn default() -> Self {
        TarHeader {
            name: b"",
            prefix: b"",
            type_flag: b'0',
            mode: 0o644,
            size: 0,
            link: b"",
            gnu: false,
            uid: 0,
            gid: 0,
            mtime: 0o14507135230,
            rdev: (0, 0),
        }
    }
}

/// One 512-byte tar header block with a correct checksum.
pub fn tar_header(h: &TarHeader) -> Vec<u8> {
    let mut b = vec![0u8; 512];
    let put =
        |b: &mut Vec<u8>, at: usize, bytes: &[u8]| b[at..at + bytes.len()].copy_from_slice(bytes);
    put(&mut b, 0, h.name);
    put(&mut b, 100, format!("{:07o}\0", h.mode).as_bytes());
    put(&mut b, 108, format!("{:07o}\0", h.uid).as_bytes());
    put(&mut b, 116, format!("{:07o}\0", h.gid).as_bytes());
    put(&mut b, 124, format!("{:011o}\0", h.size).as_bytes());
    put(&mut b, 136, format!("{:011o}\0", h.mtime).as_bytes());
    b[156] = h.type_flag;
    put(&mut b, 157, h.link);
    put(
        &mut b,
        257,
        if h.gnu { b"ustar  \0" } else { b"ustar\x0000" },
    );
    put(&mut b, 329, format!("{:07o}\0", h.rdev.0).as_bytes());
    put(&mut b, 337, format!("{:07o}\0", h.rdev.1).as_bytes());
    if !h.gnu {
        put(&mut b, 345, h.prefix);
    }
    fix_checksum(&mut b);
    b
}

/// Recomputes the checksum of the tar header in `b[..512]`.
pub fn fix_checksum(b: &mut [u8]) {
    b[148..156].copy_from_slice(b"        ");
    let mut sum = 0u32;
    for &x in &b[..512] {
        sum += u32::from(x);
    }
    b[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
}

/// A tar member: its header then `data` padded to whole blocks.
pub fn tar_member(h: &TarHeader, data: &[u8]) -> Vec<u8> {
    let mut out = tar_header(&TarHeader {
        size: data.len(),
        ..h.clone()
    });
    out.extend_from_slice(data);
    pad(&mut out, 512);
    out
}

/// Two zero blocks: the end of a tar archive.
pub fn tar_end() -> Vec<u8> {
    vec![0; 1024]
}

/// A fresh empty directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("initramfs-test-{}-{tag}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// True if `tool --version` runs; otherwise prints a note saying what is skipped.
pub fn have_tool(tool: &str, skipped: &str) -> bool {
    let ok = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: `{tool}` not found; skipping {skipped}");
    }
    ok
}

/// Runs `script` with `sh -c` in `dir` and returns its standard output.
pub fn sh(dir: &Path, script: &str) -> Vec<u8> {
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("run sh");
    assert!(
        out.status.success(),
        "`{script}` failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Walks every item of `archive` and asserts the crate's promises: no panic
/// (the caller's process would abort the test), the walk ends within one
/// item per 110 bytes (the smallest entry) plus one, at most one `Err` and
/// only as the last item, and every entry's path is non-empty, relative and
/// free of `..`. Returns the entries and the error, if any.
pub fn checked_walk(archive: &[u8]) -> (Vec<Entry<'_>>, Option<Error>) {
    let mut entries = match initramfs::entries(archive) {
        Ok(e) => e,
        Err(e) => return (Vec::new(), Some(e)),
    };
    let bound = archive.len() / 110 + 1;
    let mut ok = Vec::new();
    let mut err = None;
    for (i, item) in entries.by_ref().enumerate() {
        assert!(i <= bound, "iterator did not end");
        assert!(err.is_none(), "item after an error");
        match item {
            Ok(e) => {
                assert!(e.path.components().next().is_some(), "empty path");
                assert!(
                    e.path.components().all(|c| c != ".." && !c.contains('\0')),
                    "unsafe path {}",
                    e.path
                );
                let text = e.path.to_string();
                assert!(
                    !text.starts_with('/') && !text.starts_with("./") && !text.ends_with('/'),
                    "{text}"
                );
                assert!(e.mode <= 0o7777);
                if let Some(t) = e.link_target {
                    assert!(
                        !t.is_empty() && t.split('/').all(|c| c != ".."),
                        "unsafe link target {t}"
                    );
                }
                ok.push(e);
            }
            Err(e) => err = Some(e),
        }
    }
    assert!(entries.next().is_none(), "iterator not fused");
    (ok, err)
}

/// Path (relative to the tree root) longer than 100 bytes, so tar must use
/// the ustar `prefix`, a GNU long name or a PAX record for it.
pub const LONG_PATH: &str = concat!(
    "long/",
    "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd/",
    "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee/",
    "a_file_with_a_longish_name.txt"
);

/// Builds the test tree in a new temp dir: files (one empty, one 1 MiB, one
/// mode 4755, one owned by 1234:5678), nested and empty directories, a
/// relative and an absolute symlink, a hard-linked pair, a file under
/// [`LONG_PATH`], a FIFO, and where the system allows it a character device
/// and a socket. Returns the dir and whether a socket was made (tar skips
/// sockets).
pub fn build_tree() -> (TempDir, bool) {
    use std::fs;
    use std::os::unix::fs::{chown, lchown, symlink, PermissionsExt};
    let tmp = TempDir::new("tree");
    let root = tmp.0.join("root");
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let file = |rel: &str, data: &[u8], mode: u32| {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, data).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
    };
    fs::create_dir_all(root.join("a/b/empty_dir")).unwrap();
    file("hello.txt", b"hello, world\n", 0o644);
    file("empty", b"", 0o600);
    file("a/b/c/deep.txt", b"deep\n", 0o640);
    file("suid", b"#!/bin/sh\n", 0o4755);
    file("big", &rng.bytes(1 << 20), 0o644);
    file("owned", b"mine", 0o664);
    file(LONG_PATH, b"long path\n", 0o644);
    file("hard1", b"shared contents\n", 0o644);
    fs::hard_link(root.join("hard1"), root.join("a/hard2")).unwrap();
    symlink("hello.txt", root.join("link")).unwrap();
    symlink("/etc/passwd", root.join("a/abs_link")).unwrap();
    // Root may change owners; elsewhere the files keep the test's own ids.
    let _ = chown(root.join("owned"), Some(1234), Some(5678));
    let _ = lchown(root.join("link"), Some(1234), Some(5678));
    fs::set_permissions(
        root.join("a/b/empty_dir"),
        fs::Permissions::from_mode(0o1777),
    )
    .unwrap();
    let ok = |cmd: &mut Command| cmd.status().is_ok_and(|s| s.success());
    if !ok(Command::new("mkfifo").arg(root.join("fifo"))) {
        eprintln!("note: mkfifo failed; no FIFO in the test tree");
    }
    if !ok(Command::new("mknod")
        .arg(root.join("null"))
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null()))
    {
        eprintln!("note: mknod failed (not root?); no device node in the test tree");
    }
    let socket = std::os::unix::net::UnixListener::bind(root.join("sock")).is_ok();
    (tmp, socket)
}

/// Archives of [`build_tree`]'s tree made by the installed tools, named by
/// how they were made; formats whose tool is missing are left out (with a
/// note). The tree lives in `tree.0/root`.
pub fn real_archives(tree: &TempDir) -> Vec<(&'static str, Vec<u8>)> {
    let root = tree.0.join("root");
    let mut out = Vec::new();
    if have_tool("cpio", "cpio archives") {
        // `-print0`/`-0` keep names intact; `%P` drops the leading "./".
        out.push((
            "cpio newc",
            sh(
                &root,
                "find . -mindepth 1 -printf '%P\\0' | cpio -o -0 -H newc --quiet",
            ),
        ));
        out.push((
            "find . | cpio newc",
            sh(&root, "find . | cpio -o -H newc --quiet"),
        ));
        out.push((
            "cpio crc",
            sh(&root, "find . -mindepth 1 | cpio -o -H crc --quiet"),
        ));
    }
    if have_tool("tar", "tar archives") {
        // GNU tar warns "socket ignored" and exits 0.
        out.push((
            "tar ustar",
            sh(&root, "tar --format=ustar -cf - . 2>/dev/null"),
        ));
        out.push(("tar gnu", sh(&root, "tar --format=gnu -cf - . 2>/dev/null")));
        out.push(("tar pax", sh(&root, "tar --format=pax -cf - . 2>/dev/null")));
    }
    out
}
