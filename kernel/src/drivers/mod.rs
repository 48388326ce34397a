//! Device drivers: the serial port and the VGA text screen.

pub mod serial;
pub mod vga;
