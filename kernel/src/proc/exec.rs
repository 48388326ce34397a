//! execve: replaces a process's program with an ELF file from the root
//! file system (layout planned by the `elfload` crate).
//!
//! Static executables (ET_EXEC) and static-PIE (ET_DYN without
//! PT_INTERP) load; a PT_INTERP gives ENOEXEC until dynamic linking
//! exists. Segments are copied into private anonymous pages at load time.

use super::Process;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::fs::perm;
use crate::fs::tmpfs::{self, Node};
use cred::perm::Owner;
use cred::Credentials;
use crate::mm::address_space::{prot, AddressSpace, Vma, STACK_TOP};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::Ordering;
use paging::{align_down, PAGE_SIZE};
use spin::Mutex;

/// Most bytes of argument and environment strings (Linux: a quarter of
/// the 8 MiB stack limit).
pub const ARG_MAX: usize = 2 << 20;
/// Initial stack mapping below `STACK_TOP`; it grows on demand.
const INITIAL_STACK: u64 = 128 * 1024;

/// The program image read from a file, with the file's mode and owner
/// (set-user-id; those bits cleared on a nosuid mount). `EACCES` without
/// execute permission for `cred` or on a noexec mount.
fn read_program(path: &str, cred: &Credentials) -> KResult<(Vec<u8>, Owner)> {
    let cwd = super::current().map_or_else(tmpfs::root, |p| p.cwd.lock().clone());
    let inode = crate::fs::path::resolve(&cwd, path, true)?;
    match &inode.node {
        Node::File(data) => {
            let mount = crate::fs::mount::flags_of(&inode);
            if mount.noexec {
                return Err(Errno::EACCES);
            }
            perm::check(cred, &inode, perm::EXEC)?;
            let image = data.lock().to_vec()?;
            let mut owner = perm::owner(&inode);
            if mount.nosuid {
                owner.mode &= !(abi::flags::stat::S_ISUID | abi::flags::stat::S_ISGID);
            }
            Ok((image, owner))
        }
        Node::Dir(_) | Node::DynDir(_) | Node::Special(_) => Err(Errno::EACCES),
        Node::Symlink(_) => Err(Errno::ELOOP),
    }
}

/// A program ready to run: its address space, entry point, initial
/// stack pointer, and the credentials it runs with.
pub struct Loaded {
    /// The new address space.
    pub mm: AddressSpace,
    /// Entry point (user address).
    pub entry: u64,
    /// Initial stack pointer (user address).
    pub sp: u64,
    /// The caller's credentials after the file's set-user-id and
    /// set-group-id bits (`Credentials::exec`).
    pub cred: Credentials,
}

