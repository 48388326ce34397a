//! Thread contexts: kernel stack layout of a new thread, the context
//! switch, and the per-thread user state the switch carries (FPU/SSE/AVX
//! registers, FS and GS bases).
//!
//! Design note: the kernel is built soft-float, so the FPU registers only
//! ever hold user state. They are saved and restored eagerly at every
//! switch between threads (XSAVE when the CPU has it, FXSAVE otherwise);
//! lazy switching would save work but costs a #NM trap per first use.

use super::cpu::{self, FpuSave};
use super::gdt::{USER_CS, USER_DS};
use super::percpu;
use super::traps::TrapFrame;
use alloc::alloc::{alloc_zeroed, dealloc, Layout};
use core::mem::size_of;

extern "C" {
    fn switch_context(prev_rsp: *mut u64, next_rsp: u64);
    fn thread_start_user();
}

/// RFLAGS for a new user thread: IF set, reserved bit 1 set.
const USER_RFLAGS: u64 = 0x202;

/// An FPU save area, 64-byte aligned as XSAVE requires.
struct FpuArea {
    ptr: *mut u8,
    layout: Layout,
}

// SAFETY: the area is owned by one thread context and only touched by the
// CPU running that thread or switching it.
unsafe impl Send for FpuArea {}

impl FpuArea {
    fn new() -> Option<FpuArea> {
        let size = match cpu::info().fpu_save {
            FpuSave::Xsave { size_bytes } => size_bytes.max(576) as usize,
            FpuSave::Fxsave => 512,
        };
        let layout = Layout::from_size_align(size, 64).ok()?;
        // SAFETY: nonzero size.
        let ptr = unsafe { alloc_zeroed(layout) };
        if ptr.is_null() {
            return None;
        }
        // Initial state: x87 control word 0x37f, MXCSR 0x1f80 (all
        // exceptions masked), XSTATE_BV 0 (every component in init state).
        // SAFETY: offsets 0 and 24 are inside the 512-byte legacy area.
        unsafe {
            (ptr as *mut u16).write(0x037f);
            (ptr.add(24) as *mut u32).write(0x1f80);
        }
        Some(FpuArea { ptr, layout })
    }

    fn save(&mut self) {
        // SAFETY: the area is large enough and 64-byte aligned for the
        // chosen instruction; the mask saves every XCR0 component.
        unsafe {
            match cpu::info().fpu_save {
                FpuSave::Xsave { .. } => {
                    core::arch::asm!("xsave64 [{}]", in(reg) self.ptr, in("eax") u32::MAX, in("edx") u32::MAX)
                }
                FpuSave::Fxsave => core::arch::asm!("fxsave64 [{}]", in(reg) self.ptr),
            }
        }
    }

    fn restore(&self) {
        // SAFETY: the area holds a valid image (initial or saved).
        unsafe {
            match cpu::info().fpu_save {
                FpuSave::Xsave { .. } => {
                    core::arch::asm!("xrstor64 [{}]", in(reg) self.ptr, in("eax") u32::MAX, in("edx") u32::MAX)
                }
                FpuSave::Fxsave => core::arch::asm!("fxrstor64 [{}]", in(reg) self.ptr),
            }
        }
    }

    fn copy_from(&mut self, other: &FpuArea) {
        let n = self.layout.size().min(other.layout.size());
        // SAFETY: both areas are at least n bytes and distinct allocations.
        unsafe { core::ptr::copy_nonoverlapping(other.ptr, self.ptr, n) };
    }
}

impl Drop for FpuArea {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with this layout.
        unsafe { dealloc(self.ptr, self.layout) };
    }
}

/// What a suspended thread needs to resume.
pub struct Context {
    /// Saved kernel RSP while switched out.
    rsp: u64,
    /// Top of the thread's kernel stack (RSP0 while it runs).
    kstack_top: u64,
    fpu: FpuArea,
    /// User FS base (TLS), saved while switched out.
    pub fs_base: u64,
    /// User GS base, saved while switched out.
    pub gs_base: u64,
}

/// Pushes `value` below `*sp`.
fn push(sp: &mut u64, value: u64) {
    *sp -= 8;
    // SAFETY: callers pass a fresh kernel stack with room for the frames
    // built here (a TrapFrame plus seven words).
    unsafe { (*sp as *mut u64).write(value) };
}

/// Writes the switch frame `switch_context` pops: six callee-saved
/// registers (zero) and a return address.
fn push_switch_frame(sp: &mut u64, ret: u64) {
    push(sp, ret);
    for _ in 0..6 {
        // rbp, rbx, r12, r13, r14, r15
        push(sp, 0);
    }
}

impl Context {
    /// A context that enters user mode at `rip` with stack `rsp`, on the
    /// kernel stack whose top is `kstack_top`. `None` if the FPU area
    /// cannot be allocated.
    pub fn new_user(kstack_top: u64, rip: u64, rsp: u64) -> Option<Context> {
        let frame = TrapFrame {
            rip,
            cs: u64::from(USER_CS),
            rflags: USER_RFLAGS,
            rsp,
            ss: u64::from(USER_DS),
            rcx: rip,
            r11: USER_RFLAGS,
            ..TrapFrame::default()
        };
        Self::with_frame(kstack_top, &frame)
    }

