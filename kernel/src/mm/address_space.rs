//! User address spaces: a page table whose upper half is the kernel's,
//! and the list of virtual memory areas (vmas) that say what may be
//! mapped below. Pages are allocated on first touch (demand paging);
//! fork shares private pages copy-on-write. Vmas may map tmpfs files
//! (`file_map`): shared ones map the file's own frames, private ones map
//! them read-only and copy on the first write.
//!
//! Design note: the vma list is the truth and the page table a cache of
//! it: a page fault inside a vma with the right permission maps a page,
//! anything else is a SIGSEGV. Private writable pages shared after fork
//! are mapped read-only in both processes; the first write copies the page
//! unless its reference count shows it is no longer shared.

use super::file_map::{self, FileMap};
use super::{frame, phys_to_virt};
use crate::arch::paging::{self, MapError, PageSize};
use crate::errno::{Errno, KResult};
use alloc::collections::BTreeMap;
use alloc::sync::Arc;
use core::sync::atomic::{AtomicU64, Ordering};
use paging_flags::*;

/// PROT_* bits (Linux mman-common.h).
pub mod prot {
    /// Pages may be read.
    pub const READ: u32 = 1;
    /// Pages may be written.
    pub const WRITE: u32 = 2;
    /// Pages may be executed.
    pub const EXEC: u32 = 4;
}

mod paging_flags {
    pub use ::paging::{align_down, align_up, Pte, PAGE_SIZE};
}

/// End of the user half: addresses must stay below (Linux TASK_SIZE_MAX).
pub const USER_END: u64 = 0x0000_7fff_ffff_f000;
/// Top of the main thread's stack (Linux puts it just below TASK_SIZE, randomised).
pub const STACK_TOP: u64 = 0x0000_7fff_ffff_e000;
/// Stack size limit (RLIMIT_STACK default, 8 MiB).
pub const STACK_LIMIT: u64 = 8 << 20;
/// Where top-down mmap allocation starts (below the stack and its gap).
pub const MMAP_TOP: u64 = STACK_TOP - STACK_LIMIT - (128 << 20);
/// Lowest address mmap hands out without MAP_FIXED (Linux mmap_min_addr).
pub const MMAP_MIN: u64 = 0x1_0000;

/// A virtual memory area: [start, end), page-aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vma {
    /// First address.
    pub start: u64,
    /// One past the last address.
    pub end: u64,
    /// `prot::*` bits.
    pub prot: u32,
    /// Shared between processes after fork (MAP_SHARED), not copy-on-write.
    pub shared: bool,
    /// The stack: may grow down to `STACK_LIMIT` below `STACK_TOP`.
    pub grows_down: bool,
    /// mlock'ed: pages stay resident (they are populated at lock time).
    pub locked: bool,
}

/// Why a user page fault could not be resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// No vma there, or the access is not allowed: SIGSEGV.
    Segv,
    /// No memory for the page: the process is killed (SIGBUS/OOM).
    NoMemory,
    /// A file mapping's page lies wholly past the end of the file: SIGBUS.
    Bus,
}

/// A process's user address space.
pub struct AddressSpace {
    root: u64,
    vmas: BTreeMap<u64, Vma>,
    /// The file behind each file-backed vma, by the vma's start.
    file_maps: BTreeMap<u64, FileMap>,
    /// Start of the heap (end of the program's data), page-aligned.
    pub brk_start: u64,
    /// Current program break (may be unaligned).
    pub brk: u64,
    /// Bytes currently mlock'ed.
    pub locked_bytes: u64,
}

fn leaf_flags(prot: u32) -> u64 {
    let mut f = Pte::USER;
    if prot & prot::WRITE != 0 {
        f |= Pte::WRITABLE;
    }
    if prot & prot::EXEC == 0 {
        f |= super::kernel_space::no_execute();
    }
    f
}

/// Frames held by user address spaces (pages and their page tables),
/// file pages not included.
static USER_FRAMES: AtomicU64 = AtomicU64::new(0);
/// Frames holding tmpfs file pages (`frame::FLAG_FILE`), whether a file,
/// a mapping or both hold them.
static FILE_FRAMES: AtomicU64 = AtomicU64::new(0);

