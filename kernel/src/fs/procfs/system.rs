//! The system-wide proc files: meminfo, uptime, loadavg, version,
//! cpuinfo, mounts, stat, filesystems (formats of proc(5) and Linux 6.1).
//!
//! Design note: each is a function from the kernel's counters to text;
//! values Exo-OS does not track (swap, page cache, interrupts) are 0, as
//! Linux prints for features it lacks. There is one CPU.

use crate::mm::{address_space, frame};
use crate::sched::thread::State;
use crate::time::{self, HZ};
use alloc::format;
use alloc::string::String;
use core::fmt::Write as _;
use core::sync::atomic::Ordering;

const NS_PER_TICK: u64 = 1_000_000_000 / HZ;
const KB_PER_FRAME: u64 = frame::FRAME_SIZE / 1024;

/// (running, total) user threads, for loadavg and stat.
fn thread_counts() -> (usize, usize) {
    let (mut running, mut total) = (0, 0);
    for p in crate::proc::all() {
        for t in p.threads.lock().iter().filter_map(alloc::sync::Weak::upgrade) {
            total += 1;
            if t.state() == State::Runnable {
                running += 1;
            }
        }
    }
    (running, total)
}

/// `/proc/meminfo`: the lines Linux prints first, in its format
/// ("%-16s%8lu kB"), which `free` and `top` parse by name.
pub fn meminfo() -> String {
    let stats = frame::stats();
    let total_kb = stats.managed_frames * KB_PER_FRAME;
    let free_kb = stats.free_frames * KB_PER_FRAME;
    let anon_kb = address_space::user_frames() * KB_PER_FRAME;
    let lines: [(&str, u64); 35] = [
        ("MemTotal:", total_kb),
        ("MemFree:", free_kb),
        ("MemAvailable:", free_kb),
        ("Buffers:", 0),
        ("Cached:", 0),
        ("SwapCached:", 0),
        ("Active:", anon_kb),
        ("Inactive:", 0),
        ("Active(anon):", anon_kb),
        ("Inactive(anon):", 0),
        ("Active(file):", 0),
        ("Inactive(file):", 0),
        ("Unevictable:", 0),
        ("Mlocked:", 0),
        ("SwapTotal:", 0),
        ("SwapFree:", 0),
        ("Dirty:", 0),
        ("Writeback:", 0),
        ("AnonPages:", anon_kb),
        ("Mapped:", 0),
        ("Shmem:", 0),
        ("KReclaimable:", 0),
        ("Slab:", 0),
        ("SReclaimable:", 0),
        ("SUnreclaim:", 0),
        ("KernelStack:", 0),
        ("PageTables:", 0),
        ("NFS_Unstable:", 0),
        ("Bounce:", 0),
        ("WritebackTmp:", 0),
        ("CommitLimit:", total_kb / 2),
        ("Committed_AS:", anon_kb),
        ("VmallocTotal:", 34_359_738_367),
        ("VmallocUsed:", 0),
        ("VmallocChunk:", 0),
    ];
    let mut out = String::new();
    for (name, kb) in lines {
        let _ = writeln!(out, "{name:<16}{kb:>8} kB");
    }
    for name in ["HugePages_Total:", "HugePages_Free:", "HugePages_Rsvd:", "HugePages_Surp:"] {
        let _ = writeln!(out, "{name:<16}{:>8}", 0);
    }
    let _ = writeln!(out, "{:<16}{:>8} kB", "Hugepagesize:", 2048);
    out
}

/// Seconds with two decimals ("%lu.%02lu").
fn seconds(ns: u64) -> String {
    format!("{}.{:02}", ns / 1_000_000_000, ns % 1_000_000_000 / 10_000_000)
}

/// `/proc/uptime`: uptime and the idle thread's time, in seconds.
pub fn uptime() -> String {
    format!("{} {}\n", seconds(time::uptime_ns()), seconds(crate::sched::idle_time_ns()))
}

/// `/proc/loadavg`: load averages (not computed: 0), running/total
/// threads, the last pid handed out.
pub fn loadavg() -> String {
    let (running, total) = thread_counts();
    format!("0.00 0.00 0.00 {running}/{total} {}\n", crate::proc::last_pid())
}

/// `/proc/version`, consistent with uname(2).
pub fn version() -> String {
    String::from(concat!("Linux version 6.1.0-exo (exo@exo) (rustc) #1 SMP Exo-OS ", env!("CARGO_PKG_VERSION"), "\n"))
}

/// `/proc/cpuinfo` of the one CPU.
pub fn cpuinfo() -> String {
    crate::arch::cpuinfo_text(0)
}

/// `/proc/mounts`: "source target type options 0 0".
pub fn mounts() -> String {
    let mut out = String::new();
    for (source, target, fstype, flags) in super::super::mount::list() {
        let _ = writeln!(out, "{source} {target} {fstype} rw{} 0 0", flags.options());
    }
    out
}

/// `/proc/filesystems`: the types mount(2) knows, none needing a device.
pub fn filesystems() -> String {
    String::from("nodev\ttmpfs\nnodev\tdevtmpfs\nnodev\tproc\n")
}

/// `/proc/stat`: CPU time in clock ticks (busy time is counted as user
/// time), boot time, and process counts.
pub fn stat() -> String {
    let uptime_ns = time::uptime_ns();
    let idle_ns = crate::sched::idle_time_ns().min(uptime_ns);
    let user = (uptime_ns - idle_ns) / NS_PER_TICK;
    let idle = idle_ns / NS_PER_TICK;
    let btime = time::realtime_ns().saturating_sub(uptime_ns) / 1_000_000_000;
    let (running, _) = thread_counts();
    let mut out = String::new();
    let _ = writeln!(out, "cpu  {user} 0 0 {idle} 0 0 0 0 0 0");
    let _ = writeln!(out, "cpu0 {user} 0 0 {idle} 0 0 0 0 0 0");
    let _ = writeln!(out, "intr {}", time::jiffies());
    let _ = writeln!(out, "ctxt 0");
    let _ = writeln!(out, "btime {btime}");
    let _ = writeln!(out, "processes {}", crate::proc::last_pid());
    let _ = writeln!(out, "procs_running {running}");
    let _ = writeln!(out, "procs_blocked 0");
    let _ = writeln!(out, "softirq 0 0 0 0 0 0 0 0 0 0 0");
    out
}

/// Clock ticks (USER_HZ) in `ns`.
pub fn ticks(ns: u64) -> u64 {
    ns / NS_PER_TICK
}

/// Total CPU time of `p`'s threads, live and exited, in ns.
pub fn cpu_time_ns(p: &crate::proc::Process) -> u64 {
    let live: u64 = p
        .threads
        .lock()
        .iter()
        .filter_map(alloc::sync::Weak::upgrade)
        .map(|t| t.cpu_time_ns.load(Ordering::Relaxed))
        .sum();
    live + p.exited_cpu_ns.load(Ordering::Relaxed)
}
