//! The initial user stack of a new program: `argc`, `argv`, `envp`, the
//! auxiliary vector and the strings they point to.
//!
//! Layout, from high to low addresses (Linux `fs/exec.c` `do_execveat_common`
//! + `fs/binfmt_elf.c` `create_elf_tables`; psABI §3.4.1, figure 3.9):
//!
//! ```text
//! stack_top ->  8-byte zero end marker
//!               execfn string            <- AT_EXECFN
//!               envp strings             (envp[0] lowest)
//!               argv strings             (argv[0] lowest)
//!               (rounded down to 16 bytes)
//!               platform string          <- AT_PLATFORM ("x86_64")
//!               16 random bytes          <- AT_RANDOM
//!               padding                  (so that sp is 16-byte aligned)
//!               auxv pairs, AT_NULL last
//!               envp[0..envc], NULL
//!               argv[0..argc], NULL
//! sp ->         argc
//! ```
//!
//! # Design
//!
//! The whole stack is built as one byte image in kernel memory with the
//! pointers already set to their final user addresses, so the kernel copies
//! it with a single copy and no user-memory writes can fail half-way. The
//! layout follows Linux exactly (string order, where padding goes) because
//! some programs (and tests comparing with Linux) look at `/proc/self/`
//! `cmdline`/`environ` ranges and at the distance between `argv` strings;
//! a test compares the image byte for byte with the stack Linux gives a real
//! process. Two Linux details are left to the caller: the random 0–8 KiB gap
//! Linux leaves below the strings under ASLR (`arch_align_stack`; to
//! randomise, lower `stack_top` instead), and the `argv = [""]` substitution
//! for an empty `argv` (Linux ≥ 5.18 `do_execveat_common`).

use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

/// Auxiliary-vector keys (Linux uapi/linux/auxvec.h), from the `abi` crate.
pub use abi::flags::auxv::{
    AT_BASE, AT_CLKTCK, AT_EGID, AT_ENTRY, AT_EUID, AT_EXECFN, AT_FLAGS, AT_GID, AT_HWCAP, AT_HWCAP2, AT_MINSIGSTKSZ,
    AT_NULL, AT_PAGESZ, AT_PHDR, AT_PHENT, AT_PHNUM, AT_PLATFORM, AT_RANDOM, AT_SECURE, AT_SYSINFO_EHDR, AT_UID,
};

/// Longest single argument or environment string, NUL included, in bytes
/// (Linux `MAX_ARG_STRLEN` = 32 pages); longer ones fail with `E2BIG`.
pub const MAX_ARG_STRLEN: u64 = 32 * 4096;
/// Linux `_STK_LIM`, the default `RLIMIT_STACK` (8 MiB).
const STK_LIM: u64 = 8 << 20;
/// Linux `ARG_MAX`: the string space is never less than this (128 KiB).
const ARG_MAX: u64 = 32 * 4096;

/// Why [`build_stack`] refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StackError {
    /// The strings and pointers exceed [`arg_limit_bytes`], or the image
    /// does not fit below `stack_top`. `execve` returns `E2BIG`.
    TooBig,
    /// One string (NUL included) is longer than [`MAX_ARG_STRLEN`]. `E2BIG`.
    ArgTooLong,
    /// A string contains a NUL byte: strings are passed without their
    /// terminator. A kernel bug (strings copied from user space stop at the
    /// first NUL): `EINVAL`.
    NulInString,
    /// `auxv` holds `AT_NULL`, holds `AT_RANDOM`, `AT_EXECFN` or
    /// `AT_PLATFORM` twice, or `AT_PLATFORM` with an empty platform string.
    /// A kernel bug: `EINVAL`.
    ReservedAuxType {
        /// The offending `a_type`.
        a_type: u64,
    },
}

impl fmt::Display for StackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::TooBig => f.write_str("argument list too long"),
            Self::ArgTooLong => f.write_str("argument string too long"),
            Self::NulInString => f.write_str("argument string contains a NUL byte"),
            Self::ReservedAuxType { a_type } => {
                write!(f, "auxv type {a_type} is added by build_stack")
            }
        }
    }
}

/// Inputs of [`build_stack`]. Strings are given without their NUL.
#[derive(Debug, Clone, Copy)]
pub struct StackArgs<'a> {
    /// Argument strings; `argc = argv.len()`.
    pub argv: &'a [&'a [u8]],
    /// Environment strings (`NAME=value`).
    pub envp: &'a [&'a [u8]],
    /// Auxiliary vector entries `(a_type, a_val)` in the order to write them,
    /// without `AT_NULL`. `AT_RANDOM`, `AT_EXECFN` and `AT_PLATFORM` point at
    /// data [`build_stack`] places: leave them out and they are appended in
    /// that order, or include them (any value, at most once each) to choose
    /// their position, e.g. to reproduce Linux's order exactly. See
    /// [`LoadPlan::aux_entries`](crate::LoadPlan::aux_entries).
    pub auxv: &'a [(u64, u64)],
    /// The 16 bytes `AT_RANDOM` points at.
    pub random: [u8; 16],
    /// File name given to `execve`, for `AT_EXECFN`.
    pub execfn: &'a [u8],
    /// Platform string for `AT_PLATFORM` (`b"x86_64"`); empty = no entry.
    pub platform: &'a [u8],
    /// Soft `RLIMIT_STACK` in bytes (`u64::MAX` for unlimited); bounds the
    /// string space, see [`arg_limit_bytes`].
    pub stack_rlimit_bytes: u64,
}

