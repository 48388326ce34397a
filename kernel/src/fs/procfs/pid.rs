//! `/proc/<pid>/`: one process's stat, status, statm, cmdline, comm,
//! maps, the exe and cwd links, and the fd/ directory.
//!
//! Design note: a pid directory holds only the pid; every file looks the
//! process up again when opened (ENOENT if it is gone by then) and
//! renders from what it finds, locking the address space briefly for the
//! memory figures. A zombie has no address space: its memory reads 0.
//! Entries go through the dentry cache (`dcache`): files and `fd/` are
//! valid while the process exists; the exe, cwd and fd/<n> links while
//! their target is unchanged.

use super::system::{cpu_time_ns, ticks};
use super::dcache::{self, Check};
use super::{dir, file, symlink};
use crate::errno::Errno;
use crate::fs::tmpfs::{DirOps, Inode};
use crate::fs::{mode, path, OpenFile, MAX_FDS};
use crate::mm::address_space::Vma;
use crate::mm::address_space::prot;
use crate::proc::Process;
use crate::sched::thread::State;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::sync::{Arc, Weak};
use alloc::vec::Vec;
use core::fmt::Write as _;
use core::sync::atomic::Ordering;

const PAGE_BYTES: u64 = 4096;

/// The process `pid`, live or zombie.
pub fn find(pid: u32) -> Option<Arc<Process>> {
    crate::proc::all().into_iter().find(|p| p.pid == pid)
}

/// The files of a pid directory, rendered from the process.
const PID_FILES: [(&str, fn(&Process) -> String); 6] =
    [("cmdline", cmdline), ("comm", comm), ("maps", maps), ("stat", stat), ("statm", statm), ("status", status)];

/// `/proc/<pid>`.
pub struct PidDir {
    /// The process shown.
    pub pid: u32,
}

/// Gives `inode` the owner Linux gives a process's proc entries: its
/// effective uid and gid (busybox `ps` takes the USER column from the
/// owner of /proc/<pid>). Credentials can change, so every lookup sets it.
pub(super) fn owned_by_process(inode: Arc<Inode>, pid: u32) -> Arc<Inode> {
    if let Some(p) = find(pid) {
        let c = p.cred();
        *inode.uid_gid.lock() = (c.euid, c.egid);
    }
    inode
}

impl DirOps for PidDir {
    fn lookup(&self, dir_inode: &Arc<Inode>, name: &str) -> Option<Arc<Inode>> {
        self.lookup_entry(dir_inode, name).map(|i| owned_by_process(i, self.pid))
    }

    fn entries(&self, dir_inode: &Arc<Inode>) -> Vec<(String, Arc<Inode>)> {
        let mut out = Vec::new();
        for name in ["cmdline", "comm", "cwd", "exe", "fd", "maps", "stat", "statm", "status"] {
            if let Some(inode) = self.lookup(dir_inode, name) {
                out.push((String::from(name), inode));
            }
        }
        out
    }
}

impl PidDir {
    fn lookup_entry(&self, dir_inode: &Arc<Inode>, name: &str) -> Option<Arc<Inode>> {
        let pid = self.pid;
        let link = |target: String| dcache::lookup(dir_inode, name, None, Check::Target(&target), || Some(symlink(target.clone())));
        match name {
            "exe" => {
                let target = find(pid)?.exe.lock().clone();
                link(target)
            }
            "cwd" => {
                let target = path::absolute_path(&find(pid)?.cwd.lock());
                link(target)
            }
            "fd" => dcache::lookup(dir_inode, name, Some(pid), Check::Fixed, || {
                find(pid)?;
                // Only the owner (and root) may list another process's
                // descriptors, as Linux's mode 0500.
                let fd_dir = dir(dir_inode, "fd", Arc::new(FdDir { pid }));
                fd_dir.perm.store(0o500, Ordering::Relaxed);
                Some(fd_dir)
            }),
            _ => {
                let &(_, render) = PID_FILES.iter().find(|(n, _)| *n == name)?;
                dcache::lookup(dir_inode, name, Some(pid), Check::Fixed, || {
                    find(pid)?;
                    Some(file(move || find(pid).map(|p| render(&p)).ok_or(Errno::ENOENT)))
                })
            }
        }
    }
}

