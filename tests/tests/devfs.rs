//! /dev under busybox: `mount -t devtmpfs`, the memory devices (null,
//! zero, full, urandom) and the terminals, and sendfile(2) through
//! busybox `cat`.

use tests::{run_busybox, Outcome};


/// The lines of `out` between the marker lines `==name==` and the next marker.
fn section<'a>(out: &'a Outcome, name: &str) -> Vec<&'a str> {
    let marker = format!("=={name}==");
    let lines: Vec<&str> = out.serial.lines().map(str::trim_end).collect();
    let Some(start) = lines.iter().position(|l| *l == marker) else { out.fail(&format!("no {marker} section")) };
    lines[start + 1..].iter().take_while(|l| !(l.starts_with("==") && l.ends_with("=="))).copied().collect()
}

#[test]
fn busybox_uses_dev() {
    let script = "busybox mount -t devtmpfs devtmpfs /dev; \
        echo ==ls==; busybox ls -l /dev; \
        echo ==null==; echo hi > /dev/null; echo rc=$?; busybox cat /dev/null; echo rc=$?; \
        echo ==zero==; busybox head -c 16 /dev/zero | busybox od -An -tx1; \
        echo ==urandom==; busybox head -c 16 /dev/urandom | busybox wc -c; \
        busybox head -c 4096 /dev/random | busybox od -An -tx1 | busybox wc -l; \
        echo ==full==; echo x > /dev/full || echo full-failed; busybox head -c 3 /dev/full | busybox wc -c; \
        echo ==console==; echo on-console > /dev/console; echo on-tty > /dev/tty; echo on-ttyS0 > /dev/ttyS0; \
        echo ==links==; busybox readlink /dev/stdin; busybox readlink /dev/fd; \
        echo ==cat==; busybox cat /bin/../etc/hostname; \
        echo ==big==; busybox cat /bin/busybox | busybox wc -c; busybox wc -c < /bin/busybox; \
        echo ==end==";
    let out = run_busybox(script);
    out.assert_powered_off();

    let ls = section(&out, "ls");
    let entry = |name: &str| ls.iter().find(|l| l.split_whitespace().last() == Some(name)).copied().unwrap_or_default();
    for (name, perm, number) in [
        ("null", "crw-rw-rw-", "1,   3"),
        ("zero", "crw-rw-rw-", "1,   5"),
        ("full", "crw-rw-rw-", "1,   7"),
        ("random", "crw-rw-rw-", "1,   8"),
        ("urandom", "crw-rw-rw-", "1,   9"),
        ("console", "crw-------", "5,   1"),
        ("tty", "crw-rw-rw-", "5,   0"),
        ("ttyS0", "crw-rw----", "4,  64"),
    ] {
        let line = entry(name);
        assert!(line.starts_with(perm) && line.contains(number), "ls -l /dev {name}: {line:?}\n{ls:#?}");
    }
    let stdin = ls.iter().find(|l| l.ends_with(" stdin -> /proc/self/fd/0")).copied().unwrap_or_default();
    assert!(stdin.starts_with("lrwxrwxrwx"), "ls -l /dev: {ls:#?}");

    assert_eq!(section(&out, "null"), ["rc=0", "rc=0"]);
    assert_eq!(section(&out, "zero"), [" 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"]);
    let urandom = section(&out, "urandom");
    assert_eq!(urandom.first().map(|l| l.trim()), Some("16"), "urandom: {urandom:?}");
    // 4096 bytes at 16 per line, with no `*` lines: no repeated rows.
    assert_eq!(urandom.get(1).map(|l| l.trim()), Some("256"), "random: {urandom:?}");

    let full = section(&out, "full");
    assert!(full.contains(&"full-failed"), "full: {full:?}");
    assert_eq!(full.last().map(|l| l.trim()), Some("3"), "full: {full:?}");

    assert_eq!(section(&out, "console"), ["on-console", "on-tty", "on-ttyS0"]);
    assert_eq!(section(&out, "links"), ["/proc/self/fd/0", "/proc/self/fd"]);
    assert_eq!(section(&out, "cat"), ["exo"]);

    let big = section(&out, "big");
    assert!(big.len() == 2 && big[0].trim() == big[1].trim() && big[0].trim().parse::<u64>().is_ok_and(|n| n > 100_000), "big: {big:?}");
    section(&out, "end");
}
