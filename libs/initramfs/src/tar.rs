//! ustar (POSIX.1-1988), GNU and PAX tar archives.
//!
//! Layout (POSIX `pax` "ustar Interchange Format", GNU tar's `tar.h`): a
//! sequence of 512-byte header blocks, each followed by its data rounded up to
//! whole blocks; a zero block ends the archive. Header fields (offset, length):
//! name 0/100, mode 100/8, uid 108/8, gid 116/8, size 124/12, mtime 136/12,
//! chksum 148/8, typeflag 156, linkname 157/100, magic 257/6, version 263/2,
//! uname, gname, devmajor 329/8, devminor 337/8, and for POSIX ustar only,
//! prefix 345/155 (GNU stores times there instead).
//!
//! # Design
//!
//! Every header must carry a ustar magic (POSIX `ustar\0` or GNU `ustar  \0`)
//! and a valid checksum, so garbage is not read as entries. Numbers are octal,
//! space or NUL terminated, or GNU base-256 for large values. Names come, in
//! order of precedence, from a PAX `path` record, a GNU `L` (long name)
//! header, or the `prefix` and `name` fields. The extension headers (`x`,
//! `L`, `K`) are read in the same `next` call as the entry they describe, so
//! their state never outlives it; PAX global headers (`g`) are skipped.
//! Of the PAX records, `path`, `linkpath`, `size`, `uid`, `gid` and `mtime`
//! are applied and the rest (times, xattrs, user names) ignored.
//!
//! Like GNU tar, the first zero block ends the archive (POSIX writes two) and
//! what follows is ignored. Input that ends before a zero block is
//! [`Error::Truncated`]. Type flags this crate cannot represent (GNU sparse
//! `S`, multi-volume `M`, dump directories `D`, volume labels `V`, vendor
//! types) are [`Error::Unsupported`] rather than guessed to be files.

use crate::path::{relative, until_nul, utf8, Path};
use crate::{Entry, Error, Kind};

/// Size of a header and of a data block in bytes.
const BLOCK_LEN: usize = 512;
/// POSIX ustar magic and its offset in a header.
const MAGIC_POSIX: &[u8] = b"ustar\0";
/// GNU tar magic with its version field.
const MAGIC_GNU: &[u8] = b"ustar  \0";
const MAGIC_OFFSET: usize = 257;

/// True if `archive` starts with a header carrying a ustar or GNU magic
/// (even if the header is cut short: the reader reports that).
pub(crate) fn has_magic(archive: &[u8]) -> bool {
    header_magic(archive).is_some()
}

/// Header flavour by magic: `Some(true)` POSIX ustar, `Some(false)` GNU.
fn header_magic(header: &[u8]) -> Option<bool> {
    if header.get(MAGIC_OFFSET..MAGIC_OFFSET + MAGIC_POSIX.len()) == Some(MAGIC_POSIX) {
        Some(true)
    } else if header.get(MAGIC_OFFSET..MAGIC_OFFSET + MAGIC_GNU.len()) == Some(MAGIC_GNU) {
        Some(false)
    } else {
        None
    }
}

/// Metadata from extension headers (`x`, `L`, `K`) for the next entry.
#[derive(Default)]
struct Extensions<'a> {
    /// Set once any extension header has been read.
    any: bool,
    path: Option<&'a str>,
    link: Option<&'a [u8]>,
    long_name: Option<&'a str>,
    long_link: Option<&'a [u8]>,
    size_bytes: Option<u64>,
    uid: Option<u32>,
    gid: Option<u32>,
    mtime: Option<u64>,
}

