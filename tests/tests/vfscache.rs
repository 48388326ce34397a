//! The VFS caches under Exo-OS: `user/vfscache` boots as init and checks
//! stable /proc inode numbers, that a reaped child's /proc entries give
//! ENOENT (dentry revalidation), that hundreds of short-lived children's
//! /proc lookups keep the dentry cache within its capacity and MemFree
//! steady, and the dirty inode counts around fsync, syncfs and sync (read
//! from /proc/vfscache). It prints `PASS vfscache`.

use tests::run_program;

#[test]
fn caches_are_stable_bounded_and_flushed() {
    let out = run_program("vfscache", "");
    // The caches' figures, printed last by the program.
    let figures = out.serial.lines().find(|l| l.starts_with("vfscache: ")).unwrap_or_else(|| out.fail("no vfscache: figures line"));
    let value = |name: &str| -> u64 {
        figures.split_whitespace().find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=')?.parse().ok()).unwrap_or_else(|| out.fail(&format!("no {name} in {figures}")))
    };
    assert!(value("dcache_entries") <= value("dcache_capacity"), "{figures}");
    assert!(value("dcache_evictions") > 0 && value("dcache_invalidations") > 0, "{figures}");
    assert!(value("icache_writebacks") >= 3 && value("icache_dirty") <= value("icache_entries"), "{figures}");
    for line in out.serial.lines().filter(|l| l.starts_with("ok - ")) {
        println!("{line}");
    }
    println!("{figures}");
}
