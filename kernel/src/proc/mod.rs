//! Processes: an address space, open files and threads, the parent/child
//! tree, exit and wait.
//!
//! Design note: a process is the unit that owns resources; threads are
//! what runs (`sched::Thread`). A thread group (CLONE_THREAD) shares one
//! `Process`; CLONE_VM without CLONE_THREAD (vfork, posix_spawn) shares
//! the address space between two processes, hence `Arc<Mutex<..>>`.
//! Exit status uses the Linux wait-status encoding (`WIFEXITED` etc.).

pub mod exec;
pub mod fork;
pub mod signal;
pub mod timer;

use crate::fs::FdTable;
use crate::mm::address_space::{AddressSpace, Fault};
use crate::sched::{self, wait::WaitQueue, Thread};
use alloc::string::String;
use alloc::sync::{Arc, Weak};
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use spin::Mutex;

/// Linux wait status for a normal exit with `code` (`WIFEXITED`).
pub const fn exit_status(code: u8) -> i32 {
    (code as i32) << 8
}

/// Linux wait status for death by `signal` (`WIFSIGNALED`).
pub const fn signal_status(signal: u32) -> i32 {
    (signal & 0x7f) as i32
}

/// A process.
pub struct Process {
    /// Process id (Linux PID = TGID).
    pub pid: u32,
    /// The parent; `None` for init.
    pub parent: Mutex<Weak<Process>>,
    /// The parent's pid (0 for init), kept with `parent` for getppid.
    pub ppid: AtomicU32,
    /// The address space, shared by its threads (and with CLONE_VM
    /// children); `None` once the process has exited.
    mm: Mutex<Option<Arc<Mutex<AddressSpace>>>>,
    /// Physical PML4 of `mm`, readable without the lock (context switch).
    mm_root: AtomicU64,
    /// Open files.
    pub files: Mutex<Arc<Mutex<FdTable>>>,
    /// Children not yet reaped.
    pub children: Mutex<Vec<Arc<Process>>>,
    /// Threads still alive.
    pub threads: Mutex<Vec<Weak<Thread>>>,
    live_threads: AtomicUsize,
    /// Set by exit_group or a fatal signal: every thread must exit.
    pub exiting: AtomicBool,
    /// Wait status once all threads have exited (zombie).
    pub exit_code: Mutex<Option<i32>>,
    exit_code_pending: AtomicU32,
    /// Where the parent sleeps in wait4 (this process's children exit).
    pub child_exit: WaitQueue,
    /// Path of the program, for /proc/self/exe and AT_EXECFN.
    pub exe: Mutex<String>,
    /// Command name (Linux `comm`, at most 15 bytes): the base name of the
    /// program at exec, or what prctl(PR_SET_NAME) set.
    pub comm: Mutex<String>,
    /// Arguments of the program (/proc/<pid>/cmdline), set by execve.
    pub argv: Mutex<Vec<Vec<u8>>>,
    /// Uptime at creation, in ns (/proc/<pid>/stat starttime).
    pub start_ns: u64,
    /// Signal dispositions set by rt_sigaction (64 signals, kernel layout).
    pub sigactions: Mutex<[[u64; 4]; 64]>,
    /// Resource limits (soft, hard) by RLIMIT_* number.
    pub rlimits: Mutex<[[u64; 2]; RLIM_NLIMITS]>,
    /// Set when a vfork child execs or exits: the parent may go on.
    pub vfork_done: AtomicBool,
    /// CPU time of threads that have exited, in ns.
    pub exited_cpu_ns: AtomicU64,
    /// Process group id (setpgid(2)); inherited.
    pub pgid: AtomicU32,
    /// Session id (setsid(2)); inherited.
    pub sid: AtomicU32,
    /// Signals sent to the whole process, not yet taken (bit n-1: signal n).
    pub sig_pending: AtomicU64,
    /// Job control: stopped by a stop signal until SIGCONT.
    pub stopped: AtomicBool,
    /// A stop (its signal) or continue (`CONTINUED`) the parent's wait4
    /// has not reported yet; 0 if none.
    pub job_report: AtomicU32,
    /// Where a stopped process's threads sleep until SIGCONT.
    pub cont_wait: WaitQueue,
    /// Working directory.
    pub cwd: Mutex<Arc<crate::fs::tmpfs::Inode>>,
    /// File-creation mask (umask(2)), initially 022.
    pub umask: AtomicU32,
    /// Credentials, shared by the threads (glibc applies set*id to every
    /// thread, so per-process credentials behave the same); replaced
    /// whole, so a reader holds a consistent snapshot.
    cred: Mutex<Arc<cred::Credentials>>,
}

