//! Memory system calls: brk, mmap, munmap, mprotect, mremap, madvise,
//! mlock, munlock, msync.

use super::Args;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::fs::tmpfs::{Inode, Node};
use crate::mm::address_space::{prot, Vma, USER_END};
use crate::mm::file_map::FileMap;
use alloc::sync::Arc;
use paging::{align_up, PAGE_SIZE};

const MAP_SHARED: u64 = 0x01;
const MAP_PRIVATE: u64 = 0x02;
const MAP_SHARED_VALIDATE: u64 = 0x03;
const MAP_FIXED: u64 = 0x10;
const MAP_ANONYMOUS: u64 = 0x20;
const MAP_GROWSDOWN: u64 = 0x100;
const MAP_DENYWRITE: u64 = 0x800;
const MAP_EXECUTABLE: u64 = 0x1000;
const MAP_LOCKED: u64 = 0x2000;
const MAP_NORESERVE: u64 = 0x4000;
const MAP_POPULATE: u64 = 0x8000;
const MAP_NONBLOCK: u64 = 0x10000;
const MAP_STACK: u64 = 0x20000;
const MAP_FIXED_NOREPLACE: u64 = 0x100000;
const KNOWN_FLAGS: u64 = MAP_SHARED
    | MAP_PRIVATE
    | MAP_FIXED
    | MAP_ANONYMOUS
    | MAP_GROWSDOWN
    | MAP_DENYWRITE
    | MAP_EXECUTABLE
    | MAP_LOCKED
    | MAP_NORESERVE
    | MAP_POPULATE
    | MAP_NONBLOCK
    | MAP_STACK
    | MAP_FIXED_NOREPLACE;

fn mm() -> KResult<alloc::sync::Arc<spin::Mutex<crate::mm::address_space::AddressSpace>>> {
    Ok(crate::proc::current().ok_or(Errno::EINVAL)?.address_space())
}

fn prot_arg(v: u64) -> KResult<u32> {
    if v & !7 != 0 {
        return Err(Errno::EINVAL);
    }
    Ok(v as u32)
}

/// brk(addr): moves the program break; returns the new (or unchanged) break.
pub fn brk(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let mm = mm()?;
    let mut mm = mm.lock();
    let want = a[0];
    let (start, old) = (mm.brk_start, mm.brk);
    if want < start || want > USER_END {
        return Ok(old);
    }
    let old_end = align_up(old, PAGE_SIZE).unwrap_or(old);
    let new_end = align_up(want, PAGE_SIZE).ok_or(Errno::ENOMEM)?;
    if new_end > old_end {
        if mm.overlaps(old_end, new_end) {
            return Ok(old);
        }
        let vma = Vma { start: old_end, end: new_end, prot: prot::READ | prot::WRITE, shared: false, grows_down: false, locked: false };
        if mm.map(vma).is_err() {
            return Ok(old);
        }
    } else if new_end < old_end {
        mm.unmap(new_end, old_end - new_end)?;
    }
    mm.brk = want;
    Ok(want)
}

