//! ELF auxiliary vector keys (`AT_*`), placed on the initial user stack by
//! `execve` as [`crate::types::AuxvEntry`] pairs, ended by [`AT_NULL`].
//!
//! Sources: `include/uapi/linux/auxvec.h`, `arch/x86/include/uapi/asm/auxvec.h`.
//! Keys 18..=22 are reserved, 32 (`AT_SYSINFO`) is i386 only.

/// End of the vector.
pub const AT_NULL: u64 = 0;
/// Entry to be ignored.
pub const AT_IGNORE: u64 = 1;
/// File descriptor of the program.
pub const AT_EXECFD: u64 = 2;
/// Address of the program headers.
pub const AT_PHDR: u64 = 3;
/// Size of one program header entry.
pub const AT_PHENT: u64 = 4;
/// Number of program headers.
pub const AT_PHNUM: u64 = 5;
/// Page size in bytes.
pub const AT_PAGESZ: u64 = 6;
/// Base address of the interpreter (dynamic linker).
pub const AT_BASE: u64 = 7;
/// Flags (unused, 0).
pub const AT_FLAGS: u64 = 8;
/// Entry point of the program.
pub const AT_ENTRY: u64 = 9;
/// The program is not ELF.
pub const AT_NOTELF: u64 = 10;
/// Real user id.
pub const AT_UID: u64 = 11;
/// Effective user id.
pub const AT_EUID: u64 = 12;
/// Real group id.
pub const AT_GID: u64 = 13;
/// Effective group id.
pub const AT_EGID: u64 = 14;
/// Address of a string naming the platform (`"x86_64"`).
pub const AT_PLATFORM: u64 = 15;
/// CPU capability bits (`cpuid` leaf 1 EDX on x86).
pub const AT_HWCAP: u64 = 16;
/// Frequency of `times()` (clock ticks per second).
pub const AT_CLKTCK: u64 = 17;
/// Non-zero for a set-uid/set-gid (secure) execution.
pub const AT_SECURE: u64 = 23;
/// Address of a string naming the real platform.
pub const AT_BASE_PLATFORM: u64 = 24;
/// Address of 16 random bytes (stack protector and pointer guard seeds).
pub const AT_RANDOM: u64 = 25;
/// More CPU capability bits.
pub const AT_HWCAP2: u64 = 26;
/// Supported `rseq` feature size (Linux 6.3+).
pub const AT_RSEQ_FEATURE_SIZE: u64 = 27;
/// Required `rseq` area alignment (Linux 6.3+).
pub const AT_RSEQ_ALIGN: u64 = 28;
/// More CPU capability bits (newer than Linux 6.1).
pub const AT_HWCAP3: u64 = 29;
/// More CPU capability bits (newer than Linux 6.1).
pub const AT_HWCAP4: u64 = 30;
/// Address of the file name passed to `execve`.
pub const AT_EXECFN: u64 = 31;
/// Address of the vDSO ELF header.
pub const AT_SYSINFO_EHDR: u64 = 33;
/// Minimal stack size for signal delivery (x86: depends on the XSAVE size).
pub const AT_MINSIGSTKSZ: u64 = 51;
