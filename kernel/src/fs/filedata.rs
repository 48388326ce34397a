//! The contents of a tmpfs file: 4 KiB physical frames allocated as they
//! are written, so files can be larger than the biggest contiguous heap
//! block and holes cost nothing (sparse files read back as zeroes).
//!
//! Design note: a page is a frame from the frame allocator, not heap
//! memory, so `mmap(MAP_SHARED)` can map the file's own frames into
//! address spaces (Linux's page cache, which for tmpfs is the file). Each
//! page slot holds one reference to its frame; every mapping of it holds
//! another, so a frame outlives a truncate or unlink while a mapping
//! still uses it, and goes with the last reference. File frames carry
//! `frame::FLAG_FILE` and are counted apart from process memory
//! (`address_space::file_frames`). Bytes past the end of the file in its
//! last page are kept zero (a store through a mapping may dirty them; they
//! are cleared again before the file grows over them).

use crate::errno::{Errno, KResult};
use crate::mm::{address_space, frame, phys_to_virt};
use alloc::vec::Vec;

const PAGE: usize = 4096;

/// One page of a file: a frame and the file's reference to it.
struct FilePage(u64);

impl FilePage {
    /// Kernel address of the page's bytes (the direct map).
    fn ptr(&self) -> *mut u8 {
        phys_to_virt(self.0) as *mut u8
    }
}

impl Drop for FilePage {
    fn drop(&mut self) {
        address_space::put_page(self.0);
    }
}

/// A file's bytes.
#[derive(Default)]
pub struct FileData {
    pages: Vec<Option<FilePage>>,
    len: u64,
}

impl FileData {
    /// A file holding a copy of `bytes`; `ENOSPC` if memory runs out.
    pub fn from_bytes(bytes: &[u8]) -> KResult<FileData> {
        let mut d = FileData::default();
        d.write_at(0, bytes)?;
        Ok(d)
    }

    /// Size in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Pages that hold bytes of the file (the last may be partial): a
    /// mapping of page `n >= len_pages()` is past the end (SIGBUS).
    pub fn len_pages(&self) -> u64 {
        self.len.div_ceil(PAGE as u64)
    }

    /// Copies bytes from `offset` into `buf`; returns how many (0 at or past the end).
    pub fn read_at(&self, offset: u64, buf: &mut [u8]) -> usize {
        if offset >= self.len {
            return 0;
        }
        let n = buf.len().min((self.len - offset) as usize);
        let mut done = 0;
        while done < n {
            let pos = offset as usize + done;
            let (page, within) = (pos / PAGE, pos % PAGE);
            let chunk = (PAGE - within).min(n - done);
            match self.pages.get(page).and_then(|p| p.as_ref()) {
                Some(p) => {
                    // A shared mapping may store into the frame during the
                    // copy, as user space may during any user copy: only
                    // raw pointers to plain bytes touch it, never a Rust
                    // reference, so no reference's guarantee is broken.
                    // SAFETY: the frame stays allocated while this file
                    // holds its reference; within + chunk <= PAGE and buf
                    // has chunk bytes from done.
                    unsafe { core::ptr::copy_nonoverlapping(p.ptr().add(within), buf[done..].as_mut_ptr(), chunk) }
                }
                None => buf[done..done + chunk].fill(0),
            }
            done += chunk;
        }
        n
    }