/// Iterator state over one tar archive.
pub(crate) struct Reader<'a> {
    archive: &'a [u8],
    /// Offset of the next header; a multiple of 512 or the input length.
    pos: usize,
    /// Offset of the header most recently read.
    header_offset: usize,
    /// Set after an error or at the end; `next` then returns `None`.
    done: bool,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(archive: &'a [u8]) -> Self {
        Reader {
            archive,
            pos: 0,
            header_offset: 0,
            done: false,
        }
    }

    pub(crate) fn header_offset(&self) -> usize {
        self.header_offset
    }

    /// Next entry other than the root (`./`); `None` at the end and after an error.
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

    /// Reads the extension headers and header of one entry and advances past
    /// its data. `Ok(None)` is the end-of-archive block.
    fn read_entry(&mut self) -> Result<Option<Entry<'a>>, Error> {
        let mut ext = Extensions::default();
        loop {
            let start = self.pos;
            self.header_offset = start;
            let end = start.checked_add(BLOCK_LEN).ok_or(Error::Truncated)?;
            let header = self.archive.get(start..end).ok_or(Error::Truncated)?;
            if header.iter().all(|&b| b == 0) {
                // An extension header must be followed by its entry.
                return if ext.any {
                    Err(Error::Truncated)
                } else {
                    Ok(None)
                };
            }
            let posix = header_magic(header).ok_or(Error::BadMagic)?;
            check_checksum(header)?;
            let field = |at: usize, len: usize| header.get(at..at + len).unwrap_or(&[]);

            let type_flag = header.get(156).copied().unwrap_or(0);
            let is_extension = matches!(type_flag, b'x' | b'g' | b'L' | b'K');
            let header_size = number(field(124, 12))?;
            let size = if is_extension {
                header_size
            } else {
                ext.size_bytes.unwrap_or(header_size)
            };
            let size = usize::try_from(size).map_err(|_| Error::SizePastEnd)?;
            let data_end = end.checked_add(size).ok_or(Error::SizePastEnd)?;
            let data = self.archive.get(end..data_end).ok_or(Error::SizePastEnd)?;
            let blocks_end = data_end
                .checked_next_multiple_of(BLOCK_LEN)
                .unwrap_or(usize::MAX);
            self.pos = blocks_end.min(self.archive.len());

            match type_flag {
                b'x' => parse_pax(data, &mut ext)?,
                b'L' => ext.long_name = Some(utf8(until_nul(data))?),
                b'K' => ext.long_link = Some(until_nul(data)),
                _ => {}
            }
            if is_extension {
                ext.any |= type_flag != b'g';
                continue;
            }

            let name = utf8(until_nul(field(0, 100)))?;
            let (head, tail) = match (ext.path, ext.long_name) {
                (Some(path), _) | (None, Some(path)) => ("", path),
                (None, None) if posix => (utf8(until_nul(field(345, 155)))?, name),
                (None, None) => ("", name),
            };
            let kind = match type_flag {
                // Pre-POSIX tar marked directories by a trailing slash.
                b'0' | 0 if tail.ends_with('/') => Kind::Directory,
                b'0' | 0 | b'7' => Kind::File,
                b'1' => Kind::HardLink,
                b'2' => Kind::Symlink,
                b'3' => Kind::CharDevice,
                b'4' => Kind::BlockDevice,
                b'5' => Kind::Directory,
                b'6' => Kind::Fifo,
                _ => return Err(Error::Unsupported),
            };
            let path = Path::new(head, tail)?;
            let link = ext
                .link
                .or(ext.long_link)
                .unwrap_or_else(|| until_nul(field(157, 100)));
            let link_target = match kind {
                Kind::HardLink => match relative(utf8(link)?)? {
                    "" => return Err(Error::UnsafePath), // a link to the root
                    target => Some(target),
                },
                _ => None,
            };
            let id = |value: Option<u32>, at| match value {
                Some(v) => Ok(v),
                None => u32::try_from(number(field(at, 8))?).map_err(|_| Error::BadNumber),
            };
            let is_device = matches!(kind, Kind::CharDevice | Kind::BlockDevice);
            let rdev = if is_device {
                (id(None, 329)?, id(None, 337)?)
            } else {
                (0, 0)
            };
            return Ok(Some(Entry {
                path,
                kind,
                mode: id(None, 100)? & 0o7777,
                uid: id(ext.uid, 108)?,
                gid: id(ext.gid, 116)?,
                mtime: match ext.mtime {
                    Some(t) => t,
                    None => number(field(136, 12))?,
                },
                data: match kind {
                    Kind::File => data,
                    Kind::Symlink => link,
                    _ => &[],
                },
                nlink: 1,
                ino: 0,
                link_target,
                rdev,
            }));
        }
    }
}

/// Checks the header checksum: the octal `chksum` field must equal the sum
/// of the header bytes with that field read as spaces, taken as unsigned
/// bytes (POSIX) or as signed ones (some historic writers; GNU accepts both).
fn check_checksum(header: &[u8]) -> Result<(), Error> {
    let field = header.get(148..156).unwrap_or(&[]);
    let stored = number(field)?;
    // One pass: the unsigned sum, and the bytes >= 128, each of which counts
    // 256 less when read as signed.
    let (mut unsigned, mut high) = (0u64, 0u64);
    for &b in header {
        unsigned += u64::from(b);
        high += u64::from(b >> 7);
    }
    for &b in field {
        unsigned -= u64::from(b);
        high -= u64::from(b >> 7);
    }
    unsigned += 8 * u64::from(b' ');
    // `unsigned` is at most 512 * 255, so the signed sum fits an i64.
    let signed = unsigned as i64 - 256 * high as i64;
    if stored == unsigned || i64::try_from(stored) == Ok(signed) {
        Ok(())
    } else {
        Err(Error::BadChecksum)
    }
}

/// Value of a numeric header field: octal digits after optional spaces,
/// ended by a space or NUL (an empty field is 0); or GNU base-256 when the
/// first byte has its high bit set (negative values are rejected).
///
/// Errors: [`Error::BadNumber`] for any other byte or a value over `u64`.
fn number(field: &[u8]) -> Result<u64, Error> {
    if let Some((&first, rest)) = field.split_first() {
        if first & 0x80 != 0 {
            if first & 0x40 != 0 {
                return Err(Error::BadNumber); // negative
            }
            return rest
                .iter()
                .try_fold(u64::from(first & 0x3f), |acc, &b| {
                    Some(acc.checked_mul(256)? | u64::from(b))
                })
                .ok_or(Error::BadNumber);
        }
    }
    let mut value = 0u64;
    let mut digits = field.iter().skip_while(|&&b| b == b' ');
    for &b in digits.by_ref() {
        match b {
            b'0'..=b'7' => {
                value = value.checked_mul(8).ok_or(Error::BadNumber)? | u64::from(b - b'0');
            }
            b' ' | 0 => break,
            _ => return Err(Error::BadNumber),
        }
    }
    if digits.all(|&b| b == b' ' || b == 0) {
        Ok(value)
    } else {
        Err(Error::BadNumber)
    }
}

