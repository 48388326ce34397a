//! Hardware faults become signals: three children each commit one fault
//! and must die of the matching signal, which the parent reads from the wait
//! status (`WIFSIGNALED`, `WTERMSIG`):
//!
//! * a load from address 0: SIGSEGV (page fault, #PF);
//! * `ud2`: SIGILL (invalid opcode, #UD);
//! * `div` by zero: SIGFPE (divide error, #DE).
//!
//! Each child first resets its signal to the default action (Rust's std
//! installs a SIGSEGV handler for stack overflows) and sets RLIMIT_CORE to 0
//! so no core file is written; failures of those two calls are ignored, as a
//! kernel that ignores them still delivers the default action.

use exo_testkit::{describe_status, spawn_child, wait_for, Checks};
use std::hint::black_box;

fn load_from_null() {
    let null = black_box(0usize) as *const u8;
    // SAFETY: not safe, on purpose: the load must fault and kill the process.
    let value = unsafe { std::ptr::read_volatile(null) };
    black_box(value);
}

fn invalid_opcode() {
    // SAFETY: ud2 raises #UD; the process dies before anything else happens.
    unsafe { core::arch::asm!("ud2") };
}

fn divide_by_zero() {
    let divisor = black_box(0u64);
    // SAFETY: div raises #DE for a zero divisor; only registers are touched.
    unsafe {
        core::arch::asm!(
            "xor edx, edx",
            "div {divisor}",
            divisor = in(reg) divisor,
            inout("rax") 1u64 => _,
            out("rdx") _,
        );
    }
}

/// In the child: default action for `signal`, no core file, then `fault`.
fn fault_child(signal: i32, fault: fn()) -> i32 {
    let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: `no_core` is a valid rlimit; SIG_DFL is a valid disposition.
    unsafe {
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
        libc::signal(signal, libc::SIG_DFL);
    }
    fault();
    // Still alive: the fault did not kill us.
    0
}

/// One faulting child: what it does, and the signal that must kill it.
struct Case {
    what: &'static str,
    fault: fn(),
    signal: i32,
    signal_name: &'static str,
}

const CASES: [Case; 3] = [
    Case { what: "null load", fault: load_from_null, signal: libc::SIGSEGV, signal_name: "SIGSEGV" },
    Case { what: "ud2", fault: invalid_opcode, signal: libc::SIGILL, signal_name: "SIGILL" },
    Case { what: "div by zero", fault: divide_by_zero, signal: libc::SIGFPE, signal_name: "SIGFPE" },
];

fn main() {
    let mut checks = Checks::new("segv");
    for Case { what, fault, signal, signal_name } in CASES {
        match spawn_child(move || fault_child(signal, fault)).and_then(wait_for) {
            Ok(status) => {
                let ok = libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == signal;
                let got = describe_status(status);
                checks.check(ok, format!("child doing {what}: {got}, expected {signal_name} ({signal})"));
            }
            Err(e) => {
                checks.check(false, format!("child doing {what}: fork or wait: {e}"));
            }
        }
    }
    checks.finish();
}