/// mmap(addr, length, prot, flags, fd, offset): anonymous private and
/// shared mappings, and mappings of tmpfs regular files (`mm::file_map`):
/// MAP_SHARED maps the file's own pages, MAP_PRIVATE maps them
/// copy-on-write. `/dev/zero` maps as anonymous memory, as in Linux.
///
/// Errors (mmap(2)): `EINVAL` for a zero length, unknown flags, an
/// offset not page-aligned or neither MAP_SHARED nor MAP_PRIVATE; `EBADF`
/// for a bad fd; `EACCES` for a file not open for reading, or MAP_SHARED
/// with PROT_WRITE on a file not open for writing; `ENODEV` for files that
/// cannot be mapped (pipes, directories, terminals, other devices);
/// `EOVERFLOW` when offset + length passes the largest file offset;
/// `ENOMEM` for no room or no memory; `EEXIST` for MAP_FIXED_NOREPLACE
/// over a mapping.
pub fn mmap(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let (addr, len, prot_bits, mut flags, fd, offset) = (a[0], a[1], a[2], a[3], a[4], a[5]);
    let prot = prot_arg(prot_bits)?;
    if len == 0 || flags & !KNOWN_FLAGS != 0 || offset % PAGE_SIZE != 0 {
        return Err(Errno::EINVAL);
    }
    let shared = match flags & MAP_SHARED_VALIDATE {
        MAP_SHARED | MAP_SHARED_VALIDATE => true,
        MAP_PRIVATE => false,
        _ => return Err(Errno::EINVAL),
    };
    let len = align_up(len, PAGE_SIZE).ok_or(Errno::ENOMEM)?;
    let file = if flags & MAP_ANONYMOUS == 0 {
        let f = crate::proc::current().ok_or(Errno::EBADF)?.fd_table().lock().get(super::fd_arg(fd))?;
        match mappable(&f, shared, prot)? {
            Mappable::File(inode) => {
                if offset.checked_add(len).is_none_or(|e| e > i64::MAX as u64) {
                    return Err(Errno::EOVERFLOW);
                }
                // A private mapping never writes to the file.
                let name = f.path.as_deref().map(alloc::sync::Arc::<str>::from);
                Some(FileMap::new(inode, offset / PAGE_SIZE, f.writable() || !shared).named(name))
            }
            Mappable::Zero => {
                flags |= MAP_ANONYMOUS;
                None
            }
        }
    } else {
        None
    };
    let fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE) != 0;
    if fixed && (addr % PAGE_SIZE != 0 || addr.checked_add(len).is_none_or(|e| e > USER_END)) {
        return Err(Errno::EINVAL);
    }
    let mm = mm()?;
    let mut mm = mm.lock();
    if flags & MAP_FIXED_NOREPLACE != 0 && mm.overlaps(addr, addr + len) {
        return Err(Errno::EEXIST);
    }
    let start = if fixed { addr } else { mm.find_free(len, paging::align_down(addr, PAGE_SIZE)).ok_or(Errno::ENOMEM)? };
    let locked = flags & MAP_LOCKED != 0;
    if locked {
        check_memlock(mm.locked_bytes + len)?;
    }
    let is_file = file.is_some();
    let vma = Vma { start, end: start + len, prot, shared, grows_down: flags & MAP_GROWSDOWN != 0 && !is_file, locked };
    mm.map_file(vma, file)?;
    if locked {
        mm.locked_bytes += len;
    }
    // Shared anonymous pages must exist before a fork can share them (a
    // file's pages are found in the file at fault time); MAP_POPULATE and
    // MAP_LOCKED ask for it.
    if (shared && !is_file) || locked || flags & MAP_POPULATE != 0 {
        if let Err(e) = mm.populate(start, start + len) {
            let _ = mm.unmap(start, len);
            return Err(e);
        }
    }
    Ok(start)
}

/// What a file descriptor can be mapped as.
enum Mappable {
    /// A tmpfs regular file.
    File(Arc<Inode>),
    /// `/dev/zero`: anonymous memory.
    Zero,
}

/// Checks `f` may be mapped with `shared` and `prot` (the order of
/// Linux's `do_mmap`): `EACCES` for MAP_SHARED with PROT_WRITE and no
/// write access, then for no read access; `ENODEV` if the file cannot be
/// mapped.
fn mappable(f: &crate::fs::OpenFile, shared: bool, prot: u32) -> KResult<Mappable> {
    if shared && prot & prot::WRITE != 0 && !f.writable() {
        return Err(Errno::EACCES);
    }
    if !f.readable() {
        return Err(Errno::EACCES);
    }
    let inode = f.ops.inode().ok_or(Errno::ENODEV)?;
    match &inode.node {
        Node::File(_) => Ok(Mappable::File(inode)),
        Node::Special(s) if s.kind == crate::fs::mode::S_IFCHR && s.rdev == crate::fs::devfs::dev(1, 5) => Ok(Mappable::Zero),
        _ => Err(Errno::ENODEV),
    }
}

/// munmap(addr, length)
pub fn munmap(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[0] % PAGE_SIZE != 0 || a[1] == 0 {
        return Err(Errno::EINVAL);
    }
    mm()?.lock().unmap(a[0], a[1])?;
    Ok(0)
}

/// mprotect(addr, length, prot)
pub fn mprotect(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let p = prot_arg(a[2])?;
    if a[1] == 0 {
        return if a[0] % PAGE_SIZE == 0 { Ok(0) } else { Err(Errno::EINVAL) };
    }
    mm()?.lock().protect(a[0], a[1], p)?;
    Ok(0)
}

/// mremap(old, old_size, new_size, flags, new_addr): MREMAP_MAYMOVE; in
/// place when shrinking or when the space after is free, else moved.
pub fn mremap(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const MREMAP_MAYMOVE: u64 = 1;
    let (old, old_len, new_len, flags) = (a[0], a[1], a[2], a[3]);
    if old % PAGE_SIZE != 0 || new_len == 0 || flags & !MREMAP_MAYMOVE != 0 {
        return Err(Errno::EINVAL);
    }
    let old_len = align_up(old_len, PAGE_SIZE).ok_or(Errno::EINVAL)?;
    let new_len = align_up(new_len, PAGE_SIZE).ok_or(Errno::ENOMEM)?;
    let mm = mm()?;
    let mut mm = mm.lock();
    let vma = *mm.find(old).ok_or(Errno::EFAULT)?;
    if old.checked_add(old_len).is_none_or(|end| end > vma.end) {
        return Err(Errno::EFAULT);
    }
    let file = mm.file_map_at(old);
    if new_len <= old_len {
        mm.unmap(old + new_len, old_len - new_len)?;
        return Ok(old);
    }
    let grow_end = old.checked_add(new_len).ok_or(Errno::ENOMEM)?;
    if grow_end <= USER_END && !mm.overlaps(old + old_len, grow_end) {
        let more = file.map(|f| f.advanced(old_len / PAGE_SIZE));
        mm.map_file(Vma { start: old + old_len, end: grow_end, ..vma }, more)?;
        return Ok(old);
    }
    if flags & MREMAP_MAYMOVE == 0 {
        return Err(Errno::ENOMEM);
    }
    let new = mm.find_free(new_len, 0).ok_or(Errno::ENOMEM)?;
    mm.map_file(Vma { start: new, end: new + new_len, ..vma }, file)?;
    mm.move_pages(old, new, old_len)?;
    mm.unmap(old, old_len)?;
    Ok(new)
}