/// Frames currently held by all user address spaces: 0 when no process
/// exists (the leak check the tests read at power-off).
pub fn user_frames() -> u64 {
    USER_FRAMES.load(Ordering::Relaxed)
}

/// Frames currently holding tmpfs file pages (they live as long as the
/// files or the mappings of them).
pub fn file_frames() -> u64 {
    FILE_FRAMES.load(Ordering::Relaxed)
}

/// A frame for a tmpfs file page (zero-filled if `zeroed`), marked
/// `FLAG_FILE`, with one reference; `None` if no frame is free.
pub fn alloc_file_frame(zeroed: bool) -> Option<u64> {
    let phys = if zeroed { frame::alloc_zeroed() } else { frame::alloc(0) }?;
    frame::set_flags(phys, frame::FLAG_FILE);
    FILE_FRAMES.fetch_add(1, Ordering::Relaxed);
    Some(phys)
}

fn alloc_user_frame(zeroed: bool) -> Option<u64> {
    let phys = if zeroed { frame::alloc_zeroed() } else { frame::alloc(0) }?;
    USER_FRAMES.fetch_add(1, Ordering::Relaxed);
    Some(phys)
}

/// Drops a reference to a user or file page; when it was the last, the
/// frame is freed and leaves its count (user or file frames).
pub fn put_page(phys: u64) {
    match frame::put_page(phys) {
        Some(flags) if flags & frame::FLAG_FILE != 0 => FILE_FRAMES.fetch_sub(1, Ordering::Relaxed),
        Some(_) => USER_FRAMES.fetch_sub(1, Ordering::Relaxed),
        None => 0,
    };
}

fn put_user_page(phys: u64) {
    put_page(phys);
}

fn free_user_table(phys: u64) {
    frame::free(phys, 0);
    USER_FRAMES.fetch_sub(1, Ordering::Relaxed);
}

fn alloc_table() -> Option<u64> {
    alloc_user_frame(true)
}

impl AddressSpace {
    /// An empty address space sharing the kernel half. `Err(ENOMEM)` if no frame.
    pub fn new() -> KResult<AddressSpace> {
        let root = alloc_user_frame(true).ok_or(Errno::ENOMEM)?;
        paging::copy_kernel_half(super::kernel_space::root(), root);
        Ok(AddressSpace { root, vmas: BTreeMap::new(), file_maps: BTreeMap::new(), brk_start: 0, brk: 0, locked_bytes: 0 })
    }

    /// Physical address of the PML4 (for CR3).
    pub fn root(&self) -> u64 {
        self.root
    }

    /// What the vma starting at `start` maps of a file, if it is a file
    /// mapping (/proc/<pid>/maps).
    pub fn file_map(&self, start: u64) -> Option<&FileMap> {
        self.file_maps.get(&start)
    }

    /// Every vma, by address (/proc/<pid>/maps).
    pub fn vmas(&self) -> impl Iterator<Item = &Vma> {
        self.vmas.values()
    }

    /// Pages mapped now (resident set size, /proc/<pid>/stat).
    pub fn resident_pages(&self) -> u64 {
        let mut n = 0;
        paging::for_each_leaf(self.root, 0, USER_END, &mut |_, _| n += 1);
        n
    }

    /// The vma containing `addr`.
    pub fn find(&self, addr: u64) -> Option<&Vma> {
        self.vmas.range(..=addr).next_back().map(|(_, v)| v).filter(|v| addr < v.end)
    }