/// Applies the records of a PAX extended header (`"<len> <key>=<value>\n"`,
/// `len` counting the whole record in decimal) to `ext`. An empty value
/// cancels the keyword, as POSIX specifies.
///
/// Errors: [`Error::BadExtendedHeader`] for a malformed record or number,
/// [`Error::NameNotUtf8`] for a `path` that is not UTF-8.
fn parse_pax<'a>(mut records: &'a [u8], ext: &mut Extensions<'a>) -> Result<(), Error> {
    const BAD: Error = Error::BadExtendedHeader;
    // Some writers pad the data with NULs; nothing follows them.
    while records.first().is_some_and(|&b| b != 0) {
        let space = records.iter().position(|&b| b == b' ').ok_or(BAD)?;
        let len = decimal(records.get(..space).ok_or(BAD)?).ok_or(BAD)?;
        let len = usize::try_from(len).map_err(|_| BAD)?;
        let record = records.get(..len).ok_or(BAD)?;
        let (body, newline) = record
            .get(space + 1..)
            .and_then(|r| r.split_last().map(|(n, b)| (b, *n)))
            .ok_or(BAD)?;
        if newline != b'\n' {
            return Err(BAD);
        }
        let eq = body.iter().position(|&b| b == b'=').ok_or(BAD)?;
        let (key, value) = (body.get(..eq).ok_or(BAD)?, body.get(eq + 1..).ok_or(BAD)?);
        let present = !value.is_empty();
        let id = |v: &[u8]| decimal(v).and_then(|n| u32::try_from(n).ok()).ok_or(BAD);
        match key {
            b"path" => {
                ext.path = if present {
                    Some(utf8(until_nul(value))?)
                } else {
                    None
                }
            }
            b"linkpath" => ext.link = present.then(|| until_nul(value)),
            b"size" => {
                ext.size_bytes = if present {
                    Some(decimal(value).ok_or(BAD)?)
                } else {
                    None
                }
            }
            b"uid" => ext.uid = if present { Some(id(value)?) } else { None },
            b"gid" => ext.gid = if present { Some(id(value)?) } else { None },
            // Seconds, maybe with a fraction; a time before 1970 keeps the header's.
            b"mtime" => {
                let seconds = value.split(|&b| b == b'.').next().unwrap_or(&[]);
                ext.mtime = if seconds.first() == Some(&b'-') {
                    None
                } else {
                    decimal(seconds)
                };
            }
            _ => {}
        }
        records = records.get(len..).ok_or(BAD)?;
    }
    Ok(())
}

/// Value of a non-empty run of decimal digits, `None` otherwise or on overflow.
fn decimal(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u64, |acc, &b| {
        let digit = char::from(b).to_digit(10)?;
        acc.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number(b"0000644\0"), Ok(0o644));
        assert_eq!(number(b"  12345 \0"), Ok(0o12345));
        assert_eq!(number(b"\0\0\0\0"), Ok(0));
        assert_eq!(number(b"        "), Ok(0));
        assert_eq!(number(b"0001\x00x"), Err(Error::BadNumber));
        assert_eq!(number(b"00018\0"), Err(Error::BadNumber));
        assert_eq!(number(b"+0001\0"), Err(Error::BadNumber));
        assert_eq!(
            number(&[0x80, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]),
            Ok(1 << 32)
        );
        assert_eq!(number(&[0xff; 12]), Err(Error::BadNumber));
        assert_eq!(
            number(&[0x80, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            Err(Error::BadNumber)
        );
    }

    #[test]
    fn pax_records() {
        let mut ext = Extensions::default();
        let data = b"30 mtime=1700000000.123456789\n16 path=a/b/c/d\n14 size=12345\n10 uid=42\n";
        parse_pax(data, &mut ext).unwrap();
        assert_eq!(ext.path, Some("a/b/c/d"));
        assert_eq!(ext.size_bytes, Some(12345));
        assert_eq!(ext.uid, Some(42));
        assert_eq!(ext.mtime, Some(1_700_000_000));
        for bad in [
            &b"9 path=ab\n"[..],
            b"8 path=ab\n",
            b"x path=a\n",
            b"7 path\n",
            b"99999999999999999999999 a=b\n",
        ] {
            assert_eq!(
                parse_pax(bad, &mut Extensions::default()),
                Err(Error::BadExtendedHeader),
                "{bad:?}"
            );
        }
    }
}
