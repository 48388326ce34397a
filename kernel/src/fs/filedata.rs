//! The contents of a tmpfs file: 4 KiB pages allocated as they are
//! written, so files can be larger than the biggest contiguous heap block
//! and holes cost nothing (sparse files read back as zeroes).

use crate::errno::{Errno, KResult};
use alloc::boxed::Box;
use alloc::vec::Vec;

const PAGE: usize = 4096;

/// A file's bytes.
#[derive(Default)]
pub struct FileData {
    pages: Vec<Option<Box<[u8; PAGE]>>>,
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
                Some(p) => buf[done..done + chunk].copy_from_slice(&p[within..within + chunk]),
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
        let mut done = 0;
        while done < buf.len() {
            let pos = offset as usize + done;
            let (page, within) = (pos / PAGE, pos % PAGE);
            let chunk = (PAGE - within).min(buf.len() - done);
            let slot = &mut self.pages[page];
            if slot.is_none() {
                *slot = Some(try_zeroed_page()?);
            }
            if let Some(p) = slot.as_mut() {
                p[within..within + chunk].copy_from_slice(&buf[done..done + chunk]);
            }
            done += chunk;
            self.len = self.len.max(pos as u64 + chunk as u64);
        }
        Ok(done)
    }

    /// Sets the size: shrinking frees whole pages past the end and zeroes
    /// the tail of the last one; growing leaves a hole.
    pub fn truncate(&mut self, len: u64) -> KResult<()> {
        let len_usize = usize::try_from(len).map_err(|_| Errno::EFBIG)?;
        if len < self.len {
            let keep = len_usize.div_ceil(PAGE);
            self.pages.truncate(keep);
            if len_usize % PAGE != 0 {
                if let Some(Some(p)) = self.pages.last_mut() {
                    p[len_usize % PAGE..].fill(0);
                }
            }
        }
        self.len = len;
        Ok(())
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

fn try_zeroed_page() -> KResult<Box<[u8; PAGE]>> {
    let layout = core::alloc::Layout::new::<[u8; PAGE]>();
    // SAFETY: the layout has nonzero size; a non-null result is a zeroed,
    // properly aligned [u8; PAGE] owned by the Box from then on.
    unsafe {
        let p = alloc::alloc::alloc_zeroed(layout) as *mut [u8; PAGE];
        if p.is_null() {
            return Err(Errno::ENOSPC);
        }
        Ok(Box::from_raw(p))
    }
}
