//! Entry paths: normalisation, the `..` check, and the two-part [`Path`].
//!
//! # Design
//!
//! An archive name is borrowed from the archive, never copied (the crate has
//! no allocator). A ustar header splits a long name into a `prefix` field and
//! a `name` field that are not adjacent in memory, so one `&str` cannot hold
//! it; [`Path`] therefore keeps up to two borrowed parts and is read through
//! [`Path::components`] (what the unpacker walks to create directories),
//! `Display`, comparison with `&str`, or [`Path::copy_to`]. Every other format
//! (cpio, GNU long names, PAX `path` records) yields a single part, which
//! [`Path::as_str`] returns.
//!
//! Normalisation only trims (leading `/` and `./`, trailing `/`), so the
//! result is still a sub-slice of the archive; `.` and empty components in
//! the middle stay in the text and are skipped by [`Path::components`]. A `..`
//! component anywhere is rejected, so no entry can name anything outside the
//! root it is unpacked into (Linux's `init/initramfs.c` trusts its archive; we
//! prefer not to).

use crate::Error;
use core::fmt;

/// Path of an entry, relative to the root it is unpacked into.
///
/// Invariants for every path the iterator yields: at least one component; no
/// component is `..`; no leading `/` or `./`, no trailing `/`; no NUL byte.
/// Made of one part (`tail`) or, for ustar names that use the `prefix` field,
/// two parts joined by `/` (`head/tail`).
#[derive(Clone, Copy)]
pub struct Path<'a> {
    /// Normalised ustar `prefix`, or `""`.
    head: &'a str,
    /// Normalised name (the whole path when `head` is empty).
    tail: &'a str,
}

impl<'a> Path<'a> {
    /// Builds a normalised path from `head` (may be `""`) and `tail`.
    ///
    /// Errors: [`Error::UnsafePath`] if either part has a `..` component.
    /// The result may have no components (the root); callers skip those.
    pub(crate) fn new(head: &'a str, tail: &'a str) -> Result<Self, Error> {
        Ok(Path {
            head: relative(head)?,
            tail: relative(tail)?,
        })
    }

    /// True if the path has no component (`.`, `/`, `./`, `""`: the root).
    pub(crate) fn is_root(&self) -> bool {
        self.components().next().is_none()
    }

    /// The path's components, first to last, without empty or `.` ones: what a
    /// file system walk needs (`"a/./b//c"` gives `a`, `b`, `c`).
    pub fn components(&self) -> impl Iterator<Item = &'a str> {
        self.head
            .split('/')
            .chain(self.tail.split('/'))
            .filter(|c| !c.is_empty() && *c != ".")
    }

    /// Last component (`"usr/bin/sh"` gives `"sh"`); `""` only for the root,
    /// which the iterator never yields.
    pub fn file_name(&self) -> &'a str {
        self.components().last().unwrap_or("")
    }

    /// The whole path as one borrowed `&str`, if it is stored in one piece
    /// (always for cpio; `None` for a ustar name split over `prefix`/`name`:
    /// use [`components`](Self::components), `Display` or
    /// [`copy_to`](Self::copy_to) then).
    pub fn as_str(&self) -> Option<&'a str> {
        if self.head.is_empty() {
            Some(self.tail)
        } else if self.tail.is_empty() {
            Some(self.head)
        } else {
            None
        }
    }

    /// Length of the joined text (`head/tail`) in bytes.
    pub fn len_bytes(&self) -> usize {
        match self.as_str() {
            Some(s) => s.len(),
            None => self.head.len() + 1 + self.tail.len(),
        }
    }

    /// Copies the joined text into `buf` and returns it, or `None` if `buf` is
    /// shorter than [`len_bytes`](Self::len_bytes).
    pub fn copy_to<'b>(&self, buf: &'b mut [u8]) -> Option<&'b str> {
        let out = buf.get_mut(..self.len_bytes())?;
        let mut at = 0;
        for piece in self.pieces() {
            let dst = out.get_mut(at..at + piece.len())?;
            dst.copy_from_slice(piece.as_bytes());
            at += piece.len();
        }
        core::str::from_utf8(out).ok()
    }

    /// The joined text as up to three pieces: `head`, `"/"`, `tail`.
    fn pieces(&self) -> impl Iterator<Item = &'a str> {
        let pieces: [&'a str; 3] = match self.as_str() {
            Some(s) => [s, "", ""],
            None => [self.head, "/", self.tail],
        };
        pieces.into_iter().filter(|p| !p.is_empty())
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.pieces().try_for_each(|p| f.write_str(p))
    }
}

