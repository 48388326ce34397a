//! Cost per operation of the things a kernel does most, timed with
//! `clock_gettime(CLOCK_MONOTONIC)` around N iterations, printed as
//! `bench <name> <ns_per_op>`, then `PASS bench`.
//!
//! Under QEMU TCG with `-icount shift=0` one guest nanosecond is one guest
//! instruction (DESIGN.md §7), so the same binary booted on Exo-OS and on
//! Linux gives comparable instruction counts per operation.
//!
//! # Method
//!
//! * The process pins itself to one CPU first (`sched_setaffinity`; if the
//!   kernel refuses, it says so and carries on), so the two-thread
//!   benchmarks measure real switches on a multi-CPU host too, as on the
//!   single-CPU QEMU machine.
//! * Each benchmark runs N/10 iterations untimed as a warm-up, then N timed.
//! * The file benchmarks use a 64 KiB file of their own in /tmp (/tmp is
//!   created first if missing: Linux's bench image has none), removed when
//!   they end; each op reads or overwrites the whole file at offset 0.
//! * `bench [DIVISOR]` divides every N by DIVISOR (for quick checks and slow
//!   emulators); the figures stay per operation.
//!
//! N is chosen so each benchmark takes roughly 0.05 to 0.5 s on hardware,
//! or 0.3 to 0.8 billion instructions on Linux 6.1: the whole set runs in
//! under 20 s of host time under QEMU with `-icount` (`xtask bench`).
//!
//! # Context-switch rate
//!
//! `bench ctxswitch [MILLISECONDS]` instead runs two threads (on one CPU)
//! that call sched_yield in turn for MILLISECONDS of `CLOCK_MONOTONIC` time
//! (default 1000), counts the switches from one thread to the other that
//! they observe, and prints `ctxswitch per_second <N>`, then `PASS bench`.
//! It is meant for QEMU *without* `-icount`, where guest time is wall time
//! (`xtask bench` runs it that way).

use exo_testkit::Checks;
use std::hint::black_box;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::thread;

const PAGE_BYTES: usize = 4096;
/// Pages mapped at a time by the page-fault benchmark (16 MiB).
const FAULT_CHUNK_PAGES: u64 = 4096;
const MAP_BYTES: usize = 4 << 20;
/// Bytes one tmpfs benchmark operation writes or reads.
const FILE_OP_BYTES: usize = 64 << 10;
/// Where the file benchmarks keep their files.
const TMP_DIR: &str = "/tmp";

/// One benchmark: its name, N, what one operation is, and a function that
/// runs `n` operations and returns the nanoseconds they took.
struct Bench {
    name: &'static str,
    iterations: u64,
    op: &'static str,
    run: fn(u64) -> Result<u64, String>,
}

const BENCHES: [Bench; 9] = [
    Bench { name: "getppid", iterations: 1_000_000, op: "syscall(SYS_getppid)", run: null_syscall },
    Bench { name: "sched_yield", iterations: 100_000, op: "sched_yield by one of two threads", run: yield_pair },
    Bench { name: "futex_roundtrip", iterations: 50_000, op: "futex wake/wait round trip", run: futex_pingpong },
    Bench { name: "pipe_roundtrip", iterations: 40_000, op: "byte to a child and back, two pipes", run: pipe_pingpong },
    Bench { name: "fork_exit_wait", iterations: 2_000, op: "fork, child _exit(0), waitpid", run: fork_exit_wait },
    Bench { name: "page_fault", iterations: 131_072, op: "first write to an anonymous page", run: page_faults },
    Bench { name: "mmap_munmap_4m", iterations: 50_000, op: "mmap + munmap of 4 MiB, untouched", run: map_unmap },
    Bench { name: "tmpfs_write_64k", iterations: 16_000, op: "pwrite 64 KiB at 0 of a /tmp file", run: tmpfs_write },
    Bench { name: "tmpfs_read_64k", iterations: 20_000, op: "pread 64 KiB at 0 of a /tmp file", run: tmpfs_read },
];

