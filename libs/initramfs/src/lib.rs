//! Reader for initramfs archives: cpio "newc"/"crc" and ustar/GNU/PAX tar.
//!
//! [`entries`] recognises the format by its magic and returns an iterator
//! over the archive's [`Entry`]s, each borrowing its path and data from the
//! archive: no allocation, no copy. The kernel walks it once to fill the
//! tmpfs root (DESIGN.md §3 accepts both formats: cpio newc is what Linux
//! users have, tar is what the seeds' TarFS read).
//!
//! ```
//! # let mut archive = b"070701".to_vec(); // an empty cpio archive
//! # archive.extend([b'0'; 95]);
//! # archive.extend(b"B00000000TRAILER!!!\0");
//! # let archive = &archive[..];
//! for entry in initramfs::entries(archive)? {
//!     let entry = entry?;
//!     // create entry.path.components() with entry.kind, entry.mode, entry.data ...
//! #   let _ = entry;
//! }
//! # Ok::<(), initramfs::Error>(())
//! ```
//!
//! # Design
//!
//! The archive is untrusted input (a user can pass any `-initrd`), so every
//! read is a checked slice `get`, every size is checked against the input,
//! and every malformed input gives an [`Error`]; nothing panics, and each
//! step of the iterator consumes at least one header, so it always ends.
//! After an error the iterator is fused: a damaged archive is reported, not
//! half-guessed. Paths with a `..` component are [`Error::UnsafePath`], so an
//! archive cannot write outside the root it is unpacked into (see
//! [`path`](Path) for the other path rules).
//!
//! The parsers are our own, about 250 lines per format. The crates we
//! looked at do not fit: `cpio_reader` 0.1.2 stops silently at the first
//! malformed header (a truncated initramfs would boot with files missing),
//! rejects "crc" archives whose checksum is wrong, and reads neither zero
//! padding nor concatenated archives; `tar-no-std` 0.5 yields only regular
//! files (no directories or symlinks, and the second name of a hard-linked
//! pair is silently dropped), has no GNU long names, rejects input whose
//! length is not a multiple of 512 bytes, and uses `unsafe`. Neither
//! panicked under 20,000 random byte changes (a one-off check, not kept);
//! their semantics, not their robustness, ruled them out.
//!
//! Because a ustar name can be split over two header fields, an entry's path
//! is a [`Path`] (one or two borrowed parts) rather than one `&str`.
#![no_std]
#![forbid(unsafe_code)]

mod cpio;
mod path;
mod tar;

pub use path::Path;

use core::fmt;
use core::iter::FusedIterator;

/// One archive member, borrowing from the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Where to create the entry, relative to the root: at least one
    /// component, none of them `..`, no leading `/` or `./`, no trailing `/`.
    /// The root itself (`.`, `./`) is never yielded.
    pub path: Path<'a>,
    /// File type.
    pub kind: Kind,
    /// Permission bits including setuid, setgid and sticky (`mode & 0o7777`).
    pub mode: u32,
    /// Owner user id.
    pub uid: u32,
    /// Owner group id.
    pub gid: u32,
    /// Modification time in seconds since the Unix epoch.
    pub mtime: u64,
    /// File contents for [`Kind::File`] (empty for all but the last of a cpio
    /// hard-link group, see [`Kind::HardLink`]); the target path (any bytes,
    /// may be absolute) for [`Kind::Symlink`]; empty for the other kinds.
    pub data: &'a [u8],
    /// Link count from a cpio header; 1 for tar.
    pub nlink: u32,
    /// cpio inode number (for hard links, see [`Kind::HardLink`]); 0 for tar.
    pub ino: u64,
    /// Target of a tar hard link ([`Kind::HardLink`]): the path of an earlier
    /// entry, normalised like [`path`](Self::path) and never the root;
    /// `None` for the other kinds.
    pub link_target: Option<&'a str>,
    /// `(major, minor)` device number for [`Kind::CharDevice`] and
    /// [`Kind::BlockDevice`]; `(0, 0)` for the other kinds.
    pub rdev: (u32, u32),
}

/// File type of an [`Entry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Regular file; contents in [`Entry::data`].
    File,
    /// Directory.
    Directory,
    /// Symbolic link; target in [`Entry::data`].
    Symlink,
    /// Tar hard link to [`Entry::link_target`]. cpio has no such kind: its
    /// hard links are [`Kind::File`] entries with `nlink > 1` sharing `ino`
    /// (within one archive of a concatenation, see
    /// [`Entries::archive_index`]); in newc only the last of them carries the
    /// data and the others are empty. Linux creates the first and links the
    /// others to it, each writing its (possibly empty) data into the file.
    HardLink,
    /// Character device; number in [`Entry::rdev`].
    CharDevice,
    /// Block device; number in [`Entry::rdev`].
    BlockDevice,
    /// Named pipe.
    Fifo,
    /// Unix domain socket (cpio only).
    Socket,
}

impl Kind {
    /// Kind named by the `S_IFMT` bits of a Unix `mode`, if any.
    fn from_mode(mode: u32) -> Option<Kind> {
        Some(match mode & 0o170_000 {
            0o100_000 => Kind::File,
            0o040_000 => Kind::Directory,
            0o120_000 => Kind::Symlink,
            0o020_000 => Kind::CharDevice,
            0o060_000 => Kind::BlockDevice,
            0o010_000 => Kind::Fifo,
            0o140_000 => Kind::Socket,
            _ => return None,
        })
    }
}

