//! CPU identification and the control-register features the kernel turns
//! on: SSE/AVX (with XSAVE or FXSAVE), NX, SMEP, SMAP, global pages.
//!
//! Intel SDM Vol. 3A §2.5 (control registers), §13 (XSAVE), Vol. 2A CPUID.

use core::fmt::Write as _;
use raw_cpuid::CpuId;
use spin::Once;
use x86_64::registers::control::{Cr0, Cr0Flags, Cr4, Cr4Flags};
use x86_64::registers::xcontrol::{XCr0, XCr0Flags};

/// How the FPU/SSE/AVX register state is saved on a context switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FpuSave {
    /// XSAVE/XRSTOR of the components enabled in XCR0; area size in bytes.
    Xsave { size_bytes: u32 },
    /// FXSAVE/FXRSTOR, 512 bytes.
    Fxsave,
}

/// What CPUID reported, and what the kernel enabled.
#[derive(Debug)]
pub struct CpuInfo {
    /// Vendor string, e.g. "GenuineIntel", "AuthenticAMD".
    pub vendor: [u8; 12],
    /// Processor brand string, if the CPU has one.
    pub brand: [u8; 48],
    /// Family, model, stepping (with the extended fields folded in).
    pub family: u32,
    /// Model number (display model).
    pub model: u32,
    /// Stepping id.
    pub stepping: u32,
    /// x2APIC available (CPUID.1:ECX[21]).
    pub x2apic: bool,
    /// Invariant TSC: constant rate in all P-, C- and T-states (CPUID.80000007H:EDX[8]).
    pub invariant_tsc: bool,
    /// TSC-deadline mode of the APIC timer (CPUID.1:ECX[24]).
    pub tsc_deadline: bool,
    /// 1 GiB pages (CPUID.80000001H:EDX[26]).
    pub huge_pages_1g: bool,
    /// Execute-disable (CPUID.80000001H:EDX[20]); EFER.NXE set in boot.S.
    pub nx: bool,
    /// Supervisor-mode execution prevention, enabled when present.
    pub smep: bool,
    /// Supervisor-mode access prevention, enabled when present.
    pub smap: bool,
    /// AVX enabled in XCR0.
    pub avx: bool,
    /// The FPU state save method chosen.
    pub fpu_save: FpuSave,
}

static INFO: Once<CpuInfo> = Once::new();

/// Identifies the CPU and enables its features; logs one summary line.
pub fn init() {
    let mut found = identify();
    enable(&found);
    if let FpuSave::Xsave { size_bytes } = &mut found.fpu_save {
        // CPUID.(EAX=0DH,ECX=0):EBX, the size for the components now in XCR0.
        if let Some(state) = CpuId::new().get_extended_state_info() {
            *size_bytes = state.xsave_area_size_enabled_features();
        }
    }
    let info = INFO.call_once(|| found);
    let mut features = Line::default();
    for (on, name) in [
        (true, "sse2"),
        (matches!(info.fpu_save, FpuSave::Xsave { .. }), "xsave"),
        (info.avx, "avx"),
        (info.x2apic, "x2apic"),
        (info.nx, "nx"),
        (info.smep, "smep"),
        (info.smap, "smap"),
        (info.huge_pages_1g, "pdpe1gb"),
        (info.tsc_deadline, "tsc-deadline"),
        (info.invariant_tsc, "invtsc"),
    ] {
        if on {
            let _ = write!(features, " {name}");
        }
    }
    log::info!(
        "CPU: {} {} (family {:#x} model {:#x} stepping {}), features:{}",
        trimmed(&info.vendor),
        trimmed(&info.brand),
        info.family,
        info.model,
        info.stepping,
        features.as_str()
    );
    match info.fpu_save {
        FpuSave::Xsave { size_bytes } => log::info!("FPU: XSAVE, {size_bytes} bytes of state"),
        FpuSave::Fxsave => log::info!("FPU: FXSAVE, 512 bytes of state"),
    }
}

/// The CPU description; panics if called before `init`.
pub fn info() -> &'static CpuInfo {
    INFO.get().expect("cpu::init runs first")
}

