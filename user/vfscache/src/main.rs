//! The VFS caches as a program sees them: `stat /proc/1` twice gives one
//! inode number, so does `/proc/self/status`; a child's `/proc/<pid>` is
//! gone (ENOENT) once it is reaped; thousands of /proc lookups, over
//! hundreds of short-lived children, leave kernel memory bounded;
//! fsync, fdatasync, syncfs and sync return 0. Prints `PASS vfscache`.
//!
//! Linux-visible behaviour only, so it passes on Linux too. Where
//! `/proc/vfscache` exists (Exo-OS) it also checks the caches' own
//! figures: the dentry cache within its capacity, dirty inode counts
//! before and after each flush, and MemFree across rounds (on Linux
//! MemFree is the whole host's and too noisy to judge).

use exo_testkit::{errno, spawn_child, wait_for, Checks};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

/// Children per round of the memory check, and rounds.
const CHILDREN_PER_ROUND: usize = 250;
const ROUNDS: usize = 4;
/// Lookups of this process's own /proc files.
const SELF_LOOKUPS: usize = 5000;
/// MemFree may drop this much between the second and the last round
/// (heap growth steps are 1 MiB).
const SLACK_KB: u64 = 4096;


/// `/proc/vfscache` as name -> value, if this kernel has it.
fn cache_figures() -> Option<BTreeMap<String, u64>> {
    let text = fs::read_to_string("/proc/vfscache").ok()?;
    Some(text.lines().filter_map(|l| l.split_once(' ')).filter_map(|(k, v)| Some((k.to_string(), v.parse().ok()?))).collect())
}

fn figure(name: &str) -> u64 {
    cache_figures().and_then(|f| f.get(name).copied()).unwrap_or(0)
}

fn mem_free_kb() -> u64 {
    let text = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let line = text.lines().find(|l| l.starts_with("MemFree:")).unwrap_or("");
    line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn ino(path: &str) -> Option<u64> {
    fs::symlink_metadata(path).ok().map(|m| m.ino())
}

/// A child that stays alive until the returned write end is closed.
fn child_waiting() -> (libc::pid_t, File) {
    let mut fds = [0; 2];
    // SAFETY: `fds` is a valid array of two ints.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    let pid = spawn_child(|| {
        // SAFETY: closing this process's copy of the write end.
        unsafe { libc::close(fds[1]) };
        let mut byte = [0u8; 1];
        // SAFETY: reading into a valid one-byte buffer; returns at EOF.
        unsafe { libc::read(fds[0], byte.as_mut_ptr().cast(), 1) };
        0
    })
    .expect("fork");
    // SAFETY: the parent's read end is not used; the write end becomes a File.
    unsafe { libc::close(fds[0]) };
    // SAFETY: fds[1] is an open descriptor owned by nothing else.
    (pid, unsafe { <File as std::os::fd::FromRawFd>::from_raw_fd(fds[1]) })
}

