//! Unpacks the initramfs, a cpio "newc" archive (Linux
//! Documentation/driver-api/early-userspace/buffer-format.rst), into the
//! tmpfs root, as Linux's populate_rootfs does.
//!
//! Only what the processes work needs is read: directories, regular
//! files and symlinks. Malformed input stops the unpacking with an error
//! in the log; it never panics.

use super::tmpfs::{self, Inode, Node};
use alloc::collections::BTreeMap;
use alloc::string::ToString;
use spin::Mutex;

/// newc header: 6-byte magic and 13 eight-digit hex fields.
const HEADER_LEN: usize = 110;

fn hex_field(header: &[u8], index: usize) -> Option<u32> {
    let digits = header.get(6 + index * 8..6 + index * 8 + 8)?;
    u32::from_str_radix(core::str::from_utf8(digits).ok()?, 16).ok()
}

const fn align4(v: usize) -> usize {
    (v + 3) & !3
}

/// Creates every directory, file and symlink of `archive`.
pub fn unpack(archive: &[u8]) {
    let (mut files, mut bytes, mut off) = (0u64, 0u64, 0usize);
    loop {
        let Some(header) = archive.get(off..off + HEADER_LEN) else { break };
        if !(header.starts_with(b"070701") || header.starts_with(b"070702")) {
            log::error!("initramfs: no cpio newc header at offset {off}");
            return;
        }
        let (Some(mode), Some(file_len), Some(name_len)) = (hex_field(header, 1), hex_field(header, 6), hex_field(header, 11))
        else {
            log::error!("initramfs: bad header at offset {off}");
            return;
        };
        let name_start = off + HEADER_LEN;
        let data_start = align4(name_start + name_len as usize);
        let data_end = data_start + file_len as usize;
        let name = archive.get(name_start..name_start + (name_len as usize).saturating_sub(1));
        let (Some(name), Some(data)) = (name.and_then(|n| core::str::from_utf8(n).ok()), archive.get(data_start..data_end))
        else {
            log::error!("initramfs: truncated entry at offset {off}");
            return;
        };
        off = align4(data_end);
        if name == "TRAILER!!!" {
            break;
        }
        let path = name.trim_start_matches("./").trim_start_matches('/');
        if path.is_empty() || path == "." || path.split('/').any(|c| c == "..") {
            continue;
        }
        let inode = match mode & 0o170000 {
            0o040000 => {
                if tmpfs::lookup(path, true).is_ok_and(|i| i.is_dir()) {
                    continue;
                }
                Inode::new(Node::Dir(Mutex::new(BTreeMap::new())), mode)
            }
            0o100000 => {
                files += 1;
                bytes += data.len() as u64;
                Inode::new(Node::File(Mutex::new(data.to_vec())), mode)
            }
            0o120000 => Inode::new(Node::Symlink(core::str::from_utf8(data).unwrap_or("").to_string()), 0o777),
            _ => {
                log::debug!("initramfs: {path}: device nodes and fifos are not supported yet");
                continue;
            }
        };
        if let Err(e) = tmpfs::parent_of(path).and_then(|(dir, leaf)| tmpfs::link(&dir, &leaf, inode)) {
            log::warn!("initramfs: {path}: {e:?}");
        }
    }
    log::info!("initramfs: {files} files, {} KiB unpacked", bytes >> 10);
}
