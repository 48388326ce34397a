//! Buddy allocator for physical page frames.
//!
//! Physical memory is handed out in blocks of `2^order` page frames
//! (`order` in `0..=MAX_ORDER`, i.e. 4 KiB .. 4 MiB), each block aligned to its
//! own size. A frame is named by its page frame number (pfn = address / 4096).
//!
//! # Design
//!
//! All bookkeeping lives in one caller-supplied array of [`FrameMeta`], one
//! 16-byte entry per frame, indexed by pfn. The free lists are doubly linked
//! *through that array* (`next`/`prev` are pfn indices, `u32::MAX` = none),
//! with one list head per order. This choice gives:
//!
//! * **No memory besides the array.** The allocator needs no heap and no
//!   pointers into the memory it manages, so it can run before any other
//!   allocator exists and the frames themselves are never touched.
//! * **O(1) unlink for coalescing.** When a block is freed, its buddy's pfn is
//!   computed (`pfn ^ (1 << order)`); if the buddy's head entry says
//!   "free, same order", it is removed from the middle of its list in O(1).
//!   `alloc` and `free` are therefore O(`MAX_ORDER`).
//! * **One array for all per-frame data.** The same entries later carry the
//!   frame reference count used for copy-on-write ([`FrameMeta::refcount`]).
//!
//! Only the first (head) frame of a block records its state and order. The
//! other frames of a block are marked `Tail`, so they can never be mistaken for
//! a block head: freeing a tail pfn fails with [`FreeError::NotAllocated`].
//! Free blocks are always fully coalesced: two free buddies of the same order
//! never coexist, so the free block decomposition of a given set of free
//! frames is unique.
#![no_std]
#![forbid(unsafe_code)]

use core::fmt;

/// Largest block order: blocks hold `2^0 ..= 2^MAX_ORDER` frames (4 KiB .. 4 MiB).
pub const MAX_ORDER: u8 = 10;
/// Size of one page frame in bytes.
pub const PAGE_SIZE: u64 = 4096;

/// "No link" marker for the index-linked free lists.
const NONE: u32 = u32::MAX;
/// Number of distinct orders (`0..=MAX_ORDER`).
const ORDERS: usize = MAX_ORDER as usize + 1;

/// State of one frame entry (stored as one byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum State {
    /// Not managed by the allocator (hole, firmware, kernel image, ...).
    Reserved = 0,
    /// Head frame of a free block; `order` and the links are valid.
    Free = 1,
    /// Head frame of an allocated block; `order` is valid.
    Allocated = 2,
    /// Managed frame that is not a block head (inside a free or allocated block).
    Tail = 3,
}

/// Per-frame metadata: 16 bytes, `#[repr(C)]`, one entry per page frame.
///
/// Only [`refcount`](Self::refcount) and [`flags`](Self::flags) are public;
/// the allocator owns the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub struct FrameMeta {
    next: u32,
    prev: u32,
    order: u8,
    state: State,
    /// Bits the caller keeps about an allocated frame (the kernel marks
    /// file pages, so the last reference knows what it frees). `alloc` and
    /// `free` reset it to 0 on the head frame; the allocator never reads it.
    pub flags: u8,
    _pad: u8,
    /// Reference count of the frame. `alloc` sets it to 1 on the head frame of
    /// the block (0 on the others); `free` resets the head to 0. The allocator
    /// never reads it: callers (copy-on-write) maintain it in between, and must
    /// leave non-head frames at 0 before freeing a block.
    pub refcount: u32,
}

const _: () = assert!(core::mem::size_of::<FrameMeta>() == 16);

/// Entry of a managed frame that is not a block head.
const TAIL: FrameMeta = FrameMeta {
    state: State::Tail,
    ..FrameMeta::RESERVED
};

impl FrameMeta {
    /// Entry for a frame not managed by the allocator; fill fresh arrays with it.
    pub const RESERVED: FrameMeta = FrameMeta {
        next: NONE,
        prev: NONE,
        order: 0,
        state: State::Reserved,
        flags: 0,
        _pad: 0,
        refcount: 0,
    };

    /// True if this frame is the head of a free block.
    pub fn is_free(&self) -> bool {
        self.state == State::Free
    }

    /// True if this frame is the head frame of an allocated block.
    pub fn is_allocated(&self) -> bool {
        self.state == State::Allocated
    }

    /// True if this frame was never handed to the allocator (a hole or reserved memory).
    pub fn is_reserved(&self) -> bool {
        self.state == State::Reserved
    }

