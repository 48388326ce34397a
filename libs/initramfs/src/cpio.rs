//! cpio "newc" (`070701`) and "crc" (`070702`) archives, as Linux reads them.
//!
//! Layout (`Documentation/driver-api/early-userspace/buffer-format.rst`,
//! GNU cpio's `copyin.c`): each entry is a 110-byte ASCII header (the 6-byte
//! magic, then 13 fields of 8 hex digits: ino, mode, uid, gid, nlink, mtime,
//! filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check), the
//! NUL-terminated name (`namesize` bytes including the NUL), zero padding to
//! a multiple of 4, the `filesize` bytes of data, zero padding to a multiple
//! of 4. Offsets are counted from the start of the input, so headers sit at
//! multiples of 4. The entry named `TRAILER!!!` ends an archive.
//!
//! # Design
//!
//! The reader follows the Linux unpacker where it is more lenient than the
//! format (so whatever Linux boots, we boot): zero bytes before any header
//! are skipped, provided the next header is again 4-aligned (Linux's "broken
//! padding" check), which is how several archives are concatenated; after a
//! `TRAILER!!!` another archive may follow, and anything that is not one is
//! ignored. The name is a C string: it ends at its first NUL, as in Linux and
//! GNU cpio. The "crc" checksum is not verified (Linux ignores it too).
//!
//! It is stricter where leniency would hide damage: the input ending before a
//! `TRAILER!!!` is [`Error::Truncated`] (Linux silently stops), a header
//! digit that is not hex is [`Error::BadNumber`] (Linux's `simple_strtoul`
//! stops at it), and unknown file types are [`Error::Unsupported`].

use crate::path::{until_nul, utf8, Path};
use crate::{Entry, Error, Kind};

/// Length of a newc header in bytes (magic and 13 hex fields).
const HEADER_LEN: usize = 110;
/// Magic of the "newc" format (no checksum).
const MAGIC_NEWC: &[u8; 6] = b"070701";
/// Magic of the "crc" format (same layout; the checksum is ignored).
const MAGIC_CRC: &[u8; 6] = b"070702";
/// Name of the entry that ends an archive.
const TRAILER: &[u8] = b"TRAILER!!!";

/// True if `bytes` starts with a newc or crc magic.
pub(crate) fn has_magic(bytes: &[u8]) -> bool {
    matches!(bytes.get(..6), Some(m) if m == MAGIC_NEWC || m == MAGIC_CRC)
}

/// Offset of the first non-zero byte of `archive` at or after `pos`
/// (`archive.len()` if there is none).
pub(crate) fn skip_zeros(archive: &[u8], pos: usize) -> usize {
    let rest = archive.get(pos..).unwrap_or(&[]);
    pos + rest.iter().position(|&b| b != 0).unwrap_or(rest.len())
}

