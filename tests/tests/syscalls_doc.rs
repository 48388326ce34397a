//! `docs/syscalls.md` must list every Linux x86-64 system call number once
//! and mark as implemented exactly the calls in the kernel's dispatch table.

use std::collections::BTreeMap;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the workspace").to_path_buf()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

/// `SYS_NAME` -> number, from the ABI crate's source.
fn linux_numbers() -> BTreeMap<String, u64> {
    let src = read("libs/abi/src/syscall.rs");
    src.lines()
        .filter_map(|l| l.trim().strip_prefix("pub const SYS_"))
        .filter_map(|rest| {
            let (name, value) = rest.split_once(": usize = ")?;
            Some((name.to_lowercase(), value.trim_end_matches(';').parse().ok()?))
        })
        .collect()
}

/// Names in the dispatch table (`t[SYS_NAME] = Some(...)` lines).
fn implemented() -> Vec<String> {
    read("kernel/src/syscall/mod.rs")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("t[SYS_"))
        .filter_map(|rest| rest.split_once("] = Some(").map(|(n, _)| n.to_lowercase()))
        .collect()
}

#[test]
fn syscalls_doc_matches_dispatch_table() {
    let numbers = linux_numbers();
    assert!(numbers.len() > 350, "parsed only {} syscall numbers", numbers.len());
    let implemented = implemented();
    assert!(implemented.len() > 50, "parsed only {} table entries", implemented.len());
    for name in &implemented {
        assert!(numbers.contains_key(name), "dispatch table entry {name} is not a Linux call");
    }
    let doc = read("docs/syscalls.md");
    let mut rows: BTreeMap<u64, (String, bool)> = BTreeMap::new();
    for line in doc.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| nr") && !l.starts_with("|---")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (nr, name, status) = (cells[1], cells[2], cells[3]);
        let nr: u64 = nr.parse().unwrap_or_else(|_| panic!("bad number in row: {line}"));
        let yes = match status {
            "yes" => true,
            "no" => false,
            other => panic!("status must be yes or no, got {other:?} in: {line}"),
        };
        assert!(rows.insert(nr, (name.to_string(), yes)).is_none(), "number {nr} listed twice");
    }
    for (name, nr) in &numbers {
        let (doc_name, yes) = rows.get(nr).unwrap_or_else(|| panic!("{name} ({nr}) missing from docs/syscalls.md"));
        assert_eq!(doc_name, name, "row {nr} names the wrong call");
        assert_eq!(*yes, implemented.contains(name), "{name}: docs/syscalls.md says implemented={yes}, the dispatch table disagrees");
    }
    assert_eq!(rows.len(), numbers.len(), "docs/syscalls.md has rows that are not Linux calls");
}