fn main() {
    let mut checks = Checks::new("bench");
    if std::env::args().nth(1).as_deref() == Some("ctxswitch") {
        context_switch_rate(checks);
    }
    let divisor = match std::env::args().nth(1).map(|arg| (arg.parse::<u64>(), arg)) {
        None => 1,
        Some((Ok(d), _)) if d > 0 => d,
        Some((_, arg)) => {
            checks.check(false, format!("DIVISOR {arg:?} is not a positive number"));
            checks.finish()
        }
    };
    match pin_to_one_cpu() {
        Ok(cpu) => println!("# pinned to cpu {cpu}"),
        Err(e) => println!("# not pinned: {e}"),
    }
    if let Err(e) = std::fs::create_dir(TMP_DIR) {
        if e.kind() != std::io::ErrorKind::AlreadyExists {
            println!("# cannot create {TMP_DIR}: {e}");
        }
    }
    for bench in &BENCHES {
        let n = (bench.iterations / divisor).max(1);
        let result = (bench.run)((n / 10).max(1)).and_then(|_| (bench.run)(n));
        match result {
            Ok(elapsed_ns) => {
                println!("# {}: {n} x {}", bench.name, bench.op);
                println!("bench {} {}", bench.name, (elapsed_ns + n / 2) / n);
            }
            Err(e) => {
                checks.check(false, format!("{}: {e}", bench.name));
            }
        }
    }
    checks.finish();
}

/// `bench ctxswitch [MILLISECONDS]` (see the module documentation).
fn context_switch_rate(mut checks: Checks) -> ! {
    let millis = match std::env::args().nth(2).map(|arg| (arg.parse::<u64>(), arg)) {
        None => 1000,
        Some((Ok(ms), _)) if ms > 0 => ms,
        Some((_, arg)) => {
            checks.check(false, format!("MILLISECONDS {arg:?} is not a positive number"));
            checks.finish()
        }
    };
    match pin_to_one_cpu() {
        Ok(cpu) => println!("# pinned to cpu {cpu}"),
        Err(e) => println!("# not pinned: {e}"),
    }
    let (switches, elapsed_ns) = yield_ping_pong(millis * 1_000_000);
    println!("# ctxswitch: {switches} switches between two yielding threads in {elapsed_ns} ns");
    let per_second = (u128::from(switches) * 1_000_000_000 / u128::from(elapsed_ns.max(1))) as u64;
    println!("ctxswitch per_second {per_second}");
    checks.check(switches > 0, "the two threads took turns");
    checks.finish()
}

/// Two threads call sched_yield in turn until `duration_ns` have passed.
/// Before each call a thread notes in `last` that it is the one running; if
/// `last` named the other thread, the CPU switched threads since, and the
/// switch is counted. Returns the switches and the nanoseconds taken.
fn yield_ping_pong(duration_ns: u64) -> (u64, u64) {
    use std::sync::atomic::{AtomicBool, AtomicU64};
    let last = Arc::new(AtomicU32::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let switches = Arc::new(AtomicU64::new(0));
    let turn = |me: u32, last: &AtomicU32, switches: &AtomicU64| {
        if last.swap(me, Ordering::Relaxed) != me {
            switches.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: sched_yield has no preconditions.
        unsafe { libc::sched_yield() };
    };
    let start = now_ns();
    let other = {
        let (last, stop, switches) = (Arc::clone(&last), Arc::clone(&stop), Arc::clone(&switches));
        thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                turn(1, &last, &switches);
            }
        })
    };
    let mut elapsed;
    loop {
        // The clock is read every 16 turns, so reading it costs little.
        for _ in 0..16 {
            turn(0, &last, &switches);
        }
        elapsed = now_ns() - start;
        if elapsed >= duration_ns {
            break;
        }
    }
    let counted = switches.load(Ordering::Relaxed);
    stop.store(true, Ordering::Relaxed);
    other.join().expect("yielding thread panicked");
    (counted, elapsed)
}

