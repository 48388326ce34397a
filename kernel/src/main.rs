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
mod errno;
mod fs;
mod mm;
mod panic;
mod proc;
mod random;
mod sched;
mod selftest;
mod syscall;
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

    random::init();
    sched::init();
    if let Some(name) = cmdline.get("selftest") {
        selftest::run(name);
    }

    let initramfs = boot.initramfs().map(|m| {
        // SAFETY: the module's frames were reserved at boot and stay
        // untouched; the direct map covers them.
        unsafe { core::slice::from_raw_parts(mm::phys_to_virt(m.phys_start) as *const u8, m.len_bytes as usize) }
    });
    fs::init(initramfs);

    info!("ready in {} ms", time::uptime_ns() / 1_000_000);

    if initramfs.is_none() {
        error!("no initramfs: nothing to run");
        arch::power_off();
    }
    let init = cmdline.init().unwrap_or("/sbin/init");
    let args: alloc::vec::Vec<&str> = cmdline.init_args().collect();
    if let Err(e) = proc::spawn_init(init, &args) {
        error!("cannot start {init}: errno {}", e.0);
        arch::power_off();
    }
    sched::idle_loop()
}
