//! Exception and interrupt dispatch from the `trap.S` stubs.
//!
//! Exceptions in kernel mode are fatal: the handler reports the vector,
//! error code, CR2 for page faults, all registers and a backtrace of
//! return addresses, then stops the machine. Vectors 32-255 go to the
//! handler registered with [`set_handler`].

use crate::console::write_fmt_unlocked as out;
use core::sync::atomic::{AtomicUsize, Ordering};

/// Registers saved on entry, lowest address first (the stub's push order
/// reversed, then the CPU's interrupt frame). Intel SDM Vol. 3A §6.14.1.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
#[allow(missing_docs, reason = "register names are their own documentation")]
pub struct TrapFrame {
    pub r15: u64,
    pub r14: u64,
    pub r13: u64,
    pub r12: u64,
    pub r11: u64,
    pub r10: u64,
    pub r9: u64,
    pub r8: u64,
    pub rbp: u64,
    pub rdi: u64,
    pub rsi: u64,
    pub rdx: u64,
    pub rcx: u64,
    pub rbx: u64,
    pub rax: u64,
    /// Vector number pushed by the stub.
    pub vector: u64,
    /// CPU error code, or 0 for vectors without one.
    pub error_code: u64,
    pub rip: u64,
    pub cs: u64,
    pub rflags: u64,
    pub rsp: u64,
    pub ss: u64,
}

/// Handler for an interrupt vector (32..=255).
pub type Handler = fn(&mut TrapFrame);

static HANDLERS: [AtomicUsize; 256] = [const { AtomicUsize::new(0) }; 256];

/// Routes `vector` (32..=255) to `handler`.
pub fn set_handler(vector: u8, handler: Handler) {
    assert!(vector >= 32, "vectors below 32 are exceptions");
    HANDLERS[usize::from(vector)].store(handler as usize, Ordering::Release);
}

const EXCEPTION_NAMES: [&str; 32] = [
    "divide error (#DE)",
    "debug (#DB)",
    "non-maskable interrupt",
    "breakpoint (#BP)",
    "overflow (#OF)",
    "bound range exceeded (#BR)",
    "invalid opcode (#UD)",
    "device not available (#NM)",
    "double fault (#DF)",
    "coprocessor segment overrun",
    "invalid TSS (#TS)",
    "segment not present (#NP)",
    "stack-segment fault (#SS)",
    "general protection (#GP)",
    "page fault (#PF)",
    "reserved 15",
    "x87 floating-point (#MF)",
    "alignment check (#AC)",
    "machine check (#MC)",
    "SIMD floating-point (#XM)",
    "virtualization (#VE)",
    "control protection (#CP)",
    "reserved 22",
    "reserved 23",
    "reserved 24",
    "reserved 25",
    "reserved 26",
    "reserved 27",
    "hypervisor injection (#HV)",
    "VMM communication (#VC)",
    "security (#SX)",
    "reserved 31",
];

#[no_mangle]
extern "C" fn trap_dispatch(frame: &mut TrapFrame) {
    let vector = frame.vector as usize;
    if vector >= 32 {
        let h = HANDLERS.get(vector).map_or(0, |h| h.load(Ordering::Acquire));
        if h != 0 {
            // SAFETY: only `set_handler` stores nonzero values, and it
            // stores valid `Handler` function pointers.
            let handler: Handler = unsafe { core::mem::transmute::<usize, Handler>(h) };
            handler(frame);
        } else {
            log::warn!("unexpected interrupt on vector {vector}");
        }
        return;
    }
    let from_user = frame.cs & 3 == 3;
    if vector == 14 {
        let addr = x86_64::registers::control::Cr2::read_raw();
        let (write, fetch) = (frame.error_code & 2 != 0, frame.error_code & 16 != 0);
        // A fault on a user address, from user mode or from a kernel copy:
        // demand paging, copy-on-write, stack growth.
        let signal = if addr < crate::mm::address_space::USER_END {
            match crate::proc::user_page_fault(addr, write, fetch) {
                Ok(()) => return,
                Err(signal) => signal,
            }
        } else {
            SIGSEGV
        };
        if from_user {
            crate::proc::signal::force_fault_signal(signal);
            return;
        }
        if let Some(fixup) = fixup_for(frame.rip) {
            frame.rip = fixup;
            return;
        }
    } else if from_user {
        let signal = match vector {
            0 | 16 | 19 => SIGFPE,
            3 | 1 => SIGTRAP,
            6 => SIGILL,
            17 => SIGBUS,
            _ => SIGSEGV,
        };
        crate::proc::signal::force_fault_signal(signal);
        return;
    }
    kernel_exception(frame)
}

const SIGILL: u32 = 4;
const SIGTRAP: u32 = 5;
const SIGBUS: u32 = 7;
const SIGFPE: u32 = 8;
const SIGSEGV: u32 = 11;