    /// A context that returns to user mode with the registers in `frame`
    /// (fork and clone copy the parent's frame, changing RAX and RSP).
    pub fn with_frame(kstack_top: u64, frame: &TrapFrame) -> Option<Context> {
        let mut sp = kstack_top - size_of::<TrapFrame>() as u64;
        // SAFETY: the top of a fresh kernel stack has room for the frame.
        unsafe { (sp as *mut TrapFrame).write(*frame) };
        push_switch_frame(&mut sp, thread_start_user as *const () as u64);
        Some(Context { rsp: sp, kstack_top, fpu: FpuArea::new()?, fs_base: 0, gs_base: 0 })
    }

    /// The context of the code running now (the boot thread, which
    /// becomes the idle thread): its registers are saved at the first switch.
    pub fn current_boot() -> Option<Context> {
        Some(Context { rsp: 0, kstack_top: 0, fpu: FpuArea::new()?, fs_base: 0, gs_base: 0 })
    }

    /// The running thread's FPU/SSE/AVX state, saved from the registers
    /// (XSAVE or FXSAVE image, 64-byte aligned size).
    pub fn save_running_fpu(&mut self) -> &[u8] {
        self.fpu.save();
        // SAFETY: the area is `layout.size()` bytes owned by this context.
        unsafe { core::slice::from_raw_parts(self.fpu.ptr, self.fpu.layout.size()) }
    }

    /// Loads `image` (from a signal frame) into the running thread's FPU
    /// registers. Malformed XSAVE headers would fault XRSTOR, so the
    /// header is checked; a bad image resets the state instead.
    pub fn restore_running_fpu(&mut self, image: &[u8]) {
        let n = image.len().min(self.fpu.layout.size());
        // SAFETY: both regions hold at least n bytes and do not overlap.
        unsafe { core::ptr::copy_nonoverlapping(image.as_ptr(), self.fpu.ptr, n) };
        if matches!(cpu::info().fpu_save, FpuSave::Xsave { .. }) {
            // XSTATE_BV must only name enabled components; XCOMP_BV and the
            // rest of the 64-byte header must be zero (SDM Vol. 1 §13.8).
            // SAFETY: the area is at least 576 bytes (legacy area + header).
            let header = unsafe { core::slice::from_raw_parts_mut(self.fpu.ptr.add(512), 64) };
            let xcr0 = x86_64::registers::xcontrol::XCr0::read_raw();
            let bv = u64::from_le_bytes(header[..8].try_into().unwrap_or([0; 8])) & xcr0;
            header.fill(0);
            header[..8].copy_from_slice(&bv.to_le_bytes());
        }
        // MXCSR reserved bits set would #GP on restore.
        // SAFETY: offset 24..28 is MXCSR in the legacy area.
        unsafe {
            let mxcsr = self.fpu.ptr.add(24) as *mut u32;
            mxcsr.write(mxcsr.read() & 0xffff);
        }
        self.fpu.restore();
    }

    /// Copies the running thread's live FPU state and TLS bases into
    /// `self` (fork and clone: the child starts with the parent's state).
    pub fn inherit_from_running(&mut self, running: &mut Context) {
        running.fpu.save();
        self.fpu.copy_from(&running.fpu);
        self.fs_base = percpu::fs_base();
        self.gs_base = percpu::user_gs_base();
    }
}

/// Registers of a thread entering user mode afresh (all zero, user
/// segments, interrupts on); callers set RIP and RSP.
pub fn initial_user_frame() -> TrapFrame {
    TrapFrame {
        cs: u64::from(USER_CS),
        ss: u64::from(USER_DS),
        rflags: USER_RFLAGS,
        r11: USER_RFLAGS,
        ..TrapFrame::default()
    }
}

/// Resets the running thread's FPU/SSE/AVX registers to their initial
/// state (execve).
pub fn reset_running_fpu(running: &mut Context) {
    if let Some(fresh) = FpuArea::new() {
        running.fpu = fresh;
        running.fpu.restore();
    }
}

/// Switches from the running thread `prev` to `next`. Interrupts must be
/// off; they are restored by the code `next` resumes in.
///
/// # Safety
/// `prev` must be the context of the running thread and `next` a context
/// built by this module or saved by a previous switch, whose kernel stack
/// is still mapped; neither may be dropped until the switch away from
/// `next` (or the end of `prev`) has happened.
pub unsafe fn switch(prev: &mut Context, next: &Context) {
    prev.fpu.save();
    prev.fs_base = percpu::fs_base();
    prev.gs_base = percpu::user_gs_base();
    next.fpu.restore();
    percpu::set_fs_base(next.fs_base);
    percpu::set_user_gs_base(next.gs_base);
    if next.kstack_top != 0 {
        percpu::set_kernel_stack(next.kstack_top);
    }
    // SAFETY: per this function's contract both stacks are valid; the
    // switch frame format is the one `push_switch_frame` writes.
    unsafe { switch_context(&mut prev.rsp, next.rsp) };
}
