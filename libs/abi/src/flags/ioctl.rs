//! Terminal and file `ioctl` request numbers.
//!
//! Source: `include/uapi/asm-generic/ioctls.h` (x86_64 uses the generic
//! numbers). `TCGETS`/`TCSETS*` transfer the kernel
//! [`crate::types::Termios`] (36 bytes), not glibc's larger `struct termios`.

/// Get the terminal attributes (`struct termios`).
pub const TCGETS: u32 = 0x5401;
/// Set the terminal attributes now.
pub const TCSETS: u32 = 0x5402;
/// Set the terminal attributes after output drains.
pub const TCSETSW: u32 = 0x5403;
/// Set the terminal attributes after output drains, discarding input.
pub const TCSETSF: u32 = 0x5404;
/// Send a break (`tcsendbreak`) or drain (`tcdrain`, arg 1).
pub const TCSBRK: u32 = 0x5409;
/// Suspend or restart output (`tcflow`).
pub const TCXONC: u32 = 0x540A;
/// Flush input and/or output (`tcflush`).
pub const TCFLSH: u32 = 0x540B;
/// Make the terminal the controlling terminal of the session.
pub const TIOCSCTTY: u32 = 0x540E;
/// Get the foreground process group.
pub const TIOCGPGRP: u32 = 0x540F;
/// Set the foreground process group.
pub const TIOCSPGRP: u32 = 0x5410;
/// Bytes in the output queue.
pub const TIOCOUTQ: u32 = 0x5411;
/// Insert a byte into the input queue.
pub const TIOCSTI: u32 = 0x5412;
/// Get the window size (`struct winsize`).
pub const TIOCGWINSZ: u32 = 0x5413;
/// Set the window size (`struct winsize`).
pub const TIOCSWINSZ: u32 = 0x5414;
/// Bytes available to read (`int`).
pub const FIONREAD: u32 = 0x541B;
/// Same as [`FIONREAD`].
pub const TIOCINQ: u32 = FIONREAD;
/// Set or clear non-blocking I/O (`int`).
pub const FIONBIO: u32 = 0x5421;
/// Give up the controlling terminal.
pub const TIOCNOTTY: u32 = 0x5422;
/// Get the session id of the terminal.
pub const TIOCGSID: u32 = 0x5429;
/// Clear close-on-exec on the fd.
pub const FIONCLEX: u32 = 0x5450;
/// Set close-on-exec on the fd.
pub const FIOCLEX: u32 = 0x5451;
/// Set or clear asynchronous I/O (`O_ASYNC`).
pub const FIOASYNC: u32 = 0x5452;
