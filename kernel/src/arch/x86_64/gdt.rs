//! The GDT and the TSS.
//!
//! Selector layout, chosen so SYSCALL/SYSRET work with one STAR value
//! (Intel SDM Vol. 3A §5.8.8): kernel code 0x08, kernel data 0x10, user
//! code (32-bit) 0x18, user data 0x20, user code (64-bit) 0x28, TSS 0x30.
//!
//! The TSS carries the interrupt stack table: IST1 for double faults, IST2
//! for NMIs, IST3 for machine checks, so those run on a known-good stack
//! even when the current one overflowed (Intel SDM Vol. 3A §6.14.5).

use core::cell::UnsafeCell;
use core::mem::size_of;

/// Kernel code segment selector.
pub const KERNEL_CS: u16 = 0x08;
/// Kernel data/stack segment selector.
pub const KERNEL_DS: u16 = 0x10;
/// User 64-bit code segment selector (RPL 3): 0x28 | 3.
pub const USER_CS: u16 = 0x2b;
/// User data/stack segment selector (RPL 3): 0x20 | 3.
pub const USER_DS: u16 = 0x23;
/// STAR[63:48]: SYSRET loads CS = this + 16 and SS = this + 8 (RPL 3).
pub const USER_BASE_SELECTOR: u16 = 0x18;
const TSS_SELECTOR: u16 = 0x30;

/// IST slot (1-based, as in the IDT gate) for the double-fault handler.
pub const IST_DOUBLE_FAULT: u8 = 1;
/// IST slot for NMIs.
pub const IST_NMI: u8 = 2;
/// IST slot for machine checks.
pub const IST_MACHINE_CHECK: u8 = 3;

/// 64-bit TSS (Intel SDM Vol. 3A Figure 8-11).
#[repr(C, packed(4))]
struct Tss {
    reserved0: u32,
    rsp: [u64; 3],
    reserved1: u64,
    ist: [u64; 7],
    reserved2: u64,
    reserved3: u16,
    iomap_base: u16,
}

/// The boot CPU's TSS. Interior mutability because the CPU reads it and
/// the kernel updates RSP0/IST entries after loading it.
#[repr(C, align(16))]
struct TssCell(UnsafeCell<Tss>);

// SAFETY: written only by the boot CPU with interrupts disabled (SMP is not
// brought up), read by the hardware.
unsafe impl Sync for TssCell {}

static TSS: TssCell = TssCell(UnsafeCell::new(Tss {
    reserved0: 0,
    rsp: [0; 3],
    reserved1: 0,
    ist: [0; 7],
    reserved2: 0,
    reserved3: 0,
    iomap_base: size_of::<Tss>() as u16,
}));

#[repr(C, align(16))]
struct Gdt([u64; 8]);

struct GdtCell(UnsafeCell<Gdt>);

// SAFETY: written once by `init` on the boot CPU before it is loaded.
unsafe impl Sync for GdtCell {}

static GDT: GdtCell = GdtCell(UnsafeCell::new(Gdt([
    0,
    0x00af_9a00_0000_ffff, // 0x08 kernel code: L, P, DPL 0
    0x00cf_9200_0000_ffff, // 0x10 kernel data
    0x00cf_fa00_0000_ffff, // 0x18 user code 32-bit: DPL 3
    0x00cf_f200_0000_ffff, // 0x20 user data: DPL 3
    0x00af_fa00_0000_ffff, // 0x28 user code 64-bit: L, DPL 3
    0,                     // 0x30 TSS low, filled by init
    0,                     // 0x38 TSS high
])));

/// Static stacks for the IST entries until `set_ist` installs guarded ones.
#[repr(C, align(16))]
struct EarlyStacks(UnsafeCell<[[u8; 8192]; 3]>);

// SAFETY: only the CPU writes these stacks, when delivering through IST.
unsafe impl Sync for EarlyStacks {}

static EARLY_IST_STACKS: EarlyStacks = EarlyStacks(UnsafeCell::new([[0; 8192]; 3]));

/// Builds and loads the GDT, reloads the segment registers and loads the TSS.
pub fn init() {
    let tss_addr = TSS.0.get() as u64;
    let stacks = EARLY_IST_STACKS.0.get() as u64;
    for i in 0..3u64 {
        set_ist(i as u8 + 1, stacks + (i + 1) * 8192);
    }
    let limit = (size_of::<Tss>() - 1) as u64;
    // 64-bit available TSS descriptor (type 9, present), SDM Vol. 3A Figure 8-4.
    let low = (limit & 0xffff)
        | ((tss_addr & 0xff_ffff) << 16)
        | (0x89 << 40)
        | (((limit >> 16) & 0xf) << 48)
        | (((tss_addr >> 24) & 0xff) << 56);
    let high = tss_addr >> 32;
    let gdt = GDT.0.get();
    // SAFETY: the GDT is not loaded yet (the boot GDT is in use), and only
    // this boot-CPU code writes it.
    unsafe {
        (*gdt).0[6] = low;
        (*gdt).0[7] = high;
    }
    let ptr = x86_64::structures::DescriptorTablePointer {
        limit: (size_of::<Gdt>() - 1) as u16,
        base: x86_64::VirtAddr::new(gdt as u64),
    };
    // SAFETY: the table is static, its code/data descriptors match the
    // selectors the boot code uses, and the reload sequence below makes
    // every segment register refer to it.
    unsafe {
        x86_64::instructions::tables::lgdt(&ptr);
        core::arch::asm!(
            "push {cs}",
            "lea {tmp}, [rip + 2f]",
            "push {tmp}",
            "retfq",
            "2:",
            "mov ds, {ds:e}",
            "mov es, {ds:e}",
            "mov ss, {ds:e}",
            "ltr {tss:x}",
            cs = in(reg) u64::from(KERNEL_CS),
            ds = in(reg) u32::from(KERNEL_DS),
            tss = in(reg) TSS_SELECTOR,
            tmp = out(reg) _,
        );
    }
}

/// Sets IST slot `index` (1..=7) to the stack whose top is `stack_top`.
pub fn set_ist(index: u8, stack_top: u64) {
    let i = usize::from(index).wrapping_sub(1);
    assert!(i < 7, "IST index {index} out of range");
    // SAFETY: boot-CPU only, interrupts off during init; the CPU reads the
    // field only when delivering an interrupt through this IST slot.
    unsafe { (*TSS.0.get()).ist[i] = stack_top };
}

/// Sets RSP0, the stack the CPU switches to on an interrupt from user mode.
pub fn set_kernel_stack(stack_top: u64) {
    // SAFETY: as in `set_ist`.
    unsafe { (*TSS.0.get()).rsp[0] = stack_top };
}
