//! Files and directories through `std::fs` (openat, read/write, lseek,
//! statx/newfstatat, getdents64, mkdir, rename, unlink, link, symlink,
//! truncate, chdir/getcwd): a 16 MiB file read back with the same
//! checksum, a file unlinked while open stays readable, rename across
//! directories, readdir listing, O_APPEND. Prints one line per check and
//! `PASS files`.

use exo_testkit::Checks;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

/// FNV-1a over the bytes.
fn checksum(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

fn main() {
    let mut c = Checks::new("files");
    let base = std::env::args().nth(1).unwrap_or_else(|| String::from("/tmp/exo-files"));
    let base = Path::new(&base);
    let _ = fs::remove_dir_all(base);
    c.check(fs::create_dir_all(base.join("a/b")).is_ok(), "mkdir -p a/b");

    // 16 MiB written in 64 KiB chunks and read back.
    let big = base.join("big");
    let data: Vec<u8> = (0..16u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let written = File::create(&big).and_then(|mut f| data.chunks(64 << 10).try_for_each(|ch| f.write_all(ch)));
    c.check(written.is_ok(), "wrote 16 MiB");
    let back = fs::read(&big).unwrap_or_default();
    c.check(back.len() == data.len() && checksum(&back) == checksum(&data), format!("read back {} bytes, same checksum", back.len()));
    c.check(fs::metadata(&big).map(|m| m.len()).ok() == Some(16 << 20), "stat size is 16 MiB");

    // Seek and partial reads.
    let mut f = File::open(&big).expect("open big");
    let mut buf = [0u8; 8];
    let ok = f.seek(SeekFrom::Start(1_000_000)).is_ok() && f.read_exact(&mut buf).is_ok();
    c.check(ok && buf[..] == data[1_000_000..1_000_008], "lseek + read in the middle");
    drop(f);

    // Unlinked while open: still readable until closed.
    let doomed = base.join("doomed");
    fs::write(&doomed, b"still here").expect("write doomed");
    let mut open = File::open(&doomed).expect("open doomed");
    c.check(fs::remove_file(&doomed).is_ok(), "unlink while open");
    c.check(!doomed.exists(), "unlinked name is gone");
    let mut s = String::new();
    c.check(open.read_to_string(&mut s).is_ok() && s == "still here", format!("open file still reads {s:?}"));

    // Rename across directories.
    let from = base.join("a/b/file");
    let to = base.join("moved");
    fs::write(&from, b"x").expect("write file");
    c.check(fs::rename(&from, &to).is_ok() && to.exists() && !from.exists(), "rename a/b/file -> moved");
    c.check(fs::rename(base.join("a"), base.join("a/b/inside")).is_err(), "rename a directory into itself fails");

    // Directory listing.
    let mut names: Vec<String> =
        fs::read_dir(base).map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default();
    names.sort();
    c.check(names == ["a", "big", "moved"], format!("readdir lists {names:?}"));

    // O_APPEND.
    let log = base.join("log");
    fs::write(&log, b"one\n").expect("write log");
    let appended = OpenOptions::new().append(true).open(&log).and_then(|mut f| {
        f.seek(SeekFrom::Start(0))?;
        f.write_all(b"two\n")
    });
    c.check(appended.is_ok() && fs::read(&log).ok().as_deref() == Some(b"one\ntwo\n"), "O_APPEND writes at the end");

    // Hard link, symlink, truncate, chmod.
    let hard = base.join("hard");
    c.check(fs::hard_link(&log, &hard).is_ok() && fs::metadata(&log).map(|m| m.nlink()).ok() == Some(2), "link: nlink 2");
    let sym = base.join("sym");
    c.check(std::os::unix::fs::symlink("log", &sym).is_ok() && fs::read(&sym).ok().as_deref() == Some(b"one\ntwo\n"), "symlink resolves");
    c.check(fs::read_link(&sym).ok().as_deref() == Some(Path::new("log")), "readlink");
    c.check(File::options().write(true).open(&log).and_then(|f| f.set_len(3)).is_ok() && fs::read(&hard).ok().as_deref() == Some(b"one"), "ftruncate seen through the hard link");
    c.check(fs::set_permissions(&log, fs::Permissions::from_mode(0o600)).is_ok() && fs::metadata(&log).map(|m| m.mode() & 0o777).ok() == Some(0o600), "chmod 600");

    // Working directory.
    c.check(std::env::set_current_dir(base.join("a/b")).is_ok(), "chdir a/b");
    let cwd = std::env::current_dir().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    c.check(cwd == base.join("a/b").to_string_lossy(), format!("getcwd = {cwd}"));
    c.check(fs::read("../../moved").ok().as_deref() == Some(b"x"), "relative path with ..");
    c.check(std::env::set_current_dir("/").is_ok(), "chdir /");

    // Errors.
    c.check(fs::remove_dir(base.join("a")).map_err(|e| e.raw_os_error()) == Err(Some(libc::ENOTEMPTY)), "rmdir non-empty: ENOTEMPTY");
    c.check(File::open(base.join("nope")).map_err(|e| e.raw_os_error()).err() == Some(Some(libc::ENOENT)), "open missing: ENOENT");
    c.check(fs::create_dir(base.join("moved/x")).map_err(|e| e.raw_os_error()).err() == Some(Some(libc::ENOTDIR)), "mkdir under a file: ENOTDIR");

    c.check(fs::remove_dir_all(base).is_ok() && !base.exists(), "rm -r");
    c.finish()
}
