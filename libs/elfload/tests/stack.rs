//! `build_stack`: the image is parsed back the way a C runtime does (from
//! `sp`: argc, argv, envp, auxv) and every string, pointer and alignment is
//! checked; the layout is also compared byte for byte with the stack Linux
//! gives a real process.

mod common;

use std::process::Command;

use common::{run, scratch_dir};
use elfload::{
    arg_limit_bytes, build_stack, InitialStack, StackArgs, StackError, AT_EXECFN, AT_NULL,
    AT_PAGESZ, AT_PLATFORM, AT_RANDOM, MAX_ARG_STRLEN,
};

const RANDOM: [u8; 16] = *b"0123456789abcdef";

/// What a C runtime sees when it starts with `rsp` = `sp`.
#[derive(Debug)]
struct Parsed {
    argv: Vec<Vec<u8>>,
    envp: Vec<Vec<u8>>,
    /// Without the final AT_NULL.
    auxv: Vec<(u64, u64)>,
}

/// Reads the stack image `bytes` (first byte at `base`), checking that
/// every pointer lands inside it.
struct View<'a> {
    bytes: &'a [u8],
    base: u64,
}

impl View<'_> {
    fn index(&self, addr: u64, len: u64) -> usize {
        let top = self.base + self.bytes.len() as u64;
        assert!(
            addr >= self.base && addr + len <= top,
            "{addr:#x}+{len} outside {:#x}..{top:#x}",
            self.base
        );
        (addr - self.base) as usize
    }
    fn u64(&self, addr: u64) -> u64 {
        let i = self.index(addr, 8);
        u64::from_le_bytes(self.bytes[i..i + 8].try_into().expect("8 bytes"))
    }
    fn cstr(&self, addr: u64) -> Vec<u8> {
        let i = self.index(addr, 1);
        let len = self.bytes[i..]
            .iter()
            .position(|&b| b == 0)
            .expect("NUL inside the image");
        self.bytes[i..i + len].to_vec()
    }
    fn parse(&self, sp: u64) -> Parsed {
        let argc = self.u64(sp);
        let mut at = sp + 8;
        let mut argv = Vec::new();
        for _ in 0..argc {
            argv.push(self.cstr(self.u64(at)));
            at += 8;
        }
        assert_eq!(self.u64(at), 0, "argv NULL");
        at += 8;
        let mut envp = Vec::new();
        while self.u64(at) != 0 {
            envp.push(self.cstr(self.u64(at)));
            at += 8;
        }
        at += 8;
        let mut auxv = Vec::new();
        while self.u64(at) != AT_NULL {
            auxv.push((self.u64(at), self.u64(at + 8)));
            at += 16;
        }
        assert_eq!(self.u64(at + 8), 0, "AT_NULL value");
        Parsed { argv, envp, auxv }
    }
}

fn aux(p: &Parsed, a_type: u64) -> Option<u64> {
    p.auxv.iter().find(|&&(t, _)| t == a_type).map(|&(_, v)| v)
}

fn args<'a>(argv: &'a [&'a [u8]], envp: &'a [&'a [u8]], auxv: &'a [(u64, u64)]) -> StackArgs<'a> {
    StackArgs {
        argv,
        envp,
        auxv,
        random: RANDOM,
        execfn: b"/bin/prog",
        platform: b"x86_64",
        stack_rlimit_bytes: 8 << 20,
    }
}

