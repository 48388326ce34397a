//! An in-memory tree that implements `Namespace`, for the tests: nodes are
//! indices into a vector, the root is node 0.

#![allow(dead_code, reason = "each test file uses part of the model")]

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use vfspath::{Errno, Namespace};

/// What a model node is.
#[derive(Clone, Debug)]
pub enum Kind {
    /// A directory: its entries and its parent (the root's is itself).
    Dir { entries: BTreeMap<String, usize>, parent: usize },
    /// A regular file.
    File,
    /// A symbolic link and its target.
    Symlink(String),
}

/// The model tree.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    /// Every node; 0 is the root.
    pub nodes: Vec<Kind>,
    /// Directories `may_search` refuses (EACCES).
    pub no_search: BTreeSet<usize>,
    /// Directory mounted on a directory (`follow_mounts`).
    pub mounts: BTreeMap<usize, usize>,
    /// Every directory `may_search` was asked about, in order.
    pub searched: RefCell<Vec<usize>>,
}

impl Tree {
    /// A tree with only the root.
    pub fn new() -> Tree {
        Tree { nodes: vec![Kind::Dir { entries: BTreeMap::new(), parent: 0 }], ..Default::default() }
    }

    fn add(&mut self, dir: usize, name: &str, kind: Kind) -> usize {
        let id = self.nodes.len();
        self.nodes.push(kind);
        match self.nodes.get_mut(dir) {
            Some(Kind::Dir { entries, .. }) => {
                entries.insert(name.to_string(), id);
            }
            _ => panic!("{dir} is not a directory"),
        }
        id
    }

    /// A new directory `name` in `dir`.
    pub fn dir(&mut self, dir: usize, name: &str) -> usize {
        self.add(dir, name, Kind::Dir { entries: BTreeMap::new(), parent: dir })
    }

    /// A new file `name` in `dir`.
    pub fn file(&mut self, dir: usize, name: &str) -> usize {
        self.add(dir, name, Kind::File)
    }

    /// A new symlink `name` in `dir` pointing at `target`.
    pub fn symlink(&mut self, dir: usize, name: &str, target: &str) -> usize {
        self.add(dir, name, Kind::Symlink(target.to_string()))
    }

    /// A new directory that is not in the tree, to be mounted on `on`;
    /// its `..` is `on`'s parent, as in the kernel.
    pub fn mount(&mut self, on: usize) -> usize {
        let parent = match self.nodes.get(on) {
            Some(Kind::Dir { parent, .. }) => *parent,
            _ => panic!("{on} is not a directory"),
        };
        let id = self.nodes.len();
        self.nodes.push(Kind::Dir { entries: BTreeMap::new(), parent });
        self.mounts.insert(on, id);
        id
    }

    /// The entries of directory `dir`.
    pub fn entries(&self, dir: usize) -> Vec<(String, usize)> {
        match self.nodes.get(dir) {
            Some(Kind::Dir { entries, .. }) => entries.iter().map(|(n, &i)| (n.clone(), i)).collect(),
            _ => Vec::new(),
        }
    }
}

impl Namespace for Tree {
    type Node = usize;

    fn root(&self) -> usize {
        self.follow_mounts(0)
    }

    fn is_dir(&self, node: &usize) -> bool {
        matches!(self.nodes.get(*node), Some(Kind::Dir { .. }))
    }

    fn lookup(&self, dir: &usize, name: &str) -> Result<usize, Errno> {
        assert!(name != "." && name != ".." && name.len() <= vfspath::NAME_MAX && !name.is_empty() && !name.contains('/'));
        match self.nodes.get(*dir) {
            Some(Kind::Dir { entries, .. }) => entries.get(name).copied().ok_or(abi::errno::ENOENT),
            _ => panic!("lookup in {dir}, which is not a directory"),
        }
    }

    fn symlink_target<'a>(&'a self, node: &'a usize) -> Option<&'a str> {
        match self.nodes.get(*node) {
            Some(Kind::Symlink(t)) => Some(t),
            _ => None,
        }
    }

    fn parent(&self, dir: &usize) -> usize {
        match self.nodes.get(*dir) {
            Some(Kind::Dir { parent, .. }) => *parent,
            _ => panic!("parent of {dir}, which is not a directory"),
        }
    }

    fn follow_mounts(&self, mut node: usize) -> usize {
        while let Some(&top) = self.mounts.get(&node) {
            node = top;
        }
        node
    }

    fn may_search(&self, dir: &usize) -> Result<(), Errno> {
        assert!(self.is_dir(dir), "may_search on {dir}, which is not a directory");
        self.searched.borrow_mut().push(*dir);
        if self.no_search.contains(dir) {
            Err(abi::errno::EACCES)
        } else {
            Ok(())
        }
    }
}

pub mod host;

/// A tree from a list of lines `d PATH`, `f PATH` or `l PATH TARGET`
/// (parents first); paths are relative to the root.
pub fn parse_tree(spec: &str) -> Tree {
    let mut t = Tree::new();
    for line in spec.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut words = line.splitn(3, ' ');
        let (kind, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let (dir, name) = match path.rsplit_once('/') {
            Some((d, n)) => (vfspath::resolve(&t, &0, d, false).expect("parent exists"), n),
            None => (0, path),
        };
        match kind {
            "d" => t.dir(dir, name),
            "f" => t.file(dir, name),
            "l" => t.symlink(dir, name, words.next().expect("a target")),
            _ => panic!("bad tree line {line:?}"),
        };
    }
    t
}
