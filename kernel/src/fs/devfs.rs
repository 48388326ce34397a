//! devtmpfs: device files. (Filled in by the devices work.)

use super::tmpfs::{FsKind, Inode, Node};
use alloc::collections::BTreeMap;
use alloc::sync::Arc;
use spin::Mutex;

/// A new devtmpfs root.
pub fn new_root() -> Arc<Inode> {
    Inode::new_in(FsKind::Devtmpfs, Node::Dir(Mutex::new(BTreeMap::new())), 0o755)
}