/// Builds, parses back and checks everything; returns the stack.
fn build_and_check(stack_top: u64, a: &StackArgs<'_>) -> InitialStack {
    let st = build_stack(stack_top, a).expect("build_stack");
    assert_eq!(st.sp % 16, 0, "sp alignment");
    assert_eq!(
        st.sp + st.bytes.len() as u64,
        stack_top,
        "image ends at stack_top"
    );
    assert_eq!(st.bytes[st.bytes.len() - 8..], [0; 8], "end marker");
    let view = View {
        bytes: &st.bytes,
        base: st.sp,
    };
    let p = view.parse(st.sp);
    let owned = |v: &[&[u8]]| v.iter().map(|s| s.to_vec()).collect::<Vec<_>>();
    assert_eq!(p.argv, owned(a.argv));
    assert_eq!(p.envp, owned(a.envp));
    assert_eq!(st.argc, a.argv.len() as u64);
    assert_eq!(st.argv_ptr, st.sp + 8);
    assert_eq!(st.envp_ptr, st.argv_ptr + 8 * (st.argc + 1));
    assert_eq!(st.auxv_ptr, st.envp_ptr + 8 * (a.envp.len() as u64 + 1));

    // Caller entries first (placeholders filled), then the missing ones.
    let random = aux(&p, AT_RANDOM).expect("AT_RANDOM");
    assert_eq!(random, st.random_ptr);
    assert_eq!(st.bytes[view.index(random, 16)..][..16], a.random);
    let execfn = aux(&p, AT_EXECFN).expect("AT_EXECFN");
    assert_eq!(
        (execfn, view.cstr(execfn)),
        (st.execfn_ptr, a.execfn.to_vec())
    );
    match aux(&p, AT_PLATFORM) {
        Some(addr) => {
            assert_eq!(view.cstr(addr), a.platform);
            assert_eq!(Some(addr), st.platform_ptr);
        }
        None => assert!(a.platform.is_empty() && st.platform_ptr.is_none()),
    }
    for (i, &(t, v)) in a.auxv.iter().enumerate() {
        assert_eq!(p.auxv[i].0, t);
        if ![AT_RANDOM, AT_EXECFN, AT_PLATFORM].contains(&t) {
            assert_eq!(p.auxv[i].1, v);
        }
    }

    // Linux's string layout: argv strings, then envp strings, contiguous,
    // then execfn, then the 8-byte marker; platform and random below.
    let mut at = st.arg_start;
    for (i, s) in a.argv.iter().enumerate() {
        assert_eq!(view.u64(st.argv_ptr + 8 * i as u64), at);
        at += s.len() as u64 + 1;
    }
    assert_eq!((at, st.env_start), (st.arg_end, st.arg_end));
    for (i, s) in a.envp.iter().enumerate() {
        assert_eq!(view.u64(st.envp_ptr + 8 * i as u64), at);
        at += s.len() as u64 + 1;
    }
    assert_eq!((at, st.execfn_ptr), (st.env_end, st.env_end));
    assert_eq!(st.execfn_ptr + a.execfn.len() as u64 + 1 + 8, stack_top);
    let below_strings = st.platform_ptr.unwrap_or(st.arg_start & !15);
    assert_eq!(
        below_strings + a.platform.len() as u64 + u64::from(!a.platform.is_empty()),
        st.arg_start & !15
    );
    assert_eq!(st.random_ptr + 16, below_strings);
    let tables_end = st.auxv_ptr + 16 * (p.auxv.len() as u64 + 1);
    assert!(
        tables_end <= st.random_ptr && st.random_ptr - tables_end < 16,
        "padding < 16 bytes"
    );
    st
}

#[test]
fn typical_stack() {
    let argv: [&[u8]; 3] = [b"/bin/sh", b"-c", b"echo hello"];
    let envp: [&[u8]; 2] = [b"PATH=/bin:/usr/bin", b"HOME=/"];
    let auxv = [
        (AT_PAGESZ, 4096),
        (elfload::AT_ENTRY, 0x401000),
        (elfload::AT_PHNUM, 10),
    ];
    let st = build_and_check(0x7fff_ffff_f000, &args(&argv, &envp, &auxv));
    assert!(st.bytes.len() < 4096);
}

#[test]
fn every_padding_residue_and_odd_stack_tops() {
    for extra in 0..40usize {
        let long = vec![b'a'; extra];
        let argv: [&[u8]; 2] = [b"prog", &long];
        let envp: [&[u8]; 1] = [b"A=1"];
        let auxv: Vec<(u64, u64)> = (0..extra as u64 % 3).map(|i| (100 + i, i)).collect();
        for top in [0x7fff_ffff_f000, 0x7fff_ffff_effd, 0x1_0000_0008] {
            let mut a = args(&argv, &envp, &auxv);
            a.execfn = &long;
            build_and_check(top, &a);
            a.platform = b"";
            build_and_check(top, &a);
        }
    }
}

#[test]
fn argc_zero_and_empty_environment() {
    let st = build_and_check(0x7fff_ffff_f000, &args(&[], &[], &[]));
    assert_eq!(st.argc, 0);
    assert_eq!(st.arg_start, st.arg_end);
    assert_eq!(st.env_start, st.env_end);
    // Empty strings are still NUL-terminated and distinct.
    let argv: [&[u8]; 2] = [b"", b""];
    let st = build_and_check(0x7fff_ffff_f000, &args(&argv, &[b""], &[]));
    assert_eq!(st.arg_end - st.arg_start, 2);
}

