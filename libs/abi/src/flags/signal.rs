//! Signal numbers (`SIG*`), `sigaction` flags (`SA_*`), `sigprocmask` hows,
//! `sigaltstack` flags and `si_code` values.
//!
//! Sources: `arch/x86/include/uapi/asm/signal.h`,
//! `include/uapi/asm-generic/signal-defs.h`, `include/uapi/linux/signal.h`,
//! `include/uapi/asm-generic/siginfo.h`.
//!
//! # Real-time signals: kernel vs C library numbering
//!
//! The kernel's real-time signals are 32..=64 ([`SIGRTMIN`]..=[`SIGRTMAX`]).
//! C libraries keep the first few for themselves: glibc uses 32 and 33 for
//! thread cancellation and `setxid`, so its `SIGRTMIN` macro evaluates to 34
//! ([`GLIBC_SIGRTMIN`]); musl also keeps 34 (so 35). The kernel must treat
//! every number in 32..=64 as an ordinary real-time signal: queued, delivered
//! in order, default action "terminate".

/// Hang up of the controlling terminal.
pub const SIGHUP: i32 = 1;
/// Interrupt from the keyboard (`^C`).
pub const SIGINT: i32 = 2;
/// Quit from the keyboard (`^\`).
pub const SIGQUIT: i32 = 3;
/// Illegal instruction.
pub const SIGILL: i32 = 4;
/// Trace / breakpoint trap.
pub const SIGTRAP: i32 = 5;
/// Abort (`abort(3)`).
pub const SIGABRT: i32 = 6;
/// Same as [`SIGABRT`].
pub const SIGIOT: i32 = 6;
/// Bus error (bad memory access).
pub const SIGBUS: i32 = 7;
/// Arithmetic exception.
pub const SIGFPE: i32 = 8;
/// Kill (cannot be caught or ignored).
pub const SIGKILL: i32 = 9;
/// User-defined signal 1.
pub const SIGUSR1: i32 = 10;
/// Invalid memory reference.
pub const SIGSEGV: i32 = 11;
/// User-defined signal 2.
pub const SIGUSR2: i32 = 12;
/// Write to a pipe with no readers.
pub const SIGPIPE: i32 = 13;
/// Timer signal from `alarm`.
pub const SIGALRM: i32 = 14;
/// Termination request.
pub const SIGTERM: i32 = 15;
/// Coprocessor stack fault (unused).
pub const SIGSTKFLT: i32 = 16;
/// Child stopped, continued or terminated.
pub const SIGCHLD: i32 = 17;
/// Continue if stopped.
pub const SIGCONT: i32 = 18;
/// Stop (cannot be caught or ignored).
pub const SIGSTOP: i32 = 19;
/// Stop from the terminal (`^Z`).
pub const SIGTSTP: i32 = 20;
/// Terminal input for a background process.
pub const SIGTTIN: i32 = 21;
/// Terminal output from a background process.
pub const SIGTTOU: i32 = 22;
/// Urgent condition on a socket.
pub const SIGURG: i32 = 23;
/// CPU time limit exceeded.
pub const SIGXCPU: i32 = 24;
/// File size limit exceeded.
pub const SIGXFSZ: i32 = 25;
/// Virtual alarm clock.
pub const SIGVTALRM: i32 = 26;
/// Profiling timer expired.
pub const SIGPROF: i32 = 27;
/// Terminal window size changed.
pub const SIGWINCH: i32 = 28;
/// I/O now possible.
pub const SIGIO: i32 = 29;
/// Same as [`SIGIO`].
pub const SIGPOLL: i32 = SIGIO;
/// Power failure.
pub const SIGPWR: i32 = 30;
/// Bad system call.
pub const SIGSYS: i32 = 31;
/// First real-time signal as the kernel numbers it (see the module docs).
pub const SIGRTMIN: i32 = 32;
/// Last real-time signal.
pub const SIGRTMAX: i32 = 64;
/// Number of signals (kernel `_NSIG`; the uapi `NSIG` macro is a stale 32): valid
/// signal numbers are `1..=_NSIG`.
pub const _NSIG: i32 = 64;
/// glibc's `SIGRTMIN` as seen by programs (32 and 33 are reserved by NPTL).
pub const GLIBC_SIGRTMIN: i32 = 34;
/// Size in bytes of the kernel signal set (`sigsetsize` of `rt_sig*` calls).
pub const SIGSET_SIZE_BYTES: usize = 8;

/// Bit of signal `sig` in a kernel signal set (`1 << (sig - 1)`), or 0 if
/// `sig` is not in `1..=_NSIG`.
pub const fn sigmask(sig: i32) -> u64 {
    if matches!(sig, 1..=_NSIG) {
        1u64 << (sig - 1)
    } else {
        0
    }
}

/// `sa_handler` value: default action.
pub const SIG_DFL: u64 = 0;
/// `sa_handler` value: ignore the signal.
pub const SIG_IGN: u64 = 1;