/// A built initial stack: `bytes` goes at `sp .. stack_top` (its last byte
/// at `stack_top - 1`). All `*_ptr` and range fields are user addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitialStack {
    /// The stack image; `bytes[0]` is at address `sp`.
    pub bytes: Vec<u8>,
    /// Initial `rsp`: 16-byte aligned, pointing at `argc`.
    pub sp: u64,
    /// Number of arguments.
    pub argc: u64,
    /// Address of `argv[0]` (the pointer array, `sp + 8`).
    pub argv_ptr: u64,
    /// Address of `envp[0]` (the pointer array).
    pub envp_ptr: u64,
    /// Address of the first auxv pair.
    pub auxv_ptr: u64,
    /// Address of the 16 `AT_RANDOM` bytes.
    pub random_ptr: u64,
    /// Address of the NUL-terminated `execfn` string.
    pub execfn_ptr: u64,
    /// Address of the platform string, if one was given.
    pub platform_ptr: Option<u64>,
    /// Start of the argv strings (Linux `mm->arg_start`, `/proc/pid/cmdline`).
    pub arg_start: u64,
    /// End (exclusive) of the argv strings (`mm->arg_end`).
    pub arg_end: u64,
    /// Start of the environment strings (`mm->env_start`).
    pub env_start: u64,
    /// End (exclusive) of the environment strings (`mm->env_end`).
    pub env_end: u64,
}

/// Bytes available for the argument and environment strings *and* their
/// pointers, given the soft `RLIMIT_STACK` in bytes: a quarter of the limit,
/// capped at 6 MiB (¾ of `_STK_LIM`), never below 128 KiB (`ARG_MAX`).
///
/// Source: Linux `fs/exec.c` `bprm_stack_limits()`.
pub fn arg_limit_bytes(stack_rlimit_bytes: u64) -> u64 {
    (STK_LIM / 4 * 3).min(stack_rlimit_bytes / 4).max(ARG_MAX)
}

/// Builds the initial user stack for `execve`, laid out as Linux does (see
/// the module documentation), below `stack_top` (the address just above the
/// stack; any alignment).
///
/// The auxiliary vector is `args.auxv` with the values of `AT_RANDOM`,
/// `AT_EXECFN` and `AT_PLATFORM` filled in, then those of the three that
/// were missing (`AT_PLATFORM` only if `platform` is not empty), then
/// `AT_NULL`.
///
/// # Errors
/// [`StackError::TooBig`] if `execfn` + argv + envp strings (NULs included)
/// plus 8 bytes per pointer (`max(argc, 1) + envc`) exceed
/// [`arg_limit_bytes`]`(args.stack_rlimit_bytes)`, or the image would go
/// below address 0; [`StackError::ArgTooLong`], [`StackError::NulInString`],
/// [`StackError::ReservedAuxType`] as documented there.
pub fn build_stack(stack_top: u64, args: &StackArgs<'_>) -> Result<InitialStack, StackError> {
    check_inputs(args)?;
    let too_big = StackError::TooBig;
    let argc = args.argv.len() as u64;
    let envc = args.envp.len() as u64;

    // Strings, top down, as do_execveat_common copies them.
    let mut p = stack_top.checked_sub(8).ok_or(too_big)?; // end marker
    let execfn_ptr = p.checked_sub(strlen0(args.execfn)).ok_or(too_big)?;
    p = execfn_ptr;
    let env_end = p;
    let env_start = p.checked_sub(total_len0(args.envp)).ok_or(too_big)?;
    let arg_end = env_start;
    let arg_start = arg_end.checked_sub(total_len0(args.argv)).ok_or(too_big)?;
    p = arg_start & !15; // arch_align_stack() without the random shift

    // create_elf_tables(): platform, random bytes, then the tables.
    let platform_ptr = if args.platform.is_empty() {
        None
    } else {
        p = p.checked_sub(strlen0(args.platform)).ok_or(too_big)?;
        Some(p)
    };
    let random_ptr = p.checked_sub(16).ok_or(too_big)?;
    let has = |t: u64| args.auxv.iter().any(|&(a_type, _)| a_type == t);
    let mut missing: Vec<(u64, u64)> = Vec::new();
    if !has(AT_RANDOM) {
        missing.push((AT_RANDOM, 0));
    }
    if !has(AT_EXECFN) {
        missing.push((AT_EXECFN, 0));
    }
    if platform_ptr.is_some() && !has(AT_PLATFORM) {
        missing.push((AT_PLATFORM, 0));
    }
    let aux_pairs = args.auxv.len() as u64 + missing.len() as u64 + 1;
    let table_bytes = aux_pairs
        .checked_mul(2)
        .and_then(|w| w.checked_add((argc + 1) + (envc + 1) + 1))
        .and_then(|w| w.checked_mul(8))
        .ok_or(too_big)?;
    let sp = random_ptr.checked_sub(table_bytes).ok_or(too_big)? & !15;
    let argv_ptr = sp + 8;
    let envp_ptr = argv_ptr + 8 * (argc + 1);
    let auxv_ptr = envp_ptr + 8 * (envc + 1);

    let len = usize::try_from(stack_top - sp).map_err(|_| too_big)?;
    let mut img = Image {
        bytes: vec![0u8; len],
        base: sp,
    };

    img.put(execfn_ptr, args.execfn);
    let mut at = arg_start;
    let mut word = argv_ptr;
    for s in args.argv {
        img.put(at, s);
        img.put_u64(word, at);
        at += strlen0(s);
        word += 8;
    }
    word += 8; // argv NULL (already zero)
    for s in args.envp {
        img.put(at, s);
        img.put_u64(word, at);
        at += strlen0(s);
        word += 8;
    }
    if let Some(addr) = platform_ptr {
        img.put(addr, args.platform);
    }
    img.put(random_ptr, &args.random);
    img.put_u64(sp, argc);

    let mut aux = auxv_ptr;
    let mut push = |img: &mut Image, a_type: u64, a_val: u64| {
        img.put_u64(aux, a_type);
        img.put_u64(aux + 8, a_val);
        aux += 16;
    };
    for &(a_type, a_val) in args.auxv.iter().chain(&missing) {
        let a_val = match a_type {
            AT_RANDOM => random_ptr,
            AT_EXECFN => execfn_ptr,
            AT_PLATFORM => platform_ptr.unwrap_or(0), // checked: Some
            _ => a_val,
        };
        push(&mut img, a_type, a_val);
    }
    // AT_NULL: the pair is already zero.

    Ok(InitialStack {
        bytes: img.bytes,
        sp,
        argc,
        argv_ptr,
        envp_ptr,
        auxv_ptr,
        random_ptr,
        execfn_ptr,
        platform_ptr,
        arg_start,
        arg_end,
        env_start,
        env_end,
    })
}

