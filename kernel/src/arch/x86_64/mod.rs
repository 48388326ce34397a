//! x86-64 (Intel 64 / AMD64) support: boot, CPU tables, paging, interrupt
//! controllers, clocks and power.

mod boot;
pub mod cpu;
mod gdt;
mod idt;
pub mod paging;
mod power;
pub mod traps;

pub use boot::entry_tsc;
pub use power::{fail_and_halt, power_off};

/// Sets up the boot CPU: features, GDT/TSS, IDT.
pub fn init_cpu() {
    cpu::init();
    gdt::init();
    idt::init();
}

/// True if the CPU supports the execute-disable bit (and boot.S set EFER.NXE).
pub fn cpu_has_nx() -> bool {
    cpu::info().nx
}

/// True if the CPU supports 1 GiB pages.
pub fn cpu_has_1g_pages() -> bool {
    cpu::info().huge_pages_1g
}

/// Runs `f` with interrupts disabled, restoring the previous state after.
pub fn without_interrupts<R>(f: impl FnOnce() -> R) -> R {
    ::x86_64::instructions::interrupts::without_interrupts(f)
}

/// Disables maskable interrupts.
pub fn disable_interrupts() {
    ::x86_64::instructions::interrupts::disable();
}

/// Reads the time-stamp counter.
pub fn read_tsc() -> u64 {
    // SAFETY: RDTSC has no side effects; CR4.TSD is clear in ring 0.
    unsafe { core::arch::x86_64::_rdtsc() }
}

/// Frame pointer (RBP) of the caller, for backtraces.
#[inline(always)]
pub fn current_frame_pointer() -> u64 {
    let rbp: u64;
    // SAFETY: reads a register, no memory access.
    unsafe { core::arch::asm!("mov {}, rbp", out(reg) rbp, options(nomem, nostack, preserves_flags)) };
    rbp
}

/// Prints the control registers and the current stack pointer.
pub fn dump_current_registers() {
    let rsp: u64;
    // SAFETY: reads a register, no memory access.
    unsafe { core::arch::asm!("mov {}, rsp", out(reg) rsp, options(nomem, nostack, preserves_flags)) };
    crate::console::write_fmt_unlocked(format_args!("RSP={rsp:#018x} RBP={:#018x}\n", current_frame_pointer()));
    traps::dump_control_registers();
}

pub use traps::print_backtrace;

pub fn init_platform(_boot: &crate::boot::BootInfo) {}
pub fn tsc_freq_hz() -> u64 { 1_000_000_000 }
pub fn read_rtc() -> Option<clock::DateTime> { None }
