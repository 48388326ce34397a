//! Process and thread system calls: identity, clone/fork/execve,
//! exit/wait, kill, limits, TLS, affinity.
//!
//! The credential calls (get*id, set*id) are in `cred.rs`.

use super::Args;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::mm::uaccess::{read_user, read_user_cstr, write_user, copy_to_user};
use crate::proc::fork::{self, CloneRequest};
use crate::proc::{self, WaitResult, RLIM_NLIMITS};
use crate::sched;
use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::Ordering;

fn me() -> KResult<alloc::sync::Arc<proc::Process>> {
    proc::current().ok_or(Errno::ESRCH)
}

/// getpid()
pub fn getpid(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    sched::with_current(|t| t.process.as_ref().map(|p| u64::from(p.pid))).flatten().ok_or(Errno::ESRCH)
}

/// getppid()
pub fn getppid(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    sched::with_current(|t| t.process.as_ref().map(|p| u64::from(p.ppid.load(Ordering::Acquire))))
        .flatten()
        .ok_or(Errno::ESRCH)
}

/// gettid()
pub fn gettid(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    sched::with_current(|t| u64::from(t.tid)).ok_or(Errno::ESRCH)
}

/// exit(status): ends the calling thread (and the process with its last thread).
pub fn exit(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    // No reference may stay on this stack: the exit paths never return.
    let last = me()?.threads.lock().len() <= 1;
    if last {
        proc::exit_group(proc::exit_status(a[0] as u8));
    }
    proc::exit_thread()
}

/// exit_group(status): ends every thread of the process.
pub fn exit_group(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    proc::exit_group(proc::exit_status(a[0] as u8))
}

/// fork()
pub fn fork(_: &Args, f: &mut TrapFrame) -> KResult<u64> {
    let req = CloneRequest { flags: 17, stack: 0, parent_tid: 0, child_tid: 0, tls: 0 };
    fork::clone(f, &req).map(u64::from)
}

/// vfork(): CLONE_VM | CLONE_VFORK.
pub fn vfork(_: &Args, f: &mut TrapFrame) -> KResult<u64> {
    let req = CloneRequest { flags: fork::flags::CLONE_VM | fork::flags::CLONE_VFORK | 17, stack: 0, parent_tid: 0, child_tid: 0, tls: 0 };
    fork::clone(f, &req).map(u64::from)
}

/// clone(flags, stack, parent_tid, child_tid, tls) (x86-64 argument order).
pub fn clone(a: &Args, f: &mut TrapFrame) -> KResult<u64> {
    let req = CloneRequest { flags: a[0], stack: a[1], parent_tid: a[2], child_tid: a[3], tls: a[4] };
    fork::clone(f, &req).map(u64::from)
}

/// clone3(args, size): `struct clone_args` v0 (64 bytes) and later; a
/// stack is given as (stack, stack_size), the top being stack + size.
pub fn clone3(a: &Args, f: &mut TrapFrame) -> KResult<u64> {
    let size = a[1] as usize;
    if !(64..=4096).contains(&size) {
        return Err(Errno::EINVAL);
    }
    let raw: [u64; 8] = read_user(a[0])?;
    let [flags, _pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls] = raw;
    if flags & 0xff != 0 || exit_signal > 64 || (stack == 0) != (stack_size == 0) {
        return Err(Errno::EINVAL);
    }
    // Fields past v0 (set_tid, cgroup) must be zero: those features do not exist.
    let mut off = 64;
    while off + 8 <= size {
        let v: u64 = read_user(a[0] + off as u64)?;
        if v != 0 {
            return Err(Errno::EINVAL);
        }
        off += 8;
    }
    let req = CloneRequest {
        flags: flags | exit_signal,
        stack: if stack == 0 { 0 } else { stack.checked_add(stack_size).ok_or(Errno::EINVAL)? },
        parent_tid,
        child_tid,
        tls,
    };
    fork::clone(f, &req).map(u64::from)
}

/// A NULL-terminated array of string pointers (argv, envp), bounded by ARG_MAX.
fn string_array(addr: u64) -> KResult<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    let mut total = 0;
    if addr == 0 {
        return Ok(out);
    }
    for i in 0.. {
        let p: u64 = read_user(addr + i * 8)?;
        if p == 0 {
            break;
        }
        let s = read_user_cstr(p, proc::exec::ARG_MAX).map_err(|e| if e == Errno::ENAMETOOLONG { Errno::E2BIG } else { e })?;
        total += s.len() + 1 + 8;
        if total > proc::exec::ARG_MAX {
            return Err(Errno::E2BIG);
        }
        out.push(s);
    }
    Ok(out)
}

