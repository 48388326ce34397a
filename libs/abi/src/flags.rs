//! Flag bits, command codes and small enumerations of the Linux x86_64 ABI,
//! one sub-module per area, with Linux's names.
//!
//! # Design
//!
//! Constants are grouped by the header they come from, so a name is always
//! used as `flags::mman::MAP_PRIVATE` or after `use abi::flags::mman::*`; the
//! modules are not glob re-exported here because two of them share the `AT_`
//! prefix with different meanings ([`open`]'s `*at()` flags and [`auxv`]'s
//! ELF auxiliary vector keys).
//!
//! Each constant has the Rust type of the C type it travels in: `u32` for
//! flag words passed as `int`/`unsigned int` (Linux treats them as bits),
//! `i32` for values that can be negative (`AT_FDCWD`, clock ids, signal
//! numbers, `si_code`), `u64` for 64-bit words (`clone3` flags, `sa_flags`,
//! auxv keys), `i16` for `struct pollfd` events. Values that Linux defines as
//! expressions are written as the same expressions.
//!
//! Where x86_64 differs from the generic headers, the x86_64 value is used
//! (`asm/mman.h`, `asm/signal.h`, `asm/auxvec.h`, `asm/prctl.h`).

pub mod arch;
pub mod auxv;
pub mod clone;
pub mod futex;
pub mod ioctl;
pub mod mman;
pub mod open;
pub mod poll;
pub mod random;
pub mod resource;
pub mod signal;
pub mod stat;
pub mod termios;
pub mod time;
pub mod wait;
