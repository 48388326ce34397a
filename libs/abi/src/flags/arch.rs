//! `arch_prctl` codes (`ARCH_*`).
//!
//! Source: `arch/x86/include/uapi/asm/prctl.h`.

/// Set the GS base.
pub const ARCH_SET_GS: u32 = 0x1001;
/// Set the FS base (thread pointer on x86_64).
pub const ARCH_SET_FS: u32 = 0x1002;
/// Read the FS base.
pub const ARCH_GET_FS: u32 = 0x1003;
/// Read the GS base.
pub const ARCH_GET_GS: u32 = 0x1004;
/// Read whether `cpuid` is enabled for the thread.
pub const ARCH_GET_CPUID: u32 = 0x1011;
/// Enable or disable `cpuid` (faulting) for the thread.
pub const ARCH_SET_CPUID: u32 = 0x1012;
/// Supported XSAVE components.
pub const ARCH_GET_XCOMP_SUPP: u32 = 0x1021;
/// Permitted XSAVE components.
pub const ARCH_GET_XCOMP_PERM: u32 = 0x1022;
/// Request permission for an XSAVE component (AMX).
pub const ARCH_REQ_XCOMP_PERM: u32 = 0x1023;
/// Map the x32 vDSO.
pub const ARCH_MAP_VDSO_X32: u32 = 0x2001;
/// Map the 32-bit vDSO.
pub const ARCH_MAP_VDSO_32: u32 = 0x2002;
/// Map the 64-bit vDSO.
pub const ARCH_MAP_VDSO_64: u32 = 0x2003;
