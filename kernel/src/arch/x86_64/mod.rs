//! x86-64 (Intel 64 / AMD64) support: boot, CPU tables, paging, interrupt
//! controllers, clocks and power.

mod acpi;
mod apic;
mod boot;
pub mod context;
pub mod cpu;
mod cpuinfo;
mod gdt;
mod idt;
pub mod paging;
mod percpu;
mod power;
pub mod signal;
mod time;
pub mod traps;

use apic::{ioapic, lapic};
use core::fmt::Write as _;
use log::{info, warn};
use spin::Once;

pub use boot::entry_tsc;
pub use cpuinfo::cpuinfo_text;
pub use power::{fail_and_halt, power_off};

/// `TrapFrame::vector` of a frame built by the system-call entry.
pub const SYSCALL_FRAME_VECTOR: u64 = 0x100;

/// Sets up the boot CPU: features, GDT/TSS, IDT.
pub fn init_cpu() {
    cpu::init();
    gdt::init();
    idt::init();
    percpu::init();
}

// One assembly block for the entry paths, so the register macros of
// regs.S are defined once for trap.S and entry.S.
core::arch::global_asm!(include_str!("regs.S"), include_str!("trap.S"), include_str!("entry.S"), options(att_syntax));

extern "C" {
    #[link_name = "copy_user"]
    fn copy_user_asm(dst: *mut u8, src: *const u8, len: usize) -> usize;
}

/// Copies `len` bytes between user and kernel memory; returns the number
/// of bytes NOT copied (0 on success). Callers check that the user side
/// lies in the user half (`mm::uaccess`).
pub fn copy_user(dst: *mut u8, src: *const u8, len: usize) -> usize {
    // SAFETY: the kernel side is a valid buffer of `len` bytes (callers pass
    // slices) and the user side is below USER_END; faults there are caught
    // by the fixup table entry of `copy_user`.
    unsafe { copy_user_asm(dst, src, len) }
}

/// Loads `root` as the current page table (a process's PML4).
pub fn activate_page_table(root: u64) {
    if paging::current_root() != root {
        // SAFETY: every root the kernel builds shares the kernel half.
        unsafe { paging::switch_root(root) };
    }
}

/// Flushes the TLB entries of [start, end) on this CPU: page by page for
/// small ranges, the whole (non-global) TLB above 32 pages.
pub fn flush_tlb_range(start: u64, end: u64) {
    if end.saturating_sub(start) > 32 * 4096 {
        flush_tlb_all();
    } else {
        let mut va = start & !0xfff;
        while va < end {
            paging::flush(va);
            va += 4096;
        }
    }
}

/// Flushes all non-global TLB entries of this CPU.
pub fn flush_tlb_all() {
    // SAFETY: reloading CR3 with its own value changes no mapping.
    unsafe { paging::switch_root(paging::current_root()) };
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

static CALIBRATION: Once<time::tsc::Calibration> = Once::new();

/// Formats `hz` as "N.NNN MHz".
struct Mhz(u64);

impl core::fmt::Display for Mhz {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}.{:03} MHz", self.0 / 1_000_000, (self.0 / 1000) % 1000)
    }
}

/// Brings up the platform: ACPI tables, PICs (masked), local APIC,
/// IO-APICs, HPET, clock calibration and the periodic APIC timer at
/// `crate::time::HZ`. Interrupts stay disabled; see [`enable_interrupts`].
pub fn init_platform(boot: &crate::boot::BootInfo) {
    apic::pic::disable();
    let platform = acpi::init(boot);
    let lapic_phys = platform.as_ref().map_or(0xfee0_0000, |p| p.lapic_phys);
    match lapic::init(lapic_phys, cpu::info().x2apic) {
        lapic::Mode::X2apic => info!("APIC: x2APIC mode, id {}", lapic::id()),
        lapic::Mode::Xapic { .. } => info!(
            "APIC: xAPIC mode at {lapic_phys:#x}, id {}, version {:#x}",
            lapic::id(),
            lapic::version() & 0xff
        ),
    }

    match &platform {
        Some(p) if !p.io_apics.is_empty() => {
            let pins = ioapic::init(&p.io_apics, &p.overrides);
            let mut line = cpu::Line::default();
            for (a, n) in p.io_apics.iter().zip(&pins) {
                let _ = write!(line, " [id {} at {:#x}, GSI {}-{}]", a.id, a.phys, a.gsi_base, a.gsi_base + n - 1);
            }
            let mut ov = cpu::Line::default();
            for o in &p.overrides {
                let _ = write!(
                    ov,
                    " IRQ{}->GSI{}{}{}",
                    o.isa_irq,
                    o.gsi,
                    if o.level { " level" } else { "" },
                    if o.active_low { " low" } else { "" }
                );
            }
            info!("IO-APIC: {}{}; {} interrupt overrides:{}", p.io_apics.len(), line.as_str(), p.overrides.len(), ov.as_str());
            for irq in (1..16u8).filter(|&i| i != 2) {
                ioapic::route_isa_irq(irq, apic::ISA_VECTOR_BASE + irq, lapic::id(), true);
            }
            route_input_interrupts();
        }
        _ => warn!("IO-APIC: none found; device interrupts unavailable"),
    }

    let hpet = platform.as_ref().and_then(|p| p.hpet_phys).and_then(|phys| Some((phys, time::hpet::init(phys)?)));
    match hpet {
        Some((phys, h)) => info!("HPET: {} at {phys:#x}", Mhz(h.freq_hz)),
        None => info!("HPET: none, calibrating against the PIT"),
    }

    let cal = *CALIBRATION.call_once(time::tsc::calibrate);
    info!(
        "TSC: {} ({}invariant), calibrated against the {}",
        Mhz(cal.tsc_hz),
        if cpu::info().invariant_tsc { "" } else { "not " },
        cal.reference
    );

    traps::set_handler(apic::TIMER_VECTOR, |frame| {
        crate::time::tick();
        lapic::eoi();
        crate::fs::tty::service_from_interrupt(frame.cs & 3 == 3);
    });
    traps::set_handler(apic::SPURIOUS_VECTOR, |_| {});
    let count = (cal.apic_timer_hz / crate::time::HZ).clamp(1, u64::from(u32::MAX)) as u32;
    lapic::timer_start_periodic(apic::TIMER_VECTOR, count);
    info!("APIC timer: {} Hz ticks, bus clock {} / 16, count {count}", crate::time::HZ, Mhz(cal.apic_timer_hz * 16));
}