/// `/proc/<pid>/fd`: a symlink per open descriptor.
struct FdDir {
    pid: u32,
}

/// The cached symlink `fd_dir/<fd>` to what `file` is.
fn fd_link(fd_dir: &Inode, name: &str, file: &OpenFile) -> Option<Arc<Inode>> {
    let target = fd_target(file);
    dcache::lookup(fd_dir, name, None, Check::Target(&target), || Some(symlink(target.clone())))
}

impl DirOps for FdDir {
    fn lookup(&self, dir: &Arc<Inode>, name: &str) -> Option<Arc<Inode>> {
        let fd: i32 = name.parse().ok().filter(|_| !name.starts_with('+') && (name == "0" || !name.starts_with('0')))?;
        let file = find(self.pid)?.fd_table().lock().get(fd).ok()?;
        fd_link(dir, name, &file)
    }

    fn entries(&self, dir: &Arc<Inode>) -> Vec<(String, Arc<Inode>)> {
        let Some(p) = find(self.pid) else { return Vec::new() };
        let table = p.fd_table();
        let open: Vec<(i32, Arc<OpenFile>)> = {
            let table = table.lock();
            (0..MAX_FDS as i32).filter_map(|fd| table.get(fd).ok().map(|f| (fd, f))).collect()
        };
        open.iter().filter_map(|(fd, f)| {
            let name = fd.to_string();
            fd_link(dir, &name, f).map(|i| (name, i))
        }).collect()
    }
}

/// What `readlink /proc/<pid>/fd/<n>` shows: a directory's path, a
/// device's /dev name, `pipe:[ino]`, or `anon_inode:[...]` when unknown.
fn fd_target(file: &OpenFile) -> String {
    if let Some(inode) = file.ops.inode().filter(|i| i.is_dir()) {
        return path::absolute_path(&inode);
    }
    if let Some(p) = &file.path {
        return p.clone();
    }
    let st = file.ops.stat();
    match st.mode & 0o170000 {
        mode::S_IFIFO => format!("pipe:[{}]", st.ino),
        mode::S_IFCHR => device_path(st.rdev),
        _ => String::from("anon_inode:[file]"),
    }
}

/// The /dev name of character device `rdev` (major << 8 | minor).
fn device_path(rdev: u64) -> String {
    let (major, minor) = (rdev >> 8, rdev & 0xff);
    match (major, minor) {
        (1, 3) => String::from("/dev/null"),
        (1, 5) => String::from("/dev/zero"),
        (1, 7) => String::from("/dev/full"),
        (1, 8) => String::from("/dev/random"),
        (1, 9) => String::from("/dev/urandom"),
        (5, 0) => String::from("/dev/tty"),
        (5, 1) => String::from("/dev/console"),
        (5, 2) => String::from("/dev/ptmx"),
        (4, n) if n < 64 => format!("/dev/tty{n}"),
        (4, n) => format!("/dev/ttyS{}", n - 64),
        _ => format!("/dev/char/{major}:{minor}"),
    }
}

/// Memory figures of a process (all 0 for a zombie).
/// A file mapping as maps shows it: offset in bytes, st_dev, inode
/// number, path.
type MappedFile = (u64, u64, u64, Option<Arc<str>>);

#[derive(Default)]
struct MemInfo {
    vmas: Vec<Vma>,
    /// For each vma, the file it maps, if any.
    files: Vec<Option<MappedFile>>,
    brk_start: u64,
    brk: u64,
    resident_pages: u64,
    locked_bytes: u64,
}

impl MemInfo {
    fn of(p: &Process) -> MemInfo {
        let Some(mm) = p.try_address_space() else { return MemInfo::default() };
        let mm = mm.lock();
        MemInfo {
            vmas: mm.vmas().copied().collect(),
            files: mm
                .vmas()
                .map(|v| {
                    mm.file_map(v.start).map(|f| {
                        let st = f.inode.stat();
                        (f.pgoff.saturating_mul(PAGE_BYTES), st.dev, st.ino, f.path.clone())
                    })
                })
                .collect(),
            brk_start: mm.brk_start,
            brk: mm.brk,
            resident_pages: mm.resident_pages(),
            locked_bytes: mm.locked_bytes,
        }
    }

