//! File-backed vmas: which tmpfs file a vma maps and from which page, and
//! how a fault finds the file's frame.
//!
//! Design note: a tmpfs file's pages are frames (`fs::filedata`), so a
//! mapping needs no page cache of its own: MAP_SHARED maps the file's
//! frames writable (stores are the file's bytes), MAP_PRIVATE maps them
//! read-only and copies on the first write fault (Linux's rules). Each
//! `FileMap` counts itself in the inode's `mappings`, so a shrinking
//! truncate knows whether any address space must drop pages
//! (`unmap_past_end`). `Vma` stays `Copy` (procfs copies the list): the
//! address space keeps its `FileMap`s beside the vmas, keyed by start.

use super::address_space::Fault;
use crate::errno::Errno;
use crate::fs::tmpfs::{Inode, Node};
use alloc::sync::Arc;
use core::sync::atomic::Ordering;
use paging::PAGE_SIZE;

/// What a file-backed vma maps (Linux `vm_file` and `vm_pgoff`).
pub struct FileMap {
    /// The file.
    pub inode: Arc<Inode>,
    /// File page (offset / 4096) mapped at the vma's first address.
    pub pgoff: u64,
    /// The file was open for writing (Linux VM_MAYWRITE): a shared
    /// mapping may be made writable by mprotect (`EACCES` otherwise).
    pub may_write: bool,
    /// The path the file was opened by, for /proc/<pid>/maps.
    pub path: Option<Arc<str>>,
}

impl FileMap {
    /// A mapping of `inode` from file page `pgoff`.
    pub fn new(inode: Arc<Inode>, pgoff: u64, may_write: bool) -> FileMap {
        inode.mappings.fetch_add(1, Ordering::AcqRel);
        FileMap { inode, pgoff, may_write, path: None }
    }

    /// The same mapping, shown in /proc/<pid>/maps as `path`.
    pub fn named(mut self, path: Option<Arc<str>>) -> FileMap {
        self.path = path;
        self
    }

    /// The same mapping seen from `pages` pages further on (a vma split or
    /// grown after its start).
    pub fn advanced(&self, pages: u64) -> FileMap {
        FileMap::new(self.inode.clone(), self.pgoff.saturating_add(pages), self.may_write).named(self.path.clone())
    }

    /// The file page mapped at page address `va` of a vma starting at `vma_start`.
    pub fn index(&self, vma_start: u64, va: u64) -> u64 {
        self.pgoff.saturating_add((va - vma_start) / PAGE_SIZE)
    }
}

impl Clone for FileMap {
    fn clone(&self) -> FileMap {
        self.advanced(0)
    }
}

impl Drop for FileMap {
    fn drop(&mut self) {
        self.inode.mappings.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The frame of page `index` of `inode`, with a reference for the caller's
/// mapping. `Fault::Bus` if the page is wholly past the end of the file,
/// `Fault::NoMemory` if a hole needed a frame and none was free.
pub fn file_page(inode: &Inode, index: u64) -> Result<u64, Fault> {
    let Node::File(data) = &inode.node else { return Err(Fault::Bus) };
    let result = data.lock().page_for_mapping(index);
    result.map_err(|e| if e == Errno::EFAULT { Fault::Bus } else { Fault::NoMemory })
}

/// Removes the pages of `inode` from file page `first_page` on from every
/// mapping in every address space (after a truncate: later accesses there
/// get SIGBUS). Private copies of those pages go too, as in Linux.
pub fn unmap_past_end(inode: &Arc<Inode>, first_page: u64) {
    for p in crate::proc::all() {
        if let Some(mm) = p.try_address_space() {
            mm.lock().unmap_file_pages(inode, first_page);
        }
    }
}
