//! `poll` events (`POLL*`).
//!
//! Source: `include/uapi/asm-generic/poll.h` (x86_64 uses the generic
//! values). Typed `i16` like the `events`/`revents` fields of
//! [`crate::types::Pollfd`] (C `short`). The kernel-internal `POLLFREE` and
//! `POLL_BUSY_LOOP` are left out.

/// Data to read.
pub const POLLIN: i16 = 0x0001;
/// Urgent / exceptional data to read.
pub const POLLPRI: i16 = 0x0002;
/// Writing will not block.
pub const POLLOUT: i16 = 0x0004;
/// Error condition (output only).
pub const POLLERR: i16 = 0x0008;
/// Hang up (output only).
pub const POLLHUP: i16 = 0x0010;
/// Invalid file descriptor (output only).
pub const POLLNVAL: i16 = 0x0020;
/// Normal data to read.
pub const POLLRDNORM: i16 = 0x0040;
/// Priority band data to read.
pub const POLLRDBAND: i16 = 0x0080;
/// Normal data may be written.
pub const POLLWRNORM: i16 = 0x0100;
/// Priority data may be written.
pub const POLLWRBAND: i16 = 0x0200;
/// Unused (STREAMS).
pub const POLLMSG: i16 = 0x0400;
/// Unused.
pub const POLLREMOVE: i16 = 0x1000;
/// Stream socket peer closed or shut down writing.
pub const POLLRDHUP: i16 = 0x2000;
