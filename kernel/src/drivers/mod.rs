//! Device drivers: the serial port, the PS/2 keyboard and the VGA text screen.

pub mod keyboard;
pub mod serial;
pub mod vga;
