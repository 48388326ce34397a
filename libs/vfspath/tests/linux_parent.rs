//! Differential test of `resolve_parent` against the host's Linux: mkdir(2)
//! in a chroot (a forked child) must fail or succeed as the crate's
//! parent and name say (EEXIST when the name is taken). Needs root for
//! chroot; skipped with a message otherwise.

mod common;

use common::host::Twin;
use common::parse_tree;

const TREE: &str = "
    d a
    f a/f
    d a/d
    l a/up ../a
    l slash_file a/f/
    l to_a /a
    l dangling nowhere
    l self self
    f b
";

#[test]
fn mkdir_agrees_with_linux() {
    let twin = Twin::new(parse_tree(TREE), "parent");
    let a = 1;
    let long = "n".repeat(vfspath::NAME_MAX + 1);
    let mut cases: Vec<(usize, String)> = Vec::new();
    let finals = ["new", "new/", "new//", ".", "..", "f", "d", "up", "dangling", "self", long.as_str(), "b"];
    let dirs = ["", "/", "a/", "a//", "to_a/", "a/up/", "a/f/", "b/", "missing/", "dangling/", "self/", "slash_file/", "..//", "a/d/../", "/../a/"];
    for start in [0, a] {
        for d in dirs {
            for f in finals {
                cases.push((start, format!("{d}{f}")));
            }
        }
    }
    cases.push((0, "/".into()));
    cases.push((0, "///".into()));
    cases.push((0, String::new()));
    cases.push((0, format!("a{}x", "/".repeat(4093))));
    cases.push((0, format!("a{}x", "/".repeat(4094))));
    let Some(linux) = twin.host_mkdir(&cases) else {
        eprintln!("skipped: chroot needs root");
        return;
    };
    let mut failures = Vec::new();
    for ((start, path), linux) in cases.iter().zip(linux) {
        let ours = twin.model_mkdir(*start, path);
        if ours != linux {
            failures.push(format!("mkdir {:?} from {}: vfspath {ours:?}, Linux {linux:?}", common::host::shorten(path), twin.path_of(*start)));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
