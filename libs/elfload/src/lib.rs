//! Loading a static ELF64 x86-64 program for `execve`: the pure-logic half.
//!
//! Two questions are answered here, without touching any page table:
//!
//! 1. *What does this file ask to be mapped?* [`plan`] validates an ELF
//!    executable (`ET_EXEC`, or `ET_DYN` for static-PIE) and returns a
//!    [`LoadPlan`]: page-aligned segments with their permissions and file
//!    ranges, the entry point, the values for `AT_PHDR`/`AT_PHENT`/`AT_PHNUM`,
//!    the TLS template, whether the stack is executable and where `brk` starts.
//! 2. *What does the initial user stack look like?* [`build_stack`] lays out
//!    `argc`, `argv`, `envp`, the auxiliary vector and the strings they point
//!    to, byte for byte as Linux's `create_elf_tables()` does, and returns the
//!    image to copy below the stack top together with the initial `rsp`.
//!
//! The kernel (`kernel/src/proc/`) does the side effects: it reads the file,
//! maps or copies what the plan describes, copies the stack image and enters
//! user mode at [`LoadPlan::entry`] with `rsp` = [`InitialStack::sp`].
//!
//! # Design
//!
//! * **Validation and mapping are separate.** Everything that can be wrong
//!   with a file is found by [`plan`] before the old address space is torn
//!   down, so `execve` can still fail cleanly with `ENOEXEC`. Linux mixes the
//!   two and has to kill the process when a late mapping fails.
//! * **Total on hostile input.** The file comes from user space. Every offset
//!   and size is checked with checked arithmetic before use and every
//!   problem is a specific [`ElfError`]; tests truncate and corrupt real
//!   binaries thousands of times to hold this.
//! * **Parsing is delegated** to `xmas-elf` (header and program-header
//!   structures, type and flag decoding). `xmas-elf` reads structures in place
//!   and panics if the bytes are not 8-byte aligned or too short, so this
//!   crate checks the bounds itself and hands it aligned copies of the 64-byte
//!   header and of each 56-byte program header; the caller's buffer may have
//!   any alignment.
//! * **PIE is relative.** For `ET_DYN` the plan holds file addresses (bias 0);
//!   the kernel picks a bias ([`DEFAULT_PIE_BASE`] or its own) and calls
//!   [`LoadPlan::with_bias`], which re-checks the user-space bounds.
//!
//! Sources: System V ABI (gABI) chapter 5 "Program Loading"; System V AMD64
//! psABI §3.4 "Process Initialization"; Linux `fs/binfmt_elf.c`
//! (`load_elf_binary`, `elf_load`, `create_elf_tables`) and `fs/exec.c`.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod layout;
mod plan;
mod stack;

pub use layout::{LoadPlan, Segment, Tls, DEFAULT_PIE_BASE, PAGE_SIZE, USER_END, USER_START};
pub use plan::{plan, ElfError};
pub use stack::{
    arg_limit_bytes, build_stack, InitialStack, StackArgs, StackError, AT_BASE, AT_CLKTCK, AT_EGID,
    AT_ENTRY, AT_EUID, AT_EXECFN, AT_FLAGS, AT_GID, AT_HWCAP, AT_HWCAP2, AT_MINSIGSTKSZ, AT_NULL,
    AT_PAGESZ, AT_PHDR, AT_PHENT, AT_PHNUM, AT_PLATFORM, AT_RANDOM, AT_SECURE, AT_SYSINFO_EHDR,
    AT_UID, MAX_ARG_STRLEN,
};