fn now_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec to write to.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

fn os_error(what: &str) -> String {
    format!("{what}: {}", std::io::Error::last_os_error())
}

/// Restricts the process to the first CPU it may run on; returns that CPU.
fn pin_to_one_cpu() -> Result<usize, String> {
    let size = std::mem::size_of::<libc::cpu_set_t>();
    // SAFETY: cpu_set_t is plain bits; all zeros is the empty set.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid cpu_set_t of `size` bytes.
    if unsafe { libc::sched_getaffinity(0, size, &mut set) } != 0 {
        return Err(os_error("sched_getaffinity"));
    }
    let cpu = (0..libc::CPU_SETSIZE as usize)
        // SAFETY: CPU_ISSET reads one bit of `set`; `c` < CPU_SETSIZE.
        .find(|&c| unsafe { libc::CPU_ISSET(c, &set) })
        .ok_or("empty CPU set")?;
    // SAFETY: CPU_ZERO and CPU_SET only write bits of `set`; `cpu` < CPU_SETSIZE.
    unsafe {
        libc::CPU_ZERO(&mut set);
        libc::CPU_SET(cpu, &mut set);
    }
    // SAFETY: as above.
    if unsafe { libc::sched_setaffinity(0, size, &set) } != 0 {
        return Err(os_error("sched_setaffinity"));
    }
    Ok(cpu)
}

fn null_syscall(n: u64) -> Result<u64, String> {
    let start = now_ns();
    for _ in 0..n {
        // SAFETY: getppid takes no arguments and cannot fail.
        black_box(unsafe { libc::syscall(libc::SYS_getppid) });
    }
    Ok(now_ns() - start)
}

/// Two threads each call sched_yield `n` times; one op is one call.
fn yield_pair(n: u64) -> Result<u64, String> {
    let yielder = move || {
        for _ in 0..n {
            // SAFETY: sched_yield has no preconditions.
            unsafe { libc::sched_yield() };
        }
    };
    let start = now_ns();
    let other = thread::spawn(yielder);
    yielder();
    other.join().map_err(|_| "yielding thread panicked".to_string())?;
    Ok((now_ns() - start) / 2)
}

fn futex(word: &AtomicU32, op: i32, value: u32) {
    // SAFETY: `word` is a live, aligned u32; a null timeout waits forever.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            op | libc::FUTEX_PRIVATE_FLAG,
            value,
            std::ptr::null::<libc::timespec>(),
        );
    }
}

/// A ball passed between two threads through one futex word (0: this
/// thread has it, 1: the other thread has it); one op is one round trip.
fn futex_pingpong(n: u64) -> Result<u64, String> {
    let word = Arc::new(AtomicU32::new(0));
    let other = {
        let word = Arc::clone(&word);
        thread::spawn(move || {
            for _ in 0..n {
                while word.load(Ordering::Acquire) == 0 {
                    futex(&word, libc::FUTEX_WAIT, 0);
                }
                word.store(0, Ordering::Release);
                futex(&word, libc::FUTEX_WAKE, 1);
            }
        })
    };
    let start = now_ns();
    for _ in 0..n {
        word.store(1, Ordering::Release);
        futex(&word, libc::FUTEX_WAKE, 1);
        while word.load(Ordering::Acquire) == 1 {
            futex(&word, libc::FUTEX_WAIT, 1);
        }
    }
    let elapsed = now_ns() - start;
    other.join().map_err(|_| "futex thread panicked".to_string())?;
    Ok(elapsed)
}

fn fork_exit_wait(n: u64) -> Result<u64, String> {
    let start = now_ns();
    for _ in 0..n {
        // SAFETY: the process is single-threaded here; the child only calls _exit.
        let pid = unsafe { libc::fork() };
        match pid {
            -1 => return Err(os_error("fork")),
            // SAFETY: _exit is async-signal-safe and never returns.
            0 => unsafe { libc::_exit(0) },
            _ => {
                let mut status = 0;
                // SAFETY: `status` is a valid int to write to.
                if unsafe { libc::waitpid(pid, &mut status, 0) } != pid {
                    return Err(os_error("waitpid"));
                }
            }
        }
    }
    Ok(now_ns() - start)
}

