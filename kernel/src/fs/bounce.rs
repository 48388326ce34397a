//! Kernel buffers for copying file data between user memory and files:
//! a small pool of 64 KiB buffers reused across calls, so a read or write
//! neither allocates nor clears memory once the pool is warm.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::ops::{Deref, DerefMut};
use spin::Mutex;

/// Bytes per buffer (the largest piece a read or write moves at once).
pub const BUFFER_BYTES: usize = 64 * 1024;
/// Buffers kept for reuse; more may exist while many calls run at once.
const POOL_MAX: usize = 8;

static POOL: Mutex<Vec<Box<[u8]>>> = Mutex::new(Vec::new());

/// A buffer borrowed from the pool (returned on drop). Its contents are
/// whatever the last user left: callers only read what they wrote.
pub struct Buffer(Option<Box<[u8]>>);

impl Buffer {
    /// A buffer from the pool, or a new zeroed one; `None` if memory runs out.
    pub fn get() -> Option<Buffer> {
        if let Some(b) = crate::arch::without_interrupts(|| POOL.lock().pop()) {
            return Some(Buffer(Some(b)));
        }
        let mut v = Vec::new();
        v.try_reserve_exact(BUFFER_BYTES).ok()?;
        v.resize(BUFFER_BYTES, 0);
        Some(Buffer(Some(v.into_boxed_slice())))
    }
}

impl Deref for Buffer {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.0.as_deref().unwrap_or(&[])
    }
}

impl DerefMut for Buffer {
    fn deref_mut(&mut self) -> &mut [u8] {
        self.0.as_deref_mut().unwrap_or(&mut [])
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        if let Some(b) = self.0.take() {
            crate::arch::without_interrupts(|| {
                let mut pool = POOL.lock();
                if pool.len() < POOL_MAX {
                    pool.push(b);
                }
            });
        }
    }
}
