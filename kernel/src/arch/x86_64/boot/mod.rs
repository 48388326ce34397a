//! Entry from the boot loader: the assembly path into long mode and the
//! conversion of the loader's information into [`BootInfo`].
//!
//! Two loaders are supported (see `boot.S`): Multiboot2 from GRUB and PVH
//! from QEMU's `-kernel`. Both end in [`x86_64_start_kernel`].

mod multiboot2;
mod pvh;

use crate::boot::BootInfo;
use spin::Once;

core::arch::global_asm!(include_str!("../boot.S"), options(att_syntax));

/// EAX value a Multiboot2 loader passes (Multiboot2 spec §3.3).
const MULTIBOOT2_BOOTLOADER_MAGIC: u32 = 0x36d7_6289;
/// Marker `boot.S` puts in EAX on the PVH path (XEN_HVM_START_MAGIC_VALUE).
const PVH_MARKER: u32 = 0x336e_c578;

static BOOT_INFO: Once<BootInfo> = Once::new();

/// First Rust code, called by `boot.S` on the boot stack with the boot page
/// tables: `magic` tells the loader, `info_phys` is its information block.
#[no_mangle]
extern "C" fn x86_64_start_kernel(magic: u32, info_phys: u32) -> ! {
    crate::console::early_init();
    let boot = BOOT_INFO.call_once(|| match magic {
        MULTIBOOT2_BOOTLOADER_MAGIC => multiboot2::parse(u64::from(info_phys)),
        PVH_MARKER => pvh::parse(u64::from(info_phys)),
        other => panic!("unknown boot loader (magic {other:#x})"),
    });
    crate::start_kernel(boot)
}

/// TSC value read by the first instruction of the kernel (`boot.S`).
pub fn entry_tsc() -> u64 {
    extern "C" {
        static boot_tsc: u64;
    }
    // SAFETY: boot.S writes boot_tsc once before any Rust code runs; it is
    // never written again, so a plain read cannot race.
    unsafe { core::ptr::addr_of!(boot_tsc).read() }
}