/// madvise(addr, length, advice): MADV_DONTNEED and MADV_FREE drop the
/// pages (private anonymous memory reads back as zeroes); other advice is
/// accepted and ignored, as hints may be.
pub fn madvise(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const MADV_DONTNEED: u64 = 4;
    const MADV_FREE: u64 = 8;
    if a[0] % PAGE_SIZE != 0 {
        return Err(Errno::EINVAL);
    }
    if matches!(a[2], MADV_DONTNEED | MADV_FREE) {
        let end = a[0].checked_add(a[1]).ok_or(Errno::EINVAL)?;
        mm()?.lock().drop_pages(a[0], end)?;
    }
    Ok(0)
}

fn check_memlock(total: u64) -> KResult<()> {
    let limit = crate::proc::current().ok_or(Errno::EINVAL)?.rlimits.lock()[8][0];
    if total > limit {
        return Err(Errno::ENOMEM);
    }
    Ok(())
}

/// mlock(addr, length): populates the range and marks it locked, within
/// RLIMIT_MEMLOCK (256 MiB, the seeds' limit). Pages are never swapped
/// anyway; locking guarantees they are present.
pub fn mlock(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let start = paging::align_down(a[0], PAGE_SIZE);
    let end = align_up(a[0].checked_add(a[1]).ok_or(Errno::EINVAL)?, PAGE_SIZE).ok_or(Errno::EINVAL)?;
    let mm = mm()?;
    let mut mm = mm.lock();
    let newly = mm.set_locked(start, end, true)?;
    if let Err(e) = check_memlock(mm.locked_bytes + newly) {
        mm.set_locked(start, end, false)?;
        return Err(e);
    }
    mm.locked_bytes += newly;
    mm.populate(start, end)?;
    Ok(0)
}

/// munlock(addr, length)
pub fn munlock(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let start = paging::align_down(a[0], PAGE_SIZE);
    let end = align_up(a[0].checked_add(a[1]).ok_or(Errno::EINVAL)?, PAGE_SIZE).ok_or(Errno::EINVAL)?;
    let mm = mm()?;
    let mut mm = mm.lock();
    let unlocked = mm.set_locked(start, end, false)?;
    mm.locked_bytes = mm.locked_bytes.saturating_sub(unlocked);
    Ok(0)
}

/// msync(addr, length, flags): MS_ASYNC, MS_SYNC, MS_INVALIDATE. tmpfs
/// has no backing store (a shared mapping is the file's memory), so there
/// is nothing to write back or re-read: the call checks its arguments.
///
/// Errors (msync(2)): `EINVAL` for `addr` not page-aligned, unknown flags,
/// or both MS_ASYNC and MS_SYNC; `ENOMEM` if part of the range (`length`
/// rounded up to pages) is not mapped; `EBUSY` for MS_INVALIDATE over a
/// locked mapping.
pub fn msync(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    const MS_ASYNC: u64 = 1;
    const MS_INVALIDATE: u64 = 2;
    const MS_SYNC: u64 = 4;
    let (start, len, flags) = (a[0], a[1], a[2]);
    if start % PAGE_SIZE != 0
        || flags & !(MS_ASYNC | MS_INVALIDATE | MS_SYNC) != 0
        || flags & (MS_ASYNC | MS_SYNC) == MS_ASYNC | MS_SYNC
    {
        return Err(Errno::EINVAL);
    }
    let end = align_up(start.checked_add(len).ok_or(Errno::ENOMEM)?, PAGE_SIZE).ok_or(Errno::ENOMEM)?;
    let mm = mm()?;
    let mm = mm.lock();
    let mut at = start;
    while at < end {
        let v = mm.find(at).ok_or(Errno::ENOMEM)?;
        if flags & MS_INVALIDATE != 0 && v.locked {
            return Err(Errno::EBUSY);
        }
        at = v.end;
    }
    Ok(0)
}
