//! `build/initramfs.cpio`: the root file system QEMU hands the kernel with
//! `-initrd`, in the cpio "newc" format Linux uses
//! (`Documentation/driver-api/early-userspace/buffer-format.rst`).
//!
//! Contents: `/bin/<name>` for every user program, `/bin/busybox` (Debian's
//! static busybox) with a symlink for each of its applets (`/bin/sh`,
//! `/bin/ls`, ... from `busybox --list-full`, never replacing a program of
//! ours), `/sbin/init` (our init, `user/init`), two corrupt programs for
//! `badelf`, the directories `/bin /sbin /usr/bin /usr/sbin /tmp /dev
//! /proc /etc /root`, `/etc/hostname`, `/etc/motd` and `/etc/rc`, and the
//! comparison scripts `tests/scripts/*.sh` as `/etc/tests/*.sh`.
//!
//! # Design
//!
//! The writer is our own (about 30 lines) so the image does not depend on the
//! installed cpio's version or options, and is reproducible: entries are
//! sorted by path, inode numbers count up from 1, and owner, group and mtime
//! are 0. Parents sort before their children, as unpackers expect. Paths are
//! stored without a leading `/`, as `find . | cpio` and Linux's
//! `gen_init_cpio` write them.

use crate::user::{is_static_elf, program_headers, Program};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Debian's `busybox-static` package installs this (a static binary).
const BUSYBOX: &str = "/bin/busybox";
const DIRS: [&str; 10] = ["bin", "dev", "etc", "proc", "root", "sbin", "tmp", "usr", "usr/bin", "usr/sbin"];
const S_IFDIR: u32 = 0o040_000;
const S_IFREG: u32 = 0o100_000;
const S_IFLNK: u32 = 0o120_000;
/// Shown by the shell at start (`/etc/rc` prints it).
const MOTD: &str = concat!(
    "Exo-OS ",
    env!("CARGO_PKG_VERSION"),
    ": a Rust kernel running Debian's busybox.\n",
    "Type `poweroff` to stop the machine.\n"
);
/// Run by init before the shell starts.
const RC: &str = "#!/bin/sh\n# Exo-OS start-up script, run by /sbin/init before the shell.\ncat /etc/motd\n";

/// One entry: its mode (file type and permissions) and, for files, contents.
struct Entry {
    mode: u32,
    data: Vec<u8>,
}

/// Writes `build/initramfs.cpio` holding `programs` and the rest (see above).
pub fn build(root: &Path, programs: &[Program]) -> PathBuf {
    let mut tree: BTreeMap<String, Entry> = BTreeMap::new();
    for dir in DIRS {
        // /tmp is world-writable and sticky, as on every Unix.
        let perm = if dir == "tmp" { 0o1777 } else { 0o755 };
        tree.insert(dir.to_string(), Entry { mode: S_IFDIR | perm, data: Vec::new() });
    }
    let file = |tree: &mut BTreeMap<String, Entry>, path: &str, perm: u32, data: Vec<u8>| {
        tree.insert(path.to_string(), Entry { mode: S_IFREG | perm, data });
    };
    for (binary, name) in programs {
        file(&mut tree, &format!("bin/{name}"), 0o755, read(binary));
    }
    file(&mut tree, "sbin/init", 0o755, read(&program(programs, "init")));
    for (name, data) in corrupt_programs(programs) {
        file(&mut tree, &format!("bin/{name}"), 0o755, data);
    }
    let busybox = read(Path::new(BUSYBOX));
    if !is_static_elf(&busybox) {
        fail(&format!("{BUSYBOX} is not static: install Debian's busybox-static (scripts/setup)"));
    }
    file(&mut tree, "bin/busybox", 0o755, busybox);
    file(&mut tree, "etc/hostname", 0o644, b"exo\n".to_vec());
    file(&mut tree, "etc/motd", 0o644, MOTD.as_bytes().to_vec());
    file(&mut tree, "etc/rc", 0o755, RC.as_bytes().to_vec());
    add_test_scripts(&mut tree, root);
    for applet in busybox_applets() {
        tree.entry(applet.clone()).or_insert_with(|| {
            let depth = applet.matches('/').count();
            let target = format!("{}bin/busybox", "../".repeat(depth));
            Entry { mode: S_IFLNK | 0o777, data: target.into_bytes() }
        });
    }

    let image = write_newc(&tree);
    let out = root.join("build/initramfs.cpio");
    std::fs::create_dir_all(root.join("build")).expect("create build/");
    // Write then rename, so a QEMU started meanwhile never sees half a file.
    let tmp = out.with_extension("cpio.tmp");
    std::fs::write(&tmp, &image).unwrap_or_else(|e| fail(&format!("write {}: {e}", tmp.display())));
    std::fs::rename(&tmp, &out).expect("rename initramfs");
    println!("xtask: {} ({} entries, {} KiB)", out.display(), tree.len(), image.len() / 1024);
    out
}