/// Iterator state over one input holding one or more cpio archives.
pub(crate) struct Reader<'a> {
    archive: &'a [u8],
    /// Offset of the next header (or of zero padding before it).
    pos: usize,
    /// Offset of the header most recently read (or where reading stopped).
    header_offset: usize,
    /// Number of `TRAILER!!!` entries passed: the index, in a concatenation,
    /// of the archive being read.
    trailers: u32,
    /// At the start or just after a `TRAILER!!!`: the input may end here, and
    /// anything but another archive is ignored.
    between_archives: bool,
    /// Set after an error or at the end; `next` then returns `None`.
    done: bool,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(archive: &'a [u8]) -> Self {
        Reader {
            archive,
            pos: 0,
            header_offset: 0,
            trailers: 0,
            between_archives: true,
            done: false,
        }
    }

    pub(crate) fn header_offset(&self) -> usize {
        self.header_offset
    }

    pub(crate) fn archive_index(&self) -> u32 {
        self.trailers
    }

    /// Next entry other than the root (`.`); `None` at the end and after an error.
    pub(crate) fn next(&mut self) -> Option<Result<Entry<'a>, Error>> {
        while !self.done {
            match self.read_entry() {
                Ok(Some(entry)) if entry.path.is_root() => continue,
                Ok(Some(entry)) => return Some(Ok(entry)),
                Ok(None) => self.done = true,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }

    /// Reads one entry and advances past it. `Ok(None)` is the end of the
    /// input; a `TRAILER!!!` is consumed and the entry after it returned.
    fn read_entry(&mut self) -> Result<Option<Entry<'a>>, Error> {
        loop {
            let start = skip_zeros(self.archive, self.pos);
            let rest = self.archive.get(start..).unwrap_or(&[]);
            if self.between_archives && !has_magic(rest) {
                return Ok(None); // the end, or garbage after it
            }
            self.header_offset = start;
            if !start.is_multiple_of(4) {
                return Err(Error::BadPadding);
            }
            let header = rest.get(..HEADER_LEN).ok_or(Error::Truncated)?;
            if !has_magic(header) {
                return Err(Error::BadMagic);
            }
            let field = |i: usize| hex_field(header.get(6 + 8 * i..14 + 8 * i));
            let ino = field(0)?;
            let mode = field(1)?;
            let uid = field(2)?;
            let gid = field(3)?;
            let nlink = field(4)?;
            let mtime = field(5)?;
            let file_size = usize_of(field(6)?)?;
            // Fields 7 and 8 (the device holding the file) and 12 (the
            // checksum) are checked for digits but otherwise unused.
            for i in [7, 8, 12] {
                field(i)?;
            }
            let rdev = (field(9)?, field(10)?);
            let name_size = usize_of(field(11)?)?;

            let name_start = start + HEADER_LEN;
            let name_end = name_start.checked_add(name_size).ok_or(Error::Truncated)?;
            let name_field = self
                .archive
                .get(name_start..name_end)
                .ok_or(Error::Truncated)?;
            if !name_field.contains(&0) {
                return Err(Error::NameNotTerminated);
            }
            let name = until_nul(name_field);

            let data_start = align4(name_end);
            let (data, next) = if file_size == 0 {
                (&[][..], data_start.min(self.archive.len()))
            } else {
                let data_end = data_start
                    .checked_add(file_size)
                    .ok_or(Error::SizePastEnd)?;
                let data = self
                    .archive
                    .get(data_start..data_end)
                    .ok_or(Error::SizePastEnd)?;
                (data, align4(data_end).min(self.archive.len()))
            };
            self.pos = next;

            if name == TRAILER {
                self.trailers = self.trailers.saturating_add(1);
                self.between_archives = true;
                continue;
            }
            self.between_archives = false;
            let path = Path::new("", utf8(name)?)?;
            let kind = Kind::from_mode(mode).ok_or(Error::Unsupported)?;
            let is_device = matches!(kind, Kind::CharDevice | Kind::BlockDevice);
            return Ok(Some(Entry {
                path,
                kind,
                mode: mode & 0o7777,
                uid,
                gid,
                mtime: mtime.into(),
                data: if matches!(kind, Kind::File | Kind::Symlink) {
                    data
                } else {
                    &[]
                },
                nlink,
                ino: ino.into(),
                link_target: None,
                rdev: if is_device { rdev } else { (0, 0) },
            }));
        }
    }
}

/// `n` rounded up to a multiple of 4 (`n` is at most the input length, so
/// this cannot overflow).
fn align4(n: usize) -> usize {
    n.saturating_add(3) & !3
}

/// A `u32` size as `usize` (a size that does not fit cannot fit the input).
fn usize_of(n: u32) -> Result<usize, Error> {
    usize::try_from(n).map_err(|_| Error::SizePastEnd)
}

/// Value of an 8-digit hex field (either case). `None` (field past the end
/// of the header) cannot happen for the fixed offsets used here; it is
/// reported as [`Error::Truncated`] rather than assumed away.
fn hex_field(field: Option<&[u8]>) -> Result<u32, Error> {
    let mut value = 0u32;
    for &c in field.ok_or(Error::Truncated)? {
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => return Err(Error::BadNumber),
        };
        // Eight digits exactly fill the 32 bits.
        value = (value << 4) | u32::from(digit);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_fields() {
        assert_eq!(hex_field(Some(b"0000001F")), Ok(31));
        assert_eq!(hex_field(Some(b"ffffffff")), Ok(u32::MAX));
        assert_eq!(hex_field(Some(b"+0000001")), Err(Error::BadNumber));
        assert_eq!(hex_field(Some(b" 0000001")), Err(Error::BadNumber));
        assert_eq!(hex_field(None), Err(Error::Truncated));
    }

    #[test]
    fn alignment() {
        assert_eq!([0, 1, 4, 5, 7, 8].map(align4), [0, 4, 4, 8, 8, 8]);
        assert_eq!(skip_zeros(&[0, 0, 1], 0), 2);
        assert_eq!(skip_zeros(&[0, 0], 0), 2);
        assert_eq!(skip_zeros(&[0, 0], 5), 5);
    }
}