/// execve(path, argv, envp)
pub fn execve(a: &Args, f: &mut TrapFrame) -> KResult<u64> {
    let path = String::from_utf8(read_user_cstr(a[0], 4095)?).map_err(|_| Errno::ENOENT)?;
    let argv = string_array(a[1])?;
    let envp = string_array(a[2])?;
    proc::exec::execve(&me()?, f, &path, &argv, &envp)?;
    Ok(0)
}

const WNOHANG: u64 = 1;
const WUNTRACED: u64 = 2;
const WCONTINUED: u64 = 8;
const WALL: u64 = 0x4000_0000;
const WCLONE: u64 = 0x8000_0000;
const WNOTHREAD: u64 = 0x2000_0000;

/// Waits for a child matching `pid` (-1 any, >0 that pid; process groups
/// do not exist yet). Returns (pid, status), or None with WNOHANG.
fn wait_child(pid: i64, options: u64) -> KResult<Option<(u32, i32)>> {
    let nohang = options & WNOHANG != 0;
    let (untraced, continued) = (options & WUNTRACED != 0, options & WCONTINUED != 0);
    let p = me()?;
    let mut outcome = None;
    let ok = p.child_exit.wait_until(|| match proc::reap_child(&p, pid, untraced, continued) {
        WaitResult::Reaped(pid, status) => {
            outcome = Some(Ok(Some((pid, status))));
            true
        }
        WaitResult::NoChild => {
            outcome = Some(Err(Errno::ECHILD));
            true
        }
        WaitResult::NotYet if nohang => {
            outcome = Some(Ok(None));
            true
        }
        WaitResult::NotYet => false,
    });
    if !ok {
        return Err(Errno::EINTR);
    }
    outcome.unwrap_or(Err(Errno::EINTR))
}

/// wait4(pid, wstatus, options, rusage): WNOHANG, WUNTRACED, WCONTINUED.
/// rusage is zeroed.
pub fn wait4(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let options = a[2];
    if options & !(WNOHANG | WUNTRACED | WCONTINUED | WALL | WCLONE | WNOTHREAD) != 0 {
        return Err(Errno::EINVAL);
    }
    match wait_child(a[0] as i32 as i64, options)? {
        Some((pid, status)) => {
            if a[1] != 0 {
                write_user(a[1], &status)?;
            }
            if a[3] != 0 {
                copy_to_user(a[3], &[0u8; 144])?;
            }
            Ok(u64::from(pid))
        }
        None => Ok(0),
    }
}

/// waitid(idtype, id, infop, options): P_ALL and P_PID with WEXITED
/// (and WNOHANG); fills si_signo = SIGCHLD, si_code, si_pid, si_status.
pub fn waitid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const P_ALL: u64 = 0;
    const P_PID: u64 = 1;
    const WEXITED: u64 = 4;
    let (idtype, id, infop, options) = (a[0], a[1], a[2], a[3]);
    if options & WEXITED == 0 || options & !(WNOHANG | WEXITED | WUNTRACED | WCONTINUED | WALL | WCLONE | WNOTHREAD) != 0 {
        return Err(Errno::EINVAL);
    }
    let pid = match idtype {
        P_ALL => -1,
        P_PID => id as i32 as i64,
        _ => return Err(Errno::EINVAL),
    };
    let mut info = [0u32; 32];
    // waitid's WSTOPPED is WUNTRACED's bit.
    if let Some((child, status)) = wait_child(pid, options)? {
        const SIGCHLD: u32 = 17;
        const CLD_EXITED: u32 = 1;
        const CLD_KILLED: u32 = 2;
        info[0] = SIGCHLD;
        const CLD_STOPPED: u32 = 5;
        const CLD_CONTINUED: u32 = 6;
        let (code, value) = if status == 0xffff {
            (CLD_CONTINUED, 18)
        } else if status & 0xff == 0x7f {
            (CLD_STOPPED, (status >> 8) & 0xff)
        } else if status & 0x7f == 0 {
            (CLD_EXITED, (status >> 8) & 0xff)
        } else {
            (CLD_KILLED, status & 0x7f)
        };
        info[2] = code;
        info[4] = child; // si_pid
        info[5] = 0; // si_uid
        info[6] = value as u32; // si_status
    }
    if infop != 0 {
        write_user(infop, &info)?;
    }
    Ok(0)
}

