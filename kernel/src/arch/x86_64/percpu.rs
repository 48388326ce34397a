//! Per-CPU data reached through the GS base in kernel mode, and the
//! SYSCALL/SYSRET set-up. Intel SDM Vol. 3A §5.8.8 (STAR, LSTAR, FMASK),
//! Vol. 2B SWAPGS.
//!
//! Design note: only the boot CPU exists so far; the structure is still
//! reached through GS so that the entry code in `entry.S` needs no change
//! when more CPUs come (each gets its own block and GS base).

use super::gdt;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicU8, Ordering};
use x86_64::registers::model_specific::{Efer, EferFlags, Msr};

const IA32_STAR: u32 = 0xc000_0081;
const IA32_LSTAR: u32 = 0xc000_0082;
const IA32_FMASK: u32 = 0xc000_0084;
const IA32_FS_BASE: u32 = 0xc000_0100;
const IA32_GS_BASE: u32 = 0xc000_0101;
const IA32_KERNEL_GS_BASE: u32 = 0xc000_0102;

/// RFLAGS bits cleared on SYSCALL: TF, DF, IF, IOPL, AC, NT (as Linux).
const SYSCALL_RFLAGS_MASK: u64 = 0x0004_7700;

/// The block `entry.S` reads at `%gs:offset`; field order is ABI.
#[repr(C)]
struct PerCpu {
    self_ptr: u64,
    kernel_rsp: u64,
    user_rsp_scratch: u64,
}

struct PerCpuCell(UnsafeCell<PerCpu>);

// SAFETY: one CPU; fields are written with interrupts disabled (context
// switch) and read by the entry code of the same CPU.
unsafe impl Sync for PerCpuCell {}

static BOOT_CPU: PerCpuCell = PerCpuCell(UnsafeCell::new(PerCpu { self_ptr: 0, kernel_rsp: 0, user_rsp_scratch: 0 }));

/// 0 or 1: whether STAC/CLAC must bracket user accesses (read by `copy_user`).
#[no_mangle]
#[allow(non_upper_case_globals, reason = "a symbol named for the assembly that reads it")]
static smap_enabled: AtomicU8 = AtomicU8::new(0);

extern "C" {
    fn syscall_entry();
}

/// Points GS at this CPU's block and enables SYSCALL with the Linux
/// register convention.
pub fn init() {
    let block = BOOT_CPU.0.get();
    // SAFETY: boot CPU, before interrupts are enabled.
    unsafe { (*block).self_ptr = block as u64 };
    let star = (u64::from(gdt::USER_BASE_SELECTOR) << 48) | (u64::from(gdt::KERNEL_CS) << 32);
    // SAFETY: these MSRs exist on every x86-64 CPU; the values are the
    // selectors of our GDT and the entry point in entry.S.
    unsafe {
        Msr::new(IA32_GS_BASE).write(block as u64);
        Msr::new(IA32_KERNEL_GS_BASE).write(0);
        Msr::new(IA32_STAR).write(star);
        Msr::new(IA32_LSTAR).write(syscall_entry as *const () as u64);
        Msr::new(IA32_FMASK).write(SYSCALL_RFLAGS_MASK);
        Efer::update(|f| f.insert(EferFlags::SYSTEM_CALL_EXTENSIONS));
    }
    if super::cpu::info().smap {
        smap_enabled.store(1, Ordering::Relaxed);
    }
}

/// Sets the kernel stack used on entry from user mode (SYSCALL and
/// interrupts through TSS.RSP0) to `top`.
pub fn set_kernel_stack(top: u64) {
    // SAFETY: called by the scheduler with interrupts off on this CPU.
    unsafe { (*BOOT_CPU.0.get()).kernel_rsp = top };
    gdt::set_kernel_stack(top);
}

/// Reads the user FS base (the TLS pointer).
pub fn fs_base() -> u64 {
    // SAFETY: FS_BASE exists on every x86-64 CPU.
    unsafe { Msr::new(IA32_FS_BASE).read() }
}

/// Sets the user FS base (the TLS pointer); `base` must be canonical.
pub fn set_fs_base(base: u64) {
    // SAFETY: a canonical value (callers check) cannot fault, and FS is
    // not used by the kernel.
    unsafe { Msr::new(IA32_FS_BASE).write(base) }
}

/// Reads the user GS base, which sits in KERNEL_GS_BASE while in the kernel.
pub fn user_gs_base() -> u64 {
    // SAFETY: the MSR exists on every x86-64 CPU.
    unsafe { Msr::new(IA32_KERNEL_GS_BASE).read() }
}

/// Sets the user GS base (takes effect at the SWAPGS on return to user).
pub fn set_user_gs_base(base: u64) {
    // SAFETY: a canonical value (callers check); the kernel's own GS base
    // is in IA32_GS_BASE and is not touched.
    unsafe { Msr::new(IA32_KERNEL_GS_BASE).write(base) }
}
