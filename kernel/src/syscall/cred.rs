//! Credential system calls: get*id, set*id, setfs*id, get/setgroups
//! (credentials(7)). The rules live in the `cred` crate; these handlers
//! move ids between registers, user memory and the process.
//!
//! Ids are 32-bit: the upper half of each argument register is ignored,
//! as Linux's `uid_t` parameters do.

use super::Args;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::mm::uaccess::{copy_from_user, copy_to_user, write_user};
use crate::proc::{self, Process};
use alloc::sync::Arc;
use alloc::vec::Vec;
use cred::{Credentials, NGROUPS_MAX};

fn me() -> KResult<Arc<Process>> {
    proc::current().ok_or(Errno::ESRCH)
}

fn id(arg: u64) -> u32 {
    arg as u32
}

fn read_id(pick: fn(&Credentials) -> u32) -> KResult<u64> {
    Ok(u64::from(pick(&me()?.cred())))
}

/// getuid(): the real user id.
pub fn getuid(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    read_id(|c| c.uid)
}

/// geteuid(): the effective user id.
pub fn geteuid(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    read_id(|c| c.euid)
}

/// getgid(): the real group id.
pub fn getgid(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    read_id(|c| c.gid)
}

/// getegid(): the effective group id.
pub fn getegid(_: &Args, _: &mut TrapFrame) -> KResult<u64> {
    read_id(|c| c.egid)
}

/// setuid(uid): `EPERM`, `EINVAL` for -1.
pub fn setuid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    me()?.change_cred(|c| c.setuid(id(a[0]))).map(|()| 0)
}

/// setgid(gid): `EPERM`, `EINVAL` for -1.
pub fn setgid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    me()?.change_cred(|c| c.setgid(id(a[0]))).map(|()| 0)
}

/// setreuid(ruid, euid): -1 keeps an id; `EPERM` if not allowed
/// (`Credentials::setreuid`).
pub fn setreuid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    me()?.change_cred(|c| c.setreuid(id(a[0]), id(a[1]))).map(|()| 0)
}

/// setregid(rgid, egid): -1 keeps an id; `EPERM` if not allowed.
pub fn setregid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    me()?.change_cred(|c| c.setregid(id(a[0]), id(a[1]))).map(|()| 0)
}

/// setresuid(ruid, euid, suid): -1 keeps an id; `EPERM` if not allowed
/// (`Credentials::setresuid`).
pub fn setresuid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    me()?.change_cred(|c| c.setresuid(id(a[0]), id(a[1]), id(a[2]))).map(|()| 0)
}

/// setresgid(rgid, egid, sgid): -1 keeps an id; `EPERM` if not allowed.
pub fn setresgid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    me()?.change_cred(|c| c.setresgid(id(a[0]), id(a[1]), id(a[2]))).map(|()| 0)
}

/// Writes three ids to three user addresses (getresuid, getresgid);
/// `EFAULT` if any is bad.
fn write_three(a: &Args, ids: [u32; 3]) -> KResult<u64> {
    for (addr, value) in a.iter().zip(ids) {
        write_user(*addr, &value)?;
    }
    Ok(0)
}

/// getresuid(&ruid, &euid, &suid): `EFAULT` for a bad pointer.
pub fn getresuid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let c = me()?.cred();
    write_three(a, [c.uid, c.euid, c.suid])
}

/// getresgid(&rgid, &egid, &sgid): `EFAULT` for a bad pointer.
pub fn getresgid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let c = me()?.cred();
    write_three(a, [c.gid, c.egid, c.sgid])
}

/// setfsuid(fsuid): returns the previous fsuid (never an error).
pub fn setfsuid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    me()?.change_cred(|c| Ok(c.setfsuid(id(a[0])))).map(u64::from)
}

/// setfsgid(fsgid): returns the previous fsgid (never an error).
pub fn setfsgid(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    me()?.change_cred(|c| Ok(c.setfsgid(id(a[0])))).map(u64::from)
}

/// getgroups(size, list): with size 0 the count only; `EINVAL` if the
/// groups do not fit in `size` entries (or size is negative).
pub fn getgroups(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let size = usize::try_from(a[0] as i32).map_err(|_| Errno::EINVAL)?;
    let c = me()?.cred();
    let n = c.groups.len();
    if size != 0 {
        if n > size {
            return Err(Errno::EINVAL);
        }
        let bytes: Vec<u8> = c.groups.iter().flat_map(|g| g.to_ne_bytes()).collect();
        copy_to_user(a[1], &bytes)?;
    }
    Ok(n as u64)
}

/// setgroups(size, list): `EPERM` without CAP_SETGID, `EINVAL` for a
/// size past NGROUPS_MAX (or negative), `EFAULT` for a bad list.
pub fn setgroups(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let p = me()?;
    if !p.cred().is_privileged() {
        return Err(Errno::EPERM);
    }
    let size = usize::try_from(a[0] as i32).ok().filter(|&n| n <= NGROUPS_MAX).ok_or(Errno::EINVAL)?;
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(size * 4).map_err(|_| Errno::ENOMEM)?;
    bytes.resize(size * 4, 0);
    copy_from_user(&mut bytes, a[1])?;
    let groups: Vec<u32> = bytes.chunks_exact(4).map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]])).collect();
    p.change_cred(|c| c.setgroups(&groups)).map(|()| 0)
}

/// `Err(EPERM)` unless the caller holds the administrative capabilities
/// (CAP_SYS_ADMIN, CAP_SYS_BOOT, CAP_SYS_RESOURCE): effective uid 0.
pub(super) fn require_privilege() -> KResult<()> {
    if me()?.cred().is_privileged() {
        Ok(())
    } else {
        Err(Errno::EPERM)
    }
}
