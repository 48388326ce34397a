//! The panic handler: message, location, registers and a backtrace on the
//! console, then the machine stops (QEMU exits with a failure code).

use crate::console::write_fmt_unlocked as out;
use core::panic::PanicInfo;
use core::sync::atomic::{AtomicBool, Ordering};

static PANICKING: AtomicBool = AtomicBool::new(false);

#[panic_handler]
fn panic(info: &PanicInfo<'_>) -> ! {
    crate::arch::disable_interrupts();
    if PANICKING.swap(true, Ordering::SeqCst) {
        // A panic while printing a panic: stop quietly.
        crate::arch::fail_and_halt();
    }
    match info.location() {
        Some(loc) => out(format_args!(
            "\nKERNEL PANIC at {}:{}:{}: {}\n",
            loc.file(),
            loc.line(),
            loc.column(),
            info.message()
        )),
        None => out(format_args!("\nKERNEL PANIC: {}\n", info.message())),
    }
    crate::arch::dump_current_registers();
    crate::arch::print_backtrace(crate::arch::current_frame_pointer());
    crate::arch::fail_and_halt()
}
