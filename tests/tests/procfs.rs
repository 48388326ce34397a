//! /proc under busybox: `mount -t proc`, then the files busybox's `ps`,
//! `free` and `cat` read (meminfo, uptime, maps, mounts, stat, ...).

use tests::{run_busybox, Outcome};


/// The lines of `out` between the marker lines `==name==` and the next marker.
fn section<'a>(out: &'a Outcome, name: &str) -> Vec<&'a str> {
    let marker = format!("=={name}==");
    let lines: Vec<&str> = out.serial.lines().map(str::trim_end).collect();
    let Some(start) = lines.iter().position(|l| *l == marker) else { out.fail(&format!("no {marker} section")) };
    lines[start + 1..].iter().take_while(|l| !(l.starts_with("==") && l.ends_with("=="))).copied().collect()
}

#[test]
fn busybox_reads_proc() {
    let script = "busybox mkdir -p /proc; busybox mount -t proc proc /proc; \
        echo ==meminfo==; busybox cat /proc/meminfo; \
        echo ==uptime==; busybox cat /proc/uptime; \
        echo ==maps==; busybox cat /proc/self/maps; \
        echo ==exe==; busybox readlink /proc/self/exe; \
        echo ==ls==; busybox ls /proc; \
        echo ==ps==; busybox ps; \
        echo ==free==; busybox free; \
        echo ==mounts==; busybox cat /proc/mounts; \
        echo ==stat==; busybox cat /proc/1/stat; \
        echo ==status==; busybox cat /proc/self/status; \
        echo ==cmdline==; busybox cat /proc/1/cmdline; echo; \
        echo ==fd==; busybox ls -l /proc/self/fd; \
        echo ==misc==; busybox cat /proc/loadavg /proc/version /proc/stat /proc/filesystems /proc/cpuinfo; \
        echo ==gone==; busybox cat /proc/99999/stat; \
        echo ==end==";
    let out = run_busybox(script);
    out.assert_powered_off();

    let meminfo = section(&out, "meminfo");
    assert!(meminfo.first().is_some_and(|l| l.starts_with("MemTotal:") && l.ends_with(" kB")), "meminfo: {meminfo:?}");
    assert!(meminfo.iter().any(|l| l.starts_with("MemAvailable:")), "meminfo: {meminfo:?}");

    let uptime = section(&out, "uptime");
    let fields: Vec<&str> = uptime.first().map(|l| l.split(' ').collect()).unwrap_or_default();
    assert!(fields.len() == 2 && fields.iter().all(|f| f.parse::<f64>().is_ok()), "uptime: {uptime:?}");

    let maps = section(&out, "maps");
    assert!(maps.iter().any(|l| l.ends_with("[stack]") && l.contains(" rw")), "maps: {maps:?}");

    assert_eq!(section(&out, "exe").first().copied(), Some("/bin/busybox"));

    let ls = section(&out, "ls").join(" ");
    for name in ["1", "self", "meminfo", "cpuinfo", "mounts"] {
        assert!(ls.split_whitespace().any(|w| w == name), "ls /proc lacks {name}: {ls}");
    }

    let ps = section(&out, "ps");
    assert!(ps.first().is_some_and(|l| l.contains("PID")), "ps: {ps:?}");
    assert!(ps.iter().any(|l| l.split_whitespace().next() == Some("1")), "ps lists no PID 1: {ps:?}");

    let free = section(&out, "free");
    let mem = free.iter().find(|l| l.trim_start().starts_with("Mem:")).unwrap_or_else(|| out.fail("free printed no Mem: line"));
    // total/used/free come from sysinfo(2); "available" from /proc/meminfo.
    let numbers: Vec<u64> = mem.split_whitespace().skip(1).filter_map(|n| n.parse().ok()).collect();
    assert!(numbers.len() == 6 && numbers[5] > 0, "free: {free:?}");

    let mounts = section(&out, "mounts");
    assert!(mounts.contains(&"proc /proc proc rw 0 0"), "mounts: {mounts:?}");

    let stat = section(&out, "stat");
    let line = stat.first().copied().unwrap_or_default();
    assert!(line.starts_with("1 (busybox) "), "stat: {line}");
    let after_comm: Vec<&str> = line.rsplit_once(") ").map(|(_, r)| r.split(' ').collect()).unwrap_or_default();
    assert_eq!(after_comm.len(), 50, "stat has 52 fields: {line}");

    let status = section(&out, "status");
    for key in ["Name:\tbusybox", "State:\tR (running)", "PPid:\t1", "Threads:\t1"] {
        assert!(status.contains(&key), "status lacks {key:?}: {status:?}");
    }
    assert!(status.iter().any(|l| l.starts_with("VmRSS:")), "status: {status:?}");

    let cmdline = section(&out, "cmdline").join("");
    assert!(cmdline.starts_with("/bin/busybox\0") || cmdline.starts_with("/bin/busybox"), "cmdline: {cmdline:?}");

    let fd = section(&out, "fd").join("\n");
    assert!(fd.contains("/dev/console"), "fd: {fd}");

    let misc = section(&out, "misc").join("\n");
    for needle in ["Linux version 6.1.0-exo", "Exo-OS", "btime ", "nodev\tproc", "vendor_id", "cpu MHz", "flags"] {
        assert!(misc.contains(needle), "misc lacks {needle:?}:\n{misc}");
    }
    section(&out, "end");
}