/// Number of resource limits (Linux RLIM_NLIMITS).
pub const RLIM_NLIMITS: usize = 16;
/// RLIM_INFINITY.
pub const RLIM_INFINITY: u64 = u64::MAX;

/// Linux's defaults for init (include/asm-generic/resource.h).
fn default_rlimits() -> [[u64; 2]; RLIM_NLIMITS] {
    let mut r = [[RLIM_INFINITY; 2]; RLIM_NLIMITS];
    r[3] = [8 << 20, RLIM_INFINITY]; // RLIMIT_STACK
    r[4] = [0, RLIM_INFINITY]; // RLIMIT_CORE
    r[6] = [4096, 4096]; // RLIMIT_NPROC (threads)
    r[7] = [crate::fs::MAX_FDS as u64, crate::fs::MAX_FDS as u64]; // RLIMIT_NOFILE
    r[8] = [256 << 20, 256 << 20]; // RLIMIT_MEMLOCK: the seeds' mlock limit
    r[11] = [4096, 4096]; // RLIMIT_SIGPENDING
    r[12] = [819_200, 819_200]; // RLIMIT_MSGQUEUE
    r[13] = [0, 0]; // RLIMIT_NICE
    r[14] = [0, 0]; // RLIMIT_RTPRIO
    r
}

static NEXT_PID: AtomicU32 = AtomicU32::new(1);
static PROCESSES: Mutex<Vec<Weak<Process>>> = Mutex::new(Vec::new());
static INIT: spin::Once<Arc<Process>> = spin::Once::new();

/// Linux's `comm` for a program path: its base name, cut to 15 bytes.
pub fn comm_from_path(path: &str) -> String {
    let base = path.rsplit('/').next().unwrap_or("");
    let mut end = base.len().min(15);
    while !base.is_char_boundary(end) {
        end -= 1;
    }
    String::from(&base[..end])
}

/// A fresh process id (also used for thread ids).
pub fn alloc_pid() -> u32 {
    NEXT_PID.fetch_add(1, Ordering::Relaxed)
}

impl Process {
    /// A process with `mm` and `files`, child of `parent`.
    pub fn new(
        pid: u32,
        parent: Option<&Arc<Process>>,
        mm: Arc<Mutex<AddressSpace>>,
        files: Arc<Mutex<FdTable>>,
        exe: String,
    ) -> Arc<Process> {
        let root = mm.lock().root();
        let p = Arc::new(Process {
            pid,
            parent: Mutex::new(parent.map_or_else(Weak::new, Arc::downgrade)),
            ppid: AtomicU32::new(parent.map_or(0, |p| p.pid)),
            mm: Mutex::new(Some(mm)),
            mm_root: AtomicU64::new(root),
            files: Mutex::new(files),
            children: Mutex::new(Vec::new()),
            threads: Mutex::new(Vec::new()),
            live_threads: AtomicUsize::new(0),
            exiting: AtomicBool::new(false),
            exit_code: Mutex::new(None),
            exit_code_pending: AtomicU32::new(0),
            child_exit: WaitQueue::new(),
            comm: Mutex::new(comm_from_path(&exe)),
            exe: Mutex::new(exe),
            argv: Mutex::new(parent.map_or_else(Vec::new, |p| p.argv.lock().clone())),
            start_ns: crate::time::uptime_ns(),
            sigactions: Mutex::new([[0; 4]; 64]),
            rlimits: Mutex::new(parent.map_or_else(default_rlimits, |p| *p.rlimits.lock())),
            vfork_done: AtomicBool::new(false),
            exited_cpu_ns: AtomicU64::new(0),
            pgid: AtomicU32::new(parent.map_or(pid, |p| p.pgid.load(Ordering::Relaxed))),
            sid: AtomicU32::new(parent.map_or(pid, |p| p.sid.load(Ordering::Relaxed))),
            sig_pending: AtomicU64::new(0),
            stopped: AtomicBool::new(false),
            job_report: AtomicU32::new(0),
            cont_wait: WaitQueue::new(),
            cwd: Mutex::new(parent.map_or_else(crate::fs::tmpfs::root, |p| p.cwd.lock().clone())),
            umask: AtomicU32::new(parent.map_or(0o022, |p| p.umask.load(Ordering::Relaxed))),
            cred: Mutex::new(parent.map_or_else(|| Arc::new(cred::Credentials::root()), |p| p.cred())),
        });
        if let Some(parent) = parent {
            parent.children.lock().push(p.clone());
        }
        let mut table = PROCESSES.lock();
        table.retain(|w| w.strong_count() > 0);
        table.push(Arc::downgrade(&p));
        p
    }

