//! Memory management: physical frames, user address spaces and file
//! mappings, kernel page tables, the kernel heap and kernel stacks.
//!
//! Kernel virtual layout (the upper half, PML4 slots 256-511):
//!
//! | start                   | what                                          |
//! |-------------------------|-----------------------------------------------|
//! | `0xffff_8880_0000_0000` | direct map of all RAM (`phys_to_virt`), MMIO mapped on demand at the same offset |
//! | `0xffff_c900_0000_0000` | kernel stacks, each below an unmapped guard page |
//! | `0xffff_ffff_8000_0000` | the kernel image (text, rodata, data, bss)     |

pub mod address_space;
pub mod file_map;
pub mod frame;
pub mod heap;
mod init;
pub mod kernel_space;
pub mod kstack;
pub mod uaccess;

pub use init::init;
pub use kernel_space::{ioremap, is_kernel_mapped, memremap};

/// Lowest kernel-half address (PML4 slot 256).
pub const KERNEL_SPACE_START: u64 = 0xffff_8000_0000_0000;

/// Start of the direct map: all RAM is mapped at `DIRECT_MAP_BASE + phys`
/// (Linux's `page_offset_base` without KASLR). PML4 slot 273.
pub const DIRECT_MAP_BASE: u64 = 0xffff_8880_0000_0000;

/// Start of the kernel-stack area (Linux's vmalloc base). PML4 slot 402.
pub const KSTACK_BASE: u64 = 0xffff_c900_0000_0000;

/// Where the kernel image is linked: virtual = `KERNEL_VMA` + physical.
pub const KERNEL_VMA: u64 = 0xffff_ffff_8000_0000;

/// Virtual address of physical address `phys` in the direct map.
pub const fn phys_to_virt(phys: u64) -> u64 {
    DIRECT_MAP_BASE + phys
}