    /// How many bytes from `addr` (at most `len`) lie in vmas that allow
    /// writing, without a gap: what a copy to user memory there can fill.
    /// The gap below a stack that may grow down counts as writable, as the
    /// fault handler would grow the stack into it; a file mapping counts up
    /// to the end of the file's last page.
    pub fn writable_prefix(&self, addr: u64, len: u64) -> u64 {
        let end = addr.saturating_add(len);
        let mut at = addr;
        while at < end {
            match self.find(at) {
                Some(v) if v.prot & prot::WRITE != 0 => {
                    let Some(f) = self.file_maps.get(&v.start) else {
                        at = v.end;
                        continue;
                    };
                    // A file mapping ends, for a copy, at the file's last
                    // page: past it an access is SIGBUS.
                    let pages = match &f.inode.node {
                        crate::fs::tmpfs::Node::File(d) => d.lock().len_pages().saturating_sub(f.pgoff),
                        _ => 0,
                    };
                    let file_end = v.start.saturating_add(pages.saturating_mul(PAGE_SIZE));
                    if file_end < v.end {
                        at = at.max(file_end);
                        break;
                    }
                    at = v.end;
                }
                Some(_) => break,
                None => {
                    let above = self.vmas.range(at..).next().map(|(_, v)| *v);
                    match above {
                        Some(v) if v.grows_down && v.prot & prot::WRITE != 0 && at >= STACK_TOP - STACK_LIMIT => at = v.start,
                        _ => break,
                    }
                }
            }
        }
        at.min(end) - addr
    }

    /// True if any vma overlaps [start, end).
    pub fn overlaps(&self, start: u64, end: u64) -> bool {
        self.vmas.range(..end).next_back().is_some_and(|(_, v)| v.end > start)
    }

    /// A free, page-aligned range of `len` bytes: at `hint` if free there,
    /// else the highest free range below `MMAP_TOP`.
    pub fn find_free(&self, len: u64, hint: u64) -> Option<u64> {
        if hint >= MMAP_MIN && hint.checked_add(len).is_some_and(|e| e <= USER_END) && !self.overlaps(hint, hint + len) {
            return Some(hint);
        }
        let mut top = MMAP_TOP;
        for v in self.vmas.values().rev() {
            if v.start >= top {
                continue;
            }
            if v.end <= top.checked_sub(len)? {
                return Some(top - len);
            }
            top = v.start;
        }
        let start = top.checked_sub(len)?;
        (start >= MMAP_MIN).then_some(start)
    }

    /// Adds a vma for [start, start + len) after unmapping whatever was there.
    pub fn map(&mut self, vma: Vma) -> KResult<()> {
        self.map_file(vma, None)
    }

    /// Adds a vma like [`map`](Self::map), backed by `file` if given (its
    /// `pgoff` is the file page at `vma.start`). `EINVAL` for a vma not
    /// page-aligned, empty or past the user half.
    pub fn map_file(&mut self, vma: Vma, file: Option<FileMap>) -> KResult<()> {
        if vma.start % PAGE_SIZE != 0 || vma.end % PAGE_SIZE != 0 || vma.start >= vma.end || vma.end > USER_END {
            return Err(Errno::EINVAL);
        }
        self.unmap(vma.start, vma.end - vma.start)?;
        self.vmas.insert(vma.start, vma);
        if let Some(f) = file {
            self.file_maps.insert(vma.start, f);
        }
        Ok(())
    }

    /// The file mapped at `addr`, seen from `addr`'s page (its `pgoff` is
    /// the file page there); `None` for anonymous memory or no vma.
    pub fn file_map_at(&self, addr: u64) -> Option<FileMap> {
        let v = self.find(addr)?;
        let f = self.file_maps.get(&v.start)?;
        Some(f.advanced((align_down(addr, PAGE_SIZE) - v.start) / PAGE_SIZE))
    }

    /// True if `vma` is a shared mapping of a file that was not open for
    /// writing (it may never become writable).
    fn shared_read_only_file(&self, vma: &Vma) -> bool {
        vma.shared && self.file_maps.get(&vma.start).is_some_and(|f| !f.may_write)
    }

    /// Splits the vma containing `at` (if any, and if `at` is inside it) in two at `at`.
    fn split_at(&mut self, at: u64) {
        let Some(v) = self.find(at).copied() else { return };
        if v.start == at {
            return;
        }
        self.vmas.insert(v.start, Vma { end: at, ..v });
        self.vmas.insert(at, Vma { start: at, ..v });
        if let Some(f) = self.file_maps.get(&v.start) {
            let right = f.advanced((at - v.start) / PAGE_SIZE);
            self.file_maps.insert(at, right);
        }
    }