/// Builds a new address space running `path` with `argv` and `envp`
/// for a caller with credentials `cred`.
pub fn load(path: &str, argv: &[Vec<u8>], envp: &[Vec<u8>], cred: &Credentials) -> KResult<Loaded> {
    let (image, owner) = read_program(path, cred)?;
    let mut cred = cred.clone();
    cred.exec(owner.mode, (owner.uid, owner.gid));
    // AT_SECURE tells the C library not to trust the environment.
    let secure = u64::from(cred.euid != cred.uid || cred.egid != cred.gid);
    let plan = elfload::plan(&image).map_err(|e| {
        log::debug!("execve {path}: {e}");
        Errno::ENOEXEC
    })?;
    let plan = if plan.is_pie { plan.with_bias(elfload::DEFAULT_PIE_BASE).map_err(|_| Errno::ENOEXEC)? } else { plan };
    let mut mm = AddressSpace::new()?;
    for seg in &plan.segments {
        let mut p = 0;
        if seg.readable {
            p |= prot::READ;
        }
        if seg.writable {
            p |= prot::WRITE;
        }
        if seg.executable {
            p |= prot::EXEC;
        }
        // As Linux maps segments with MAP_FIXED one after the other, a page
        // two segments share takes the later one's protection, and its
        // contents come from the file for both (their file offsets agree
        // with their addresses modulo the page size).
        mm.map(Vma { start: seg.map_start(), end: seg.map_end(), prot: p, shared: false, grows_down: false, locked: false })?;
        if seg.filesz > 0 {
            let from = seg.file_page_offset() as usize;
            let to = (seg.file_offset + seg.filesz) as usize;
            let bytes = image.get(from..to).ok_or(Errno::ENOEXEC)?;
            mm.write_bytes(seg.map_start(), bytes)?;
        }
    }
    mm.brk_start = plan.brk_start;
    mm.brk = plan.brk_start;

    let stack_prot = prot::READ | prot::WRITE | if plan.stack_executable { prot::EXEC } else { 0 };
    mm.map(Vma {
        start: STACK_TOP - INITIAL_STACK,
        end: STACK_TOP,
        prot: stack_prot,
        shared: false,
        grows_down: true,
        locked: false,
    })?;
    let hwcap = crate::arch::hwcap();
    use abi::flags::auxv as at;
    let [phdr, phent, phnum, entry, base] = plan.aux_entries();
    let auxv = [
        phdr,
        phent,
        phnum,
        (at::AT_PAGESZ, PAGE_SIZE),
        base,
        (at::AT_FLAGS, 0),
        entry,
        (at::AT_UID, u64::from(cred.uid)),
        (at::AT_EUID, u64::from(cred.euid)),
        (at::AT_GID, u64::from(cred.gid)),
        (at::AT_EGID, u64::from(cred.egid)),
        (at::AT_SECURE, secure),
        (at::AT_HWCAP, hwcap),
        (at::AT_HWCAP2, 0),
        (at::AT_CLKTCK, crate::time::HZ),
    ];
    let mut random = [0u8; 16];
    crate::random::fill(&mut random);
    let argv_refs: Vec<&[u8]> = argv.iter().map(|a| a.as_slice()).collect();
    let envp_refs: Vec<&[u8]> = envp.iter().map(|a| a.as_slice()).collect();
    let args = elfload::StackArgs {
        argv: &argv_refs,
        envp: &envp_refs,
        auxv: &auxv,
        random,
        execfn: path.as_bytes(),
        platform: b"x86_64",
        stack_rlimit_bytes: crate::mm::address_space::STACK_LIMIT,
    };
    let stack = elfload::build_stack(STACK_TOP, &args).map_err(|_| Errno::E2BIG)?;
    let stack_base = STACK_TOP - stack.bytes.len() as u64;
    if stack_base < STACK_TOP - INITIAL_STACK {
        mm.map(Vma {
            start: align_down(stack_base, PAGE_SIZE),
            end: STACK_TOP - INITIAL_STACK,
            prot: stack_prot,
            shared: false,
            grows_down: false,
            locked: false,
        })?;
    }
    mm.write_bytes(stack_base, &stack.bytes)?;
    Ok(Loaded { mm, entry: plan.entry, sp: stack.sp, cred })
}

/// Runs `path` in the current process, replacing its program: the user
/// registers in `frame` are reset to the new entry point. The old
/// address space goes; FD_CLOEXEC descriptors are closed; caught signals
/// return to their default action; a set-user-id or set-group-id file
/// changes the effective ids.
pub fn execve(process: &Arc<Process>, frame: &mut TrapFrame, path: &str, argv: &[Vec<u8>], envp: &[Vec<u8>]) -> KResult<()> {
    if process.threads.lock().len() > 1 {
        // Linux kills the other threads first (de_thread); not done yet.
        return Err(Errno::EBUSY);
    }
    let Loaded { mm, entry, sp, cred } = load(path, argv, envp, &process.cred())?;
    process.change_cred(|c| {
        *c = cred;
        Ok(())
    })?;
    let old = process.replace_mm(Arc::new(Mutex::new(mm)));
    drop(old);
    process.fd_table().lock().close_on_exec();
    super::timer::exec(process.pid);
    for action in process.sigactions.lock().iter_mut() {
        // A handler (anything but SIG_DFL 0 and SIG_IGN 1) becomes SIG_DFL.
        if action[0] > 1 {
            *action = [0; 4];
        }
    }
    // Running /proc/<pid>/exe (busybox applets do) keeps that program's path.
    if !(path.starts_with("/proc/") && path.ends_with("/exe")) {
        let cwd = process.cwd.lock().clone();
        let resolved = crate::fs::path::canonical(&cwd, path).unwrap_or_else(|_| alloc::string::String::from(path));
        *process.exe.lock() = resolved;
    }
    *process.comm.lock() = super::comm_from_path(path);
    *process.argv.lock() = argv.to_vec();
    *frame = TrapFrame {
        rip: entry,
        rsp: sp,
        rcx: entry,
        ..crate::arch::context::initial_user_frame()
    };
    crate::arch::set_user_tls(0);
    // SAFETY: the running thread's own context, while it runs.
    crate::arch::context::reset_running_fpu(unsafe { crate::sched::current().context() });
    process.vfork_done.store(true, Ordering::Release);
    if let Some(parent) = process.parent.lock().upgrade() {
        parent.child_exit.wake_all();
    }
    Ok(())
}