#[test]
fn placeholder_entries_keep_their_position() {
    let auxv = [
        (AT_PAGESZ, 4096),
        (AT_EXECFN, 0),
        (AT_RANDOM, 0),
        (AT_PLATFORM, 0),
        (200, 7),
    ];
    let st = build_and_check(0x7fff_ffff_f000, &args(&[b"x"], &[], &auxv));
    let view = View {
        bytes: &st.bytes,
        base: st.sp,
    };
    let p = view.parse(st.sp);
    assert_eq!(
        p.auxv,
        [
            (AT_PAGESZ, 4096),
            (AT_EXECFN, st.execfn_ptr),
            (AT_RANDOM, st.random_ptr),
            (AT_PLATFORM, st.platform_ptr.expect("platform")),
            (200, 7)
        ]
    );
}

#[test]
fn limits_follow_linux() {
    assert_eq!(arg_limit_bytes(8 << 20), 2 << 20);
    assert_eq!(arg_limit_bytes(u64::MAX), 6 << 20);
    assert_eq!(arg_limit_bytes(0), 128 << 10);

    // 80 environment strings of 32 KiB: 2.5 MiB > 2 MiB (rlimit 8 MiB)
    // but < 6 MiB (unlimited).
    let big = vec![b'x'; 32 << 10];
    let envp: Vec<&[u8]> = vec![&big; 80];
    let mut a = args(&[b"prog"], &envp, &[]);
    assert_eq!(build_stack(0x7fff_ffff_f000, &a), Err(StackError::TooBig));
    a.stack_rlimit_bytes = u64::MAX;
    let st = build_and_check(0x7fff_ffff_f000, &a);
    assert!(st.bytes.len() > 80 << 15);

    // Strings + pointers exactly at the limit are accepted; one byte more
    // is not.
    let limit = arg_limit_bytes(0);
    let ptrs = 8 * 2;
    let exact = vec![b'y'; (limit - ptrs - 10 - (b"/bin/prog".len() as u64 + 1) - 1) as usize];
    let argv: [&[u8]; 2] = [b"123456789", &exact];
    let mut a = args(&argv, &[], &[]);
    a.stack_rlimit_bytes = 0;
    assert!((exact.len() as u64) < MAX_ARG_STRLEN);
    build_and_check(0x7fff_ffff_f000, &a);
    let over = vec![b'y'; exact.len() + 1];
    let argv: [&[u8]; 2] = [b"123456789", &over];
    a.argv = &argv;
    assert_eq!(build_stack(0x7fff_ffff_f000, &a), Err(StackError::TooBig));
}

#[test]
fn single_string_too_long() {
    let long = vec![b'z'; MAX_ARG_STRLEN as usize]; // + NUL = one too many
    let argv: [&[u8]; 1] = [&long];
    let mut a = args(&argv, &[], &[]);
    a.stack_rlimit_bytes = u64::MAX;
    assert_eq!(
        build_stack(0x7fff_ffff_f000, &a),
        Err(StackError::ArgTooLong)
    );
    let ok = vec![b'z'; MAX_ARG_STRLEN as usize - 1];
    let argv: [&[u8]; 1] = [&ok];
    a.argv = &argv;
    build_and_check(0x7fff_ffff_f000, &a);
}

#[test]
fn too_many_pointers() {
    // 16384 empty strings: 128 KiB of pointers alone reach the minimum limit.
    let envp: Vec<&[u8]> = vec![b""; 16384];
    let mut a = args(&[], &envp, &[]);
    a.stack_rlimit_bytes = 0;
    assert_eq!(build_stack(0x7fff_ffff_f000, &a), Err(StackError::TooBig));
}

#[test]
fn stack_top_too_low() {
    let a = args(&[b"prog"], &[], &[]);
    for top in [0, 7, 64, 100] {
        assert_eq!(build_stack(top, &a), Err(StackError::TooBig), "top {top}");
    }
    build_and_check(4096, &a);
}