/// Why an archive (or one of its entries) could not be read.
/// [`Entries::offset`] tells where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input ends inside a header, or before the end of the archive (a
    /// cpio `TRAILER!!!` entry, a tar zero block).
    Truncated,
    /// No cpio or tar magic at the start, or a header without one.
    BadMagic,
    /// A numeric header field holds a character that is not a hex (cpio) or
    /// octal (tar) digit, or a value too large for its field.
    BadNumber,
    /// An entry's data extends past the end of the input.
    SizePastEnd,
    /// A name (or hard-link target) is not UTF-8.
    NameNotUtf8,
    /// A cpio name has no terminating NUL within its `namesize`.
    NameNotTerminated,
    /// A path or hard-link target has a `..` component, or a hard link
    /// targets the root: it could reach outside the unpack root.
    UnsafePath,
    /// A tar header's checksum does not match its contents.
    BadChecksum,
    /// After zero padding, the next cpio header is not at a multiple of 4
    /// bytes (Linux: "broken padding").
    BadPadding,
    /// A malformed PAX extended header record.
    BadExtendedHeader,
    /// A file type the format allows but this reader does not represent (a
    /// cpio mode without a known file type, tar sparse or multi-volume files,
    /// vendor extensions).
    Unsupported,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::Truncated => "archive truncated",
            Error::BadMagic => "bad magic (not a cpio newc/crc or ustar archive)",
            Error::BadNumber => "bad number in header",
            Error::SizePastEnd => "entry size past the end of the archive",
            Error::NameNotUtf8 => "name not UTF-8",
            Error::NameNotTerminated => "name without terminating NUL",
            Error::UnsafePath => "path with a '..' component",
            Error::BadChecksum => "bad tar header checksum",
            Error::BadPadding => "cpio header not 4-byte aligned after padding",
            Error::BadExtendedHeader => "malformed PAX extended header",
            Error::Unsupported => "unsupported entry type",
        })
    }
}

impl core::error::Error for Error {}

/// Archive format, as recognised by [`entries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// cpio "newc" (`070701`) or "crc" (`070702`), possibly several archives
    /// back to back.
    Cpio,
    /// ustar, GNU or PAX tar.
    Tar,
}

/// Recognises the format of `archive` and returns an iterator over its entries.
///
/// cpio: `070701` or `070702` at offset 0, possibly after zero bytes (as
/// Linux accepts). tar: `ustar\0` (POSIX, PAX) or `ustar  \0` (GNU) at
/// offset 257 of the first header.
///
/// Errors: [`Error::BadMagic`] if neither is found, also for an empty or
/// all-zero input (which an empty tar archive is: it has no entries, hence no
/// magic). Malformed headers are reported later, by the iterator.
pub fn entries(archive: &[u8]) -> Result<Entries<'_>, Error> {
    let reader = if tar::has_magic(archive) {
        Reader::Tar(tar::Reader::new(archive))
    } else if cpio::has_magic(archive.get(cpio::skip_zeros(archive, 0)..).unwrap_or(&[])) {
        Reader::Cpio(cpio::Reader::new(archive))
    } else {
        return Err(Error::BadMagic);
    };
    Ok(Entries { reader })
}

/// Iterator over the entries of an archive, from [`entries`].
///
/// Yields `Ok(entry)` for each entry in archive order (parents before their
/// children if the archive was written that way), skipping the root. Ends at
/// the end of the archive: after the last cpio `TRAILER!!!` (zero padding and
/// further cpio archives are read, anything else after it is ignored), or at
/// the first tar zero block. Yields at most one `Err`, then ends.
pub struct Entries<'a> {
    reader: Reader<'a>,
}

/// The per-format iterator state.
enum Reader<'a> {
    Cpio(cpio::Reader<'a>),
    Tar(tar::Reader<'a>),
}

impl Entries<'_> {
    /// Format of the archive.
    pub fn format(&self) -> Format {
        match self.reader {
            Reader::Cpio(_) => Format::Cpio,
            Reader::Tar(_) => Format::Tar,
        }
    }

    /// Byte offset in the input of the header last read: the header of the
    /// entry just yielded, or the one that caused the error (for error
    /// messages).
    pub fn offset(&self) -> usize {
        match &self.reader {
            Reader::Cpio(r) => r.header_offset(),
            Reader::Tar(r) => r.header_offset(),
        }
    }

    /// For cpio, the 0-based index of the archive (in a concatenation) that
    /// the entry just yielded came from; 0 for tar. Inode numbers identify
    /// hard links only within one archive: Linux forgets them at each
    /// `TRAILER!!!`.
    pub fn archive_index(&self) -> u32 {
        match &self.reader {
            Reader::Cpio(r) => r.archive_index(),
            Reader::Tar(_) => 0,
        }
    }
}

impl<'a> Iterator for Entries<'a> {
    type Item = Result<Entry<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.reader {
            Reader::Cpio(r) => r.next(),
            Reader::Tar(r) => r.next(),
        }
    }
}

impl FusedIterator for Entries<'_> {}
