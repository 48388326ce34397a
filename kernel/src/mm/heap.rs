//! The kernel heap (`alloc`): the `talc` allocator over blocks of frames
//! taken from the buddy allocator as it grows.
//!
//! Design note: each growth step claims one physically contiguous buddy
//! block (at least 1 MiB) through the direct map, so the heap needs no
//! virtual-address management of its own. When the buddy allocator has
//! nothing left, allocation returns null: `try_reserve` and friends see
//! an error; infallible allocations end in the alloc-error panic.

use super::{frame, phys_to_virt};
use core::alloc::Layout;
use core::sync::atomic::{AtomicU64, Ordering};
use talc::{OomHandler, Span, Talc, Talck};

/// Smallest growth step, as a buddy order (2^8 frames = 1 MiB).
const MIN_GROW_ORDER: u8 = 8;

/// Bytes the heap has claimed from the frame allocator so far.
static CLAIMED_BYTES: AtomicU64 = AtomicU64::new(0);

/// Grows the heap from the frame allocator when `talc` runs out.
struct GrowFromFrames;

impl OomHandler for GrowFromFrames {
    fn handle_oom(talc: &mut Talc<Self>, layout: Layout) -> Result<(), ()> {
        // Room for the request plus talc's per-arena overhead.
        let need = (layout.size() + layout.align() + 256) as u64;
        let mut order = MIN_GROW_ORDER;
        while frame::FRAME_SIZE << order < need {
            order += 1;
            if order > buddy::MAX_ORDER {
                return Err(());
            }
        }
        let phys = frame::alloc(order).ok_or(())?;
        let bytes = frame::FRAME_SIZE << order;
        let span = Span::from_base_size(phys_to_virt(phys) as *mut u8, bytes as usize);
        // SAFETY: the block was just allocated from the frame allocator,
        // is mapped by the direct map, and is owned by the heap from now on.
        unsafe { talc.claim(span) }?;
        CLAIMED_BYTES.fetch_add(bytes, Ordering::Relaxed);
        Ok(())
    }
}

#[global_allocator]
static HEAP: Talck<spin::Mutex<()>, GrowFromFrames> = Talc::new(GrowFromFrames).lock();

/// Claims the first arena so the heap is usable; logs its size.
pub fn init() {
    let probe: alloc::vec::Vec<u8> = alloc::vec::Vec::with_capacity(16);
    core::hint::black_box(&probe);
    drop(probe);
    log::debug!("heap: {} KiB claimed", CLAIMED_BYTES.load(Ordering::Relaxed) >> 10);
}

/// Bytes of frames the heap holds (it never gives them back).
pub fn claimed_bytes() -> u64 {
    CLAIMED_BYTES.load(Ordering::Relaxed)
}