/// Checks everything about the inputs that does not depend on addresses.
fn check_inputs(args: &StackArgs<'_>) -> Result<(), StackError> {
    for (i, &(a_type, _)) in args.auxv.iter().enumerate() {
        let repeated = || args.auxv.iter().take(i).any(|&(t, _)| t == a_type);
        let bad = match a_type {
            AT_NULL => true,
            AT_PLATFORM => args.platform.is_empty() || repeated(),
            AT_RANDOM | AT_EXECFN => repeated(),
            _ => false,
        };
        if bad {
            return Err(StackError::ReservedAuxType { a_type });
        }
    }
    let strings = args
        .argv
        .iter()
        .chain(args.envp)
        .chain([&args.execfn, &args.platform]);
    for s in strings {
        if s.contains(&0) {
            return Err(StackError::NulInString);
        }
        if strlen0(s) > MAX_ARG_STRLEN {
            return Err(StackError::ArgTooLong);
        }
    }
    // bprm_stack_limits(): the pointers are charged first, then the strings.
    let limit = arg_limit_bytes(args.stack_rlimit_bytes);
    let ptr_bytes = (args.argv.len().max(1) as u64)
        .saturating_add(args.envp.len() as u64)
        .saturating_mul(8);
    if limit <= ptr_bytes {
        return Err(StackError::TooBig);
    }
    let string_bytes = strlen0(args.execfn)
        .saturating_add(total_len0(args.argv))
        .saturating_add(total_len0(args.envp));
    if string_bytes > limit - ptr_bytes {
        return Err(StackError::TooBig);
    }
    Ok(())
}

/// Length of `s` with its NUL terminator.
fn strlen0(s: &[u8]) -> u64 {
    s.len() as u64 + 1
}

/// Total length of `strings`, NUL terminators included.
fn total_len0(strings: &[&[u8]]) -> u64 {
    strings
        .iter()
        .fold(0u64, |sum, s| sum.saturating_add(strlen0(s)))
}

/// The stack image under construction: `bytes[0]` is at user address `base`.
struct Image {
    bytes: Vec<u8>,
    base: u64,
}

impl Image {
    /// Writes `data` at user address `addr`. Every address is computed
    /// inside the image by [`build_stack`]; an out-of-range write (a bug)
    /// is dropped rather than panicking.
    fn put(&mut self, addr: u64, data: &[u8]) {
        let start = addr.wrapping_sub(self.base) as usize;
        let dst = start
            .checked_add(data.len())
            .and_then(|end| self.bytes.get_mut(start..end));
        debug_assert!(dst.is_some(), "stack write outside the image");
        if let Some(dst) = dst {
            dst.copy_from_slice(data);
        }
    }

    /// Writes a little-endian `u64` at user address `addr`.
    fn put_u64(&mut self, addr: u64, value: u64) {
        self.put(addr, &value.to_le_bytes());
    }
}
