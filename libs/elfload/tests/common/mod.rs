//! Helpers shared by the integration tests: a tiny ELF image builder, a
//! deterministic random generator, plan invariants, and access to real
//! binaries and host tools (tests skip, with a message, when one is missing).
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::path::{Path, PathBuf};
use std::process::Command;

use elfload::{LoadPlan, PAGE_SIZE, USER_END};

/// `PT_*` values used by the builder.
pub const PT_LOAD: u32 = 1;
pub const PT_INTERP: u32 = 3;
pub const PT_PHDR: u32 = 6;
pub const PT_TLS: u32 = 7;
pub const PT_GNU_STACK: u32 = 0x6474_e551;
pub const PF_X: u32 = 1;
pub const PF_W: u32 = 2;
pub const PF_R: u32 = 4;

/// One program header for [`ElfBuilder`].
#[derive(Clone, Copy, Debug)]
pub struct Ph {
    pub p_type: u32,
    pub flags: u32,
    pub offset: u64,
    pub vaddr: u64,
    pub filesz: u64,
    pub memsz: u64,
    pub align: u64,
}

impl Ph {
    pub fn load(flags: u32, offset: u64, vaddr: u64, filesz: u64, memsz: u64) -> Ph {
        Ph {
            p_type: PT_LOAD,
            flags,
            offset,
            vaddr,
            filesz,
            memsz,
            align: PAGE_SIZE,
        }
    }
    pub fn other(p_type: u32, flags: u32) -> Ph {
        Ph {
            p_type,
            flags,
            offset: 0,
            vaddr: 0,
            filesz: 0,
            memsz: 0,
            align: 8,
        }
    }
}

/// Writes ELF64 images field by field (little-endian), so each test can get
/// exactly the corruption it wants.
#[derive(Clone, Debug)]
pub struct ElfBuilder {
    pub ident_class: u8,
    pub ident_data: u8,
    pub e_type: u16,
    pub machine: u16,
    pub entry: u64,
    pub phoff: u64,
    pub phentsize: u16,
    /// `None`: the number of `phdrs`.
    pub phnum: Option<u16>,
    pub phdrs: Vec<Ph>,
    /// Total file size (at least the headers).
    pub file_len: usize,
}

impl ElfBuilder {
    /// A valid static `ET_EXEC`: headers + code in one R+X page at
    /// 0x400000, data + bss in an RW segment at 0x401000, GNU_STACK RW.
    pub fn exec() -> ElfBuilder {
        ElfBuilder {
            ident_class: 2,
            ident_data: 1,
            e_type: 2,
            machine: 62,
            entry: 0x400100,
            phoff: 64,
            phentsize: 56,
            phnum: None,
            phdrs: vec![
                Ph::load(PF_R | PF_X, 0, 0x400000, 0x200, 0x200),
                Ph::load(PF_R | PF_W, 0x1000, 0x401000, 0x80, 0x3000),
                Ph::other(PT_GNU_STACK, PF_R | PF_W),
            ],
            file_len: 0x1080,
        }
    }

    /// The same program as a static-PIE (`ET_DYN` at address 0).
    pub fn pie() -> ElfBuilder {
        let mut b = ElfBuilder::exec();
        b.e_type = 3;
        b.entry = 0x100;
        b.phdrs[0].vaddr = 0;
        b.phdrs[1].vaddr = 0x1000;
        b
    }

    pub fn build(&self) -> Vec<u8> {
        let phnum = self.phnum.unwrap_or(self.phdrs.len() as u16);
        let table_end = self.phoff as usize + self.phdrs.len() * 56;
        let mut f = vec![0u8; self.file_len.max(64).max(table_end)];
        f[..4].copy_from_slice(b"\x7fELF");
        f[4] = self.ident_class;
        f[5] = self.ident_data;
        f[6] = 1; // EI_VERSION
        put16(&mut f, 16, self.e_type);
        put16(&mut f, 18, self.machine);
        put32(&mut f, 20, 1);
        put64(&mut f, 24, self.entry);
        put64(&mut f, 32, self.phoff);
        put64(&mut f, 40, 0); // e_shoff
        put16(&mut f, 52, 64); // e_ehsize
        put16(&mut f, 54, self.phentsize);
        put16(&mut f, 56, phnum);
        for (i, ph) in self.phdrs.iter().enumerate() {
            let o = self.phoff as usize + i * 56;
            put32(&mut f, o, ph.p_type);
            put32(&mut f, o + 4, ph.flags);
            put64(&mut f, o + 8, ph.offset);
            put64(&mut f, o + 16, ph.vaddr);
            put64(&mut f, o + 24, ph.vaddr);
            put64(&mut f, o + 32, ph.filesz);
            put64(&mut f, o + 40, ph.memsz);
            put64(&mut f, o + 48, ph.align);
        }
        f
    }
}

pub fn put16(f: &mut [u8], o: usize, v: u16) {
    f[o..o + 2].copy_from_slice(&v.to_le_bytes());
}
pub fn put32(f: &mut [u8], o: usize, v: u32) {
    f[o..o + 4].copy_from_slice(&v.to_le_bytes());
}
pub fn put64(f: &mut [u8], o: usize, v: u64) {
    f[o..o + 8].copy_from_slice(&v.to_le_bytes());
}

