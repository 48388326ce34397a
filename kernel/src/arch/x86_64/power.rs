//! Stopping the machine: ACPI soft-off (S5) and, under a hypervisor, the
//! QEMU `isa-debug-exit` device for failures.

use spin::Once;
use x86_64::instructions::port::Port;

/// I/O port of QEMU's isa-debug-exit device (`-device isa-debug-exit,iobase=0xf4`).
const DEBUG_EXIT_PORT: u16 = 0xf4;

/// ACPI PM1 control registers and the S5 sleep type, from the FADT and DSDT.
#[derive(Clone, Copy, Debug)]
pub struct AcpiSleep {
    /// PM1a_CNT I/O port.
    pub pm1a_cnt: u16,
    /// PM1b_CNT I/O port, if the chipset has one.
    pub pm1b_cnt: Option<u16>,
    /// SLP_TYPa/SLP_TYPb values for S5 (`\_S5` package).
    pub slp_typ: (u16, u16),
}

static SLEEP: Once<AcpiSleep> = Once::new();

/// Records how to enter S5 (called by the ACPI code).
pub fn set_acpi_sleep(sleep: AcpiSleep) {
    SLEEP.call_once(|| sleep);
}

/// True if CPUID says we run under a hypervisor (CPUID.1:ECX[31]).
fn under_hypervisor() -> bool {
    raw_cpuid::CpuId::new().get_feature_info().is_some_and(|f| f.has_hypervisor())
}

/// Powers the machine off through ACPI S5 (ACPI spec §16.1.7: write
/// SLP_TYP | SLP_EN to PM1a_CNT and PM1b_CNT). Halts if that fails.
pub fn power_off() -> ! {
    log::info!("power off");
    x86_64::instructions::interrupts::disable();
    if let Some(s) = SLEEP.get() {
        const SLP_EN: u16 = 1 << 13;
        // SAFETY: the ports come from the FADT; writing SLP_EN there is the
        // documented way to enter the sleep state.
        unsafe {
            Port::<u16>::new(s.pm1a_cnt).write((s.slp_typ.0 << 10) | SLP_EN);
            if let Some(b) = s.pm1b_cnt {
                Port::<u16>::new(b).write((s.slp_typ.1 << 10) | SLP_EN);
            }
        }
    }
    // QEMU and real chipsets act on the write a little later; wait ~100 ms.
    let start = super::read_tsc();
    let wait = super::tsc_freq_hz() / 10;
    while super::read_tsc().wrapping_sub(start) < wait {
        core::hint::spin_loop();
    }
    log::error!("ACPI power off failed; halting");
    halt_forever()
}

/// Stops after a fatal error: ends QEMU with exit status 3 through
/// isa-debug-exit when running under a hypervisor, otherwise halts.
pub fn fail_and_halt() -> ! {
    x86_64::instructions::interrupts::disable();
    if under_hypervisor() {
        // SAFETY: port 0xf4 is QEMU's debug-exit device; where it is absent
        // the write goes nowhere.
        unsafe { Port::<u32>::new(DEBUG_EXIT_PORT).write(1) };
    }
    halt_forever()
}

/// Halts this CPU for good.
pub fn halt_forever() -> ! {
    loop {
        x86_64::instructions::interrupts::disable();
        x86_64::instructions::hlt();
    }
}