    /// Writes `buf` at `offset`, growing the file; `EFBIG` past the
    /// addressable size, `ENOSPC` when memory runs out (nothing past the
    /// failing page is written).
    pub fn write_at(&mut self, offset: u64, buf: &[u8]) -> KResult<usize> {
        let end = offset.checked_add(buf.len() as u64).filter(|&e| e <= isize::MAX as u64).ok_or(Errno::EFBIG)?;
        let last_page = (end as usize).div_ceil(PAGE);
        if self.pages.len() < last_page {
            self.pages.try_reserve(last_page - self.pages.len()).map_err(|_| Errno::ENOSPC)?;
            self.pages.resize_with(last_page, || None);
        }
        if offset > self.len {
            self.clear_tail();
        }
        let mut done = 0;
        while done < buf.len() {
            let pos = offset as usize + done;
            let (page, within) = (pos / PAGE, pos % PAGE);
            let chunk = (PAGE - within).min(buf.len() - done);
            let slot = self.pages.get_mut(page).ok_or(Errno::EFBIG)?;
            if slot.is_none() {
                // A page written whole needs no clearing first.
                *slot = Some(new_page(chunk != PAGE)?);
            }
            if let Some(p) = slot.as_ref() {
                // SAFETY: as in `read_at`; the frame holds PAGE bytes and
                // within + chunk <= PAGE.
                unsafe { core::ptr::copy_nonoverlapping(buf[done..].as_ptr(), p.ptr().add(within), chunk) };
            }
            done += chunk;
            self.len = self.len.max(pos as u64 + chunk as u64);
        }
        Ok(done)
    }

    /// Sets the size: shrinking frees whole pages past the end and zeroes
    /// the tail of the last one; growing leaves a hole. Frames still
    /// mapped somewhere stay allocated until unmapped (the caller removes
    /// such mappings: `tmpfs::TmpFile::truncate`).
    pub fn truncate(&mut self, len: u64) -> KResult<()> {
        let len_usize = usize::try_from(len).map_err(|_| Errno::EFBIG)?;
        if len < self.len {
            let keep = len_usize.div_ceil(PAGE);
            self.pages.truncate(keep);
            self.len = len;
            self.clear_tail();
        } else if len > self.len {
            self.clear_tail();
        }
        self.len = len;
        Ok(())
    }

    /// Zeroes the bytes of the last page past the end of the file (a
    /// store through a mapping may have put some there).
    fn clear_tail(&mut self) {
        let within = (self.len % PAGE as u64) as usize;
        if within == 0 {
            return;
        }
        if let Some(Some(p)) = self.pages.get((self.len / PAGE as u64) as usize) {
            // SAFETY: the frame holds PAGE bytes and stays allocated while
            // the file holds its reference; within < PAGE.
            unsafe { core::ptr::write_bytes(p.ptr().add(within), 0, PAGE - within) };
        }
    }

    /// The frame of page `index` for a mapping, with a new reference the
    /// caller owns (dropped with `address_space::put_page`). A hole gets a
    /// zeroed frame first. `EFAULT` if the page lies wholly past the end of
    /// the file (the access gets SIGBUS), `ENOMEM` if no frame is free.
    pub fn page_for_mapping(&mut self, index: u64) -> KResult<u64> {
        if index >= self.len_pages() {
            return Err(Errno::EFAULT);
        }
        let i = usize::try_from(index).map_err(|_| Errno::EFAULT)?;
        if self.pages.len() <= i {
            // A hole at the end (the file grew by truncate).
            self.pages.try_reserve(i + 1 - self.pages.len()).map_err(|_| Errno::ENOMEM)?;
            self.pages.resize_with(i + 1, || None);
        }
        let slot = self.pages.get_mut(i).ok_or(Errno::EFAULT)?;
        if slot.is_none() {
            *slot = Some(new_page(true).map_err(|_| Errno::ENOMEM)?);
        }
        let phys = slot.as_ref().map(|p| p.0).ok_or(Errno::ENOMEM)?;
        frame::get_page(phys);
        Ok(phys)
    }

    /// The whole contents as one vector (program loading).
    pub fn to_vec(&self) -> KResult<Vec<u8>> {
        let mut v = Vec::new();
        v.try_reserve_exact(self.len as usize).map_err(|_| Errno::ENOMEM)?;
        v.resize(self.len as usize, 0);
        self.read_at(0, &mut v);
        Ok(v)
    }
}

/// A new file page (zero-filled if `zeroed`); `ENOSPC` if no frame is free.
fn new_page(zeroed: bool) -> KResult<FilePage> {
    address_space::alloc_file_frame(zeroed).map(FilePage).ok_or(Errno::ENOSPC)
}