impl fmt::Debug for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

/// Two paths are equal if their joined texts are (however they are split).
impl PartialEq for Path<'_> {
    fn eq(&self, other: &Path<'_>) -> bool {
        self.pieces()
            .flat_map(str::bytes)
            .eq(other.pieces().flat_map(str::bytes))
    }
}

impl Eq for Path<'_> {}

/// Compares the joined text, byte for byte (no normalisation of `other`).
impl PartialEq<str> for Path<'_> {
    fn eq(&self, other: &str) -> bool {
        let mut rest = other.as_bytes();
        for piece in self.pieces() {
            match rest.strip_prefix(piece.as_bytes()) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.is_empty()
    }
}

impl PartialEq<&str> for Path<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

/// Strips leading `/` and `./` (repeatedly) and trailing `/`; a lone `.`
/// becomes `""`. The result is a sub-slice of `s`.
pub(crate) fn normalize(mut s: &str) -> &str {
    loop {
        if let Some(rest) = s.strip_prefix('/') {
            s = rest;
        } else if let Some(rest) = s.strip_prefix("./") {
            s = rest;
        } else {
            break;
        }
    }
    s = s.trim_end_matches('/');
    if s == "." {
        ""
    } else {
        s
    }
}

/// `s` [normalised](normalize), or [`Error::UnsafePath`] if it has a `..`
/// component. The result is a sub-slice of `s`.
pub(crate) fn relative(s: &str) -> Result<&str, Error> {
    let s = normalize(s);
    if s.split('/').any(|c| c == "..") {
        return Err(Error::UnsafePath);
    }
    Ok(s)
}

/// Bytes of `field` up to its first NUL (all of it if there is none).
pub(crate) fn until_nul(field: &[u8]) -> &[u8] {
    match field.iter().position(|&b| b == 0) {
        Some(end) => field.get(..end).unwrap_or(field),
        None => field,
    }
}

/// `bytes` as UTF-8, or [`Error::NameNotUtf8`].
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    core::str::from_utf8(bytes).map_err(|_| Error::NameNotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_trims_only_the_ends() {
        assert_eq!(normalize("./a/b/"), "a/b");
        assert_eq!(normalize("/././/a"), "a");
        assert_eq!(normalize("."), "");
        assert_eq!(normalize("./"), "");
        assert_eq!(normalize("a/./b"), "a/./b");
        assert_eq!(normalize(".hidden"), ".hidden");
        assert_eq!(normalize("..."), "...");
    }

    #[test]
    fn two_part_paths() {
        let p = Path::new("usr/share", "doc/x").unwrap();
        assert_eq!(p, "usr/share/doc/x");
        assert_eq!(p.as_str(), None);
        assert_eq!(p.len_bytes(), 15);
        assert_eq!(p.file_name(), "x");
        let mut buf = [0u8; 15];
        assert_eq!(p.copy_to(&mut buf), Some("usr/share/doc/x"));
        assert_eq!(p.copy_to(&mut [0u8; 14]), None);
        assert!(p.components().eq(["usr", "share", "doc", "x"]));
        assert_eq!(Path::new("", "a//./b").unwrap().components().count(), 2);
        assert_eq!(Path::new("a/../b", "c"), Err(Error::UnsafePath));
        assert_eq!(Path::new("a", "/.."), Err(Error::UnsafePath));
        assert!(Path::new("./", "/").unwrap().is_root());
    }
}
