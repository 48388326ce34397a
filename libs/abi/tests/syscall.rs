//! System call table: spot checks, table invariants, and agreement with the
//! installed `asm/unistd_64.h`.

mod common;

use abi::syscall::{self, *};
use std::collections::BTreeMap;

#[test]
fn well_known_numbers() {
    let expected = [
        (SYS_READ, 0),
        (SYS_WRITE, 1),
        (SYS_OPEN, 2),
        (SYS_CLOSE, 3),
        (SYS_MMAP, 9),
        (SYS_BRK, 12),
        (SYS_RT_SIGACTION, 13),
        (SYS_IOCTL, 16),
        (SYS_CLONE, 56),
        (SYS_FORK, 57),
        (SYS_VFORK, 58),
        (SYS_EXECVE, 59),
        (SYS_EXIT, 60),
        (SYS_WAIT4, 61),
        (SYS_UNAME, 63),
        (SYS_GETPPID, 110),
        (SYS__SYSCTL, 156),
        (SYS_ARCH_PRCTL, 158),
        (SYS_GETTID, 186),
        (SYS_FUTEX, 202),
        (SYS_GETDENTS64, 217),
        (SYS_SET_TID_ADDRESS, 218),
        (SYS_CLOCK_GETTIME, 228),
        (SYS_EXIT_GROUP, 231),
        (SYS_OPENAT, 257),
        (SYS_NEWFSTATAT, 262),
        (SYS_SET_ROBUST_LIST, 273),
        (SYS_PIPE2, 293),
        (SYS_PRLIMIT64, 302),
        (SYS_GETRANDOM, 318),
        (SYS_STATX, 332),
        (SYS_RSEQ, 334),
        (SYS_URETPROBE, 335),
        (SYS_UPROBE, 336),
        (SYS_PIDFD_SEND_SIGNAL, 424),
        (SYS_CLONE3, 435),
        (SYS_CLOSE_RANGE, 436),
        (SYS_FACCESSAT2, 439),
        (SYS_SET_MEMPOLICY_HOME_NODE, 450),
        (SYS_CACHESTAT, 451),
        (SYS_FCHMODAT2, 452),
        (SYS_FUTEX_WAKE, 454),
        (SYS_LSM_LIST_MODULES, 461),
        (SYS_MSEAL, 462),
        (SYS_OPEN_TREE_ATTR, 467),
        (SYS_FILE_SETATTR, 469),
        (SYS_LISTNS, 470),
    ];
    for (got, want) in expected {
        assert_eq!(got, want, "{:?}", syscall::name(want));
    }
    assert_eq!(LINUX_SYSCALL_MAX, 470);
}

#[test]
fn names_sorted_unique_and_complete() {
    assert!(
        SYSCALL_NAMES.windows(2).all(|w| w[0].0 < w[1].0),
        "sorted, no duplicate numbers"
    );
    let mut names: Vec<&str> = SYSCALL_NAMES.iter().map(|&(_, n)| n).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), SYSCALL_NAMES.len(), "no duplicate names");
    // 0..=336 and 424..=470 are all defined; 337..=423 are unused on x86_64.
    let numbers: Vec<usize> = SYSCALL_NAMES.iter().map(|&(n, _)| n).collect();
    let expected: Vec<usize> = (0..=336).chain(424..=470).collect();
    assert_eq!(numbers, expected);
    assert_eq!(SYSCALL_NAMES.last(), Some(&(LINUX_SYSCALL_MAX, "listns")));
}

#[test]
fn every_constant_is_in_the_table() {
    // Each `pub const SYS_X: usize = N;` of the source must be the table entry
    // for N, named x: the constants and the table cannot drift apart.
    let src = include_str!("../src/syscall.rs");
    let consts: Vec<(String, usize)> = src
        .lines()
        .filter_map(|l| l.strip_prefix("pub const SYS_"))
        .map(|l| {
            let (name, rest) = l.split_once(": usize = ").expect("SYS_ constant form");
            (
                name.to_lowercase(),
                rest.trim_end_matches(';').parse().expect("literal"),
            )
        })
        .collect();
    assert_eq!(consts.len(), SYSCALL_NAMES.len());
    for (name, nr) in consts {
        assert_eq!(syscall::name(nr), Some(name.as_str()));
    }
}

#[test]
fn lookup_functions() {
    assert_eq!(syscall::name(0), Some("read"));
    assert_eq!(syscall::name(231), Some("exit_group"));
    assert_eq!(syscall::name(156), Some("_sysctl"));
    assert_eq!(syscall::name(337), None);
    assert_eq!(syscall::name(423), None);
    assert_eq!(syscall::name(471), None);
    assert_eq!(
        syscall::name(512),
        None,
        "x32 numbers are not part of the table"
    );
    assert_eq!(syscall::name(usize::MAX), None);
    assert_eq!(syscall::number("openat"), Some(SYS_OPENAT));
    assert_eq!(syscall::number("listns"), Some(470));
    assert_eq!(syscall::number("no_such_call"), None);
    for &(nr, name) in SYSCALL_NAMES {
        assert_eq!(syscall::name(nr), Some(name));
        assert_eq!(syscall::number(name), Some(nr));
    }
}

#[test]
fn exo_range_is_outside_linux() {
    assert!(is_exo(EXO_SYSCALL_BASE));
    assert!(is_exo(EXO_SYSCALL_BASE + EXO_SYSCALL_COUNT - 1));
    assert!(!is_exo(EXO_SYSCALL_BASE - 1));
    assert!(!is_exo(EXO_SYSCALL_BASE + EXO_SYSCALL_COUNT));
    assert!(!is_exo(usize::MAX));
    assert!(SYSCALL_NAMES.iter().all(|&(nr, _)| !is_exo(nr)));
}

#[test]
fn agrees_with_installed_unistd_64_h() {
    let Some(text) = common::read_header("asm/unistd_64.h") else {
        println!("asm/unistd_64.h not installed; skipped");
        return;
    };
    let header: BTreeMap<usize, String> = common::defines(&text)
        .into_iter()
        .filter_map(|(name, value)| {
            let call = name.strip_prefix("__NR_")?;
            Some((value.parse().ok()?, call.to_string()))
        })
        .collect();
    assert!(header.len() > 300, "parsed only {} entries", header.len());
    let max = *header.keys().last().expect("non-empty");
    assert!(
        max <= LINUX_SYSCALL_MAX,
        "installed headers know call {max} ({}), newer than this table: extend it",
        header[&max]
    );
    // Same numbers and names for every number up to the header's last one.
    let ours: BTreeMap<usize, String> = SYSCALL_NAMES
        .iter()
        .filter(|&&(nr, _)| nr <= max)
        .map(|&(nr, name)| (nr, name.to_string()))
        .collect();
    let only_ours: Vec<_> = ours
        .iter()
        .filter(|(nr, _)| !header.contains_key(nr))
        .collect();
    println!(
        "header has {} calls up to {max}; calls newer than the header: {}",
        header.len(),
        SYSCALL_NAMES.len() - header.len()
    );
    // The installed header may predate 335/336 (uretprobe, uprobe: Linux 6.11+).
    assert!(
        only_ours.iter().all(|(nr, _)| (335..=336).contains(*nr)),
        "numbers missing from the header: {only_ours:?}"
    );
    for (nr, name) in &header {
        assert_eq!(ours.get(nr), Some(name), "call {nr}");
    }
}
