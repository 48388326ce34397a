//! Kernel stacks with guard pages.
//!
//! Each stack gets a 64 KiB slot of virtual space above `KSTACK_BASE`; its
//! pages are mapped at the top of the slot and the page below them stays
//! unmapped, so an overflow faults (and, with the fault handler on its IST
//! stack, is reported) instead of corrupting memory.

use super::{frame, kernel_space, KSTACK_BASE};
use crate::arch::paging::MapError;
use alloc::vec::Vec;
use paging::PAGE_SIZE;
use spin::Mutex;

/// Virtual bytes per stack slot: at most 15 stack pages plus the guard.
const SLOT_BYTES: u64 = 64 * 1024;
/// Most pages a kernel stack may have.
pub const MAX_PAGES: u64 = SLOT_BYTES / PAGE_SIZE - 1;

struct Slots {
    next: u64,
    free: Vec<u64>,
}

static SLOTS: Mutex<Slots> = Mutex::new(Slots { next: 0, free: Vec::new() });

/// A mapped kernel stack; unmapped and freed on drop.
pub struct KernelStack {
    slot: u64,
    pages: u64,
}

impl KernelStack {
    /// Allocates a stack of `pages` 4 KiB pages (1..=`MAX_PAGES`) below a
    /// guard page. `Err(NoMemory)` when frames or page tables run out,
    /// `Err(BadAddress)` for a bad page count.
    pub fn new(pages: u64) -> Result<KernelStack, MapError> {
        if pages == 0 || pages > MAX_PAGES {
            return Err(MapError::BadAddress);
        }
        let slot = {
            let mut s = SLOTS.lock();
            match s.free.pop() {
                Some(slot) => slot,
                None => {
                    s.next += 1;
                    s.next - 1
                }
            }
        };
        let mut stack = KernelStack { slot, pages: 0 };
        for _ in 0..pages {
            let phys = frame::alloc(0).ok_or(MapError::NoMemory)?;
            let va = stack.top() - (stack.pages + 1) * PAGE_SIZE;
            if let Err(e) = kernel_space::map_kernel_page(va, phys) {
                frame::free(phys, 0);
                return Err(e);
            }
            stack.pages += 1;
        }
        Ok(stack)
    }

    /// The address just past the highest byte: the initial stack pointer.
    pub fn top(&self) -> u64 {
        KSTACK_BASE + (self.slot + 1) * SLOT_BYTES
    }

    /// Lowest mapped address; the guard page is the page below it.
    pub fn bottom(&self) -> u64 {
        self.top() - self.pages * PAGE_SIZE
    }
}

impl Drop for KernelStack {
    fn drop(&mut self) {
        for i in 0..self.pages {
            let va = self.top() - (i + 1) * PAGE_SIZE;
            match kernel_space::unmap_kernel_page(va) {
                Ok(phys) => frame::free(phys, 0),
                Err(e) => panic!("kernel stack page {va:#x} was not mapped: {e:?}"),
            }
        }
        SLOTS.lock().free.push(self.slot);
    }
}
