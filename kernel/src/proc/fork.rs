//! fork, vfork, clone and clone3: new processes and new threads.
//!
//! clone(2) flags honoured: CLONE_VM, CLONE_FS (no per-process fs state
//! yet, so a no-op), CLONE_FILES, CLONE_SIGHAND, CLONE_THREAD,
//! CLONE_SYSVSEM (no SysV semaphores yet, so a no-op), CLONE_SETTLS,
//! CLONE_PARENT_SETTID, CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID,
//! CLONE_VFORK. Other flags give EINVAL.

use super::{alloc_pid, Process};
use crate::arch::context::Context;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::sched::{self, Thread};
use alloc::sync::Arc;
use core::sync::atomic::Ordering;
use spin::Mutex;

/// CLONE_* flags (Linux uapi/linux/sched.h).
pub mod flags {
    pub use abi::flags::clone::{
        CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID, CLONE_FILES, CLONE_FS, CLONE_PARENT_SETTID, CLONE_SETTLS, CLONE_SIGHAND,
        CLONE_SYSVSEM, CLONE_THREAD, CLONE_VFORK, CLONE_VM, CSIGNAL,
    };
}
use flags::*;

const SUPPORTED: u64 = CLONE_VM
    | CLONE_FS
    | CLONE_FILES
    | CLONE_SIGHAND
    | CLONE_VFORK
    | CLONE_THREAD
    | CLONE_SYSVSEM
    | CLONE_SETTLS
    | CLONE_PARENT_SETTID
    | CLONE_CHILD_CLEARTID
    | CLONE_CHILD_SETTID
    | CSIGNAL;

/// What clone was asked for (the clone3 `struct clone_args` fields we use).
pub struct CloneRequest {
    /// CLONE_* flags and the exit signal.
    pub flags: u64,
    /// New user stack pointer (0: the parent's).
    pub stack: u64,
    /// Where CLONE_PARENT_SETTID stores the TID.
    pub parent_tid: u64,
    /// Where CLONE_CHILD_SETTID/CLEARTID point.
    pub child_tid: u64,
    /// TLS base for CLONE_SETTLS.
    pub tls: u64,
}

/// Creates the child described by `req` from the calling thread, whose
/// user registers are `frame`; returns the child's TID (its PID for a new
/// process). The child returns 0 from the call.
pub fn clone(frame: &TrapFrame, req: &CloneRequest) -> KResult<u32> {
    let f = req.flags;
    if f & !SUPPORTED != 0
        || (f & CLONE_THREAD != 0 && f & CLONE_SIGHAND == 0)
        || (f & CLONE_SIGHAND != 0 && f & CLONE_VM == 0)
    {
        return Err(Errno::EINVAL);
    }
    let me = sched::current();
    let parent = me.process.clone().ok_or(Errno::EINVAL)?;
    let tid = alloc_pid();
    let process = if f & CLONE_THREAD != 0 {
        parent.clone()
    } else {
        let mm = if f & CLONE_VM != 0 {
            parent.address_space()
        } else {
            let forked = parent.address_space().lock().fork()?;
            Arc::new(Mutex::new(forked))
        };
        let files = if f & CLONE_FILES != 0 {
            parent.fd_table()
        } else {
            Arc::new(Mutex::new(parent.fd_table().lock().clone()))
        };
        let child = Process::new(tid, Some(&parent), mm, files, parent.exe.lock().clone());
        *child.sigactions.lock() = *parent.sigactions.lock();
        child
    };

    let mut child_frame = *frame;
    child_frame.rax = 0;
    if req.stack != 0 {
        child_frame.rsp = req.stack;
    }
    // Undoes a new process on failure, so the parent never waits for it.
    let abandon = |e: Errno| {
        if !Arc::ptr_eq(&process, &parent) {
            parent.children.lock().retain(|c| !Arc::ptr_eq(c, &process));
        }
        e
    };
    let slot = sched::alloc_slot().ok_or(Errno::EAGAIN).map_err(abandon)?;
    let built = Thread::new(tid, slot, Some(process.clone()), |top| Context::with_frame(top, &child_frame));
    let Some(thread) = built else {
        sched::release_slot(slot);
        return Err(abandon(Errno::ENOMEM));
    };
    // SAFETY: the child has not run yet; the parent is the running thread.
    unsafe {
        let ctx = thread.context();
        ctx.inherit_from_running(me.context());
        if f & CLONE_SETTLS != 0 {
            ctx.fs_base = req.tls;
        }
    }
    thread.sigmask.store(me.sigmask.load(Ordering::Relaxed), Ordering::Relaxed);
    if f & CLONE_CHILD_CLEARTID != 0 {
        thread.clear_child_tid.store(req.child_tid, Ordering::Relaxed);
    }
    let settid = (|| {
        if f & CLONE_PARENT_SETTID != 0 {
            crate::mm::uaccess::write_user(req.parent_tid, &tid)?;
        }
        if f & CLONE_CHILD_SETTID != 0 {
            // In the child's address space, which may be a copy.
            process.address_space().lock().write_bytes(req.child_tid, &tid.to_ne_bytes())?;
        }
        Ok(())
    })();
    if let Err(e) = settid {
        sched::release_slot(slot);
        return Err(abandon(e));
    }
    let thread = Arc::new(thread);
    process.add_thread(&thread);
    sched::spawn(thread);
    if f & CLONE_VFORK != 0 {
        parent.child_exit.wait_until(|| process.vfork_done.load(Ordering::Acquire));
    }
    Ok(tid)
}
