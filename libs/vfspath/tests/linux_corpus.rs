//! Seed corpus: hand-picked trees and paths at the edges of the rules,
//! each checked against the host's Linux kernel (see `common::host`) and
//! against the outcome written here, so the corpus documents Linux's
//! answers too. The first cases are the differences the random test found
//! in the kernel's resolver before it moved to this crate.

mod common;

use abi::errno::{EACCES, ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR};
use common::host::Twin;
use common::parse_tree;

/// (tree, start directory, path, following a final link, outcome: the path
/// of the node from the root, or an errno).
type Case = (&'static str, &'static str, &'static str, bool, Result<&'static str, i32>);

const TREE: &str = "
    d a
    f a/f
    d a/d
    l a/up ../a
    l slash_file a/f/
    l slash_dir a/
    l abs_root /
    l abs_file_slash /a/f/
    l dotdot ..
    l dangling nowhere
    l self self
    l dangling_dir nowhere/
    f b
";

const CASES: &[Case] = &[
    // Found by the random test: a link target ending in `/` must be a
    // directory (the old resolver dropped the slash and returned the file).
    (TREE, "", "slash_file", true, Err(ENOTDIR)),
    (TREE, "", "abs_file_slash", true, Err(ENOTDIR)),
    (TREE, "", "slash_file", false, Ok("slash_file")),
    (TREE, "", "slash_dir", true, Ok("a")),
    (TREE, "", "dangling_dir", true, Err(ENOENT)),
    // `..` at the root and through links.
    (TREE, "", "../../a", true, Ok("a")),
    (TREE, "a/d", "../../../b", true, Ok("b")),
    (TREE, "", "dotdot/dotdot/a", true, Ok("a")),
    (TREE, "", "abs_root/../a/up/d", true, Ok("a/d")),
    (TREE, "a/d", "../up/up/up/f", true, Ok("a/f")),
    // Trailing slashes.
    (TREE, "", "a/f/", false, Err(ENOTDIR)),
    (TREE, "", "a/f//", true, Err(ENOTDIR)),
    (TREE, "", "a/up/", false, Ok("a")),
    (TREE, "", "a/up", false, Ok("a/up")),
    (TREE, "", "dangling/", false, Err(ENOENT)),
    (TREE, "", "dangling", false, Ok("dangling")),
    (TREE, "", "b/.", true, Err(ENOTDIR)),
    (TREE, "", "b/..", true, Err(ENOTDIR)),
    // Loops.
    (TREE, "", "self", true, Err(ELOOP)),
    (TREE, "", "self", false, Ok("self")),
    (TREE, "", "self/", false, Err(ELOOP)),
    (TREE, "", "a/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up", true, Ok("a")),
    (TREE, "", "a/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up", true, Err(ELOOP)),
    (TREE, "", "a/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up/up", false, Ok("a/up")),
    // Empty path, long names; the long name is only refused where it is
    // looked up.
    (TREE, "", "", true, Err(ENOENT)),
    (TREE, "", "/", true, Ok("")),
    (TREE, "", "//.//", true, Ok("")),
];

/// The node at `path` from the root of `twin`, by walking its entries.
fn node_at(twin: &Twin, path: &str) -> usize {
    path.split('/').filter(|n| !n.is_empty()).fold(0, |dir, name| {
        twin.tree.entries(dir).into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {path}")).1
    })
}

#[test]
fn corpus_agrees_with_linux_and_with_the_expected_outcome() {
    for (i, &(tree, start, path, follow, want)) in CASES.iter().enumerate() {
        let twin = Twin::new(parse_tree(tree), &format!("corpus-{i}"));
        let start = node_at(&twin, start);
        twin.check(start, path).unwrap_or_else(|e| panic!("case {i}: {e}"));
        let want = want.map(|p| node_at(&twin, p));
        assert_eq!(twin.model(start, path, follow), want, "case {i}: {path:?}");
    }
}

#[test]
fn long_names_and_long_paths_agree_with_linux() {
    let twin = Twin::new(parse_tree(TREE), "corpus-long");
    let name = |n: usize| "n".repeat(n);
    let cases = [
        (name(255), Err(ENOENT)),
        (name(256), Err(ENAMETOOLONG)),
        (format!("a/{}/x", name(256)), Err(ENAMETOOLONG)),
        (format!("missing/{}", name(256)), Err(ENOENT)),
        (format!("b/{}", name(256)), Err(ENOTDIR)),
        (format!("self/{}", name(256)), Err(ELOOP)),
        (format!("a{}", "/".repeat(4094)), Ok(node_at(&twin, "a"))),
        (format!("a{}", "/".repeat(4095)), Err(ENAMETOOLONG)),
        (format!("{}a", "./".repeat(2047)), Ok(node_at(&twin, "a"))),
        (format!("{}/a", "/.".repeat(2048)), Err(ENAMETOOLONG)),
    ];
    for (path, want) in cases {
        twin.check(0, &path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(twin.model(0, &path, true), want, "{}", common::host::shorten(&path));
    }
}

#[test]
fn permission_hook_is_the_only_source_of_eacces() {
    // Linux as root searches everything; the model refuses `a` when told.
    let mut twin = Twin::new(parse_tree(TREE), "corpus-eacces");
    let a = node_at(&twin, "a");
    twin.tree.no_search.insert(a);
    assert_eq!(twin.model(0, "a/f", true), Err(EACCES));
    assert_eq!(twin.model(0, "a", true), Ok(a));
}
