//! The physical frame allocator: one buddy allocator (`buddy` crate) over
//! all RAM, behind a lock, with its per-frame metadata array placed in RAM
//! found at boot.
//!
//! Design note: free frames are never written by the allocator (its free
//! lists live in the metadata array), so boot data in not-yet-allocated
//! frames stays intact until the frame is handed out.

use buddy::{BuddyAllocator, FrameMeta, MAX_ORDER};
use core::sync::atomic::{AtomicU64, Ordering};
use spin::{Mutex, Once};

/// Bytes per frame.
pub const FRAME_SIZE: u64 = buddy::PAGE_SIZE;

static ALLOCATOR: Once<Mutex<BuddyAllocator<'static>>> = Once::new();
/// Blocks currently allocated, by order (the buddy allocator counts free ones).
static ALLOCATED_BLOCKS: [AtomicU64; MAX_ORDER as usize + 1] = [const { AtomicU64::new(0) }; MAX_ORDER as usize + 1];

/// Starts the allocator with `meta` covering frames 0..meta.len(); every
/// frame starts reserved until [`add_free`] hands it over.
pub fn init(meta: &'static mut [FrameMeta]) {
    ALLOCATOR.call_once(|| Mutex::new(BuddyAllocator::new(meta)));
}

fn allocator() -> spin::MutexGuard<'static, BuddyAllocator<'static>> {
    ALLOCATOR.get().expect("frame allocator initialised").lock()
}

/// Hands the frames in [`start`, `end`) (physical byte addresses, rounded
/// inwards to whole frames) to the allocator.
pub fn add_free(start: u64, end: u64) {
    let first = start.div_ceil(FRAME_SIZE);
    let last = end / FRAME_SIZE;
    if first < last {
        allocator().add_free_range(first, last);
    }
}

/// Allocates 2^`order` contiguous frames; returns the physical address of
/// the first, or `None` when no block that large is free (ENOMEM).
pub fn alloc(order: u8) -> Option<u64> {
    let pfn = crate::arch::without_interrupts(|| allocator().alloc(order))?;
    ALLOCATED_BLOCKS[usize::from(order)].fetch_add(1, Ordering::Relaxed);
    Some(pfn * FRAME_SIZE)
}

/// Allocates one frame and fills it with zeroes.
pub fn alloc_zeroed() -> Option<u64> {
    let phys = alloc(0)?;
    // SAFETY: the frame was just allocated, so nothing else uses it, and the
    // direct map covers all RAM.
    unsafe { core::ptr::write_bytes(super::phys_to_virt(phys) as *mut u8, 0, FRAME_SIZE as usize) };
    Some(phys)
}

/// Frees a block from [`alloc`] with the same `order`.
///
/// Panics if the block was not allocated with that order: that is a
/// kernel bug, and going on would corrupt memory.
pub fn free(phys: u64, order: u8) {
    let r = crate::arch::without_interrupts(|| allocator().free(phys / FRAME_SIZE, order));
    if let Err(e) = r {
        panic!("freeing frame {phys:#x} order {order}: {e:?}");
    }
    ALLOCATED_BLOCKS[usize::from(order)].fetch_sub(1, Ordering::Relaxed);
}

/// Counts of the allocator: free frames, managed frames, free blocks by order.
pub struct Stats {
    /// Frames currently free.
    pub free_frames: u64,
    /// Frames given to the allocator at boot.
    pub managed_frames: u64,
    /// Free blocks of each order 0..=MAX_ORDER.
    pub free_blocks: [u64; MAX_ORDER as usize + 1],
    /// Allocated blocks of each order 0..=MAX_ORDER.
    pub used_blocks: [u64; MAX_ORDER as usize + 1],
}

/// A snapshot of the allocator's counts.
pub fn stats() -> Stats {
    crate::arch::without_interrupts(|| {
        let a = allocator();
        let mut free_blocks = [0; MAX_ORDER as usize + 1];
        for (order, n) in free_blocks.iter_mut().enumerate() {
            *n = a.free_blocks(order as u8);
        }
        let used_blocks = core::array::from_fn(|o| ALLOCATED_BLOCKS[o].load(Ordering::Relaxed));
        Stats { free_frames: a.free_frames(), managed_frames: a.managed_frames(), free_blocks, used_blocks }
    })
}

/// Takes another reference to the user page at `phys` (a shared or
/// copy-on-write mapping).
pub fn get_page(phys: u64) {
    crate::arch::without_interrupts(|| {
        if let Some(m) = allocator().meta_mut(phys / FRAME_SIZE) {
            m.refcount += 1;
        }
    });
}

/// `FrameMeta::flags` bit: the frame holds a tmpfs file page (counted in
/// `address_space::file_frames`, not in the user-frame count).
pub const FLAG_FILE: u8 = 1;

/// Sets the flag bits of the allocated frame at `phys` (see [`FLAG_FILE`]).
pub fn set_flags(phys: u64, flags: u8) {
    crate::arch::without_interrupts(|| {
        if let Some(m) = allocator().meta_mut(phys / FRAME_SIZE) {
            m.flags = flags;
        }
    });
}

/// Drops a reference to the user page at `phys`; frees it with the last
/// and then returns its flag bits (what kind of page went), else `None`.
pub fn put_page(phys: u64) -> Option<u8> {
    let last = crate::arch::without_interrupts(|| {
        let mut a = allocator();
        match a.meta_mut(phys / FRAME_SIZE) {
            Some(m) if m.refcount > 1 => {
                m.refcount -= 1;
                None
            }
            Some(m) => Some(m.flags),
            None => Some(0),
        }
    });
    if last.is_some() {
        free(phys, 0);
    }
    last
}

/// References to the user page at `phys` (1 for a private page).
pub fn page_refcount(phys: u64) -> u32 {
    crate::arch::without_interrupts(|| allocator().meta(phys / FRAME_SIZE).map_or(0, |m| m.refcount))
}
