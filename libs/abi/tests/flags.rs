//! Flag constants: spot checks of the values programs depend on, a check that
//! the list below names every constant of `src/flags/`, and a comparison of
//! every constant with the installed uapi headers where the header defines it
//! as a plain number.

mod common;

use abi::flags::{auxv, clone, futex, ioctl, mman, open, poll, resource, signal, stat, time, wait};
use std::collections::BTreeMap;

/// Width in bits and two's-complement value of a constant, so constants of
/// any integer type can be compared with header values.
trait Bits: Copy {
    fn bits(self) -> (u32, u64);
}
macro_rules! impl_bits {
    ($($t:ty),*) => {$(
        impl Bits for $t {
            fn bits(self) -> (u32, u64) {
                (<$t>::BITS, self as u64 & (u64::MAX >> (64 - <$t>::BITS)))
            }
        }
    )*};
}
impl_bits!(u8, i16, i32, u32, u64, usize);

struct Const {
    module: &'static str,
    name: &'static str,
    width: u32,
    value: u64,
}

macro_rules! consts {
    ($($m:ident: [$($c:ident),* $(,)?];)*) => {
        vec![$($({
            let (width, value) = Bits::bits(abi::flags::$m::$c);
            Const { module: stringify!($m), name: stringify!($c), width, value }
        }),*),*]
    };
}