    fn size_bytes(&self) -> u64 {
        self.vmas.iter().map(|v| v.end - v.start).sum()
    }

    fn is_heap(&self, v: &Vma) -> bool {
        self.brk > self.brk_start && v.start >= self.brk_start && v.start < self.brk
    }

    fn stack_bytes(&self) -> u64 {
        self.vmas.iter().filter(|v| v.grows_down).map(|v| v.end - v.start).sum()
    }

    fn exec_bytes(&self) -> u64 {
        self.vmas.iter().filter(|v| v.prot & prot::EXEC != 0 && !v.grows_down).map(|v| v.end - v.start).sum()
    }

    fn data_bytes(&self) -> u64 {
        self.vmas.iter().filter(|v| v.prot & prot::WRITE != 0 && !v.grows_down && !v.shared).map(|v| v.end - v.start).sum()
    }
}

/// The executable's base name, at most 15 bytes (Linux TASK_COMM_LEN).
fn comm_of(p: &Process) -> String {
    p.comm.lock().clone()
}

/// Linux state letter and name.
fn state_of(p: &Process) -> (char, &'static str) {
    if p.is_zombie() {
        return ('Z', "zombie");
    }
    let running = p.threads.lock().iter().filter_map(Weak::upgrade).any(|t| t.state() == State::Runnable);
    if running {
        ('R', "running")
    } else {
        ('S', "sleeping")
    }
}

fn thread_count(p: &Process) -> usize {
    p.threads.lock().iter().filter(|t| t.strong_count() > 0).count()
}

