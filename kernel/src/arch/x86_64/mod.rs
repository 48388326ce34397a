//! x86-64 (Intel 64 / AMD64) support: boot, CPU tables, paging, interrupt
//! controllers, clocks and power.

mod acpi;
mod apic;
mod boot;
pub mod cpu;
mod gdt;
mod idt;
pub mod paging;
mod power;
mod time;
pub mod traps;

use apic::{ioapic, lapic};
use core::fmt::Write as _;
use log::{info, warn};
use spin::Once;

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

    traps::set_handler(apic::TIMER_VECTOR, |_| {
        crate::time::tick();
        lapic::eoi();
    });
    traps::set_handler(apic::SPURIOUS_VECTOR, |_| {});
    let count = (cal.apic_timer_hz / crate::time::HZ).clamp(1, u64::from(u32::MAX)) as u32;
    lapic::timer_start_periodic(apic::TIMER_VECTOR, count);
    info!("APIC timer: {} Hz ticks, bus clock {} / 16, count {count}", crate::time::HZ, Mhz(cal.apic_timer_hz * 16));
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