/// `SIGCHLD`: no notification when children stop or continue.
pub const SA_NOCLDSTOP: u64 = 0x0000_0001;
/// `SIGCHLD`: do not turn children into zombies.
pub const SA_NOCLDWAIT: u64 = 0x0000_0002;
/// The handler takes three arguments (`siginfo_t *`, `ucontext_t *`).
pub const SA_SIGINFO: u64 = 0x0000_0004;
/// Bit never supported, to probe for flag support.
pub const SA_UNSUPPORTED: u64 = 0x0000_0400;
/// Keep tag bits in `si_addr` (arm64).
pub const SA_EXPOSE_TAGBITS: u64 = 0x0000_0800;
/// `sa_restorer` holds the return trampoline (always set by x86_64 libcs).
pub const SA_RESTORER: u64 = 0x0400_0000;
/// Run the handler on the alternate signal stack.
pub const SA_ONSTACK: u64 = 0x0800_0000;
/// Restart interrupted system calls.
pub const SA_RESTART: u64 = 0x1000_0000;
/// Do not block the signal during its own handler.
pub const SA_NODEFER: u64 = 0x4000_0000;
/// Reset the handler to `SIG_DFL` on entry.
pub const SA_RESETHAND: u64 = 0x8000_0000;

/// `rt_sigprocmask`: add the set to the mask.
pub const SIG_BLOCK: i32 = 0;
/// `rt_sigprocmask`: remove the set from the mask.
pub const SIG_UNBLOCK: i32 = 1;
/// `rt_sigprocmask`: replace the mask.
pub const SIG_SETMASK: i32 = 2;

/// `sigaltstack`: currently executing on the alternate stack (output).
pub const SS_ONSTACK: i32 = 1;
/// `sigaltstack`: the alternate stack is disabled.
pub const SS_DISABLE: i32 = 2;
/// `sigaltstack`: disable the stack while a handler runs on it.
pub const SS_AUTODISARM: i32 = (1u32 << 31) as i32;
/// Minimum alternate signal stack size in bytes (x86; see `AT_MINSIGSTKSZ`).
pub const MINSIGSTKSZ: usize = 2048;
/// Suggested alternate signal stack size in bytes.
pub const SIGSTKSZ: usize = 8192;

/// `si_code`: sent by `kill`.
pub const SI_USER: i32 = 0;
/// `si_code`: sent by the kernel.
pub const SI_KERNEL: i32 = 0x80;
/// `si_code`: sent by `sigqueue`.
pub const SI_QUEUE: i32 = -1;
/// `si_code`: POSIX timer expiry.
pub const SI_TIMER: i32 = -2;
/// `si_code`: message queue state change.
pub const SI_MESGQ: i32 = -3;
/// `si_code`: asynchronous I/O completion.
pub const SI_ASYNCIO: i32 = -4;
/// `si_code`: queued `SIGIO`.
pub const SI_SIGIO: i32 = -5;
/// `si_code`: sent by `tkill` / `tgkill`.
pub const SI_TKILL: i32 = -6;
/// `si_code`: `execve` killing the other threads.
pub const SI_DETHREAD: i32 = -7;

/// `SIGCHLD` `si_code`: child exited.
pub const CLD_EXITED: i32 = 1;
/// `SIGCHLD` `si_code`: child killed by a signal.
pub const CLD_KILLED: i32 = 2;
/// `SIGCHLD` `si_code`: child killed and dumped core.
pub const CLD_DUMPED: i32 = 3;
/// `SIGCHLD` `si_code`: traced child trapped.
pub const CLD_TRAPPED: i32 = 4;
/// `SIGCHLD` `si_code`: child stopped.
pub const CLD_STOPPED: i32 = 5;
/// `SIGCHLD` `si_code`: stopped child continued.
pub const CLD_CONTINUED: i32 = 6;

/// `SIGSEGV` `si_code`: address not mapped.
pub const SEGV_MAPERR: i32 = 1;
/// `SIGSEGV` `si_code`: invalid permissions for a mapped address.
pub const SEGV_ACCERR: i32 = 2;
/// `SIGBUS` `si_code`: invalid address alignment.
pub const BUS_ADRALN: i32 = 1;
/// `SIGBUS` `si_code`: non-existent physical address.
pub const BUS_ADRERR: i32 = 2;
/// `SIGBUS` `si_code`: object-specific hardware error (e.g. beyond end of file).
pub const BUS_OBJERR: i32 = 3;
/// `SIGTRAP` `si_code`: breakpoint.
pub const TRAP_BRKPT: i32 = 1;
/// `SIGTRAP` `si_code`: trace trap (single step).
pub const TRAP_TRACE: i32 = 2;
/// `SIGILL` `si_code`: illegal opcode.
pub const ILL_ILLOPC: i32 = 1;
/// `SIGFPE` `si_code`: integer divide by zero.
pub const FPE_INTDIV: i32 = 1;
