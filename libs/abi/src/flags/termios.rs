//! Terminal attribute bits of the kernel `struct termios`
//! ([`crate::types::Termios`]): control character indices (`V*`) and the
//! input, output, control and local mode flags most terminals use.
//!
//! Sources: `include/uapi/asm-generic/termbits.h`,
//! `include/uapi/asm-generic/termbits-common.h` (x86_64 uses the generic
//! values).

/// Number of control characters in the kernel `c_cc` array.
pub const NCCS: usize = 19;

/// `c_cc` index: interrupt character (`^C`, sends `SIGINT`).
pub const VINTR: usize = 0;
/// `c_cc` index: quit character (`^\`, sends `SIGQUIT`).
pub const VQUIT: usize = 1;
/// `c_cc` index: erase character (DEL / `^H`).
pub const VERASE: usize = 2;
/// `c_cc` index: kill-line character (`^U`).
pub const VKILL: usize = 3;
/// `c_cc` index: end-of-file character (`^D`).
pub const VEOF: usize = 4;
/// `c_cc` index: non-canonical read timeout in deciseconds.
pub const VTIME: usize = 5;
/// `c_cc` index: non-canonical read minimum byte count.
pub const VMIN: usize = 6;
/// `c_cc` index: switch character (unused on Linux).
pub const VSWTC: usize = 7;
/// `c_cc` index: start output character (`^Q`).
pub const VSTART: usize = 8;
/// `c_cc` index: stop output character (`^S`).
pub const VSTOP: usize = 9;
/// `c_cc` index: suspend character (`^Z`, sends `SIGTSTP`).
pub const VSUSP: usize = 10;
/// `c_cc` index: additional end-of-line character.
pub const VEOL: usize = 11;
/// `c_cc` index: reprint character (`^R`).
pub const VREPRINT: usize = 12;
/// `c_cc` index: discard character (`^O`).
pub const VDISCARD: usize = 13;
/// `c_cc` index: word erase character (`^W`).
pub const VWERASE: usize = 14;
/// `c_cc` index: literal next character (`^V`).
pub const VLNEXT: usize = 15;
/// `c_cc` index: second additional end-of-line character.
pub const VEOL2: usize = 16;

/// `c_iflag`: ignore break conditions.
pub const IGNBRK: u32 = 0x001;
/// `c_iflag`: a break sends `SIGINT`.
pub const BRKINT: u32 = 0x002;
/// `c_iflag`: ignore bytes with parity errors.
pub const IGNPAR: u32 = 0x004;
/// `c_iflag`: mark parity and framing errors.
pub const PARMRK: u32 = 0x008;
/// `c_iflag`: enable input parity checking.
pub const INPCK: u32 = 0x010;
/// `c_iflag`: strip the eighth bit.
pub const ISTRIP: u32 = 0x020;
/// `c_iflag`: map NL to CR on input.
pub const INLCR: u32 = 0x040;
/// `c_iflag`: ignore CR on input.
pub const IGNCR: u32 = 0x080;
/// `c_iflag`: map CR to NL on input.
pub const ICRNL: u32 = 0x100;
/// `c_iflag`: map upper case to lower case on input.
pub const IUCLC: u32 = 0x200;
/// `c_iflag`: XON/XOFF flow control on output.
pub const IXON: u32 = 0x400;
/// `c_iflag`: any character restarts stopped output.
pub const IXANY: u32 = 0x800;
/// `c_iflag`: XON/XOFF flow control on input.
pub const IXOFF: u32 = 0x1000;
/// `c_iflag`: ring the bell when the input queue is full.
pub const IMAXBEL: u32 = 0x2000;
/// `c_iflag`: input is UTF-8 (for character erase in canonical mode).
pub const IUTF8: u32 = 0x4000;

