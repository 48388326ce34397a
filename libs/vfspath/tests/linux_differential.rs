//! Differential test against the host's Linux kernel: random small trees
//! (directories, files, relative and absolute symlinks, loops included)
//! are built both in the model and in a temporary directory, random paths
//! are resolved by the crate and by Linux (see `common::host`), and both
//! must give the same node or the same errno, following a final link and
//! not. A seeded generator makes every run the same; set `VFSPATH_SEED`
//! to explore other seeds and `VFSPATH_CASES` for more trees.

mod common;

use common::host::Twin;
use abi::errno::{ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR};
use common::{Kind, Tree};

/// xorshift64*: small, seeded, good enough to pick test cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// The seed of a plain `cargo test` (any fixed value does).
const DEFAULT_SEED: u64 = 0x5eed_0f9a;

const NAMES: [&str; 4] = ["a", "b", "c", "d"];

/// One component: mostly names of the tree, some dots, some long names.
fn component(rng: &mut Rng) -> String {
    match rng.below(16) {
        0..=9 => NAMES[rng.below(NAMES.len())].to_string(),
        10 => ".".into(),
        11 | 12 => "..".into(),
        13 => "".into(), // a repeated slash
        14 => "x".repeat(vfspath::NAME_MAX + rng.below(2)),
        _ => "a".repeat(1 + rng.below(3)),
    }
}

/// A path of up to `max` components, absolute or not, maybe ending in `/`.
fn path(rng: &mut Rng, max: usize) -> String {
    let n = rng.below(max + 1);
    let mut out = if rng.chance(3) { String::from("/") } else { String::new() };
    for i in 0..n {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&component(rng));
    }
    if rng.chance(5) {
        out.push('/');
    }
    if rng.chance(40) {
        // Near PATH_MAX: pad with slashes to 4095 or 4096 bytes.
        let to = vfspath::PATH_MAX - 1 + rng.below(2);
        if out.len() < to {
            let pad = "/".repeat(to - out.len());
            out = if out.starts_with('/') { format!("{pad}{out}") } else { format!("{out}{pad}") };
        }
    }
    out
}

/// A tree of up to 14 nodes with names from `NAMES`.
fn tree(rng: &mut Rng) -> Tree {
    let mut t = Tree::new();
    let mut dirs = vec![0];
    for _ in 0..rng.below(15) {
        let dir = dirs[rng.below(dirs.len())];
        let name = NAMES[rng.below(NAMES.len())];
        if t.entries(dir).iter().any(|(n, _)| n == name) {
            continue;
        }
        match rng.below(20) {
            0..=7 => dirs.push(t.dir(dir, name)),
            8..=11 => {
                t.file(dir, name);
            }
            _ => {
                let mut target = path(rng, 4);
                if target.is_empty() || target.len() >= vfspath::PATH_MAX {
                    target = "a".into(); // Linux refuses empty targets
                }
                t.symlink(dir, name, &target);
            }
        }
    }
    t
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn random_trees_and_paths_agree_with_linux() {
    let seed = env_u64("VFSPATH_SEED", DEFAULT_SEED);
    let cases = env_u64("VFSPATH_CASES", 300);
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    let mut outcomes = std::collections::BTreeMap::new();
    for case in 0..cases {
        let twin = Twin::new(tree(&mut rng), &format!("random-{case}"));
        let dirs: Vec<usize> = (0..twin.tree.nodes.len()).filter(|&n| vfspath::Namespace::is_dir(&twin.tree, &n)).collect();
        for _ in 0..150 {
            let start = if rng.chance(3) { dirs[rng.below(dirs.len())] } else { 0 };
            let p = path(&mut rng, 7);
            let kind = twin.model(start, &p, true).map(|n| matches!(twin.tree.nodes.get(n), Some(Kind::Dir { .. })));
            *outcomes.entry(kind).or_insert(0u32) += 1;
            if let Err(e) = twin.check(start, &p) {
                failures.push(format!("seed {seed:#x} case {case}: {e}"));
            }
        }
    }
    // The generator must reach every outcome (Ok(true) is a directory).
    for want in [Ok(true), Ok(false), Err(ENOENT), Err(ENOTDIR), Err(ENAMETOOLONG), Err(ELOOP)] {
        assert!(outcomes.contains_key(&want), "no case gave {want:?}: {outcomes:?}");
    }
    assert!(failures.is_empty(), "{} differences, the first ones:\n{}", failures.len(), failures[..failures.len().min(5)].join("\n"));
}

