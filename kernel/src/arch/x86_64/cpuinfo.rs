//! The text of /proc/cpuinfo for one x86-64 CPU, in Linux's format
//! (arch/x86/kernel/cpu/proc.c): identification from `cpu::info`, the
//! clock from the measured TSC, and the CPUID feature flags under
//! Linux's names.
//!
//! Design note: only the flags of the leaves read here (1, 7, 80000001H)
//! are listed; Linux adds synthetic ones (e.g. `constant_tsc`) that
//! programs rarely test.

use super::cpu;
use alloc::string::String;
use core::arch::x86_64::{__cpuid, __cpuid_count};
use core::fmt::Write as _;

/// Linux flag names of CPUID.1:EDX bits.
const LEAF1_EDX: [(u32, &str); 29] = [
    (0, "fpu"), (1, "vme"), (2, "de"), (3, "pse"), (4, "tsc"), (5, "msr"), (6, "pae"), (7, "mce"),
    (8, "cx8"), (9, "apic"), (11, "sep"), (12, "mtrr"), (13, "pge"), (14, "mca"), (15, "cmov"),
    (16, "pat"), (17, "pse36"), (18, "pn"), (19, "clflush"), (21, "dts"), (22, "acpi"), (23, "mmx"),
    (24, "fxsr"), (25, "sse"), (26, "sse2"), (27, "ss"), (28, "ht"), (29, "tm"), (31, "pbe"),
];
/// Linux flag names of CPUID.1:ECX bits.
const LEAF1_ECX: [(u32, &str); 25] = [
    (0, "pni"), (1, "pclmulqdq"), (3, "monitor"), (5, "vmx"), (6, "smx"), (7, "est"), (8, "tm2"),
    (9, "ssse3"), (12, "fma"), (13, "cx16"), (14, "xtpr"), (15, "pdcm"), (17, "pcid"), (19, "sse4_1"),
    (20, "sse4_2"), (21, "x2apic"), (22, "movbe"), (23, "popcnt"), (24, "tsc_deadline_timer"),
    (25, "aes"), (26, "xsave"), (28, "avx"), (29, "f16c"), (30, "rdrand"), (31, "hypervisor"),
];
/// Linux flag names of CPUID.80000001H:EDX bits.
const EXT_EDX: [(u32, &str); 6] = [(11, "syscall"), (20, "nx"), (22, "mmxext"), (26, "pdpe1gb"), (27, "rdtscp"), (29, "lm")];
/// Linux flag names of CPUID.80000001H:ECX bits.
const EXT_ECX: [(u32, &str); 4] = [(0, "lahf_lm"), (5, "abm"), (6, "sse4a"), (8, "3dnowprefetch")];
/// Linux flag names of CPUID.(7,0):EBX bits.
const LEAF7_EBX: [(u32, &str); 14] = [
    (0, "fsgsbase"), (3, "bmi1"), (4, "hle"), (5, "avx2"), (7, "smep"), (8, "bmi2"), (9, "erms"),
    (10, "invpcid"), (11, "rtm"), (16, "avx512f"), (18, "rdseed"), (19, "adx"), (20, "smap"), (29, "sha_ni"),
];

fn push_flags(out: &mut String, reg: u32, table: &[(u32, &str)]) {
    for &(bit, name) in table {
        if reg & (1 << bit) != 0 {
            out.push(' ');
            out.push_str(name);
        }
    }
}

fn trimmed(bytes: &[u8]) -> &str {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    core::str::from_utf8(&bytes[..end]).unwrap_or("?").trim()
}

/// The /proc/cpuinfo paragraph of CPU `processor` (ends with a blank line).
pub fn cpuinfo_text(processor: u32) -> String {
    let info = cpu::info();
    let max_leaf = __cpuid(0).eax;
    let max_ext = __cpuid(0x8000_0000).eax;
    let leaf1 = __cpuid(1);
    let mut flags = String::new();
    push_flags(&mut flags, leaf1.edx, &LEAF1_EDX);
    push_flags(&mut flags, leaf1.ecx, &LEAF1_ECX);
    if max_ext >= 0x8000_0001 {
        let ext = __cpuid(0x8000_0001);
        push_flags(&mut flags, ext.edx, &EXT_EDX);
        push_flags(&mut flags, ext.ecx, &EXT_ECX);
    }
    if max_leaf >= 7 {
        push_flags(&mut flags, __cpuid_count(7, 0).ebx, &LEAF7_EBX);
    }
    let (phys_bits, virt_bits) = if max_ext >= 0x8000_0008 {
        let e = __cpuid(0x8000_0008).eax;
        (e & 0xff, (e >> 8) & 0xff)
    } else {
        (36, 48)
    };
    let khz = super::tsc_freq_hz() / 1000;
    let brand = trimmed(&info.brand);
    let mut out = String::new();
    let _ = writeln!(out, "processor\t: {processor}");
    let _ = writeln!(out, "vendor_id\t: {}", trimmed(&info.vendor));
    let _ = writeln!(out, "cpu family\t: {}", info.family);
    let _ = writeln!(out, "model\t\t: {}", info.model);
    let _ = writeln!(out, "model name\t: {}", if brand.is_empty() { "unknown" } else { brand });
    let _ = writeln!(out, "stepping\t: {}", info.stepping);
    let _ = writeln!(out, "cpu MHz\t\t: {}.{:03}", khz / 1000, khz % 1000);
    let _ = writeln!(out, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1");
    let _ = writeln!(out, "apicid\t\t: 0\ninitial apicid\t: 0\nfpu\t\t: yes\nfpu_exception\t: yes");
    let _ = writeln!(out, "cpuid level\t: {max_leaf}\nwp\t\t: yes");
    let _ = writeln!(out, "flags\t\t:{flags}");
    let _ = writeln!(out, "bugs\t\t:");
    // Linux: loops_per_jiffy calibrated from the TSC, i.e. twice the MHz.
    let _ = writeln!(out, "bogomips\t: {}.{:02}", khz * 2 / 1000, khz * 2 % 1000 / 10);
    let _ = writeln!(out, "clflush size\t: 64\ncache_alignment\t: 64");
    let _ = writeln!(out, "address sizes\t: {phys_bits} bits physical, {virt_bits} bits virtual");
    let _ = writeln!(out, "power management:\n");
    out
}