/// The fixup address for a faulting kernel instruction at `rip`, from
/// the `__ex_table` section (pairs of instruction and fixup addresses).
fn fixup_for(rip: u64) -> Option<u64> {
    extern "C" {
        static __ex_table_start: [u64; 0];
        static __ex_table_end: [u64; 0];
    }
    let start = (&raw const __ex_table_start) as *const [u64; 2];
    let end = (&raw const __ex_table_end) as *const [u64; 2];
    let count = (end as usize - start as usize) / 16;
    // SAFETY: the linker script places the __ex_table input sections,
    // made of (instruction, fixup) address pairs, between these symbols.
    let table = unsafe { core::slice::from_raw_parts(start, count) };
    table.iter().find(|e| e[0] == rip).map(|e| e[1])
}

#[no_mangle]
extern "C" fn syscall_dispatch(frame: &mut TrapFrame) {
    x86_64::instructions::interrupts::enable();
    let nr = frame.rax;
    let args = [frame.rdi, frame.rsi, frame.rdx, frame.r10, frame.r8, frame.r9];
    frame.rax = crate::syscall::dispatch(nr, args, frame) as u64;
}

#[no_mangle]
extern "C" fn exit_to_user_mode(frame: &mut TrapFrame) {
    crate::sched::exit_to_user(frame);
}

#[no_mangle]
extern "C" fn thread_start_hook() {
    crate::sched::finish_switch();
}

fn kernel_exception(frame: &TrapFrame) -> ! {
    let name = EXCEPTION_NAMES.get(frame.vector as usize).copied().unwrap_or("?");
    out(format_args!("\nKERNEL EXCEPTION: {name}, error code {:#x}\n", frame.error_code));
    if frame.vector == 14 {
        let cr2 = x86_64::registers::control::Cr2::read_raw();
        let e = frame.error_code;
        out(format_args!(
            "page fault: CR2={cr2:#018x} ({} {}, {} mode{}{})\n",
            if e & 1 != 0 { "protection violation on" } else { "not-present page on" },
            if e & 16 != 0 { "instruction fetch" } else if e & 2 != 0 { "write" } else { "read" },
            if e & 4 != 0 { "user" } else { "kernel" },
            if e & 8 != 0 { ", reserved bit set" } else { "" },
            if e & 32 != 0 { ", protection key" } else { "" },
        ));
    }
    dump_frame(frame);
    print_backtrace(frame.rbp);
    super::power::fail_and_halt()
}

/// Prints every register in `frame`, four per line.
pub fn dump_frame(f: &TrapFrame) {
    out(format_args!(
        "RIP={:#018x} CS={:#x} RFLAGS={:#x} RSP={:#018x} SS={:#x}\n",
        f.rip, f.cs, f.rflags, f.rsp, f.ss
    ));
    out(format_args!("RAX={:#018x} RBX={:#018x} RCX={:#018x} RDX={:#018x}\n", f.rax, f.rbx, f.rcx, f.rdx));
    out(format_args!("RSI={:#018x} RDI={:#018x} RBP={:#018x} R8 ={:#018x}\n", f.rsi, f.rdi, f.rbp, f.r8));
    out(format_args!("R9 ={:#018x} R10={:#018x} R11={:#018x} R12={:#018x}\n", f.r9, f.r10, f.r11, f.r12));
    out(format_args!("R13={:#018x} R14={:#018x} R15={:#018x}\n", f.r13, f.r14, f.r15));
    dump_control_registers();
}

/// Prints CR0, CR2, CR3 and CR4.
pub fn dump_control_registers() {
    use x86_64::registers::control::{Cr0, Cr2, Cr3, Cr4};
    out(format_args!(
        "CR0={:#x} CR2={:#x} CR3={:#x} CR4={:#x}\n",
        Cr0::read_raw(),
        Cr2::read_raw(),
        Cr3::read_raw().0.start_address().as_u64(),
        Cr4::read_raw()
    ));
}

/// Prints the return addresses found by following saved frame pointers
/// from `rbp` (the kernel is built with frame pointers). Stops at 64
/// frames (collapsing repeats of one address), a null or misaligned pointer, or a pointer outside mapped
/// kernel memory.
pub fn print_backtrace(mut rbp: u64) {
    out(format_args!("backtrace:\n"));
    let (mut last, mut repeats) = (0u64, 0u32);
    for _ in 0..64 {
        if rbp == 0 || rbp % 8 != 0 || rbp < crate::mm::KERNEL_SPACE_START || !crate::mm::is_kernel_mapped(rbp, 16) {
            break;
        }
        // SAFETY: rbp is 8-aligned and [rbp, rbp + 16) is mapped kernel
        // memory (checked above), holding the saved rbp and return address.
        let (next, ret) = unsafe { (*(rbp as *const u64), *((rbp + 8) as *const u64)) };
        if ret == 0 {
            break;
        }
        if ret == last {
            repeats += 1;
        } else {
            if repeats > 0 {
                out(format_args!("  ... repeated {repeats} more times\n"));
            }
            out(format_args!("  {ret:#018x}\n"));
            (last, repeats) = (ret, 0);
        }
        rbp = next;
    }
    if repeats > 0 {
        out(format_args!("  ... repeated {repeats} more times\n"));
    }
}