fn identify() -> CpuInfo {
    let cpuid = CpuId::new();
    let mut vendor = [0u8; 12];
    if let Some(v) = cpuid.get_vendor_info() {
        copy_str(&mut vendor, v.as_str());
    }
    let mut brand = [0u8; 48];
    if let Some(b) = cpuid.get_processor_brand_string() {
        copy_str(&mut brand, b.as_str());
    }
    let f = cpuid.get_feature_info();
    let ext = cpuid.get_extended_processor_and_feature_identifiers();
    let leaf7 = cpuid.get_extended_feature_info();
    let xsave = f.as_ref().is_some_and(|f| f.has_xsave());
    let avx = xsave && f.as_ref().is_some_and(|f| f.has_avx());
    let fpu_save = if xsave {
        // Filled in from CPUID leaf 0DH once XCR0 is set.
        FpuSave::Xsave { size_bytes: 0 }
    } else {
        FpuSave::Fxsave
    };
    CpuInfo {
        vendor,
        brand,
        family: f.as_ref().map_or(0, |f| u32::from(f.family_id())),
        model: f.as_ref().map_or(0, |f| u32::from(f.model_id())),
        stepping: f.as_ref().map_or(0, |f| u32::from(f.stepping_id())),
        x2apic: f.as_ref().is_some_and(|f| f.has_x2apic()),
        tsc_deadline: f.as_ref().is_some_and(|f| f.has_tsc_deadline()),
        invariant_tsc: cpuid.get_advanced_power_mgmt_info().is_some_and(|p| p.has_invariant_tsc()),
        huge_pages_1g: ext.as_ref().is_some_and(|e| e.has_1gib_pages()),
        nx: ext.as_ref().is_some_and(|e| e.has_execute_disable()),
        smep: leaf7.as_ref().is_some_and(|l| l.has_smep()),
        smap: leaf7.as_ref().is_some_and(|l| l.has_smap()),
        avx,
        fpu_save,
    }
}

fn enable(info: &CpuInfo) {
    let mut cr0 = Cr0::read();
    cr0.remove(Cr0Flags::EMULATE_COPROCESSOR | Cr0Flags::TASK_SWITCHED);
    cr0.insert(Cr0Flags::MONITOR_COPROCESSOR | Cr0Flags::NUMERIC_ERROR | Cr0Flags::WRITE_PROTECT);
    // SAFETY: only enables x87/SSE exception reporting and keeps paging and
    // protection bits as they are.
    unsafe { Cr0::write(cr0) };

    let mut cr4 = Cr4::read();
    cr4.insert(Cr4Flags::OSFXSR | Cr4Flags::OSXMMEXCPT_ENABLE | Cr4Flags::PAGE_GLOBAL);
    if matches!(info.fpu_save, FpuSave::Xsave { .. }) {
        cr4.insert(Cr4Flags::OSXSAVE);
    }
    if info.smep {
        cr4.insert(Cr4Flags::SUPERVISOR_MODE_EXECUTION_PROTECTION);
    }
    if info.smap {
        cr4.insert(Cr4Flags::SUPERVISOR_MODE_ACCESS_PREVENTION);
    }
    // SAFETY: every bit set here was reported by CPUID; the kernel never
    // touches user pages yet (SMAP) nor executes them (SMEP).
    unsafe { Cr4::write(cr4) };

    if matches!(info.fpu_save, FpuSave::Xsave { .. }) {
        let mut xcr0 = XCr0Flags::X87 | XCr0Flags::SSE;
        if info.avx {
            xcr0 |= XCr0Flags::AVX;
        }
        // SAFETY: CR4.OSXSAVE is set above and each component is supported.
        unsafe { XCr0::write(xcr0) };
    }
}

fn copy_str(dst: &mut [u8], s: &str) {
    for (d, b) in dst.iter_mut().zip(s.bytes()) {
        *d = b;
    }
}

fn trimmed(bytes: &[u8]) -> &str {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    core::str::from_utf8(&bytes[..end]).unwrap_or("?").trim()
}

/// A small fixed-capacity string for building one log line without the heap.
pub struct Line {
    buf: [u8; 240],
    len: usize,
}

impl Default for Line {
    fn default() -> Self {
        Line { buf: [0; 240], len: 0 }
    }
}

impl Line {
    /// The text written so far.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

impl core::fmt::Write for Line {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let room = self.buf.len() - self.len;
        let n = s.len().min(room);
        self.buf[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
        self.len += n;
        Ok(())
    }
}