/// `tests/scripts/*.sh` as `/etc/tests/<name>.sh` (mode 0755): the scripts
/// `tests/tests/busybox_compare.rs` runs both on Linux and under Exo-OS.
fn add_test_scripts(tree: &mut BTreeMap<String, Entry>, root: &Path) {
    let Ok(dir) = std::fs::read_dir(root.join("tests/scripts")) else { return };
    let mut scripts: Vec<PathBuf> =
        dir.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "sh")).collect();
    if scripts.is_empty() {
        return;
    }
    scripts.sort();
    tree.insert("etc/tests".to_string(), Entry { mode: S_IFDIR | 0o755, data: Vec::new() });
    for script in scripts {
        let name = script.file_name().expect("a file name").to_string_lossy().into_owned();
        tree.insert(format!("etc/tests/{name}"), Entry { mode: S_IFREG | 0o755, data: read(&script) });
    }
}

/// Writes a small image at `out` holding the directories `dirs` and the
/// executables `files` (`(path, contents)`, mode 0755), paths without a
/// leading `/`; parents must be listed. `xtask bench` uses it for the two
/// images that hold only its benchmark program.
pub fn write_image(out: &Path, dirs: &[&str], files: &[(&str, Vec<u8>)]) {
    let mut tree: BTreeMap<String, Entry> = BTreeMap::new();
    for dir in dirs {
        tree.insert(dir.to_string(), Entry { mode: S_IFDIR | 0o755, data: Vec::new() });
    }
    for (path, data) in files {
        tree.insert(path.to_string(), Entry { mode: S_IFREG | 0o755, data: data.clone() });
    }
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| fail(&format!("create {}: {e}", parent.display())));
    }
    std::fs::write(out, write_newc(&tree)).unwrap_or_else(|e| fail(&format!("write {}: {e}", out.display())));
}

/// The files `badelf` expects to fail execve with ENOEXEC, made from `hello`:
/// `corrupt` is its first 100 bytes (a whole ELF header, then nothing), and
/// `corrupt-phdr` is a full copy whose program header table is garbled: an
/// entry size of 0xa5a5 instead of 56, and the table overwritten with 0xa5.
pub fn corrupt_programs(programs: &[Program]) -> [(&'static str, Vec<u8>); 2] {
    let hello = read(&program(programs, "hello"));
    let truncated = hello[..100.min(hello.len())].to_vec();
    let mut garbled = hello.clone();
    let (phoff, phentsize, phnum) = program_headers(&hello).unwrap_or_else(|| fail("hello is not an ELF file"));
    let table_end = (phoff + phentsize * phnum).min(garbled.len());
    garbled[phoff.min(table_end)..table_end].fill(0xa5);
    garbled[0x36..0x38].copy_from_slice(&0xa5a5u16.to_le_bytes());
    [("corrupt", truncated), ("corrupt-phdr", garbled)]
}

/// Applet paths (`bin/ls`, `usr/bin/wc`, ...) from `busybox --list-full`,
/// in directories the image has.
fn busybox_applets() -> Vec<String> {
    let out = std::process::Command::new(BUSYBOX)
        .arg("--list-full")
        .output()
        .unwrap_or_else(|e| fail(&format!("run {BUSYBOX} --list-full: {e}")));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().trim_start_matches('/').to_string())
        .filter(|l| l.rsplit_once('/').is_some_and(|(dir, _)| DIRS.contains(&dir)) && l != "sbin/init" && l != "bin/busybox")
        .collect()
}