/// Unmasks the terminal's input interrupts: COM1 receive (ISA IRQ 4) and
/// the PS/2 keyboard (ISA IRQ 1). Their handlers queue the bytes for the
/// terminal, acknowledge the interrupt, then let the terminal cook them
/// if the interrupted code holds no lock (`tty::service_from_interrupt`).
fn route_input_interrupts() {
    use crate::drivers::{keyboard, serial};
    traps::set_handler(apic::ISA_VECTOR_BASE + serial::IRQ, |frame| {
        let mut bytes = [0u8; 64];
        let n = serial::drain_receiver(&mut bytes);
        crate::fs::tty::receive(&bytes[..n]);
        lapic::eoi();
        crate::fs::tty::service_from_interrupt(frame.cs & 3 == 3);
    });
    traps::set_handler(apic::ISA_VECTOR_BASE + keyboard::IRQ, |frame| {
        let mut port = ::x86_64::instructions::port::PortReadOnly::<u8>::new(keyboard::DATA_PORT);
        // SAFETY: reading the i8042 data port takes the pending scancode;
        // only this handler reads it.
        let scancode = unsafe { port.read() };
        keyboard::on_scancode(scancode);
        lapic::eoi();
        crate::fs::tty::service_from_interrupt(frame.cs & 3 == 3);
    });
    for irq in [serial::IRQ, keyboard::IRQ] {
        ioapic::route_isa_irq(irq, apic::ISA_VECTOR_BASE + irq, lapic::id(), false);
    }
}

/// Calls `f` with the stack pointer set to `stack_top` (16-byte aligned),
/// then returns to the current stack.
pub fn run_on_stack(stack_top: u64, f: fn()) {
    assert!(stack_top % 16 == 0, "misaligned stack");
    // SAFETY: the caller provides a mapped stack; r12 (callee-saved, so
    // preserved by `f`) keeps the old stack pointer for the way back.
    unsafe {
        core::arch::asm!(
            "mov r12, rsp",
            "mov rsp, {top}",
            "call {f}",
            "mov rsp, r12",
            top = in(reg) stack_top,
            f = in(reg) f,
            out("r12") _,
            clobber_abi("C"),
        );
    }
}

/// Replaces the boot-time IST stacks with kernel stacks that have guard
/// pages (needs the frame allocator and kernel page tables).
pub fn install_guarded_ist_stacks() {
    for ist in [gdt::IST_DOUBLE_FAULT, gdt::IST_NMI, gdt::IST_MACHINE_CHECK] {
        let stack = crate::mm::kstack::KernelStack::new(4).expect("IST stack");
        gdt::set_ist(ist, stack.top());
        core::mem::forget(stack); // used until power-off
    }
}

/// Enables maskable interrupts on this CPU.
pub fn enable_interrupts() {
    ::x86_64::instructions::interrupts::enable();
}

/// Halts until the next interrupt.
pub fn wait_for_interrupt() {
    ::x86_64::instructions::hlt();
}

/// The TSC frequency in Hz measured by `init_platform`.
pub fn tsc_freq_hz() -> u64 {
    CALIBRATION.get().map_or(0, |c| c.tsc_hz)
}

/// The CMOS RTC's date and time, if valid.
pub fn read_rtc() -> Option<clock::DateTime> {
    time::rtc::read()
}

/// A 64-bit value from RDRAND, if the CPU has it and it delivers.
pub fn hardware_random_u64() -> Option<u64> {
    ::x86_64::instructions::random::RdRand::new().and_then(|r| r.get_u64())
}

/// AT_HWCAP for x86-64: CPUID.1:EDX, as Linux reports it.
pub fn hwcap() -> u64 {
    u64::from(core::arch::x86_64::__cpuid(1).edx)
}

/// Sets the running thread's user FS base (TLS pointer); `base` must be canonical.
pub fn set_user_tls(base: u64) {
    percpu::set_fs_base(base);
}

/// The running thread's user FS base.
pub fn user_tls() -> u64 {
    percpu::fs_base()
}

/// Enables interrupts and halts until the next one, atomically (STI; HLT).
pub fn enable_interrupts_and_halt() {
    ::x86_64::instructions::interrupts::enable_and_hlt();
}

/// Sets the running thread's user GS base.
pub fn set_user_gs(base: u64) {
    percpu::set_user_gs_base(base);
}

/// The running thread's user GS base.
pub fn user_gs() -> u64 {
    percpu::user_gs_base()
}
