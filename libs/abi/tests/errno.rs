//! Error numbers: spot checks, table invariants, raw return helpers, and
//! agreement with the installed `asm-generic/errno-base.h` and `errno.h`.

mod common;

use abi::errno::{self, *};

#[test]
fn well_known_values() {
    let expected = [
        (EPERM, 1),
        (ENOENT, 2),
        (ESRCH, 3),
        (EINTR, 4),
        (EIO, 5),
        (E2BIG, 7),
        (ENOEXEC, 8),
        (EBADF, 9),
        (ECHILD, 10),
        (EAGAIN, 11),
        (ENOMEM, 12),
        (EACCES, 13),
        (EFAULT, 14),
        (EEXIST, 17),
        (ENOTDIR, 20),
        (EISDIR, 21),
        (EINVAL, 22),
        (EMFILE, 24),
        (ENOTTY, 25),
        (ESPIPE, 29),
        (EPIPE, 32),
        (ERANGE, 34),
        (EDEADLK, 35),
        (ENAMETOOLONG, 36),
        (ENOSYS, 38),
        (ENOTEMPTY, 39),
        (ELOOP, 40),
        (EOVERFLOW, 75),
        (ENOTSOCK, 88),
        (EOPNOTSUPP, 95),
        (EADDRINUSE, 98),
        (ETIMEDOUT, 110),
        (ECANCELED, 125),
        (EOWNERDEAD, 130),
        (EHWPOISON, 133),
    ];
    for (got, want) in expected {
        assert_eq!(got, want, "{:?}", errno::name(want));
    }
    assert_eq!(EWOULDBLOCK, EAGAIN);
    assert_eq!(EDEADLOCK, EDEADLK);
}

#[test]
fn table_sorted_unique_and_complete() {
    assert!(ERRNO_TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    // 1..=133 except 41 and 58, which Linux never assigned.
    let values: Vec<i32> = ERRNO_TABLE.iter().map(|&(v, _, _)| v).collect();
    let expected: Vec<i32> = (1..=133).filter(|v| *v != 41 && *v != 58).collect();
    assert_eq!(values, expected);
    assert!(ERRNO_TABLE.iter().all(|&(_, _, d)| !d.is_empty()));
}

#[test]
fn every_constant_is_in_the_table() {
    let src = include_str!("../src/errno.rs");
    let consts: Vec<(&str, &str)> = src
        .lines()
        .filter_map(|l| l.strip_prefix("pub const E"))
        .filter_map(|l| l.split_once(": i32 = "))
        .collect();
    let literal: Vec<_> = consts
        .iter()
        .filter(|(_, v)| v.trim_end_matches(';').parse::<i32>().is_ok())
        .collect();
    assert_eq!(literal.len(), ERRNO_TABLE.len());
    for (name, value) in literal {
        let value: i32 = value.trim_end_matches(';').parse().expect("literal");
        assert_eq!(errno::name(value), Some(format!("E{name}").as_str()));
    }
}

#[test]
fn name_and_description() {
    assert_eq!(errno::name(ENOENT), Some("ENOENT"));
    assert_eq!(errno::name(EAGAIN), Some("EAGAIN"));
    assert_eq!(errno::name(EHWPOISON), Some("EHWPOISON"));
    assert_eq!(
        errno::description(ENOENT),
        Some("No such file or directory")
    );
    for bad in [0, -1, 41, 58, 134, MAX_ERRNO, i32::MIN, i32::MAX] {
        assert_eq!(errno::name(bad), None, "{bad}");
        assert_eq!(errno::description(bad), None, "{bad}");
    }
}

#[test]
fn raw_return_convention() {
    assert_eq!(MAX_ERRNO, 4095);
    assert!(!is_error_return(0));
    assert!(!is_error_return(1));
    assert!(!is_error_return(0x7fff_ffff_f000));
    assert!(
        !is_error_return(-4096isize as usize),
        "-4096 is a valid (page-aligned) address"
    );
    assert!(is_error_return(-4095isize as usize));
    assert!(is_error_return(-1isize as usize));
    assert!(is_error_return(usize::MAX));
    assert_eq!(from_return(-(ENOENT as isize) as usize), Some(ENOENT));
    assert_eq!(from_return(-4095isize as usize), Some(4095));
    assert_eq!(from_return(-4096isize as usize), None);
    assert_eq!(from_return(42), None);
    assert_eq!(to_return(ENOSYS), -38isize as usize);
    for &(e, _, _) in ERRNO_TABLE {
        assert!(is_error_return(to_return(e)));
        assert_eq!(from_return(to_return(e)), Some(e));
    }
}

#[test]
fn agrees_with_installed_errno_headers() {
    let mut compared = 0;
    for rel in ["asm-generic/errno-base.h", "asm-generic/errno.h"] {
        let Some(text) = common::read_header(rel) else {
            println!("{rel} not installed; skipped");
            continue;
        };
        for (name, value) in common::defines(&text) {
            if !name.starts_with('E') {
                continue;
            }
            match common::parse_int(&value) {
                Some(v) => {
                    let v = i32::try_from(v).expect("errno fits in i32");
                    assert_eq!(errno::name(v), Some(name.as_str()), "{name} = {v}");
                    compared += 1;
                }
                // Aliases: `#define EWOULDBLOCK EAGAIN`.
                None => match name.as_str() {
                    "EWOULDBLOCK" => assert_eq!(value, "EAGAIN"),
                    "EDEADLOCK" => assert_eq!(value, "EDEADLK"),
                    _ => panic!("unexpected definition {name} {value}"),
                },
            }
        }
    }
    if compared > 0 {
        assert_eq!(compared, ERRNO_TABLE.len(), "same count as the headers");
    }
}