/// Every constant of `abi::flags`, by module.
fn all() -> Vec<Const> {
    consts! {
    arch: [
        ARCH_SET_GS, ARCH_SET_FS, ARCH_GET_FS, ARCH_GET_GS, ARCH_GET_CPUID,
        ARCH_SET_CPUID, ARCH_GET_XCOMP_SUPP, ARCH_GET_XCOMP_PERM, ARCH_REQ_XCOMP_PERM,
        ARCH_MAP_VDSO_X32, ARCH_MAP_VDSO_32, ARCH_MAP_VDSO_64,
    ];
    auxv: [
        AT_NULL, AT_IGNORE, AT_EXECFD, AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_BASE,
        AT_FLAGS, AT_ENTRY, AT_NOTELF, AT_UID, AT_EUID, AT_GID, AT_EGID, AT_PLATFORM,
        AT_HWCAP, AT_CLKTCK, AT_SECURE, AT_BASE_PLATFORM, AT_RANDOM, AT_HWCAP2,
        AT_RSEQ_FEATURE_SIZE, AT_RSEQ_ALIGN, AT_HWCAP3, AT_HWCAP4, AT_EXECFN,
        AT_SYSINFO_EHDR, AT_MINSIGSTKSZ,
    ];
    clone: [
        CSIGNAL, CLONE_NEWTIME, CLONE_VM, CLONE_FS, CLONE_FILES, CLONE_SIGHAND,
        CLONE_PIDFD, CLONE_PTRACE, CLONE_VFORK, CLONE_PARENT, CLONE_THREAD, CLONE_NEWNS,
        CLONE_SYSVSEM, CLONE_SETTLS, CLONE_PARENT_SETTID, CLONE_CHILD_CLEARTID,
        CLONE_DETACHED, CLONE_UNTRACED, CLONE_CHILD_SETTID, CLONE_NEWCGROUP,
        CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_IO,
        CLONE_CLEAR_SIGHAND, CLONE_INTO_CGROUP, CLONE_ARGS_SIZE_VER0,
        CLONE_ARGS_SIZE_VER1, CLONE_ARGS_SIZE_VER2,
    ];
    futex: [
        FUTEX_WAIT, FUTEX_WAKE, FUTEX_FD, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE,
        FUTEX_WAKE_OP, FUTEX_LOCK_PI, FUTEX_UNLOCK_PI, FUTEX_TRYLOCK_PI,
        FUTEX_WAIT_BITSET, FUTEX_WAKE_BITSET, FUTEX_WAIT_REQUEUE_PI,
        FUTEX_CMP_REQUEUE_PI, FUTEX_LOCK_PI2, FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME,
        FUTEX_CMD_MASK, FUTEX_WAIT_PRIVATE, FUTEX_WAKE_PRIVATE, FUTEX_REQUEUE_PRIVATE,
        FUTEX_CMP_REQUEUE_PRIVATE, FUTEX_WAKE_OP_PRIVATE, FUTEX_LOCK_PI_PRIVATE,
        FUTEX_LOCK_PI2_PRIVATE, FUTEX_UNLOCK_PI_PRIVATE, FUTEX_TRYLOCK_PI_PRIVATE,
        FUTEX_WAIT_BITSET_PRIVATE, FUTEX_WAKE_BITSET_PRIVATE,
        FUTEX_WAIT_REQUEUE_PI_PRIVATE, FUTEX_CMP_REQUEUE_PI_PRIVATE,
        FUTEX_BITSET_MATCH_ANY, FUTEX_WAITERS, FUTEX_OWNER_DIED, FUTEX_TID_MASK,
        FUTEX_32, FUTEX_WAITV_MAX, FUTEX_OP_SET, FUTEX_OP_ADD, FUTEX_OP_OR,
        FUTEX_OP_ANDN, FUTEX_OP_XOR, FUTEX_OP_OPARG_SHIFT, FUTEX_OP_CMP_EQ,
        FUTEX_OP_CMP_NE, FUTEX_OP_CMP_LT, FUTEX_OP_CMP_LE, FUTEX_OP_CMP_GT,
        FUTEX_OP_CMP_GE,
    ];
    ioctl: [
        TCGETS, TCSETS, TCSETSW, TCSETSF, TCSBRK, TCXONC, TCFLSH, TIOCSCTTY, TIOCGPGRP,
        TIOCSPGRP, TIOCOUTQ, TIOCSTI, TIOCGWINSZ, TIOCSWINSZ, FIONREAD, TIOCINQ,
        FIONBIO, TIOCNOTTY, TIOCGSID, FIONCLEX, FIOCLEX, FIOASYNC,
    ];
    mman: [
        PROT_NONE, PROT_READ, PROT_WRITE, PROT_EXEC, PROT_SEM, PROT_GROWSDOWN,
        PROT_GROWSUP, MAP_SHARED, MAP_PRIVATE, MAP_SHARED_VALIDATE, MAP_TYPE, MAP_FIXED,
        MAP_ANONYMOUS, MAP_ANON, MAP_FILE, MAP_32BIT, MAP_GROWSDOWN, MAP_DENYWRITE,
        MAP_EXECUTABLE, MAP_LOCKED, MAP_NORESERVE, MAP_POPULATE, MAP_NONBLOCK,
        MAP_STACK, MAP_HUGETLB, MAP_SYNC, MAP_FIXED_NOREPLACE, MAP_UNINITIALIZED,
        MAP_HUGE_SHIFT, MAP_HUGE_MASK, MAP_HUGE_2MB, MAP_HUGE_1GB, MREMAP_MAYMOVE,
        MREMAP_FIXED, MREMAP_DONTUNMAP, MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL,
        MADV_WILLNEED, MADV_DONTNEED, MADV_FREE, MADV_REMOVE, MADV_DONTFORK,
        MADV_DOFORK, MADV_MERGEABLE, MADV_UNMERGEABLE, MADV_HUGEPAGE, MADV_NOHUGEPAGE,
        MADV_DONTDUMP, MADV_DODUMP, MADV_WIPEONFORK, MADV_KEEPONFORK, MADV_COLD,
        MADV_PAGEOUT, MADV_POPULATE_READ, MADV_POPULATE_WRITE, MADV_DONTNEED_LOCKED,
        MADV_COLLAPSE, MADV_HWPOISON, MADV_SOFT_OFFLINE, MS_ASYNC, MS_INVALIDATE,
        MS_SYNC, MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT,
    ];
    open: [
        O_ACCMODE, O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC,
        O_APPEND, O_NONBLOCK, O_NDELAY, O_DSYNC, O_ASYNC, O_DIRECT, O_LARGEFILE,
        O_DIRECTORY, O_NOFOLLOW, O_NOATIME, O_CLOEXEC, __O_SYNC, O_SYNC, O_PATH,
        __O_TMPFILE, O_TMPFILE, AT_FDCWD, AT_SYMLINK_NOFOLLOW, AT_EACCESS, AT_REMOVEDIR,
        AT_SYMLINK_FOLLOW, AT_NO_AUTOMOUNT, AT_EMPTY_PATH, AT_STATX_SYNC_TYPE,
        AT_STATX_SYNC_AS_STAT, AT_STATX_FORCE_SYNC, AT_STATX_DONT_SYNC, AT_RECURSIVE,
        RENAME_NOREPLACE, RENAME_EXCHANGE, RENAME_WHITEOUT, F_DUPFD, F_GETFD, F_SETFD,
        F_GETFL, F_SETFL, F_GETLK, F_SETLK, F_SETLKW, F_SETOWN, F_GETOWN, F_SETSIG,
        F_GETSIG, F_SETOWN_EX, F_GETOWN_EX, F_GETOWNER_UIDS, F_OFD_GETLK, F_OFD_SETLK,
        F_OFD_SETLKW, F_LINUX_SPECIFIC_BASE, F_SETLEASE, F_GETLEASE, F_NOTIFY,
        F_CANCELLK, F_DUPFD_CLOEXEC, F_SETPIPE_SZ, F_GETPIPE_SZ, F_ADD_SEALS,
        F_GET_SEALS, FD_CLOEXEC, F_RDLCK, F_WRLCK, F_UNLCK, F_SEAL_SEAL, F_SEAL_SHRINK,
        F_SEAL_GROW, F_SEAL_WRITE, F_SEAL_FUTURE_WRITE, SEEK_SET, SEEK_CUR, SEEK_END,
        SEEK_DATA, SEEK_HOLE, SEEK_MAX,
    ];
    poll: [
        POLLIN, POLLPRI, POLLOUT, POLLERR, POLLHUP, POLLNVAL, POLLRDNORM, POLLRDBAND,
        POLLWRNORM, POLLWRBAND, POLLMSG, POLLREMOVE, POLLRDHUP,
    ];
    random: [
        GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE,
    ];
    resource: [
        RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE, RLIMIT_RSS,
        RLIMIT_NPROC, RLIMIT_NOFILE, RLIMIT_MEMLOCK, RLIMIT_AS, RLIMIT_LOCKS,
        RLIMIT_SIGPENDING, RLIMIT_MSGQUEUE, RLIMIT_NICE, RLIMIT_RTPRIO, RLIMIT_RTTIME,
        RLIM_NLIMITS, RLIM_INFINITY, RUSAGE_SELF, RUSAGE_CHILDREN, RUSAGE_THREAD,
        PRIO_PROCESS, PRIO_PGRP, PRIO_USER,
    ];
    signal: [
        SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGIOT, SIGBUS, SIGFPE,
        SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT,
        SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ,
        SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGPOLL, SIGPWR, SIGSYS, SIGRTMIN,
        SIGRTMAX, _NSIG, GLIBC_SIGRTMIN, SIGSET_SIZE_BYTES, SIG_DFL, SIG_IGN,
        SA_NOCLDSTOP, SA_NOCLDWAIT, SA_SIGINFO, SA_UNSUPPORTED, SA_EXPOSE_TAGBITS,
        SA_RESTORER, SA_ONSTACK, SA_RESTART, SA_NODEFER, SA_RESETHAND, SIG_BLOCK,
        SIG_UNBLOCK, SIG_SETMASK, SS_ONSTACK, SS_DISABLE, SS_AUTODISARM, MINSIGSTKSZ,
        SIGSTKSZ, SI_USER, SI_KERNEL, SI_QUEUE, SI_TIMER, SI_MESGQ, SI_ASYNCIO,
        SI_SIGIO, SI_TKILL, SI_DETHREAD, CLD_EXITED, CLD_KILLED, CLD_DUMPED,
        CLD_TRAPPED, CLD_STOPPED, CLD_CONTINUED, SEGV_MAPERR, SEGV_ACCERR, BUS_ADRALN,
        BUS_ADRERR, BUS_OBJERR, TRAP_BRKPT, TRAP_TRACE, ILL_ILLOPC, FPE_INTDIV,
    ];
    stat: [
        S_IFMT, S_IFSOCK, S_IFLNK, S_IFREG, S_IFBLK, S_IFDIR, S_IFCHR, S_IFIFO, S_ISUID,
        S_ISGID, S_ISVTX, S_IRWXU, S_IRUSR, S_IWUSR, S_IXUSR, S_IRWXG, S_IRGRP, S_IWGRP,
        S_IXGRP, S_IRWXO, S_IROTH, S_IWOTH, S_IXOTH, STATX_TYPE, STATX_MODE,
        STATX_NLINK, STATX_UID, STATX_GID, STATX_ATIME, STATX_MTIME, STATX_CTIME,
        STATX_INO, STATX_SIZE, STATX_BLOCKS, STATX_BASIC_STATS, STATX_BTIME,
        STATX_MNT_ID, STATX_DIOALIGN, STATX_MNT_ID_UNIQUE, STATX_SUBVOL,
        STATX_WRITE_ATOMIC, STATX_DIO_READ_ALIGN, STATX__RESERVED, DT_UNKNOWN, DT_FIFO,
        DT_CHR, DT_DIR, DT_BLK, DT_REG, DT_LNK, DT_SOCK, DT_WHT,
    ];
    termios: [
        NCCS, VINTR, VQUIT, VERASE, VKILL, VEOF, VTIME, VMIN, VSWTC, VSTART, VSTOP,
        VSUSP, VEOL, VREPRINT, VDISCARD, VWERASE, VLNEXT, VEOL2, IGNBRK, BRKINT, IGNPAR,
        PARMRK, INPCK, ISTRIP, INLCR, IGNCR, ICRNL, IUCLC, IXON, IXANY, IXOFF, IMAXBEL,
        IUTF8, OPOST, OLCUC, ONLCR, OCRNL, ONOCR, ONLRET, CBAUD, B38400, B115200, CSIZE,
        CS5, CS6, CS7, CS8, CSTOPB, CREAD, PARENB, PARODD, HUPCL, CLOCAL, ISIG, ICANON,
        ECHO, ECHOE, ECHOK, ECHONL, NOFLSH, TOSTOP, ECHOCTL, ECHOPRT, ECHOKE, FLUSHO,
        PENDIN, IEXTEN, TCSANOW, TCSADRAIN, TCSAFLUSH, TCIFLUSH, TCOFLUSH, TCIOFLUSH,
    ];
    time: [
        CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
        CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE,
        CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME, CLOCK_REALTIME_ALARM,
        CLOCK_BOOTTIME_ALARM, CLOCK_SGI_CYCLE, CLOCK_TAI, TIMER_ABSTIME, ITIMER_REAL,
        ITIMER_VIRTUAL, ITIMER_PROF,
    ];
    wait: [
        WNOHANG, WUNTRACED, WSTOPPED, WEXITED, WCONTINUED, WNOWAIT, __WNOTHREAD, __WALL,
        __WCLONE, P_ALL, P_PID, P_PGID, P_PIDFD,
    ];
    }
}