fn main() {
    let mut c = Checks::new("vfscache");
    exo_testkit::ensure_proc();
    let exo = cache_figures().is_some();

    let (a, b) = (ino("/proc/1"), ino("/proc/1"));
    c.check(a.is_some() && a == b, format!("stat /proc/1 twice: same st_ino ({a:?}, {b:?})"));
    let (a, b) = (ino("/proc/self/status"), ino("/proc/self/status"));
    c.check(a.is_some() && a == b, format!("stat /proc/self/status twice: same st_ino ({a:?}, {b:?})"));
    let me = std::process::id();
    let (a, b) = (ino(&format!("/proc/{me}")), ino("/proc/self/."));
    c.check(a.is_some() && a == b, "/proc/self/. and /proc/<getpid> are one inode");

    // A child's directory lives while the child does, then is gone.
    let (pid, wake) = child_waiting();
    let dir = format!("/proc/{pid}");
    let (a, b) = (ino(&dir), ino(&dir));
    c.check(a.is_some() && a == b, format!("a living child's {dir}: stable st_ino"));
    c.check(fs::read_to_string(format!("{dir}/status")).is_ok_and(|s| s.contains(&format!("Pid:\t{pid}"))), "its status names it");
    drop(wake);
    let reaped = wait_for(pid).is_ok();
    let gone = fs::symlink_metadata(&dir).map(|m| m.ino()).map_err(|e| e.raw_os_error());
    c.check(reaped && gone == Err(Some(libc::ENOENT)), format!("after reaping, stat {dir}: ENOENT ({gone:?})"));
    let gone = fs::symlink_metadata(format!("{dir}/status")).map(|m| m.ino()).map_err(|e| e.raw_os_error());
    c.check(gone == Err(Some(libc::ENOENT)), format!("after reaping, stat {dir}/status: ENOENT ({gone:?})"));

    // Many lookups: this process's files over and over, and the entries
    // of hundreds of children that come and go.
    let names = ["status", "stat", "statm", "cmdline", "comm", "maps", "fd", "cwd", "exe"];
    let mut found = 0;
    for i in 0..SELF_LOOKUPS {
        found += usize::from(ino(&format!("/proc/{me}/{}", names[i % names.len()])).is_some());
    }
    c.check(found == SELF_LOOKUPS, format!("{SELF_LOOKUPS} lookups of /proc/{me}/*: all found"));
    let mut free_kb = Vec::new();
    let mut all_seen = true;
    for _ in 0..ROUNDS {
        for _ in 0..CHILDREN_PER_ROUND {
            let (pid, wake) = child_waiting();
            for name in ["", "/status", "/stat", "/fd"] {
                all_seen &= ino(&format!("/proc/{pid}{name}")).is_some();
            }
            drop(wake);
            all_seen &= wait_for(pid).is_ok();
        }
        all_seen &= fs::read_dir("/proc").map(|d| d.count() > 5).unwrap_or(false);
        free_kb.push(mem_free_kb());
    }
    c.check(all_seen, format!("{} children: /proc/<pid>, status, stat, fd found while alive", ROUNDS * CHILDREN_PER_ROUND));
    if exo {
        let drop_kb = free_kb[1].saturating_sub(free_kb[ROUNDS - 1]);
        c.check(drop_kb <= SLACK_KB, format!("MemFree by round: {free_kb:?} kB; fell {drop_kb} kB after round 2 (slack {SLACK_KB})"));
        let (entries, capacity) = (figure("dcache_entries"), figure("dcache_capacity"));
        c.check(entries > 0 && entries <= capacity, format!("dentry cache holds {entries} of {capacity}"));
        c.check(figure("dcache_evictions") > 0 && figure("dcache_hits") > 0, "dentry cache hit and evicted");
    } else {
        println!("ok - MemFree and cache figures skipped (no /proc/vfscache: not Exo-OS)");
    }

    // Writeback: fsync, fdatasync, syncfs and sync return 0; on Exo-OS
    // the dirty counts show what each one flushed.
    let dir = std::env::temp_dir().join(format!("exo-vfscache-{me}"));
    let _ = fs::remove_dir_all(&dir);
    let _ = fs::create_dir_all(&dir);
    let path = dir.join("file");
    let mut f = File::create(&path).expect("create");
    f.write_all(b"dirty data").expect("write");
    let dirty_after_write = figure("icache_dirty");
    // SAFETY: sync has no arguments and cannot fail.
    unsafe { libc::sync() };
    let dirty_after_sync = figure("icache_dirty");
    if exo {
        c.check(dirty_after_write >= 2 && dirty_after_sync == 0, format!("dirty inodes: {dirty_after_write} after create+write, {dirty_after_sync} after sync"));
    }
    f.write_all(b" more").expect("write");
    let before = figure("icache_dirty");
    // SAFETY: fsync on an open descriptor.
    let r = unsafe { libc::fsync(f.as_raw_fd()) };
    let after = figure("icache_dirty");
    c.check(r == 0, "fsync returns 0");
    if exo {
        c.check(before == 1 && after == 0, format!("dirty inodes: {before} after a write, {after} after fsync"));
    }
    f.write_all(b"!").expect("write");
    // SAFETY: fdatasync on an open descriptor.
    c.check(unsafe { libc::fdatasync(f.as_raw_fd()) } == 0, "fdatasync returns 0");
    let _ = fs::set_permissions(&path, fs::Permissions::from_mode(0o600));
    let before = figure("icache_dirty");
    // SAFETY: syncfs on an open descriptor.
    let r = unsafe { libc::syncfs(f.as_raw_fd()) };
    let after = figure("icache_dirty");
    c.check(r == 0, "syncfs returns 0");
    if exo {
        c.check(before == 1 && after == 0, format!("dirty inodes: {before} after chmod, {after} after syncfs"));
    }
    // SAFETY: syncfs on a descriptor that is not open.
    let r = unsafe { libc::syncfs(-1) };
    c.check(r == -1 && errno() == libc::EBADF, "syncfs(-1): EBADF");
    let mut back = String::new();
    let _ = File::open(&path).and_then(|mut f| f.read_to_string(&mut back));
    c.check(back == "dirty data more!", "the data is intact after writeback");
    drop(f);
    let _ = fs::remove_dir_all(&dir);

    if let Some(figures) = cache_figures() {
        let line: Vec<String> = figures.iter().map(|(k, v)| format!("{k}={v}")).collect();
        println!("vfscache: {}", line.join(" "));
    }
    c.finish();
}
