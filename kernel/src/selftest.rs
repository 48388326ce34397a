//! Kernel self-tests chosen with `selftest=NAME` on the command line; the
//! QEMU integration tests use them to exercise paths no user program can
//! reach yet. Each prints `selftest NAME: passed` or a failure (and panics).
//!
//! - `pagefault`: reads an unmapped kernel address; the fault report must
//!   name it in CR2 and the machine must stop with a failure code.
//! - `stackoverflow`: recurses on a guarded kernel stack until it hits the guard.
//! - `memstress`: heap and frame allocations of many sizes, freed again;
//!   the free-frame count must return to where it started.
//! - `timer`: the APIC timer must tick at `HZ`.

use crate::mm::{frame, kstack::KernelStack};
use alloc::boxed::Box;
use alloc::vec::Vec;
use log::info;

/// Address the page-fault test reads: user half, never mapped.
pub const UNMAPPED_ADDRESS: u64 = 0xdead_0000;

/// Runs the self-test `name`; unknown names panic (a typo must not pass).
pub fn run(name: &str) {
    match name {
        "pagefault" => pagefault(),
        "stackoverflow" => stack_overflow(),
        "memstress" => memstress(),
        "timer" => timer(),
        _ => panic!("selftest: unknown test {name}"),
    }
    info!("selftest {name}: passed");
}

fn pagefault() {
    info!("selftest pagefault: reading {UNMAPPED_ADDRESS:#x}");
    // SAFETY: deliberately unsound: the read faults, and the fault handler
    // stops the machine, which is what this test checks.
    let v = unsafe { core::ptr::read_volatile(UNMAPPED_ADDRESS as *const u64) };
    panic!("read of an unmapped address returned {v:#x}");
}

fn stack_overflow() {
    #[inline(never)]
    fn recurse(depth: u64) -> u64 {
        let pad = core::hint::black_box([depth; 64]);
        recurse(depth + 1) + pad[0]
    }
    let stack = KernelStack::new(4).expect("kernel stack");
    info!("selftest stackoverflow: guard page at {:#x}", stack.bottom() - 4096);
    crate::arch::run_on_stack(stack.top(), || {
        recurse(0);
    });
    panic!("the stack overflow was not caught");
}

/// Tiny xorshift for reproducible sizes.
fn next(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

fn memstress() {
    // The heap keeps what it claims, so give it room first: the comparison
    // is about frames leaking, not about the heap's high-water mark.
    let room: Vec<Vec<u8>> = (0..3).map(|_| Vec::with_capacity(3 << 20)).collect();
    drop(room);
    // Round 0 also warms up: kernel page tables made for stack slots stay.
    let mut heap_before = 0;
    let mut before = frame::stats();
    let mut seed = 0x1234_5678_9abc_def1;
    for round in 0..5 {
        if round == 1 {
            heap_before = crate::mm::heap::claimed_bytes();
            before = frame::stats();
        }
        let mut boxes: Vec<Box<[u8]>> = Vec::new();
        for _ in 0..2000 {
            let len = (next(&mut seed) % 4096) as usize + 1;
            boxes.push(alloc::vec![round as u8; len].into_boxed_slice());
        }
        for b in &boxes {
            assert!(b.iter().all(|&x| x == round as u8), "heap block corrupted");
        }
        let mut blocks = Vec::new();
        for _ in 0..3000 {
            let order = (next(&mut seed) % 6) as u8;
            if let Some(phys) = frame::alloc(order) {
                blocks.push((phys, order));
            }
        }
        let mut unique: Vec<u64> = blocks.iter().map(|b| b.0).collect();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), blocks.len(), "a frame was handed out twice");
        for (phys, order) in blocks {
            frame::free(phys, order);
        }
        let stacks: Vec<KernelStack> = (0..64).map(|_| KernelStack::new(4).expect("kernel stack")).collect();
        drop(stacks);
    }
    // Exhaust memory once, chaining the frames through their own first
    // word (no heap needed): every frame must come back.
    let mut head = 0u64;
    let mut exhausted = 0u64;
    while let Some(phys) = frame::alloc(0) {
        // SAFETY: the frame was just allocated to us; the direct map covers it.
        unsafe { (crate::mm::phys_to_virt(phys) as *mut u64).write(head) };
        head = phys;
        exhausted += 1;
    }
    while head != 0 {
        // SAFETY: head is a frame we allocated and linked above.
        let next_frame = unsafe { (crate::mm::phys_to_virt(head) as *const u64).read() };
        frame::free(head, 0);
        head = next_frame;
    }
    let after = frame::stats();
    info!(
        "memstress: free frames before {} after {} (heap {} KiB, {} frames taken when exhausted)",
        before.free_frames,
        after.free_frames,
        crate::mm::heap::claimed_bytes() >> 10,
        exhausted
    );
    assert_eq!(heap_before, crate::mm::heap::claimed_bytes(), "the heap grew: fragmentation");
    assert_eq!(exhausted, before.free_frames, "exhaustion did not hand out every free frame");
    assert_eq!(before.free_frames, after.free_frames, "frames leaked");
    assert_eq!(before.free_blocks, after.free_blocks, "free blocks did not coalesce back");
}

fn timer() {
    let start_jiffies = crate::time::jiffies();
    let start_ns = crate::time::uptime_ns();
    while crate::time::jiffies() < start_jiffies + 10 {
        crate::arch::wait_for_interrupt();
    }
    let elapsed_ms = (crate::time::uptime_ns() - start_ns) / 1_000_000;
    info!("selftest timer: 10 ticks in {elapsed_ms} ms");
    assert!((80..=120).contains(&elapsed_ms), "10 ticks took {elapsed_ms} ms, expected 100");
}