/// Source of each flags module, to check that [`all`] is complete.
const SOURCES: &[(&str, &str)] = &[
    ("arch", include_str!("../src/flags/arch.rs")),
    ("auxv", include_str!("../src/flags/auxv.rs")),
    ("clone", include_str!("../src/flags/clone.rs")),
    ("futex", include_str!("../src/flags/futex.rs")),
    ("ioctl", include_str!("../src/flags/ioctl.rs")),
    ("mman", include_str!("../src/flags/mman.rs")),
    ("open", include_str!("../src/flags/open.rs")),
    ("poll", include_str!("../src/flags/poll.rs")),
    ("random", include_str!("../src/flags/random.rs")),
    ("resource", include_str!("../src/flags/resource.rs")),
    ("signal", include_str!("../src/flags/signal.rs")),
    ("stat", include_str!("../src/flags/stat.rs")),
    ("termios", include_str!("../src/flags/termios.rs")),
    ("time", include_str!("../src/flags/time.rs")),
    ("wait", include_str!("../src/flags/wait.rs")),
];

/// uapi headers defining each module's constants (x86_64 `asm/` first).
const HEADERS: &[(&str, &[&str])] = &[
    ("arch", &["asm/prctl.h"]),
    ("auxv", &["asm/auxvec.h", "linux/auxvec.h"]),
    ("clone", &["linux/sched.h"]),
    ("futex", &["linux/futex.h"]),
    ("ioctl", &["asm-generic/ioctls.h"]),
    (
        "mman",
        &[
            "asm/mman.h",
            "asm-generic/mman.h",
            "asm-generic/mman-common.h",
            "linux/mman.h",
        ],
    ),
    (
        "open",
        &["asm-generic/fcntl.h", "linux/fcntl.h", "linux/fs.h"],
    ),
    ("poll", &["asm-generic/poll.h"]),
    ("random", &["linux/random.h"]),
    ("resource", &["asm-generic/resource.h", "linux/resource.h"]),
    (
        "signal",
        &[
            "asm/signal.h",
            "asm-generic/signal-defs.h",
            "linux/signal.h",
            "asm-generic/siginfo.h",
        ],
    ),
    ("stat", &["linux/stat.h"]),
    (
        "termios",
        &["asm-generic/termbits.h", "asm-generic/termbits-common.h"],
    ),
    ("time", &["linux/time.h"]),
    ("wait", &["linux/wait.h"]),
];