    /// The credentials now (a snapshot).
    pub fn cred(&self) -> Arc<cred::Credentials> {
        self.cred.lock().clone()
    }

    /// Changes the credentials with `change` (a set*id rule returning a
    /// Linux errno); on error they stay as they were.
    pub fn change_cred<T>(&self, change: impl FnOnce(&mut cred::Credentials) -> Result<T, i32>) -> crate::errno::KResult<T> {
        let mut slot = self.cred.lock();
        let mut new = (**slot).clone();
        let out = change(&mut new).map_err(crate::errno::Errno)?;
        *slot = Arc::new(new);
        Ok(out)
    }

    /// Physical address of the address space's PML4.
    pub fn page_table_root(&self) -> u64 {
        self.mm_root.load(Ordering::Acquire)
    }

    /// Replaces the address space (execve); the old one is dropped by the
    /// caller after the switch.
    pub fn replace_mm(&self, mm: Arc<Mutex<AddressSpace>>) -> Arc<Mutex<AddressSpace>> {
        let root = mm.lock().root();
        let old = self.mm.lock().replace(mm);
        self.mm_root.store(root, Ordering::Release);
        crate::arch::activate_page_table(root);
        old.expect("a running process has an address space")
    }

    /// The address space. Only threads of the process (which keep it
    /// alive) ask, so it exists.
    pub fn address_space(&self) -> Arc<Mutex<AddressSpace>> {
        self.mm.lock().clone().expect("a running process has an address space")
    }

    /// The address space, or `None` once the process has exited.
    pub fn try_address_space(&self) -> Option<Arc<Mutex<AddressSpace>>> {
        self.mm.lock().clone()
    }

    /// The file table.
    pub fn fd_table(&self) -> Arc<Mutex<FdTable>> {
        self.files.lock().clone()
    }

    /// Registers a new thread of this process.
    pub fn add_thread(&self, t: &Arc<Thread>) {
        self.threads.lock().push(Arc::downgrade(t));
        self.live_threads.fetch_add(1, Ordering::AcqRel);
    }

    /// True once it has exited and waits to be reaped.
    pub fn is_zombie(&self) -> bool {
        self.exit_code.lock().is_some()
    }
}

/// The process of the running thread (kernel threads have none).
pub fn current() -> Option<Arc<Process>> {
    sched::try_current()?.process.clone()
}

/// Resolves a page fault at user address `addr` for the running process;
/// `Err(signal)` if it cannot be (the caller sends that signal or fixes
/// up a kernel access): SIGBUS for a file page past the end of its file,
/// SIGSEGV otherwise.
pub fn user_page_fault(addr: u64, write: bool, fetch: bool) -> Result<(), u32> {
    const SIGBUS: u32 = 7;
    const SIGSEGV: u32 = 11;
    let Some(p) = current() else { return Err(SIGSEGV) };
    let mm = p.address_space();
    let result = mm.lock().handle_fault(addr, write, fetch);
    match result {
        Ok(()) => Ok(()),
        Err(Fault::Segv) => Err(SIGSEGV),
        Err(Fault::Bus) => Err(SIGBUS),
        Err(Fault::NoMemory) => {
            log::warn!("pid {}: out of memory at {addr:#x}", p.pid);
            Err(SIGSEGV)
        }
    }
}

/// Ends every thread of the running process with wait status `status`.
pub fn exit_group(status: i32) -> ! {
    if let Some(p) = current() {
        if !p.exiting.swap(true, Ordering::AcqRel) {
            p.exit_code_pending.store(status as u32, Ordering::Release);
        }
        let others: Vec<Arc<Thread>> = p.threads.lock().iter().filter_map(Weak::upgrade).collect();
        for t in others {
            sched::wake(&t);
        }
        p.cont_wait.wake_all();
    }
    exit_thread()
}

