//! The system-call ABI of Exo-OS, shared by the kernel and user programs:
//! system call numbers ([`syscall`]), error numbers ([`errno`]), flag and
//! command constants ([`flags`]) and the structures passed through user
//! memory ([`types`]).
//!
//! Exo-OS speaks the Linux x86_64 ABI, so every value here follows Linux's
//! x86_64 uapi headers (`arch/x86/entry/syscalls/syscall_64.tbl`,
//! `include/uapi/...`, `arch/x86/include/uapi/asm/...`) with Linux's names;
//! each module and item names the header it comes from. The tests compare the
//! numbers with the headers installed on the build machine when there are any.
//! Exo-OS's own system calls get numbers from [`syscall::EXO_SYSCALL_BASE`].
//!
//! # Design
//!
//! The crate is pure data: constants, `#[repr(C)]` structures and a few
//! lookup functions, with no dependencies, no `unsafe` and no allocation, so
//! that the kernel (`x86_64-unknown-none`) and user programs (host target)
//! share one definition of the ABI and test it on the host (like Redox's
//! `redox_syscall` or seL4's `libsel4`). Copying structures to and from user
//! memory is the kernel's job; the structures are laid out so that it can
//! copy them as plain bytes (no implicit padding, see [`types`]).
#![no_std]
#![forbid(unsafe_code)]

pub mod errno;
pub mod flags;
pub mod syscall;
pub mod types;