#[test]
fn list_names_every_constant() {
    let listed = all();
    for (module, src) in SOURCES {
        let in_source: Vec<&str> = src
            .lines()
            .filter_map(|l| l.strip_prefix("pub const "))
            .filter(|l| !l.starts_with("fn "))
            .map(|l| l.split(':').next().unwrap_or(""))
            .collect();
        let in_list: Vec<&str> = listed
            .iter()
            .filter(|c| c.module == *module)
            .map(|c| c.name)
            .collect();
        assert_eq!(
            in_source, in_list,
            "flags::{module}: update all() in this test"
        );
    }
    assert_eq!(SOURCES.len(), HEADERS.len());
}

#[test]
fn agrees_with_installed_uapi_headers() {
    let consts = all();
    let (mut compared, mut missing_headers) = (0, 0);
    for (module, headers) in HEADERS {
        let mut defined: BTreeMap<String, Vec<i128>> = BTreeMap::new();
        for rel in *headers {
            let Some(text) = common::read_header(rel) else {
                println!("{rel} not installed; flags::{module} partly unchecked");
                missing_headers += 1;
                continue;
            };
            for (name, value) in common::defines(&text) {
                if let Some(v) = common::parse_int(&value) {
                    defined.entry(name).or_default().push(v);
                }
            }
        }
        for c in consts.iter().filter(|c| c.module == *module) {
            for &v in defined.get(c.name).into_iter().flatten() {
                let mask = u64::MAX >> (64 - c.width);
                assert_eq!(
                    c.value,
                    v as u64 & mask,
                    "flags::{module}::{} (header: {v:#x})",
                    c.name
                );
                compared += 1;
            }
        }
    }
    println!("{compared} header definitions compared");
    if missing_headers == 0 {
        assert!(
            compared >= 480,
            "only {compared} constants found in the headers"
        );
    }
}