#[test]
fn bad_inputs() {
    let a = args(&[b"a\0b"], &[], &[]);
    assert_eq!(
        build_stack(0x7fff_ffff_f000, &a),
        Err(StackError::NulInString)
    );
    let mut a = args(&[b"a"], &[], &[]);
    a.execfn = b"/bin/\0x";
    assert_eq!(
        build_stack(0x7fff_ffff_f000, &a),
        Err(StackError::NulInString)
    );
    for auxv in [
        vec![(AT_NULL, 0)],
        vec![(AT_RANDOM, 0), (AT_RANDOM, 0)],
        vec![(AT_EXECFN, 0), (AT_PAGESZ, 1), (AT_EXECFN, 0)],
    ] {
        let a = args(&[b"a"], &[], &auxv);
        let a_type = auxv.last().expect("entry").0;
        assert_eq!(
            build_stack(0x7fff_ffff_f000, &a),
            Err(StackError::ReservedAuxType { a_type })
        );
    }
    let auxv = [(AT_PLATFORM, 0)];
    let mut a = args(&[b"a"], &[], &auxv);
    a.platform = b"";
    assert_eq!(
        build_stack(0x7fff_ffff_f000, &a),
        Err(StackError::ReservedAuxType {
            a_type: AT_PLATFORM
        })
    );
    assert!(!StackError::TooBig.to_string().is_empty());
}

/// A static C program that writes its own initial stack (from `sp` to the
/// stack top) to stdout, preceded by `sp` and the top address.
const DUMP_C: &str = r#"
#include <stdio.h>
#include <stdint.h>
#include <string.h>
int main(int argc, char **argv, char **envp) {
    uintptr_t sp = (uintptr_t)argv - 8;           /* argc lives at sp */
    char **e = envp;
    while (*e) e++;
    const char *execfn = 0;
    for (uint64_t *a = (uint64_t *)(e + 1); a[0]; a += 2)
        if (a[0] == 31) execfn = (const char *)a[1]; /* AT_EXECFN */
    uintptr_t top = (uintptr_t)execfn + strlen(execfn) + 1 + 8;
    fwrite(&sp, 8, 1, stdout);
    fwrite(&top, 8, 1, stdout);
    fwrite((void *)sp, 1, top - sp, stdout);
    return argc == 0;
}
"#;

/// The stack Linux builds for a real process equals ours, byte for byte,
/// given the same strings, auxv entries and stack top (ASLR off through
/// `setarch -R`, so Linux does not shift the stack randomly).
#[test]
fn matches_the_stack_linux_builds() {
    let dir = scratch_dir("stack-dump");
    let src = dir.join("dump.c");
    std::fs::write(&src, DUMP_C).expect("write source");
    let exe = dir.join("dump");
    if run(Command::new("musl-gcc")
        .arg("-static")
        .arg("-O1")
        .arg("-o")
        .arg(&exe)
        .arg(&src))
    .is_none()
    {
        return;
    }
    let out = Command::new("setarch")
        .args(["x86_64", "-R"])
        .arg(&exe)
        .args(["first", "", "third argument with spaces", "x"])
        .env_clear()
        .env("PATH", "/bin")
        .env("EMPTY", "")
        .env("LONGER_VARIABLE", "v".repeat(37))
        .output();
    let out = match out {
        Ok(o) if o.status.success() => o.stdout,
        other => {
            eprintln!("skipping: setarch/dump failed: {other:?}");
            return;
        }
    };
    let sp = u64::from_le_bytes(out[..8].try_into().expect("sp"));
    let top = u64::from_le_bytes(out[8..16].try_into().expect("top"));
    let linux = &out[16..];
    assert_eq!(linux.len() as u64, top - sp);
    assert_eq!(top % 4096, 0, "stack top is a page boundary");

    let view = View {
        bytes: linux,
        base: sp,
    };
    let p = view.parse(sp);
    let random = aux(&p, AT_RANDOM).expect("AT_RANDOM");
    let platform = view.cstr(aux(&p, AT_PLATFORM).expect("AT_PLATFORM"));
    let execfn = view.cstr(aux(&p, AT_EXECFN).expect("AT_EXECFN"));
    let argv: Vec<&[u8]> = p.argv.iter().map(Vec::as_slice).collect();
    let envp: Vec<&[u8]> = p.envp.iter().map(Vec::as_slice).collect();
    let a = StackArgs {
        argv: &argv,
        envp: &envp,
        auxv: &p.auxv,
        random: linux[view.index(random, 16)..][..16]
            .try_into()
            .expect("16 bytes"),
        execfn: &execfn,
        platform: &platform,
        stack_rlimit_bytes: 8 << 20,
    };
    let ours = build_and_check(top, &a);
    eprintln!(
        "Linux stack: {} bytes, sp {sp:#x}, {} auxv entries",
        linux.len(),
        p.auxv.len()
    );
    assert_eq!(ours.sp, sp, "initial rsp");
    assert_eq!(ours.bytes, linux, "stack image");
    let _ = std::fs::remove_dir_all(&dir);
}
