//! Exo-OS kernel entry: brings up each subsystem in order and reports what it found.
//!
//! The order matters: console first (so everything after can log), then the
//! CPU tables (so faults are reported, not triple faults), memory (frames,
//! page tables, heap), ACPI, interrupt controllers and clocks.
#![no_std]
#![no_main]

mod arch;
mod boot;
mod console;
mod drivers;
mod mm;
mod panic;
mod selftest;
mod time;

extern crate alloc;

use log::{error, info};

/// Kernel version, from Cargo.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Called by the architecture entry code with interrupts off, on the boot
/// stack, running in the higher half with the boot page tables.
fn start_kernel(boot: &'static boot::BootInfo) -> ! {
    let cmdline = cmdline::Cmdline::new(boot.cmdline());
    console::init(&cmdline, boot.graphics_framebuffer);
    info!("Exo-OS {} (x86_64), booted by {}", VERSION, boot.protocol);
    info!("command line: {}", boot.cmdline());

    arch::init_cpu();
    mm::init(boot);
    arch::install_guarded_ist_stacks();
    arch::init_platform(&boot);
    time::init();
    arch::enable_interrupts();

    if let Some(name) = cmdline.get("selftest") {
        selftest::run(name);
    }

    info!("ready in {} ms", time::uptime_ns() / 1_000_000);

    match boot.initramfs() {
        None => error!("no initramfs: nothing to run"),
        Some(m) => {
            let init = cmdline.init().unwrap_or("/sbin/init");
            info!("initramfs: {} KiB at {:#x}", m.len_bytes / 1024, m.phys_start);
            error!("cannot start {}: user programs are not supported yet", init);
        }
    }
    arch::power_off()
}