    /// Removes [start, start + len): vmas are cut, pages freed. Both
    /// page-aligned (len rounded up); `Err(EINVAL)` otherwise.
    pub fn unmap(&mut self, start: u64, len: u64) -> KResult<()> {
        let end = align_up(start.checked_add(len).ok_or(Errno::EINVAL)?, PAGE_SIZE).ok_or(Errno::EINVAL)?;
        if start % PAGE_SIZE != 0 || end > USER_END {
            return Err(Errno::EINVAL);
        }
        self.split_at(start);
        self.split_at(end);
        let doomed: alloc::vec::Vec<u64> = self.vmas.range(start..end).map(|(&s, _)| s).collect();
        for s in doomed {
            if let Some(v) = self.vmas.remove(&s) {
                if v.locked {
                    self.locked_bytes -= v.end - v.start;
                }
                self.release_pages(v.start, v.end);
                self.file_maps.remove(&s);
            }
        }
        Ok(())
    }

    fn release_pages(&mut self, start: u64, end: u64) {
        let mut freed = alloc::vec::Vec::new();
        paging::for_each_leaf(self.root, start, end, &mut |_, pte| {
            freed.push(pte.addr());
            *pte = Pte(0);
        });
        if !freed.is_empty() {
            crate::arch::flush_tlb_range(start, end);
        }
        for phys in freed {
            put_user_page(phys);
        }
    }

    /// Changes the protection of [start, start + len); every page of the
    /// range must be in a vma (`Err(ENOMEM)` otherwise, as Linux), and
    /// `EACCES` if PROT_WRITE is asked for a shared mapping of a file not
    /// open for writing. Nothing changes on error.
    pub fn protect(&mut self, start: u64, len: u64, new_prot: u32) -> KResult<()> {
        let end = align_up(start.checked_add(len).ok_or(Errno::ENOMEM)?, PAGE_SIZE).ok_or(Errno::ENOMEM)?;
        if start % PAGE_SIZE != 0 {
            return Err(Errno::EINVAL);
        }
        let mut at = start;
        while at < end {
            let v = self.find(at).ok_or(Errno::ENOMEM)?;
            if new_prot & prot::WRITE != 0 && self.shared_read_only_file(v) {
                return Err(Errno::EACCES);
            }
            at = v.end;
        }
        self.split_at(start);
        self.split_at(end);
        let keys: alloc::vec::Vec<u64> = self.vmas.range(start..end).map(|(&s, _)| s).collect();
        for s in keys {
            let Some(v) = self.vmas.get_mut(&s) else { continue };
            v.prot = new_prot;
            let v = *v;
            let flags = leaf_flags(new_prot);
            paging::for_each_leaf(self.root, v.start, v.end, &mut |_, pte| {
                // A copy-on-write page stays read-only until written.
                let mut f = flags;
                if !v.shared && frame::page_refcount(pte.addr()) > 1 {
                    f &= !Pte::WRITABLE;
                }
                *pte = pte.with_flags(f | Pte::PRESENT);
            });
            crate::arch::flush_tlb_range(v.start, v.end);
        }
        Ok(())
    }

    /// Resolves a fault at `addr` (`write`: the access was a write;
    /// `exec`: an instruction fetch): maps a zero page or a file's page,
    /// or copies a copy-on-write page, or grows the stack. `Fault::Bus`
    /// for a file page wholly past the end of the file.
    pub fn handle_fault(&mut self, addr: u64, write: bool, exec: bool) -> Result<(), Fault> {
        let page = align_down(addr, PAGE_SIZE);
        let vma = match self.find(addr) {
            Some(v) => *v,
            None => self.grow_stack(page)?,
        };
        let allowed = if write {
            vma.prot & prot::WRITE != 0
        } else if exec {
            vma.prot & prot::EXEC != 0
        } else {
            vma.prot & (prot::READ | prot::WRITE | prot::EXEC) != 0
        };
        if !allowed {
            return Err(Fault::Segv);
        }
        if let Some(f) = self.file_maps.get(&vma.start) {
            let (inode, index) = (f.inode.clone(), f.index(vma.start, page));
            return self.file_fault(page, &vma, &inode, index, write);
        }
        match paging::translate(self.root, page) {
            None => self.map_zero_page(page, vma.prot),
            Some(t) if write && t.flags & Pte::WRITABLE == 0 => self.break_cow(page, t.phys, vma.prot),
            // Already fixed up (e.g. by another thread, or a spurious fault).
            Some(_) => Ok(()),
        }
    }