/// Ends the running thread; the last one out ends the process.
pub fn exit_thread() -> ! {
    let thread = sched::current();
    if let Some(p) = thread.process.clone() {
        let ctid = thread.clear_child_tid.swap(0, Ordering::AcqRel);
        if ctid != 0 {
            let _ = crate::mm::uaccess::write_user(ctid, &0u32);
            crate::syscall::futex::wake(&p, ctid, 1);
        }
        p.threads.lock().retain(|w| w.upgrade().is_some_and(|t| !Arc::ptr_eq(&t, &thread)));
        p.exited_cpu_ns.fetch_add(thread.cpu_time_ns.load(Ordering::Relaxed), Ordering::Relaxed);
        if p.live_threads.fetch_sub(1, Ordering::AcqRel) == 1 {
            let status = if p.exiting.load(Ordering::Acquire) {
                p.exit_code_pending.load(Ordering::Acquire) as i32
            } else {
                exit_status(0)
            };
            finish_process(&p, status);
        }
    }
    drop(thread);
    sched::exit_current()
}

/// The last thread left: release resources, become a zombie, tell the parent.
fn finish_process(p: &Arc<Process>, status: i32) {
    timer::exit(p.pid);
    crate::arch::activate_page_table(crate::mm::kernel_space::root());
    *p.files.lock() = Arc::new(Mutex::new(FdTable::new()));
    // The address space goes when the last Arc does (here, unless shared).
    p.mm_root.store(crate::mm::kernel_space::root(), Ordering::Release);
    let old = p.mm.lock().take();
    drop(old);
    let init = INIT.get().cloned();
    let orphans: Vec<Arc<Process>> = core::mem::take(&mut *p.children.lock());
    if let Some(init) = &init {
        for c in orphans {
            *c.parent.lock() = Arc::downgrade(init);
            c.ppid.store(init.pid, Ordering::Release);
            init.children.lock().push(c);
        }
        init.child_exit.wake_all();
    }
    p.vfork_done.store(true, Ordering::Release);
    *p.exit_code.lock() = Some(status);
    if init.as_ref().is_some_and(|i| Arc::ptr_eq(i, p)) {
        init_exited(status);
    }
    if let Some(parent) = p.parent.lock().upgrade() {
        signal::send_to_process(&parent, signal::SIGCHLD);
        parent.child_exit.wake_all();
    }
}

fn init_exited(status: i32) -> ! {
    log::info!("user frames still allocated: {}", crate::mm::address_space::user_frames());
    log::info!("file frames allocated: {}", crate::mm::address_space::file_frames());
    if status & 0x7f == 0 {
        log::info!("init exited with status {}", (status >> 8) & 0xff);
    } else {
        log::info!("init killed by signal {}", status & 0x7f);
    }
    crate::arch::power_off()
}

/// Registers `p` as init (PID 1), the parent of orphans.
pub fn set_init(p: &Arc<Process>) {
    INIT.call_once(|| p.clone());
}

/// `Process::job_report` value for "continued" (no signal has this number).
pub const CONTINUED: u32 = 0xffff;

/// Outcome of looking for an exited child.
pub enum WaitResult {
    /// A child exited (it has been reaped), stopped or continued: its pid
    /// and wait status.
    Reaped(u32, i32),
    /// Matching children exist but none has exited.
    NotYet,
    /// No child matches (`ECHILD`).
    NoChild,
}

/// Reaps a zombie child of `parent` matching `pid` (waitpid(2): -1 any,
/// >0 that pid, 0 the caller's process group, < -1 the group -pid); with
/// `untraced` / `continued`, also reports a child that stopped / continued
/// (once each, as WUNTRACED and WCONTINUED do).
pub fn reap_child(parent: &Process, pid: i64, untraced: bool, continued: bool) -> WaitResult {
    let mut children = parent.children.lock();
    let my_group = i64::from(parent.pgid.load(Ordering::Relaxed));
    let matches = |c: &Arc<Process>| match pid {
        -1 => true,
        0 => i64::from(c.pgid.load(Ordering::Relaxed)) == my_group,
        p if p < -1 => i64::from(c.pgid.load(Ordering::Relaxed)) == -p,
        p => i64::from(c.pid) == p,
    };
    if !children.iter().any(matches) {
        return WaitResult::NoChild;
    }
    for c in children.iter().filter(|c| matches(c) && !c.is_zombie()) {
        let report = c.job_report.load(Ordering::Acquire);
        let wanted = (report == CONTINUED && continued) || (report != 0 && report != CONTINUED && untraced);
        if wanted && c.job_report.compare_exchange(report, 0, Ordering::AcqRel, Ordering::Acquire).is_ok() {
            let status = if report == CONTINUED { 0xffff } else { ((report as i32) << 8) | 0x7f };
            return WaitResult::Reaped(c.pid, status);
        }
    }
    let found = children.iter().position(|c| matches(c) && c.is_zombie());
    match found {
        Some(i) => {
            let c = children.remove(i);
            let status = c.exit_code.lock().unwrap_or(0);
            WaitResult::Reaped(c.pid, status)
        }
        None => WaitResult::NotYet,
    }
}