fn mmap_anonymous(len: usize) -> Result<*mut u8, String> {
    // SAFETY: a fresh anonymous mapping aliases nothing.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return Err(os_error("mmap"));
    }
    Ok(p.cast())
}

fn munmap(p: *mut u8, len: usize) -> Result<(), String> {
    // SAFETY: callers pass a whole mapping from `mmap_anonymous`, unused after.
    if unsafe { libc::munmap(p.cast(), len) } != 0 {
        return Err(os_error("munmap"));
    }
    Ok(())
}

/// Writes one byte to each of `n` fresh anonymous pages, 16 MiB at a time;
/// only the writes are timed. Transparent huge pages are turned off for the
/// mapping (if the kernel knows madvise) so each page is its own fault.
fn page_faults(n: u64) -> Result<u64, String> {
    let mut elapsed = 0;
    let mut left = n;
    while left > 0 {
        let pages = left.min(FAULT_CHUNK_PAGES);
        let len = pages as usize * PAGE_BYTES;
        let p = mmap_anonymous(len)?;
        // SAFETY: advice on our own fresh mapping; failure is harmless.
        unsafe { libc::madvise(p.cast(), len, libc::MADV_NOHUGEPAGE) };
        let start = now_ns();
        for page in 0..pages as usize {
            // SAFETY: the byte lies inside the mapping, which is writable.
            unsafe { p.add(page * PAGE_BYTES).write_volatile(1) };
        }
        elapsed += now_ns() - start;
        munmap(p, len)?;
        left -= pages;
    }
    Ok(elapsed)
}

fn map_unmap(n: u64) -> Result<u64, String> {
    let start = now_ns();
    for _ in 0..n {
        let p = mmap_anonymous(MAP_BYTES)?;
        munmap(p, MAP_BYTES)?;
    }
    Ok(now_ns() - start)
}

/// A file descriptor, closed when dropped.
struct Fd(i32);

impl Drop for Fd {
    fn drop(&mut self) {
        // SAFETY: the descriptor is ours and not used after this.
        unsafe { libc::close(self.0) };
    }
}

/// Two pipes, one each way; one op is a byte sent to a forked child
/// through the first and the byte it sends back through the second.
fn pipe_pingpong(n: u64) -> Result<u64, String> {
    let pipe = || -> Result<(Fd, Fd), String> {
        let mut fds = [0; 2];
        // SAFETY: `fds` is a valid int[2] to write to.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return Err(os_error("pipe2"));
        }
        Ok((Fd(fds[0]), Fd(fds[1])))
    };
    let (to_child_r, to_child_w) = pipe()?;
    let (to_parent_r, to_parent_w) = pipe()?;
    // SAFETY: the process is single-threaded here; the child only calls
    // read, write and _exit, which are async-signal-safe.
    let pid = unsafe { libc::fork() };
    if pid == -1 {
        return Err(os_error("fork"));
    }
    if pid == 0 {
        let mut byte = 0u8;
        for _ in 0..n {
            // SAFETY: one byte into and out of `byte`, a valid buffer.
            let ok = unsafe {
                libc::read(to_child_r.0, (&raw mut byte).cast(), 1) == 1
                    && libc::write(to_parent_w.0, (&raw const byte).cast(), 1) == 1
            };
            if !ok {
                // SAFETY: _exit never returns.
                unsafe { libc::_exit(1) };
            }
        }
        // SAFETY: _exit never returns.
        unsafe { libc::_exit(0) };
    }
    drop((to_child_r, to_parent_w));
    let mut result = Ok(());
    let mut byte = 0u8;
    let start = now_ns();
    for i in 0..n {
        // SAFETY: one byte out of and into `byte`, a valid buffer.
        if unsafe { libc::write(to_child_w.0, (&raw const byte).cast(), 1) } != 1 {
            result = Err(os_error("write to the child's pipe"));
            break;
        }
        // SAFETY: as above.
        if unsafe { libc::read(to_parent_r.0, (&raw mut byte).cast(), 1) } != 1 {
            result = Err(format!("read from the child's pipe: no byte back in round trip {i}"));
            break;
        }
        byte = byte.wrapping_add(1);
    }
    let elapsed = now_ns() - start;
    // Closing our ends ends the child's loop if it is still reading.
    drop((to_child_w, to_parent_r));
    let mut status = 0;
    // SAFETY: `status` is a valid int to write to.
    if unsafe { libc::waitpid(pid, &mut status, 0) } != pid {
        return Err(os_error("waitpid"));
    }
    result?;
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("pipe child ended with wait status {status:#x}"));
    }
    Ok(elapsed)
}