    /// Block order if this frame is a block head (free or allocated), else `None`.
    pub fn order(&self) -> Option<u8> {
        matches!(self.state, State::Free | State::Allocated).then_some(self.order)
    }
}

/// Why [`BuddyAllocator::free`] rejected a request (nothing was changed).
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum FreeError {
    /// The pfn is not covered by the metadata array.
    OutOfRange,
    /// The pfn is not a multiple of `2^order`.
    Misaligned,
    /// The pfn is not the head frame of an allocated block (double free, tail
    /// frame, reserved or free frame).
    NotAllocated,
    /// The block was allocated with a different order.
    WrongOrder,
}

/// Buddy allocator over the frames described by a borrowed metadata array.
pub struct BuddyAllocator<'m> {
    /// Index = pfn; length at most `u32::MAX - 1`.
    meta: &'m mut [FrameMeta],
    /// Head pfn of the free list of each order (`NONE` if empty).
    heads: [u32; ORDERS],
    /// Number of free blocks of each order.
    counts: [u64; ORDERS],
    free: u64,
    managed: u64,
}

impl<'m> BuddyAllocator<'m> {
    /// Creates an allocator covering pfns `0 .. meta.len()` with no free memory.
    ///
    /// Every entry is reset to [`FrameMeta::RESERVED`]. Never panics; if
    /// `meta.len() >= u32::MAX`, only the first `u32::MAX - 1` entries are used.
    /// Cost: O(`meta.len()`).
    pub fn new(meta: &'m mut [FrameMeta]) -> Self {
        let len = meta.len().min((u32::MAX - 1) as usize);
        let meta = &mut meta[..len];
        meta.fill(FrameMeta::RESERVED);
        Self {
            meta,
            heads: [NONE; ORDERS],
            counts: [0; ORDERS],
            free: 0,
            managed: 0,
        }
    }

    /// Number of frames covered by the metadata array (pfns `0 .. covered_frames()`).
    pub fn covered_frames(&self) -> u64 {
        self.meta.len() as u64
    }