/// Every process not yet reaped (zombies included), by pid.
pub fn all() -> Vec<Arc<Process>> {
    let mut list: Vec<Arc<Process>> = PROCESSES.lock().iter().filter_map(Weak::upgrade).collect();
    list.sort_by_key(|p| p.pid);
    list
}

/// The last process or thread id handed out (/proc/loadavg).
pub fn last_pid() -> u32 {
    NEXT_PID.load(Ordering::Relaxed).saturating_sub(1)
}

/// The live process with `pid`.
pub fn find(pid: u32) -> Option<Arc<Process>> {
    PROCESSES.lock().iter().filter_map(Weak::upgrade).find(|p| p.pid == pid && !p.is_zombie())
}

/// Every live process (not yet reaped).
pub fn all_live() -> Vec<Arc<Process>> {
    PROCESSES.lock().iter().filter_map(Weak::upgrade).filter(|p| !p.is_zombie()).collect()
}

/// Sends `signal` to every live process of group `pgid`; false if none.
pub fn signal_group(pgid: u32, signal: u32) -> bool {
    let members: Vec<Arc<Process>> = all_live().into_iter().filter(|p| p.pgid.load(Ordering::Relaxed) == pgid).collect();
    for p in &members {
        if signal != 0 {
            signal::send_to_process(p, signal);
        }
    }
    !members.is_empty()
}

/// The live process that has a thread `tid`.
pub fn find_thread_process(tid: u32) -> Option<Arc<Process>> {
    PROCESSES
        .lock()
        .iter()
        .filter_map(Weak::upgrade)
        .find(|p| !p.is_zombie() && p.threads.lock().iter().filter_map(Weak::upgrade).any(|t| t.tid == tid))
}

/// Sends `signal` to `p` (see `signal::send_to_process`).
pub fn signal_process(p: &Arc<Process>, signal: u32) {
    signal::send_to_process(p, signal);
}

/// Starts `path` as PID 1 with `args` (argv[1..]) and the console as
/// fds 0, 1 and 2.
pub fn spawn_init(path: &str, args: &[&str]) -> crate::errno::KResult<()> {
    use crate::fs::{console::Console, oflags, OpenFile};
    let mut argv: Vec<Vec<u8>> = alloc::vec![path.as_bytes().to_vec()];
    argv.extend(args.iter().map(|a| a.as_bytes().to_vec()));
    let envp: Vec<Vec<u8>> = alloc::vec![b"HOME=/".to_vec(), b"TERM=linux".to_vec(), b"PATH=/bin:/sbin".to_vec()];
    let exec::Loaded { mm, entry, sp, .. } = exec::load(path, &argv, &envp, &cred::Credentials::root())?;
    let console = OpenFile::new(Arc::new(Console), oflags::O_RDWR);
    let mut files = FdTable::new();
    for _ in 0..3 {
        files.install(console.clone(), false, 0)?;
    }
    let pid = alloc_pid();
    let p = Process::new(pid, None, Arc::new(Mutex::new(mm)), Arc::new(Mutex::new(files)), String::from(path));
    set_init(&p);
    *p.argv.lock() = argv;
    let slot = sched::alloc_slot().ok_or(crate::errno::Errno::EAGAIN)?;
    let thread = Thread::new(pid, slot, Some(p.clone()), |top| crate::arch::context::Context::new_user(top, entry, sp))
        .ok_or(crate::errno::Errno::ENOMEM)?;
    let thread = Arc::new(thread);
    p.add_thread(&thread);
    sched::spawn(thread);
    Ok(())
}