/// A file in /tmp, removed when dropped.
struct TmpFile {
    fd: Fd,
    /// NUL-terminated.
    path: String,
}

impl Drop for TmpFile {
    fn drop(&mut self) {
        // SAFETY: `path` is NUL-terminated.
        unsafe { libc::unlink(self.path.as_ptr().cast()) };
    }
}

/// A new file in /tmp holding `data`.
fn tmp_file(data: &[u8]) -> Result<TmpFile, String> {
    let path = format!("{TMP_DIR}/bench-{}\0", std::process::id());
    // SAFETY: `path` is NUL-terminated.
    let fd = unsafe {
        libc::open(path.as_ptr().cast(), libc::O_RDWR | libc::O_CREAT | libc::O_TRUNC | libc::O_CLOEXEC, 0o600)
    };
    if fd < 0 {
        return Err(os_error(&format!("open {}", path.trim_end_matches('\0'))));
    }
    let file = TmpFile { fd: Fd(fd), path };
    pwrite_all(&file.fd, data)?;
    Ok(file)
}

fn pwrite_all(fd: &Fd, data: &[u8]) -> Result<(), String> {
    // SAFETY: `data` is valid for `data.len()` bytes.
    match unsafe { libc::pwrite(fd.0, data.as_ptr().cast(), data.len(), 0) } {
        -1 => Err(os_error("pwrite")),
        n if n as usize != data.len() => Err(format!("pwrite wrote {n} of {} bytes", data.len())),
        _ => Ok(()),
    }
}

/// Overwrites a 64 KiB file in /tmp, 64 KiB at offset 0 each op (so its
/// pages exist already and the size stays 64 KiB).
fn tmpfs_write(n: u64) -> Result<u64, String> {
    let data = vec![0x5a_u8; FILE_OP_BYTES];
    let file = tmp_file(&data)?;
    let start = now_ns();
    for _ in 0..n {
        pwrite_all(&file.fd, black_box(&data))?;
    }
    Ok(now_ns() - start)
}

/// Reads a 64 KiB file in /tmp, 64 KiB from offset 0 each op.
fn tmpfs_read(n: u64) -> Result<u64, String> {
    let data: Vec<u8> = (0..FILE_OP_BYTES).map(|i| (i % 251) as u8).collect();
    let file = tmp_file(&data)?;
    let mut buf = vec![0u8; FILE_OP_BYTES];
    let start = now_ns();
    for _ in 0..n {
        // SAFETY: `buf` is valid for `buf.len()` bytes.
        let got = unsafe { libc::pread(file.fd.0, buf.as_mut_ptr().cast(), buf.len(), 0) };
        if got != buf.len() as isize {
            return Err(if got < 0 {
                os_error("pread")
            } else {
                format!("pread read {got} of {} bytes", buf.len())
            });
        }
        black_box(&mut buf);
    }
    let elapsed = now_ns() - start;
    if buf != data {
        return Err("pread returned other bytes than were written".to_string());
    }
    Ok(elapsed)
}