/// `cmdline`: argv, each argument followed by a NUL (empty for zombies).
fn cmdline(p: &Process) -> String {
    if p.is_zombie() {
        return String::new();
    }
    let mut bytes = Vec::new();
    for arg in p.argv.lock().iter() {
        bytes.extend_from_slice(arg);
        bytes.push(0);
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn comm(p: &Process) -> String {
    format!("{}\n", comm_of(p))
}

/// `maps`: "start-end perms offset dev inode" and, from column 73, the
/// name ([heap], [stack]); anonymous mappings end after the inode.
fn maps(p: &Process) -> String {
    let mem = MemInfo::of(p);
    let mut out = String::new();
    for (i, v) in mem.vmas.iter().enumerate() {
        let flag = |bit: u32, c: char| if v.prot & bit != 0 { c } else { '-' };
        let file = mem.files.get(i).and_then(|f| f.as_ref());
        let (offset, dev, ino) = file.map_or((0, 0, 0), |f| (f.0, f.1, f.2));
        // Device numbers of memory file systems are minors of major 0.
        let mut line = format!(
            "{:08x}-{:08x} {}{}{}{} {offset:08x} 00:{dev:02x} {ino} ",
            v.start,
            v.end,
            flag(prot::READ, 'r'),
            flag(prot::WRITE, 'w'),
            flag(prot::EXEC, 'x'),
            if v.shared { 's' } else { 'p' }
        );
        let name = if let Some(path) = file.and_then(|f| f.3.as_deref()) {
            Some(path)
        } else if v.grows_down {
            Some("[stack]")
        } else if mem.is_heap(v) {
            Some("[heap]")
        } else {
            None
        };
        if let Some(name) = name {
            while line.len() < 73 {
                line.push(' ');
            }
            line.push_str(name);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// `stat`: the 52 fields of proc_pid_stat(5); unknown ones are 0.
fn stat(p: &Process) -> String {
    let mem = MemInfo::of(p);
    let (state, _) = state_of(p);
    let cpu = ticks(cpu_time_ns(p));
    let start = ticks(p.start_ns);
    let code = mem.vmas.iter().find(|v| v.prot & prot::EXEC != 0 && !v.grows_down);
    let stack_top = mem.vmas.iter().find(|v| v.grows_down).map_or(0, |v| v.end);
    let exit_code = p.exit_code.lock().unwrap_or(0);
    let mut out = format!("{} ({}) {} {} 1 1 0 -1 4194304 0 0 0 0 ", p.pid, comm_of(p), state, p.ppid.load(Ordering::Relaxed));
    let _ = write!(out, "{cpu} 0 0 0 20 0 {} 0 {start} {} {} {} ", thread_count(p), mem.size_bytes(), mem.resident_pages, u64::MAX);
    let _ = write!(out, "{} {} {stack_top} 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 ", code.map_or(0, |v| v.start), code.map_or(0, |v| v.end));
    let _ = writeln!(out, "0 0 {} 0 0 0 0 {exit_code}", mem.brk_start);
    out
}

/// `statm`: size resident shared text lib data dt, in pages.
fn statm(p: &Process) -> String {
    let mem = MemInfo::of(p);
    format!(
        "{} {} 0 {} 0 {} 0\n",
        mem.size_bytes() / PAGE_BYTES,
        mem.resident_pages,
        mem.exec_bytes() / PAGE_BYTES,
        (mem.data_bytes() + mem.stack_bytes()) / PAGE_BYTES
    )
}

/// `status`: the human-readable summary ("Name:\t...").
fn status(p: &Process) -> String {
    let (state, state_name) = state_of(p);
    let pid = p.pid;
    let mut out = String::new();
    let _ = writeln!(out, "Name:\t{}", comm_of(p));
    let _ = writeln!(out, "Umask:\t{:04o}", p.umask.load(Ordering::Relaxed));
    let _ = writeln!(out, "State:\t{state} ({state_name})");
    let _ = writeln!(out, "Tgid:\t{pid}\nNgid:\t0\nPid:\t{pid}\nPPid:\t{}\nTracerPid:\t0", p.ppid.load(Ordering::Relaxed));
    let c = p.cred();
    let _ = writeln!(out, "Uid:\t{}\t{}\t{}\t{}", c.uid, c.euid, c.suid, c.fsuid);
    let _ = writeln!(out, "Gid:\t{}\t{}\t{}\t{}\nFDSize:\t64", c.gid, c.egid, c.sgid, c.fsgid);
    let groups: Vec<String> = c.groups.iter().map(|g| alloc::format!("{g} ")).collect();
    let _ = writeln!(out, "Groups:\t{}", groups.concat());
    let _ = writeln!(out, "NStgid:\t{pid}\nNSpid:\t{pid}\nNSpgid:\t1\nNSsid:\t1");
    if !p.is_zombie() {
        let mem = MemInfo::of(p);
        let kb = |bytes: u64| bytes / 1024;
        let rss_kb = mem.resident_pages * PAGE_BYTES / 1024;
        let size_kb = kb(mem.size_bytes());
        for (name, value) in [
            ("VmPeak", size_kb),
            ("VmSize", size_kb),
            ("VmLck", kb(mem.locked_bytes)),
            ("VmPin", 0),
            ("VmHWM", rss_kb),
            ("VmRSS", rss_kb),
            ("RssAnon", rss_kb),
            ("RssFile", 0),
            ("RssShmem", 0),
            ("VmData", kb(mem.data_bytes())),
            ("VmStk", kb(mem.stack_bytes())),
            ("VmExe", kb(mem.exec_bytes())),
            ("VmLib", 0),
            ("VmPTE", 0),
            ("VmSwap", 0),
        ] {
            let _ = writeln!(out, "{name}:\t{value:>8} kB");
        }
    }
    let _ = writeln!(out, "Threads:\t{}", thread_count(p));
    let (mut ignored, mut caught) = (0u64, 0u64);
    for (i, action) in p.sigactions.lock().iter().enumerate() {
        match action[0] {
            0 => {}
            1 => ignored |= 1 << i,
            _ => caught |= 1 << i,
        }
    }
    let _ = writeln!(out, "SigQ:\t0/4096\nSigPnd:\t{:016x}\nShdPnd:\t{:016x}\nSigBlk:\t{:016x}", 0, 0, 0);
    let _ = writeln!(out, "SigIgn:\t{ignored:016x}\nSigCgt:\t{caught:016x}");
    let _ = writeln!(out, "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff");
    let _ = writeln!(out, "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nSeccomp:\t0");
    let _ = writeln!(out, "Cpus_allowed:\t1\nCpus_allowed_list:\t0");
    let _ = writeln!(out, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0");
    out
}