    /// A fault at `page` of file-backed `vma`, whose file page there is
    /// `index`: a shared mapping maps the file's frame (writable if the
    /// vma is); a private one maps it read-only, or on a write its own
    /// copy of it.
    fn file_fault(&mut self, page: u64, vma: &Vma, inode: &Arc<crate::fs::tmpfs::Inode>, index: u64, write: bool) -> Result<(), Fault> {
        match paging::translate(self.root, page) {
            None => {
                let phys = file_map::file_page(inode, index)?;
                let phys = if vma.shared || !write {
                    phys
                } else {
                    let copy = self.copy_of(phys);
                    put_user_page(phys);
                    copy?
                };
                let mut flags = leaf_flags(vma.prot);
                if !vma.shared && frame::page_refcount(phys) > 1 {
                    flags &= !Pte::WRITABLE;
                }
                if vma.shared && write {
                    // As Linux (fault_dirty_shared_page without
                    // page_mkwrite): a store that maps a shared page
                    // updates the file's times; later stores, and stores
                    // to pages a read mapped, do not.
                    inode.touch();
                }
                paging::map(self.root, page, phys, PageSize::Size4K, flags, &mut alloc_table).map_err(|_| {
                    put_user_page(phys);
                    Fault::NoMemory
                })
            }
            Some(t) if write && t.flags & Pte::WRITABLE == 0 => {
                if vma.shared {
                    paging::protect(self.root, page, leaf_flags(vma.prot)).map_err(|_| Fault::Segv)
                } else {
                    self.break_cow(page, t.phys, vma.prot)
                }
            }
            Some(_) => Ok(()),
        }
    }

    /// A new user frame holding a copy of the frame at `phys`.
    fn copy_of(&mut self, phys: u64) -> Result<u64, Fault> {
        let new = alloc_user_frame(false).ok_or(Fault::NoMemory)?;
        // SAFETY: both frames are RAM in the direct map; `new` is ours
        // alone, and a reference keeps `phys` allocated.
        unsafe {
            core::ptr::copy_nonoverlapping(
                phys_to_virt(phys) as *const u8,
                phys_to_virt(new) as *mut u8,
                PAGE_SIZE as usize,
            )
        };
        Ok(new)
    }

    /// Removes from this address space every page of `inode` from file
    /// page `first_page` on, private copies included (truncate; see
    /// `file_map::unmap_past_end`). The vmas stay: a later access there
    /// faults and gets SIGBUS if the file has not grown back.
    pub fn unmap_file_pages(&mut self, inode: &Arc<crate::fs::tmpfs::Inode>, first_page: u64) {
        let ranges: alloc::vec::Vec<(u64, u64)> = self
            .file_maps
            .iter()
            .filter(|(_, f)| Arc::ptr_eq(&f.inode, inode))
            .filter_map(|(start, f)| {
                let v = self.vmas.get(start)?;
                let skip_pages = first_page.saturating_sub(f.pgoff);
                let from = skip_pages.checked_mul(PAGE_SIZE).and_then(|b| v.start.checked_add(b))?;
                (from < v.end).then_some((from, v.end))
            })
            .collect();
        for (from, to) in ranges {
            self.release_pages(from, to);
        }
    }

    fn grow_stack(&mut self, page: u64) -> Result<Vma, Fault> {
        let above = self.vmas.range(page..).next().map(|(_, v)| *v).ok_or(Fault::Segv)?;
        if self.file_maps.contains_key(&above.start) {
            return Err(Fault::Segv);
        }
        if !above.grows_down || page < STACK_TOP - STACK_LIMIT || self.overlaps(page, above.start) {
            return Err(Fault::Segv);
        }
        self.vmas.remove(&above.start);
        let grown = Vma { start: page, ..above };
        self.vmas.insert(page, grown);
        Ok(grown)
    }