/// kill(pid, sig): pid > 0 one process, 0 the caller's group, -1 every
/// process but init and the caller, < -1 the group -pid; signal 0 checks
/// existence and permission. A signal needs the sender's real or
/// effective uid to match the target's real or saved uid, or root
/// (CAP_KILL); SIGCONT may also go to any process of the same session.
/// `EPERM` when no target may be signalled (for -1: `ESRCH` only when
/// there is no other process, as Linux).
pub fn kill(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let (pid, sig) = (a[0] as i32, a[1] as u32);
    if sig > 64 {
        return Err(Errno::EINVAL);
    }
    let me = me()?;
    let cred = me.cred();
    let permitted = |t: &proc::Process| {
        cred.may_signal(&t.cred())
            || (sig == abi::flags::signal::SIGCONT as u32 && t.sid.load(Ordering::Relaxed) == me.sid.load(Ordering::Relaxed))
    };
    let send = |t: &alloc::sync::Arc<proc::Process>| {
        if !permitted(t) {
            return false;
        }
        if sig != 0 {
            proc::signal_process(t, sig);
        }
        true
    };
    match pid {
        p if p > 0 => {
            let target = proc::find(p as u32).ok_or(Errno::ESRCH)?;
            if !send(&target) {
                return Err(Errno::EPERM);
            }
        }
        -1 => {
            let others: Vec<_> = proc::all_live().into_iter().filter(|p| p.pid != 1 && p.pid != me.pid).collect();
            if others.is_empty() {
                return Err(Errno::ESRCH);
            }
            for p in &others {
                send(p);
            }
        }
        p => {
            let pgid = if p == 0 { me.pgid.load(Ordering::Relaxed) } else { p.unsigned_abs() };
            let members: Vec<_> =
                proc::all_live().into_iter().filter(|p| p.pgid.load(Ordering::Relaxed) == pgid).collect();
            if members.is_empty() {
                return Err(Errno::ESRCH);
            }
            let delivered = members.iter().fold(false, |any, m| send(m) | any);
            if !delivered {
                return Err(Errno::EPERM);
            }
        }
    }
    Ok(0)
}

fn target(pid: u64) -> KResult<alloc::sync::Arc<proc::Process>> {
    if pid == 0 {
        me()
    } else {
        proc::find(pid as u32).ok_or(Errno::ESRCH)
    }
}

/// setpgid(pid, pgid): 0 means the caller / its own pid.
pub fn setpgid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let p = target(a[0])?;
    let pgid = if a[1] == 0 { p.pid } else { u32::try_from(a[1]).map_err(|_| Errno::EINVAL)? };
    if (pgid as i32) < 0 {
        return Err(Errno::EINVAL);
    }
    if p.sid.load(Ordering::Relaxed) == p.pid {
        return Err(Errno::EPERM); // a session leader cannot move
    }
    p.pgid.store(pgid, Ordering::Relaxed);
    Ok(0)
}

/// getpgid(pid)
pub fn getpgid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    Ok(u64::from(target(a[0])?.pgid.load(Ordering::Relaxed)))
}

/// getpgrp()
pub fn getpgrp(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    Ok(u64::from(me()?.pgid.load(Ordering::Relaxed)))
}

/// setsid(): a new session and group led by the caller; EPERM for a group leader.
pub fn setsid(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let p = me()?;
    if p.pgid.load(Ordering::Relaxed) == p.pid {
        return Err(Errno::EPERM);
    }
    p.sid.store(p.pid, Ordering::Relaxed);
    p.pgid.store(p.pid, Ordering::Relaxed);
    Ok(u64::from(p.pid))
}

/// getsid(pid)
pub fn getsid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    Ok(u64::from(target(a[0])?.sid.load(Ordering::Relaxed)))
}