/// `c_oflag`: enable output processing.
pub const OPOST: u32 = 0x01;
/// `c_oflag`: map lower case to upper case on output.
pub const OLCUC: u32 = 0x02;
/// `c_oflag`: map NL to CR-NL on output.
pub const ONLCR: u32 = 0x04;
/// `c_oflag`: map CR to NL on output.
pub const OCRNL: u32 = 0x08;
/// `c_oflag`: do not output CR at column 0.
pub const ONOCR: u32 = 0x10;
/// `c_oflag`: NL performs the CR function.
pub const ONLRET: u32 = 0x20;

/// `c_cflag`: baud rate mask.
pub const CBAUD: u32 = 0x0000_100f;
/// `c_cflag`: 38400 baud.
pub const B38400: u32 = 0x0000_000f;
/// `c_cflag`: 115200 baud.
pub const B115200: u32 = 0x0000_1002;
/// `c_cflag`: character size mask.
pub const CSIZE: u32 = 0x0000_0030;
/// `c_cflag`: 5-bit characters.
pub const CS5: u32 = 0x0000_0000;
/// `c_cflag`: 6-bit characters.
pub const CS6: u32 = 0x0000_0010;
/// `c_cflag`: 7-bit characters.
pub const CS7: u32 = 0x0000_0020;
/// `c_cflag`: 8-bit characters.
pub const CS8: u32 = 0x0000_0030;
/// `c_cflag`: two stop bits.
pub const CSTOPB: u32 = 0x0000_0040;
/// `c_cflag`: enable the receiver.
pub const CREAD: u32 = 0x0000_0080;
/// `c_cflag`: parity generation and checking.
pub const PARENB: u32 = 0x0000_0100;
/// `c_cflag`: odd parity.
pub const PARODD: u32 = 0x0000_0200;
/// `c_cflag`: hang up on last close.
pub const HUPCL: u32 = 0x0000_0400;
/// `c_cflag`: ignore modem control lines.
pub const CLOCAL: u32 = 0x0000_0800;

/// `c_lflag`: generate signals for INTR, QUIT and SUSP characters.
pub const ISIG: u32 = 0x00001;
/// `c_lflag`: canonical (line-by-line) input.
pub const ICANON: u32 = 0x00002;
/// `c_lflag`: echo input characters.
pub const ECHO: u32 = 0x00008;
/// `c_lflag`: ERASE erases the preceding character on screen.
pub const ECHOE: u32 = 0x00010;
/// `c_lflag`: KILL erases the line on screen.
pub const ECHOK: u32 = 0x00020;
/// `c_lflag`: echo NL even if `ECHO` is off.
pub const ECHONL: u32 = 0x00040;
/// `c_lflag`: do not flush queues on INTR, QUIT, SUSP.
pub const NOFLSH: u32 = 0x00080;
/// `c_lflag`: background output sends `SIGTTOU`.
pub const TOSTOP: u32 = 0x00100;
/// `c_lflag`: echo control characters as `^X`.
pub const ECHOCTL: u32 = 0x00200;
/// `c_lflag`: print erased characters (hard-copy terminals).
pub const ECHOPRT: u32 = 0x00400;
/// `c_lflag`: KILL erases each character of the line on screen.
pub const ECHOKE: u32 = 0x00800;
/// `c_lflag`: output is being flushed.
pub const FLUSHO: u32 = 0x01000;
/// `c_lflag`: reprint pending input at the next read.
pub const PENDIN: u32 = 0x04000;
/// `c_lflag`: implementation-defined input processing (LNEXT, WERASE, ...).
pub const IEXTEN: u32 = 0x08000;

/// `tcsetattr` action: change now (selects `TCSETS`).
pub const TCSANOW: u32 = 0;
/// `tcsetattr` action: change after output drains (`TCSETSW`).
pub const TCSADRAIN: u32 = 1;
/// `tcsetattr` action: drain output, flush input (`TCSETSF`).
pub const TCSAFLUSH: u32 = 2;
/// `TCFLSH` argument: flush received data.
pub const TCIFLUSH: u32 = 0;
/// `TCFLSH` argument: flush written data.
pub const TCOFLUSH: u32 = 1;
/// `TCFLSH` argument: flush both.
pub const TCIOFLUSH: u32 = 2;