/// xorshift64: deterministic, so a failing iteration can be replayed.
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Properties every accepted plan must have, whatever the input.
pub fn check_invariants(plan: &LoadPlan, file_len: usize) {
    assert!(!plan.segments.is_empty());
    let mut prev_end = 0;
    for s in &plan.segments {
        assert!(s.memsz > 0 && s.filesz <= s.memsz, "{s:?}");
        assert!(
            s.vaddr >= prev_end,
            "segments not sorted/disjoint: {plan:?}"
        );
        prev_end = s.end();
        assert!(s.end() <= USER_END, "{s:?}");
        assert!(s.map_start() <= s.vaddr && s.end() <= s.map_end());
        assert!(s.map_end() <= USER_END);
        if s.filesz > 0 {
            assert!(s.file_offset + s.filesz <= file_len as u64, "{s:?}");
            assert_eq!(s.vaddr % PAGE_SIZE, s.file_offset % PAGE_SIZE);
            assert_eq!(s.file_pages().start, s.map_start());
        }
        assert!(s.file_pages().end <= s.map_end());
        assert_eq!(s.anon_pages().end, s.map_end());
        assert!(s.zero_tail().start >= s.vaddr && s.zero_tail().end <= s.map_end());
    }
    assert!(plan
        .segments
        .iter()
        .any(|s| s.executable && s.contains(plan.entry)));
    assert_eq!(plan.brk_start, plan.map_end());
    assert_eq!(plan.brk_start % PAGE_SIZE, 0);
    assert_eq!(plan.phent, 56);
    assert!(plan.max_align.is_power_of_two() && plan.max_align >= PAGE_SIZE);
    if let Some(t) = plan.tls {
        assert!(t.filesz <= t.memsz && t.align.is_power_of_two());
    }
    if plan.is_pie {
        let moved = plan.with_bias(elfload::DEFAULT_PIE_BASE / plan.max_align * plan.max_align);
        if let Ok(moved) = moved {
            assert_eq!(moved.segments.len(), plan.segments.len());
        }
    }
}

/// Reads a file if it exists.
pub fn read_if_exists(path: &str) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            eprintln!("skipping {path}: {e}");
            None
        }
    }
}

/// A scratch directory for compiled test programs, unique per test.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("elfload-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Runs a command; `None` (with a message) if it is missing or fails.
pub fn run(cmd: &mut Command) -> Option<String> {
    match cmd.output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => {
            eprintln!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
            None
        }
        Err(e) => {
            eprintln!("skipping: cannot run {cmd:?}: {e}");
            None
        }
    }
}

/// What `readelf -hlW` says about a file, for comparison with a plan.
#[derive(Debug, Default)]
pub struct Readelf {
    /// "EXEC" or "DYN".
    pub e_type: String,
    pub entry: u64,
    /// (offset, vaddr, filesz, memsz, flags such as "R E", align).
    pub loads: Vec<(u64, u64, u64, u64, String, u64)>,
    pub tls: Option<(u64, u64, u64, u64)>,
    pub gnu_stack_flags: Option<String>,
    pub phdr: Option<u64>,
    pub interp: bool,
}

/// Runs and parses `readelf -hlW path` (`None` if readelf is missing).
pub fn readelf(path: &Path) -> Option<Readelf> {
    let out = run(Command::new("readelf").arg("-hlW").arg(path))?;
    let hex = |s: &str| u64::from_str_radix(s.trim_start_matches("0x"), 16).expect("hex");
    let mut r = Readelf::default();
    for line in out.lines() {
        let t: Vec<&str> = line.split_whitespace().collect();
        if line.trim_start().starts_with("Type:") {
            r.e_type = t[1].to_string();
        } else if line.trim_start().starts_with("Entry point address:") {
            r.entry = hex(t[3]);
        } else if t.len() >= 8 && t[1].starts_with("0x") {
            let flags = t[6..t.len() - 1].join(" ");
            let (off, va, fsz, msz, al) = (
                hex(t[1]),
                hex(t[2]),
                hex(t[4]),
                hex(t[5]),
                hex(t[t.len() - 1]),
            );
            match t[0] {
                "LOAD" => r.loads.push((off, va, fsz, msz, flags, al)),
                "TLS" => r.tls = Some((va, fsz, msz, al)),
                "GNU_STACK" => r.gnu_stack_flags = Some(flags),
                "PHDR" => r.phdr = Some(va),
                "INTERP" => r.interp = true,
                _ => {}
            }
        }
    }
    Some(r)
}

/// Checks a plan against `readelf`'s view of the same file.
pub fn compare_with_readelf(path: &Path, plan: &LoadPlan) {
    let Some(r) = readelf(path) else { return };
    assert_eq!(plan.is_pie, r.e_type == "DYN", "{path:?}");
    assert_eq!(plan.entry, r.entry, "{path:?}");
    let loads: Vec<_> = r.loads.iter().filter(|l| l.3 > 0).collect();
    assert_eq!(plan.segments.len(), loads.len(), "{path:?}");
    for (s, l) in plan.segments.iter().zip(loads) {
        assert_eq!(
            (s.file_offset, s.vaddr, s.filesz, s.memsz),
            (l.0, l.1, l.2, l.3),
            "{path:?}"
        );
        assert_eq!(s.readable, l.4.contains('R'));
        assert_eq!(s.writable, l.4.contains('W'));
        assert_eq!(s.executable, l.4.contains('E'));
        if l.5.is_power_of_two() {
            assert!(plan.max_align >= l.5);
        }
    }
    match (plan.tls, r.tls) {
        (Some(t), Some((va, fsz, msz, al))) => {
            assert_eq!(
                (t.vaddr, t.filesz, t.memsz, t.align),
                (va, fsz, msz, al.max(1))
            );
        }
        (None, None) => {}
        other => panic!("TLS mismatch for {path:?}: {other:?}"),
    }
    let exec_stack = r
        .gnu_stack_flags
        .as_deref()
        .is_some_and(|f| f.contains('E'));
    assert_eq!(plan.stack_executable, exec_stack);
    if let Some(phdr) = r.phdr {
        assert_eq!(plan.phdr_vaddr, Some(phdr), "{path:?}");
    }
    assert!(!r.interp);
}
