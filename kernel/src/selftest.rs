//! Kernel self-tests chosen with `selftest=NAME` on the command line; the
//! QEMU integration tests use them to exercise paths no user program can
//! reach yet. Each prints `selftest NAME: passed` or a failure (and panics).
//!
//! - `pagefault`: reads an unmapped kernel address; the fault report must
//!   name it in CR2 and the machine must stop with a failure code.
//! - `stackoverflow`: recurses on a guarded kernel stack until it hits the guard.
//! - `memstress`: heap and frame allocations of many sizes, freed again;
//!   the free-frame count must return to where it started.
//! - `timer`: the APIC timer must tick at `HZ`; uptime and realtime advance together.
//! - `paging`: map, translate, protect and unmap a kernel page.

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
        "paging" => paging_ops(),
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
    #[expect(unconditional_recursion, reason = "it must run until it hits the guard page")]
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
    // Heap exhaustion is an error the caller sees, not a crash.
    let mut huge: Vec<u8> = Vec::new();
    assert!(huge.try_reserve(1 << 40).is_err(), "a 1 TiB heap reservation succeeded");
    assert!(huge.try_reserve(64 << 20).is_err(), "a 64 MiB heap block succeeded (largest is 4 MiB)");
    assert_eq!(exhausted, before.free_frames, "exhaustion did not hand out every free frame");
    assert_eq!(before.free_frames, after.free_frames, "frames leaked");
    assert_eq!(before.free_blocks, after.free_blocks, "free blocks did not coalesce back");
}

fn timer() {
    let start_jiffies = crate::time::jiffies();
    let start_ns = crate::time::uptime_ns();
    let start_real_ns = crate::time::realtime_ns();
    while crate::time::jiffies() < start_jiffies + 10 {
        crate::arch::wait_for_interrupt();
    }
    let elapsed_ms = (crate::time::uptime_ns() - start_ns) / 1_000_000;
    info!("selftest timer: 10 ticks in {elapsed_ms} ms");
    assert!((80..=120).contains(&elapsed_ms), "10 ticks took {elapsed_ms} ms, expected 100");
    let real_ms = (crate::time::realtime_ns() - start_real_ns) / 1_000_000;
    assert!(real_ms.abs_diff(elapsed_ms) <= 1, "realtime advanced {real_ms} ms, uptime {elapsed_ms} ms");
    assert!(crate::time::realtime_ns() > 1_600_000_000 * 1_000_000_000, "realtime is before 2020");
}

fn paging_ops() {
    use crate::arch::paging::{self, MapError, PageSize};
    use ::paging::Pte;
    let root = paging::current_root();
    let va = crate::mm::KSTACK_BASE - 0x1000_0000; // unused kernel address
    let phys = frame::alloc_zeroed().expect("a frame");
    let mut alloc_table = || frame::alloc_zeroed();
    let nx = crate::mm::kernel_space::no_execute();
    paging::map(root, va, phys, PageSize::Size4K, Pte::WRITABLE | nx, &mut alloc_table).expect("map");
    assert_eq!(
        paging::map(root, va, phys, PageSize::Size4K, Pte::WRITABLE, &mut alloc_table),
        Err(MapError::AlreadyMapped)
    );
    // SAFETY: va was just mapped writable to a frame we own.
    unsafe { ((va + 8) as *mut u64).write_volatile(0x5eed) };
    // SAFETY: reading the same frame through the direct map.
    let through_direct_map = unsafe { ((crate::mm::phys_to_virt(phys) + 8) as *const u64).read_volatile() };
    assert_eq!(through_direct_map, 0x5eed, "the mapping points at the wrong frame");
    let t = paging::translate(root, va + 8).expect("translate");
    assert_eq!((t.phys, t.size), (phys + 8, PageSize::Size4K));
    assert_ne!(t.flags & Pte::WRITABLE, 0);
    paging::protect(root, va, nx).expect("protect");
    let t = paging::translate(root, va).expect("translate after protect");
    assert_eq!(t.flags & Pte::WRITABLE, 0, "still writable after protect");
    assert_eq!(paging::unmap(root, va), Ok((phys, PageSize::Size4K)));
    assert_eq!(paging::translate(root, va), None);
    assert_eq!(paging::unmap(root, va), Err(MapError::NotMapped));
    assert_eq!(paging::map(root, va + 1, phys, PageSize::Size4K, 0, &mut alloc_table), Err(MapError::BadAddress));
    frame::free(phys, 0);
    // A 2 MiB translation from the direct map.
    let t = paging::translate(root, crate::mm::phys_to_virt(0x20_1234)).expect("direct map");
    assert_eq!(t.phys, 0x20_1234);
    info!("selftest paging: map, translate, protect, unmap checked at {va:#x}");
}
