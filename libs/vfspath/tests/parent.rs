//! `resolve_parent` over the model tree.

mod common;

use abi::errno::{EACCES, EEXIST, ENAMETOOLONG, ENOENT, ENOTDIR};
use common::Tree;
use vfspath::{resolve_parent, NAME_MAX, PATH_MAX};

/// `/d/e/`, `/d/f` (file), `/l -> d`, `/dangling -> nowhere`.
fn tree() -> (Tree, usize, usize, usize) {
    let mut t = Tree::new();
    let d = t.dir(0, "d");
    let e = t.dir(d, "e");
    let f = t.file(d, "f");
    t.symlink(0, "l", "d");
    t.symlink(0, "dangling", "nowhere");
    (t, d, e, f)
}

#[test]
fn splits_directory_and_name() {
    let (t, d, e, _) = tree();
    assert_eq!(resolve_parent(&t, &0, "/d/new"), Ok((d, "new")));
    assert_eq!(resolve_parent(&t, &e, "new"), Ok((e, "new")));
    assert_eq!(resolve_parent(&t, &e, "/new"), Ok((0, "new")));
    assert_eq!(resolve_parent(&t, &e, "../new"), Ok((d, "new")));
    assert_eq!(resolve_parent(&t, &0, "d//e///x"), Ok((e, "x")));
    // The final name is not looked up: it may exist, or be a link.
    assert_eq!(resolve_parent(&t, &0, "d/f"), Ok((d, "f")));
    assert_eq!(resolve_parent(&t, &0, "l"), Ok((0, "l")));
    assert_eq!(resolve_parent(&t, &0, "dangling"), Ok((0, "dangling")));
}

#[test]
fn links_in_the_directory_part_are_followed() {
    let (t, d, e, _) = tree();
    assert_eq!(resolve_parent(&t, &0, "l/x"), Ok((d, "x")));
    assert_eq!(resolve_parent(&t, &0, "/l/e/x"), Ok((e, "x")));
    assert_eq!(resolve_parent(&t, &0, "dangling/x"), Err(ENOENT));
}

#[test]
fn trailing_slashes_are_dropped() {
    let (t, d, _, _) = tree();
    assert_eq!(resolve_parent(&t, &0, "d/new/"), Ok((d, "new")));
    assert_eq!(resolve_parent(&t, &0, "d/new///"), Ok((d, "new")));
    assert_eq!(resolve_parent(&t, &0, "new/"), Ok((0, "new")));
}

#[test]
fn dot_dotdot_and_root_are_eexist() {
    let (t, _, e, _) = tree();
    for p in [".", "..", "/", "///", "/d/.", "/d/..", "/d/./", "/d/../", "./.", "../.."] {
        assert_eq!(resolve_parent(&t, &e, p), Err(EEXIST), "{p}");
    }
}

#[test]
fn errors_of_the_directory_part_come_first() {
    let (t, _, _, f) = tree();
    let long = "n".repeat(NAME_MAX + 1);
    assert_eq!(resolve_parent(&t, &0, "missing/x"), Err(ENOENT));
    assert_eq!(resolve_parent(&t, &0, "missing/."), Err(ENOENT));
    assert_eq!(resolve_parent(&t, &0, &format!("missing/{long}")), Err(ENOENT));
    assert_eq!(resolve_parent(&t, &0, "d/f/x"), Err(ENOTDIR));
    assert_eq!(resolve_parent(&t, &0, "d/f/."), Err(ENOTDIR));
    assert_eq!(resolve_parent(&t, &f, "x"), Err(ENOTDIR));
    assert_eq!(resolve_parent(&t, &f, "."), Err(ENOTDIR));
}

#[test]
fn lengths() {
    let (t, d, _, _) = tree();
    assert_eq!(resolve_parent(&t, &0, ""), Err(ENOENT));
    assert_eq!(resolve_parent(&t, &0, &"n".repeat(NAME_MAX)).map(|(n, s)| (n, s.len())), Ok((0, NAME_MAX)));
    assert_eq!(resolve_parent(&t, &0, &format!("d/{}", "n".repeat(NAME_MAX + 1))), Err(ENAMETOOLONG));
    let path = format!("d{}x", "/".repeat(PATH_MAX - 3));
    assert_eq!(path.len(), PATH_MAX - 1);
    assert_eq!(resolve_parent(&t, &0, &path), Ok((d, "x")));
    let path = format!("d{}x", "/".repeat(PATH_MAX - 2));
    assert_eq!(resolve_parent(&t, &0, &path), Err(ENAMETOOLONG));
}

#[test]
fn the_directory_must_be_searchable() {
    let (mut t, d, e, _) = tree();
    t.no_search.insert(d);
    assert_eq!(resolve_parent(&t, &0, "d/x"), Err(EACCES));
    assert_eq!(resolve_parent(&t, &0, "d/e/x"), Err(EACCES));
    assert_eq!(resolve_parent(&t, &e, "x"), Ok((e, "x")));
    assert_eq!(resolve_parent(&t, &0, "d"), Ok((0, "d")));
    // The search permission comes before EEXIST for a final dot, as in
    // Linux (may_lookup runs before the last component is classified);
    // the root has no component to search for.
    assert_eq!(resolve_parent(&t, &0, "d/."), Err(EACCES));
    assert_eq!(resolve_parent(&t, &0, "d/.."), Err(EACCES));
    assert_eq!(resolve_parent(&t, &0, "/"), Err(EEXIST));
}