    fn map_zero_page(&mut self, page: u64, prot: u32) -> Result<(), Fault> {
        let phys = alloc_user_frame(true).ok_or(Fault::NoMemory)?;
        match paging::map(self.root, page, phys, PageSize::Size4K, leaf_flags(prot), &mut alloc_table) {
            Ok(()) => Ok(()),
            Err(_) => {
                put_user_page(phys);
                Err(Fault::NoMemory)
            }
        }
    }

    fn break_cow(&mut self, page: u64, old: u64, prot: u32) -> Result<(), Fault> {
        if frame::page_refcount(old) == 1 {
            // Last user: take the page over.
            return paging::protect(self.root, page, leaf_flags(prot)).map_err(|_| Fault::Segv);
        }
        let new = self.copy_of(old)?;
        let _ = paging::unmap(self.root, page);
        put_user_page(old);
        paging::map(self.root, page, new, PageSize::Size4K, leaf_flags(prot), &mut alloc_table)
            .map_err(|_| Fault::NoMemory)
    }

    /// Makes every page of [start, end) present (MAP_POPULATE, mlock, and
    /// shared anonymous mappings, which must exist before a fork shares
    /// them). File pages past the end of the file stay absent.
    pub fn populate(&mut self, start: u64, end: u64) -> KResult<()> {
        let mut va = align_down(start, PAGE_SIZE);
        while va < end {
            let v = *self.find(va).ok_or(Errno::ENOMEM)?;
            if paging::translate(self.root, va).is_none() {
                let file = self.file_maps.get(&v.start).map(|f| (f.inode.clone(), f.index(v.start, va)));
                let r = match file {
                    Some((inode, index)) => self.file_fault(va, &v, &inode, index, false),
                    None => self.map_zero_page(va, v.prot),
                };
                match r {
                    Ok(()) | Err(Fault::Bus) => {}
                    Err(_) => return Err(Errno::ENOMEM),
                }
            }
            va += PAGE_SIZE;
        }
        Ok(())
    }

    /// Copies `data` to user address `addr` of this (not necessarily
    /// active) address space, allocating pages as needed; the range must
    /// be inside vmas. Used to load programs and to store thread ids
    /// (CLONE_CHILD_SETTID); file mappings go through the fault path.
    pub fn write_bytes(&mut self, addr: u64, data: &[u8]) -> KResult<()> {
        let mut done = 0usize;
        while done < data.len() {
            let va = addr + done as u64;
            let page = align_down(va, PAGE_SIZE);
            let v = *self.find(va).ok_or(Errno::EFAULT)?;
            if self.file_maps.contains_key(&v.start) {
                // A file's page (a thread id stored into a shared file
                // mapping): the fault path maps or copies it as a user
                // store would; past the end of the file it is EFAULT.
                self.handle_fault(va, true, false).map_err(|f| match f {
                    Fault::NoMemory => Errno::ENOMEM,
                    _ => Errno::EFAULT,
                })?;
            }
            match paging::translate(self.root, page) {
                None => self.map_zero_page(page, v.prot).map_err(|_| Errno::ENOMEM)?,
                // A page shared copy-on-write gets its own copy first.
                Some(t) if !v.shared && frame::page_refcount(t.phys) > 1 => {
                    self.break_cow(page, t.phys, v.prot).map_err(|_| Errno::ENOMEM)?
                }
                Some(_) => {}
            }
            let t = paging::translate(self.root, va).ok_or(Errno::EFAULT)?;
            let n = ((page + PAGE_SIZE - va) as usize).min(data.len() - done);
            // SAFETY: t.phys..t.phys+n lies in one mapped user frame of this
            // address space, reached through the direct map.
            unsafe { core::ptr::copy_nonoverlapping(data[done..].as_ptr(), phys_to_virt(t.phys) as *mut u8, n) };
            done += n;
        }
        Ok(())
    }