/// The cpio newc image of `tree`, ending with the `TRAILER!!!` entry.
fn write_newc(tree: &BTreeMap<String, Entry>) -> Vec<u8> {
    let mut out = Vec::new();
    for (ino, (path, entry)) in tree.iter().enumerate() {
        let nlink = if entry.mode & S_IFDIR != 0 { 2 } else { 1 };
        push_entry(&mut out, ino as u32 + 1, entry.mode, nlink, path, &entry.data);
    }
    push_entry(&mut out, 0, 0, 1, "TRAILER!!!", &[]);
    out
}

/// One header (magic `070701`, 13 fields of 8 hex digits), the name with its
/// NUL, padding to 4 bytes, the data, padding to 4 bytes.
fn push_entry(out: &mut Vec<u8>, ino: u32, mode: u32, nlink: u32, name: &str, data: &[u8]) {
    let name_size = name.len() as u32 + 1;
    let file_size = u32::try_from(data.len()).unwrap_or_else(|_| fail(&format!("{name} is over 4 GiB")));
    // ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor rdevminor namesize check
    let fields = [ino, mode, 0, 0, nlink, 0, file_size, 0, 0, 0, 0, name_size, 0];
    out.extend_from_slice(b"070701");
    for field in fields {
        out.extend_from_slice(format!("{field:08X}").as_bytes());
    }
    out.extend_from_slice(name.as_bytes());
    out.push(0);
    pad4(out);
    out.extend_from_slice(data);
    pad4(out);
}

fn pad4(out: &mut Vec<u8>) {
    out.resize(out.len().next_multiple_of(4), 0);
}

fn program(programs: &[Program], name: &str) -> PathBuf {
    match programs.iter().find(|(_, n)| n == name) {
        Some((path, _)) => path.clone(),
        None => fail(&format!("no user program named {name}")),
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| fail(&format!("read {}: {e}", path.display())))
}

fn fail(msg: &str) -> ! {
    eprintln!("xtask: {msg}");
    std::process::exit(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_aligned_and_parsable() {
        let mut tree = BTreeMap::new();
        tree.insert("bin".to_string(), Entry { mode: S_IFDIR | 0o755, data: Vec::new() });
        tree.insert("bin/x".to_string(), Entry { mode: S_IFREG | 0o755, data: b"hello".to_vec() });
        let image = write_newc(&tree);
        assert_eq!(image.len() % 4, 0);
        // Walk the entries as an unpacker would.
        let mut at = 0;
        let mut names = Vec::new();
        loop {
            let header = &image[at..at + 110];
            assert_eq!(&header[..6], b"070701");
            let field = |i: usize| {
                u32::from_str_radix(std::str::from_utf8(&header[6 + 8 * i..14 + 8 * i]).unwrap(), 16).unwrap() as usize
            };
            let (file_size, name_size) = (field(6), field(11));
            let name = std::str::from_utf8(&image[at + 110..at + 110 + name_size - 1]).unwrap().to_string();
            at = (at + 110 + name_size).next_multiple_of(4);
            if name == "bin/x" {
                assert_eq!(&image[at..at + file_size], b"hello");
                assert_eq!(field(1), (S_IFREG | 0o755) as usize);
            }
            at = (at + file_size).next_multiple_of(4);
            names.push(name);
            if names.last().unwrap() == "TRAILER!!!" {
                break;
            }
        }
        assert_eq!(names, ["bin", "bin/x", "TRAILER!!!"]);
        assert_eq!(at, image.len());
    }
}