    /// Hands frames `[start_pfn, end_pfn)` to the allocator as free memory.
    ///
    /// The range is clipped to the covered pfns; an empty range does nothing.
    /// Reserved frames in it are split into maximal naturally aligned blocks
    /// and coalesced with free neighbours. Frames already managed (free or
    /// allocated) are left untouched, so overlapping calls never double-insert.
    /// Cost: O(`end_pfn - start_pfn`).
    pub fn add_free_range(&mut self, start_pfn: u64, end_pfn: u64) {
        let end = end_pfn.min(self.covered_frames()) as usize;
        let mut i = start_pfn.min(end as u64) as usize;
        while i < end {
            if self.meta[i].state != State::Reserved {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < end && self.meta[i].state == State::Reserved {
                i += 1;
            }
            self.add_run(run_start, i);
        }
    }

    /// Adds the run `[start, end)` of reserved frames, block by block.
    fn add_run(&mut self, start: usize, end: usize) {
        let mut p = start;
        while p < end {
            let mut order = 0u8;
            while order < MAX_ORDER && p.is_multiple_of(2 << order) && p + (2 << order) <= end {
                order += 1;
            }
            let size = 1usize << order;
            for m in &mut self.meta[p..p + size] {
                *m = TAIL;
            }
            self.managed += size as u64;
            self.free += size as u64;
            self.insert_coalesce(p as u32, order);
            p += size;
        }
    }

    /// Allocates `2^order` contiguous frames aligned to `2^order` frames.
    ///
    /// Returns the first pfn, or `None` if `order > MAX_ORDER` or no free block
    /// is large enough. A larger block is split when needed. The head frame's
    /// refcount is set to 1 (the other frames' refcounts are 0). O(`MAX_ORDER`).
    pub fn alloc(&mut self, order: u8) -> Option<u64> {
        if order > MAX_ORDER {
            return None;
        }
        let mut k = (order..=MAX_ORDER).find(|&k| self.heads[k as usize] != NONE)?;
        let p = self.heads[k as usize];
        self.unlink(p);
        while k > order {
            k -= 1;
            self.push(p + (1 << k), k);
        }
        let head = &mut self.meta[p as usize];
        head.state = State::Allocated;
        head.order = order;
        head.refcount = 1;
        head.flags = 0;
        self.free -= 1 << order;
        Some(u64::from(p))
    }

    /// Frees the block of `2^order` frames starting at `pfn`, as returned by
    /// `alloc(order)`, and coalesces it with its buddy repeatedly up to
    /// `MAX_ORDER`. The head frame's refcount is reset to 0.
    ///
    /// Errors (checked in this order; nothing is changed on error):
    /// [`FreeError::OutOfRange`] if `pfn` is not covered,
    /// [`FreeError::Misaligned`] if `pfn` is not a multiple of `2^order`,
    /// [`FreeError::NotAllocated`] if `pfn` is not the head of an allocated block,
    /// [`FreeError::WrongOrder`] if the block was allocated with another order.
    /// O(`MAX_ORDER`).
    pub fn free(&mut self, pfn: u64, order: u8) -> Result<(), FreeError> {
        let idx = usize::try_from(pfn).map_err(|_| FreeError::OutOfRange)?;
        let head = self.meta.get(idx).ok_or(FreeError::OutOfRange)?;
        if order <= MAX_ORDER && !pfn.is_multiple_of(1u64 << order) {
            return Err(FreeError::Misaligned);
        }
        if head.state != State::Allocated {
            return Err(FreeError::NotAllocated);
        }
        if head.order != order {
            return Err(FreeError::WrongOrder);
        }
        let head = &mut self.meta[idx];
        head.state = State::Tail;
        head.refcount = 0;
        head.flags = 0;
        self.free += 1 << order;
        self.insert_coalesce(idx as u32, order);
        Ok(())
    }

    /// Number of frames currently free.
    pub fn free_frames(&self) -> u64 {
        self.free
    }

    /// Number of frames ever handed over by [`add_free_range`](Self::add_free_range).
    pub fn managed_frames(&self) -> u64 {
        self.managed
    }

    /// Number of free blocks of exactly `order` (0 if `order > MAX_ORDER`).
    pub fn free_blocks(&self, order: u8) -> u64 {
        self.counts.get(order as usize).copied().unwrap_or(0)
    }

    /// Metadata of frame `pfn`, or `None` if not covered.
    pub fn meta(&self, pfn: u64) -> Option<&FrameMeta> {
        self.meta.get(usize::try_from(pfn).ok()?)
    }

    /// Mutable metadata of frame `pfn` (only `refcount` and `flags` are writable), or `None` if not covered.
    pub fn meta_mut(&mut self, pfn: u64) -> Option<&mut FrameMeta> {
        self.meta.get_mut(usize::try_from(pfn).ok()?)
    }

    /// Inserts the block at `p` (head not `Free`, frames `Tail`), merging it
    /// with its free buddy while possible.
    fn insert_coalesce(&mut self, mut p: u32, mut order: u8) {
        while order < MAX_ORDER {
            let buddy = p ^ (1 << order);
            match self.meta.get(buddy as usize) {
                Some(m) if m.state == State::Free && m.order == order => {
                    self.unlink(buddy);
                    p = p.min(buddy);
                    order += 1;
                }
                _ => break,
            }
        }
        self.push(p, order);
    }

    /// Pushes the block at `p` onto the free list of `order` and marks it `Free`.
    fn push(&mut self, p: u32, order: u8) {
        let old = self.heads[order as usize];
        if old != NONE {
            self.meta[old as usize].prev = p;
        }
        let m = &mut self.meta[p as usize];
        m.state = State::Free;
        m.order = order;
        m.prev = NONE;
        m.next = old;
        self.heads[order as usize] = p;
        self.counts[order as usize] += 1;
    }

    /// Removes the free block at `p` from its list and marks its head `Tail`.
    fn unlink(&mut self, p: u32) {
        let FrameMeta {
            next, prev, order, ..
        } = self.meta[p as usize];
        if prev == NONE {
            self.heads[order as usize] = next;
        } else {
            self.meta[prev as usize].next = next;
        }
        if next != NONE {
            self.meta[next as usize].prev = prev;
        }
        self.meta[p as usize] = TAIL;
        self.counts[order as usize] -= 1;
    }
}

/// Writes a one-line summary: free/managed frames and free blocks per order,
/// e.g. `free 1000/1024 frames; blocks by order: 0:0 1:2 ... 10:0`.
impl fmt::Display for BuddyAllocator<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "free {}/{} frames; blocks by order:",
            self.free, self.managed
        )?;
        for (order, count) in self.counts.iter().enumerate() {
            write!(f, " {order}:{count}")?;
        }
        Ok(())
    }
}
