//! The kernel's page tables: the direct map of RAM, the kernel image with
//! per-section permissions, MMIO mapped on demand, kernel-stack pages.
//!
//! Design note: every PML4 slot of the upper half gets its PDPT at boot
//! (256 frames, 1 MiB), so the upper half never changes at the PML4 level
//! and a process's PML4 can share it by copying slots 256-511 once.

use super::{frame, phys_to_virt, DIRECT_MAP_BASE, KERNEL_VMA};
use crate::arch::paging::{self, MapError, PageSize};
use ::paging::{align_down, align_up, Pte, LARGE_PAGE_SIZE, PAGE_SIZE};
use spin::Mutex;

/// Physical address of the kernel PML4; 0 until `init` ran.
static KERNEL_ROOT: Mutex<u64> = Mutex::new(0);

extern "C" {
    static __kernel_phys_start: u8;
    static __kernel_phys_end: u8;
    static __text_start: u8;
    static __text_end: u8;
    static __rodata_start: u8;
    static __rodata_end: u8;
    static __data_start: u8;
    static __data_end: u8;
    static boot_stack_guard: u8;
}

fn sym(s: *const u8) -> u64 {
    s as u64
}

/// Physical [start, end) of the kernel image, boot code included.
pub fn kernel_image_phys() -> (u64, u64) {
    (sym(&raw const __kernel_phys_start), sym(&raw const __kernel_phys_end))
}

/// The NX bit if the CPU supports it (setting it otherwise is a reserved-bit fault).
pub fn no_execute() -> u64 {
    if crate::arch::cpu_has_nx() {
        Pte::NO_EXECUTE
    } else {
        0
    }
}

fn alloc_table() -> Option<u64> {
    frame::alloc_zeroed()
}

/// Builds the kernel page tables and switches to them. `ram` lists the
/// physical RAM ranges to put in the direct map (the first MiB is added).
pub fn init(ram: impl Iterator<Item = (u64, u64)>) {
    let root = frame::alloc_zeroed().expect("frame for the kernel PML4");
    for slot in 256..512u64 {
        let pdpt = frame::alloc_zeroed().expect("frame for a kernel PDPT");
        let entry = Pte::new(pdpt, Pte::PRESENT | Pte::WRITABLE);
        // SAFETY: root is a fresh zeroed frame in the direct map; slot < 512.
        unsafe { (phys_to_virt(root) as *mut Pte).add(slot as usize).write(entry) };
    }

    let data = Pte::WRITABLE | Pte::GLOBAL | no_execute();
    let huge_1g = crate::arch::cpu_has_1g_pages();
    for (start, end) in core::iter::once((0, 1 << 20)).chain(ram) {
        let mut at = align_down(start, LARGE_PAGE_SIZE);
        let end = align_up(end, LARGE_PAGE_SIZE).unwrap_or(u64::MAX);
        while at < end {
            // A 1 GiB page where it fits whole and nothing is mapped yet;
            // 2 MiB pages otherwise (skipping ones already mapped).
            let mut size = PageSize::Size2M;
            if huge_1g && at % (1 << 30) == 0 && end - at >= 1 << 30 {
                match paging::map(root, phys_to_virt(at), at, PageSize::Size1G, data, &mut alloc_table) {
                    Ok(()) => size = PageSize::Size1G,
                    Err(MapError::AlreadyMapped) => {}
                    Err(e) => panic!("direct map of {at:#x}: {e:?}"),
                }
            }
            if size == PageSize::Size2M {
                match paging::map(root, phys_to_virt(at), at, size, data, &mut alloc_table) {
                    Ok(()) | Err(MapError::AlreadyMapped) => {}
                    Err(e) => panic!("direct map of {at:#x}: {e:?}"),
                }
            }
            at += size.bytes();
        }
    }

    let (text, rodata, data_sec, guard) = (
        (sym(&raw const __text_start), sym(&raw const __text_end)),
        (sym(&raw const __rodata_start), sym(&raw const __rodata_end)),
        (sym(&raw const __data_start), sym(&raw const __data_end)),
        sym(&raw const boot_stack_guard),
    );
    let ro = Pte::GLOBAL | no_execute();
    for (range, flags) in [(text, Pte::GLOBAL), (rodata, ro), (data_sec, data)] {
        let mut va = range.0;
        while va < range.1 {
            if va != guard {
                paging::map(root, va, va - KERNEL_VMA, PageSize::Size4K, flags, &mut alloc_table)
                    .expect("mapping the kernel image");
            }
            va += PAGE_SIZE;
        }
    }

    // SAFETY: the new tables map the kernel image (text, rodata, data, bss
    // with the boot stack) at the same addresses and all RAM in the direct
    // map, which covers every structure used so far.
    unsafe { paging::switch_root(root) };
    *KERNEL_ROOT.lock() = root;
}