/// The host name (sethostname(2), uname nodename), at most 64 bytes.
static HOSTNAME: spin::Mutex<([u8; 64], usize)> = spin::Mutex::new((*b"exo\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 3));

/// sethostname(name, len): at most 64 bytes (EINVAL beyond); root only
/// (EPERM).
pub fn sethostname(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    super::cred::require_privilege()?;
    let len = usize::try_from(a[1]).ok().filter(|&l| l <= 64).ok_or(Errno::EINVAL)?;
    let mut buf = [0u8; 64];
    crate::mm::uaccess::copy_from_user(&mut buf[..len], a[0])?;
    *HOSTNAME.lock() = (buf, len);
    Ok(0)
}

/// reboot(magic1, magic2, cmd, arg): LINUX_REBOOT_CMD_POWER_OFF and HALT
/// power off, RESTART ends QEMU the same way (no reset path yet);
/// CAD_ON/CAD_OFF are accepted. Root only (EPERM, checked first as Linux).
pub fn reboot(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    super::cred::require_privilege()?;
    const MAGIC1: u64 = 0xfee1_dead;
    const MAGIC2: [u64; 4] = [672_274_793, 85_072_278, 369_367_448, 537_993_216];
    const POWER_OFF: u32 = 0x4321_fedc;
    const HALT: u32 = 0xcdef_0123;
    const RESTART: u32 = 0x0123_4567;
    const CAD_ON: u32 = 0x89ab_cdef;
    const CAD_OFF: u32 = 0;
    if a[0] as u32 as u64 != MAGIC1 || !MAGIC2.contains(&(a[1] as u32 as u64)) {
        return Err(Errno::EINVAL);
    }
    match a[2] as u32 {
        POWER_OFF | HALT | RESTART => {
            log::info!("reboot(2): powering off");
            crate::arch::power_off()
        }
        CAD_ON | CAD_OFF => Ok(0),
        _ => Err(Errno::EINVAL),
    }
}

/// tgkill(tgid, tid, sig): to one thread of a process.
pub fn tgkill(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let target = proc::find(a[0] as u32).ok_or(Errno::ESRCH)?;
    signal_thread(&target, a[1] as u32, a[2])
}

/// tkill(tid, sig): to one thread (of any process).
pub fn tkill(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let tid = a[0] as u32;
    let target = proc::find_thread_process(tid).ok_or(Errno::ESRCH)?;
    signal_thread(&target, tid, a[1])
}

fn signal_thread(p: &alloc::sync::Arc<proc::Process>, tid: u32, sig: u64) -> KResult<u64> {
    if sig > 64 {
        return Err(Errno::EINVAL);
    }
    let thread = p.threads.lock().iter().filter_map(|w| w.upgrade()).find(|t| t.tid == tid).ok_or(Errno::ESRCH)?;
    if sig != 0 {
        proc::signal::send_to_thread(&thread, sig as u32);
    }
    Ok(0)
}

/// uname(buf): six 65-byte fields.
pub fn uname(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let mut buf = [0u8; 65 * 6];
    let (host, host_len) = *HOSTNAME.lock();
    let fields: [&[u8]; 6] = [
        b"Linux",
        &host[..host_len],
        b"6.1.0-exo",
        concat!("Exo-OS ", env!("CARGO_PKG_VERSION")).as_bytes(),
        b"x86_64",
        b"(none)",
    ];
    for (i, f) in fields.iter().enumerate() {
        buf[i * 65..i * 65 + f.len()].copy_from_slice(f);
    }
    copy_to_user(a[0], &buf)?;
    Ok(0)
}

fn rlimit_index(r: u64) -> KResult<usize> {
    usize::try_from(r).ok().filter(|&r| r < RLIM_NLIMITS).ok_or(Errno::EINVAL)
}

/// getrlimit(resource, rlim)
pub fn getrlimit(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let v = me()?.rlimits.lock()[rlimit_index(a[0])?];
    write_user(a[1], &v)?;
    Ok(0)
}

/// setrlimit(resource, rlim): soft <= hard (EINVAL); raising the hard
/// limit needs root (EPERM).
pub fn setrlimit(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let i = rlimit_index(a[0])?;
    let v: [u64; 2] = read_user(a[1])?;
    if v[0] > v[1] {
        return Err(Errno::EINVAL);
    }
    let p = me()?;
    let mut limits = p.rlimits.lock();
    if v[1] > limits[i][1] && !p.cred().is_privileged() {
        return Err(Errno::EPERM);
    }
    limits[i] = v;
    Ok(0)
}

/// prlimit64(pid, resource, new, old): pid 0 is the caller. Raising a
/// hard limit, or another user's process, needs root (EPERM).
pub fn prlimit64(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let p = if a[0] == 0 { me()? } else { proc::find(a[0] as u32).ok_or(Errno::ESRCH)? };
    let i = rlimit_index(a[1])?;
    let new: Option<[u64; 2]> = if a[2] != 0 { Some(read_user(a[2])?) } else { None };
    if new.is_some_and(|v| v[0] > v[1]) {
        return Err(Errno::EINVAL);
    }
    // Another process's limits: same real, effective and saved ids as
    // its real ids, or root (Linux check_prlimit_permission).
    let caller = me()?;
    let (mine, theirs) = (caller.cred(), p.cred());
    let same_user = [theirs.uid, theirs.euid, theirs.suid].iter().all(|&u| u == mine.uid)
        && [theirs.gid, theirs.egid, theirs.sgid].iter().all(|&g| g == mine.gid);
    if !alloc::sync::Arc::ptr_eq(&caller, &p) && !same_user && !mine.is_privileged() {
        return Err(Errno::EPERM);
    }
    let mut limits = p.rlimits.lock();
    let old = limits[i];
    if new.is_some_and(|v| v[1] > old[1]) && !mine.is_privileged() {
        return Err(Errno::EPERM);
    }
    if let Some(v) = new {
        limits[i] = v;
    }
    drop(limits);
    if a[3] != 0 {
        write_user(a[3], &old)?;
    }
    Ok(0)
}

/// arch_prctl(code, addr): ARCH_SET_FS, ARCH_GET_FS, ARCH_SET_GS, ARCH_GET_GS.
pub fn arch_prctl(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const ARCH_SET_GS: u64 = 0x1001;
    const ARCH_SET_FS: u64 = 0x1002;
    const ARCH_GET_FS: u64 = 0x1003;
    const ARCH_GET_GS: u64 = 0x1004;
    let canonical_user = |v: u64| v < crate::mm::address_space::USER_END;
    match a[0] {
        ARCH_SET_FS if canonical_user(a[1]) => crate::arch::set_user_tls(a[1]),
        ARCH_SET_GS if canonical_user(a[1]) => crate::arch::set_user_gs(a[1]),
        ARCH_SET_FS | ARCH_SET_GS => return Err(Errno::EPERM),
        ARCH_GET_FS => write_user(a[1], &crate::arch::user_tls())?,
        ARCH_GET_GS => write_user(a[1], &crate::arch::user_gs())?,
        _ => return Err(Errno::EINVAL),
    }
    Ok(0)
}

/// set_tid_address(tidptr): CLONE_CHILD_CLEARTID for the caller; returns its TID.
pub fn set_tid_address(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let t = sched::current();
    t.clear_child_tid.store(a[0], Ordering::Relaxed);
    Ok(u64::from(t.tid))
}

/// set_robust_list(head, len): len must be 24 (sizeof struct robust_list_head).
/// The list is recorded; walking it at thread exit is not done yet.
pub fn set_robust_list(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[1] != 24 {
        return Err(Errno::EINVAL);
    }
    sched::current().robust_list.store(a[0], Ordering::Relaxed);
    Ok(0)
}

/// sched_getaffinity(pid, size, mask): one CPU, CPU 0; returns the bytes written.
pub fn sched_getaffinity(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let size = a[1] as usize;
    if size < 8 || size % 8 != 0 {
        return Err(Errno::EINVAL);
    }
    write_user(a[2], &1u64)?;
    Ok(8)
}

/// sched_setaffinity(pid, size, mask): the mask must include CPU 0.
pub fn sched_setaffinity(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[1] == 0 {
        return Err(Errno::EINVAL);
    }
    let first: u8 = read_user(a[2])?;
    if first & 1 == 0 {
        return Err(Errno::EINVAL);
    }
    Ok(0)
}

/// sysinfo(info): uptime, memory from the frame allocator (mem_unit 1),
/// process count; load averages 0 (not tracked), no swap.
pub fn sysinfo(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let stats = crate::mm::frame::stats();
    let mut b = [0u8; 112];
    let mut put = |off: usize, v: u64| b[off..off + 8].copy_from_slice(&v.to_le_bytes());
    put(0, crate::time::uptime_ns() / 1_000_000_000);
    put(32, stats.managed_frames * 4096); // totalram
    put(40, stats.free_frames * 4096); // freeram
    let procs = proc::all_live().len().min(usize::from(u16::MAX)) as u16;
    b[80..82].copy_from_slice(&procs.to_le_bytes());
    b[104..108].copy_from_slice(&1u32.to_le_bytes()); // mem_unit
    copy_to_user(a[0], &b)?;
    Ok(0)
}

/// prctl(option, ...): PR_SET_NAME and PR_GET_NAME (16-byte names); other
/// options give EINVAL.
pub fn prctl(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const PR_SET_NAME: u64 = 15;
    const PR_GET_NAME: u64 = 16;
    let p = me()?;
    match a[0] {
        PR_SET_NAME => {
            let name = read_user_cstr(a[1], 4096)?;
            let name = String::from_utf8_lossy(&name[..name.len().min(15)]).into_owned();
            *p.comm.lock() = name;
            Ok(0)
        }
        PR_GET_NAME => {
            let mut buf = [0u8; 16];
            let comm = p.comm.lock().clone();
            buf[..comm.len()].copy_from_slice(comm.as_bytes());
            copy_to_user(a[1], &buf)?;
            Ok(0)
        }
        _ => Err(Errno::EINVAL),
    }
}
