//! proc: process and system information. (Filled in by the procfs work.)

use super::tmpfs::{FsKind, Inode, Node};
use alloc::collections::BTreeMap;
use alloc::sync::Arc;
use spin::Mutex;

/// A new proc root.
pub fn new_root() -> Arc<Inode> {
    Inode::new_in(FsKind::Proc, Node::Dir(Mutex::new(BTreeMap::new())), 0o555)
}