/// Physical address of the kernel PML4.
pub fn root() -> u64 {
    *KERNEL_ROOT.lock()
}

/// Runs `f` with the kernel PML4, holding the lock that serialises
/// changes to the kernel page tables.
fn with_root<R>(f: impl FnOnce(u64) -> R) -> R {
    crate::arch::without_interrupts(|| {
        let guard = KERNEL_ROOT.lock();
        assert!(*guard != 0, "kernel page tables not built yet");
        f(*guard)
    })
}

/// Maps physical [`phys`, `phys + len`) at its direct-map address with
/// `flags` unless already mapped there; returns the virtual address of `phys`.
fn map_at_direct(phys: u64, len: u64, flags: u64) -> Result<u64, MapError> {
    with_root(|root| map_at_direct_locked(root, phys, len, flags))
}

fn map_at_direct_locked(root: u64, phys: u64, len: u64, flags: u64) -> Result<u64, MapError> {
    let mut at = align_down(phys, PAGE_SIZE);
    let end = align_up(phys.checked_add(len).ok_or(MapError::BadAddress)?, PAGE_SIZE).ok_or(MapError::BadAddress)?;
    while at < end {
        let va = phys_to_virt(at);
        if paging::translate(root, va).is_none() {
            paging::map(root, va, at, PageSize::Size4K, flags, &mut alloc_table)?;
        }
        at += PAGE_SIZE;
    }
    Ok(phys_to_virt(phys))
}

/// Maps device registers at physical `phys` (`len` bytes) uncached
/// (PCD|PWT) and returns their virtual address. Ranges the direct map
/// already covers are returned as they are. `Err(NoMemory)` if a page
/// table could not be allocated.
pub fn ioremap(phys: u64, len: u64) -> Result<u64, MapError> {
    map_at_direct(phys, len, Pte::WRITABLE | Pte::NO_CACHE | Pte::WRITE_THROUGH | Pte::GLOBAL | no_execute())
}

/// Maps firmware data (ACPI tables) at physical `phys`, cached and
/// read-only, and returns its virtual address.
pub fn memremap(phys: u64, len: u64) -> Result<u64, MapError> {
    map_at_direct(phys, len, Pte::GLOBAL | no_execute())
}

/// True if every byte of [`va`, `va + len`) is mapped in the kernel tables.
pub fn is_kernel_mapped(va: u64, len: u64) -> bool {
    let root = paging::current_root();
    let Some(end) = va.checked_add(len) else { return false };
    let mut at = align_down(va, PAGE_SIZE);
    while at < end {
        match paging::translate(root, at) {
            Some(t) => at = align_down(at, t.size.bytes()) + t.size.bytes(),
            None => return false,
        }
    }
    true
}

/// Maps one 4 KiB kernel page (e.g. a stack page), writable and not executable.
pub fn map_kernel_page(va: u64, phys: u64) -> Result<(), MapError> {
    debug_assert!(va >= DIRECT_MAP_BASE);
    with_root(|root| paging::map(root, va, phys, PageSize::Size4K, Pte::WRITABLE | Pte::GLOBAL | no_execute(), &mut alloc_table))
}

/// Unmaps one 4 KiB kernel page; returns the frame it mapped.
pub fn unmap_kernel_page(va: u64) -> Result<u64, MapError> {
    with_root(|root| paging::unmap(root, va).map(|(phys, _)| phys))
}