    /// Frees the pages of [start, end) but keeps the vmas (MADV_DONTNEED):
    /// private anonymous pages read back as zeroes.
    pub fn drop_pages(&mut self, start: u64, end: u64) -> KResult<()> {
        if end > USER_END {
            return Err(Errno::EINVAL);
        }
        let locked: alloc::vec::Vec<(u64, u64)> =
            self.vmas.values().filter(|v| v.locked && v.start < end && v.end > start).map(|v| (v.start, v.end)).collect();
        let mut freed = alloc::vec::Vec::new();
        paging::for_each_leaf(self.root, align_down(start, PAGE_SIZE), end, &mut |va, pte| {
            if !locked.iter().any(|&(s, e)| va >= s && va < e) {
                freed.push(pte.addr());
                *pte = Pte(0);
            }
        });
        crate::arch::flush_tlb_range(start, end);
        for phys in freed {
            put_user_page(phys);
        }
        Ok(())
    }

    /// Moves the pages of [from, from + len) to [to, to + len) (mremap);
    /// both ranges must be vmas already, the target empty.
    pub fn move_pages(&mut self, from: u64, to: u64, len: u64) -> KResult<()> {
        let mut off = 0;
        while off < len {
            if let Ok((phys, _)) = paging::unmap(self.root, from + off) {
                let v = *self.find(to + off).ok_or(Errno::EFAULT)?;
                let mut flags = leaf_flags(v.prot);
                if !v.shared && frame::page_refcount(phys) > 1 {
                    flags &= !Pte::WRITABLE;
                }
                paging::map(self.root, to + off, phys, PageSize::Size4K, flags, &mut alloc_table)
                    .map_err(|_| Errno::ENOMEM)?;
            }
            off += PAGE_SIZE;
        }
        Ok(())
    }

    /// Marks the vmas covering [start, end) locked or not (splitting at
    /// the edges); returns the bytes whose state changed. `ENOMEM` if part
    /// of the range is not mapped.
    pub fn set_locked(&mut self, start: u64, end: u64, locked: bool) -> KResult<u64> {
        let mut at = start;
        while at < end {
            at = self.find(at).ok_or(Errno::ENOMEM)?.end;
        }
        self.split_at(start);
        self.split_at(end);
        let mut changed = 0;
        for v in self.vmas.range_mut(start..end).map(|(_, v)| v) {
            if v.locked != locked {
                v.locked = locked;
                changed += v.end - v.start;
            }
        }
        Ok(changed)
    }

    /// A copy for fork: shared vmas share their pages; private pages are
    /// shared read-only in both, copied on the first write.
    pub fn fork(&mut self) -> KResult<AddressSpace> {
        let mut child = AddressSpace::new()?;
        child.vmas = self.vmas.clone();
        child.file_maps = self.file_maps.clone();
        child.brk_start = self.brk_start;
        child.brk = self.brk;
        child.locked_bytes = self.locked_bytes;
        let vmas: alloc::vec::Vec<Vma> = self.vmas.values().copied().collect();
        let mut failed = None;
        for v in vmas {
            let child_root = child.root;
            paging::for_each_leaf(self.root, v.start, v.end, &mut |va, pte| {
                if failed.is_some() {
                    return;
                }
                let mut flags = leaf_flags(v.prot);
                if !v.shared {
                    flags &= !Pte::WRITABLE;
                    *pte = pte.with_flags(pte.flags() & !Pte::WRITABLE);
                }
                frame::get_page(pte.addr());
                if let Err(e) = paging::map(child_root, va, pte.addr(), PageSize::Size4K, flags, &mut alloc_table) {
                    put_user_page(pte.addr());
                    failed = Some(if e == MapError::NoMemory { Errno::ENOMEM } else { Errno::EINVAL });
                }
            });
        }
        // The parent's writable PTEs just became read-only.
        crate::arch::flush_tlb_all();
        match failed {
            Some(e) => Err(e),
            None => Ok(child),
        }
    }
}

impl Drop for AddressSpace {
    fn drop(&mut self) {
        paging::clear_user_half(self.root, &mut put_user_page, &mut free_user_table);
        free_user_table(self.root);
    }
}