#[test]
fn values_programs_depend_on() {
    assert_eq!(open::AT_FDCWD, -100);
    assert_eq!(open::O_CLOEXEC, 0o2000000);
    assert_eq!(open::O_DIRECTORY, 0o200000);
    assert_eq!(open::O_NOFOLLOW, 0o400000);
    assert_eq!(open::O_PATH, 0o10000000);
    assert_eq!(open::O_TMPFILE, 0o20200000);
    assert_eq!(open::AT_SYMLINK_NOFOLLOW, 0x100);
    assert_eq!(open::AT_REMOVEDIR, 0x200);
    assert_eq!(open::AT_EMPTY_PATH, 0x1000);
    assert_eq!(open::F_DUPFD_CLOEXEC, 1030);
    assert_eq!(open::FD_CLOEXEC, 1);
    assert_eq!(open::SEEK_END, 2);
    assert_eq!(stat::S_IFMT, 0o170000);
    assert_eq!(stat::S_IFDIR, 0o40000);
    assert_eq!(stat::DT_DIR, 4);
    assert_eq!(stat::DT_REG, 8);
    assert_eq!(mman::PROT_READ | mman::PROT_WRITE | mman::PROT_EXEC, 7);
    assert_eq!(mman::MAP_PRIVATE | mman::MAP_ANONYMOUS, 0x22);
    assert_eq!(mman::MAP_FIXED_NOREPLACE, 0x100000);
    assert_eq!(mman::MAP_POPULATE, 0x8000);
    assert_eq!(mman::MAP_NORESERVE, 0x4000);
    assert_eq!(mman::MAP_GROWSDOWN, 0x100);
    assert_eq!(mman::MAP_STACK, 0x20000);
    assert_eq!(mman::MREMAP_MAYMOVE, 1);
    assert_eq!(mman::MADV_DONTNEED, 4);
    assert_eq!(clone::CLONE_VM, 0x100);
    assert_eq!(clone::CLONE_THREAD, 0x10000);
    assert_eq!(clone::CLONE_SETTLS, 0x80000);
    assert_eq!(clone::CLONE_CLEAR_SIGHAND, 1 << 32);
    assert_eq!(clone::CLONE_INTO_CGROUP, 1 << 33);
    assert_eq!(futex::FUTEX_WAIT_PRIVATE, 128);
    assert_eq!(futex::FUTEX_WAKE_PRIVATE, 129);
    assert_eq!(
        futex::FUTEX_WAIT_BITSET_PRIVATE | futex::FUTEX_CLOCK_REALTIME,
        393
    );
    assert_eq!(
        futex::FUTEX_CMD_MASK & (futex::FUTEX_WAKE_PRIVATE | futex::FUTEX_CLOCK_REALTIME),
        futex::FUTEX_WAKE
    );
    assert_eq!(futex::FUTEX_BITSET_MATCH_ANY, u32::MAX);
    assert_eq!(
        wait::WNOHANG | wait::WUNTRACED | wait::WEXITED | wait::WCONTINUED,
        0xf
    );
    assert_eq!(wait::WNOWAIT, 0x0100_0000);
    assert_eq!(wait::__WALL, 0x4000_0000);
    assert_eq!(wait::P_PIDFD, 3);
    assert_eq!(abi::flags::arch::ARCH_SET_FS, 0x1002);
    assert_eq!(abi::flags::arch::ARCH_GET_GS, 0x1004);
    assert_eq!(time::CLOCK_MONOTONIC, 1);
    assert_eq!(time::CLOCK_BOOTTIME, 7);
    assert_eq!(time::TIMER_ABSTIME, 1);
    assert_eq!(resource::RLIMIT_STACK, 3);
    assert_eq!(resource::RLIMIT_NOFILE, 7);
    assert_eq!(resource::RLIM_INFINITY, u64::MAX);
    assert_eq!(abi::flags::random::GRND_NONBLOCK, 1);
    assert_eq!(signal::SIGKILL, 9);
    assert_eq!(signal::SIGCHLD, 17);
    assert_eq!(signal::SIGSYS, 31);
    assert_eq!(signal::SIGRTMIN, 32);
    assert_eq!(signal::GLIBC_SIGRTMIN, 34);
    assert_eq!(signal::SIGRTMAX, 64);
    assert_eq!(signal::SA_RESTORER, 0x0400_0000);
    assert_eq!(signal::SIG_SETMASK, 2);
    assert_eq!(poll::POLLIN | poll::POLLOUT, 5);
    assert_eq!(ioctl::TCGETS, 0x5401);
    assert_eq!(ioctl::TIOCGWINSZ, 0x5413);
    assert_eq!(ioctl::FIONREAD, 0x541B);
    assert_eq!(ioctl::FIOCLEX, 0x5451);
    assert_eq!(auxv::AT_PHDR, 3);
    assert_eq!(auxv::AT_PAGESZ, 6);
    assert_eq!(auxv::AT_ENTRY, 9);
    assert_eq!(auxv::AT_RANDOM, 25);
    assert_eq!(auxv::AT_HWCAP2, 26);
    assert_eq!(auxv::AT_EXECFN, 31);
    assert_eq!(auxv::AT_SYSINFO_EHDR, 33);
    assert_eq!(auxv::AT_MINSIGSTKSZ, 51);
}

#[test]
fn clone_flags_are_distinct_bits() {
    let consts = all();
    let flags = consts
        .iter()
        .filter(|c| c.module == "clone" && c.name.starts_with("CLONE_"))
        .filter(|c| !c.name.starts_with("CLONE_ARGS_"));
    let mut seen = 0u64;
    for c in flags {
        assert!(c.value.is_power_of_two(), "{}", c.name);
        assert_eq!(seen & c.value, 0, "{} overlaps", c.name);
        seen |= c.value;
    }
    assert_eq!(
        seen & clone::CSIGNAL,
        clone::CLONE_NEWTIME,
        "only CLONE_NEWTIME shares CSIGNAL's byte"
    );
}

#[test]
fn sigmask_helper() {
    assert_eq!(signal::sigmask(1), 1);
    assert_eq!(signal::sigmask(signal::SIGKILL), 1 << 8);
    assert_eq!(signal::sigmask(signal::SIGRTMAX), 1 << 63);
    assert_eq!(signal::sigmask(0), 0);
    assert_eq!(signal::sigmask(65), 0);
    assert_eq!(signal::sigmask(-1), 0);
    assert_eq!(signal::sigmask(i32::MIN), 0);
}
