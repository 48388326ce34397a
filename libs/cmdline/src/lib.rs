//! The kernel command line, parsed with Linux conventions.
//!
//! The boot loader hands the kernel one string such as
//! `init=/sbin/init loglevel=7 console=ttyS0,115200 console=tty0 quiet -- -s single`.
//! [`Cmdline`] borrows it and answers questions about it; the conventions are
//! those of Linux `Documentation/admin-guide/kernel-parameters.rst` and of the
//! tokenizer `next_arg()` in `lib/cmdline.c` / `kernel/params.c`.
//!
//! # Design
//!
//! * No allocation and no copying: every answer is a sub-slice of the raw
//!   string, so the crate works in `no_std` without `alloc` and before the
//!   heap exists. The price is that quotes can only be removed where they sit
//!   at the edge of a slice (start of the word, start of the value, end of the
//!   word), which is exactly where Linux's `next_arg()` removes them.
//! * Nothing is cached: each query re-scans the string. Command lines are a
//!   few hundred bytes and are queried a handful of times during boot.
//! * Total on any input: every byte position is checked before use and slices
//!   are only cut next to ASCII bytes, so arbitrary (even odd UTF-8) input
//!   never panics.
#![no_std]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate std;

#[cfg(test)]
mod tests;

/// Whitespace that separates words: C `isspace()` in the "C" locale
/// (space, `\t`, `\n`, `\v`, `\f`, `\r`), as used by Linux `next_arg()`.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Iterator over the raw words of a string: runs of non-whitespace, where
/// whitespace between double quotes does not end a word (quotes kept).
#[derive(Clone, Debug)]
struct Words<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.rest.as_bytes();
        let start = bytes.iter().position(|&b| !is_space(b))?;
        let mut in_quote = false;
        let mut end = start;
        while end < bytes.len() && (in_quote || !is_space(bytes[end])) {
            if bytes[end] == b'"' {
                in_quote = !in_quote;
            }
            end += 1;
        }
        let word = &self.rest[start..end];
        self.rest = &self.rest[end..];
        Some(word)
    }
}

/// Strips one leading `"` if present; reports whether it did.
fn strip_open_quote(s: &str) -> (&str, bool) {
    match s.strip_prefix('"') {
        Some(inner) => (inner, true),
        None => (s, false),
    }
}

/// Strips one trailing `"` if present.
fn strip_close_quote(s: &str) -> &str {
    s.strip_suffix('"').unwrap_or(s)
}

/// Splits a raw word into `(key, value)` the way Linux `next_arg()` does:
/// a leading quote of the word and of the value, and one trailing quote, are
/// removed; the key ends at the first `=`.
fn split_param(word: &str) -> (&str, Option<&str>) {
    let (word, quoted) = strip_open_quote(word);
    match word.find('=') {
        None if quoted => (strip_close_quote(word), None),
        None => (word, None),
        Some(eq) => {
            let (value, value_quoted) = strip_open_quote(&word[eq + 1..]);
            let value = if quoted || value_quoted {
                strip_close_quote(value)
            } else {
                value
            };
            (&word[..eq], Some(value))
        }
    }
}

/// True for the word that ends kernel parameters (`--`, possibly quoted).
fn is_separator(word: &str) -> bool {
    split_param(word) == ("--", None)
}

/// A borrowed kernel command line.
///
/// Shape: wraps the raw `&'a str` handed over by the boot loader (Multiboot2
/// "boot command line" tag, Limine `cmdline`, ...); every returned string
/// borrows from it with lifetime `'a`. Never panics, whatever the input.
/// Convention: Linux `Documentation/admin-guide/kernel-parameters.rst`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cmdline<'a> {
    raw: &'a str,
}

impl<'a> Cmdline<'a> {
    /// Wraps `raw` without parsing it (parsing is lazy, per query).
    pub fn new(raw: &'a str) -> Self {
        Cmdline { raw }
    }

    /// The raw command line, unchanged.
    pub fn as_str(&self) -> &'a str {
        self.raw
    }

    /// Kernel parameters: the words before the first standalone `--`, in order.
    ///
    /// Yields `(key, Some(value))` for `key=value` (split at the first `=`;
    /// `key=` gives `Some("")`, `=value` gives key `""`) and `(flag, None)` for
    /// a bare `flag`. Words are separated by ASCII whitespace (C `isspace`);
    /// whitespace inside double quotes does not split. Quotes are removed as
    /// Linux `next_arg()` (lib/cmdline.c) removes them: `key="a b c"` gives
    /// value `a b c`, `"key=a b"` gives key `key`, value `a b`; quotes in the
    /// middle of a word are kept. An unbalanced quote runs to the end of the
    /// string.
    pub fn params(&self) -> Params<'a> {
        Params {
            words: Words { rest: self.raw },
            done: false,
        }
    }

    /// The value of the last `key=value` parameter (Linux: later parameters
    /// override earlier ones). `key=` gives `Some("")`. Bare `key` words
    /// carry no value and are skipped, so a line with only bare `key` gives
    /// `None` (use [`Cmdline::has`]). Keys compare byte for byte (Linux's
    /// `-`/`_` equivalence for module parameters is not applied).
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.params()
            .filter(|&(k, _)| k == key)
            .filter_map(|(_, v)| v)
            .last()
    }

    /// True if `key` appears as a parameter, bare or with a value.
    pub fn has(&self, key: &str) -> bool {
        self.params().any(|(k, _)| k == key)
    }

    /// The `init=` program path (Linux kernel-parameters.rst `init=`), if given.
    pub fn init(&self) -> Option<&'a str> {
        self.get("init")
    }

    /// Console log level, `0..=7` (Linux `KERN_EMERG` = 0 .. `KERN_DEBUG` = 7).
    ///
    /// The last `loglevel=N` whose value is all ASCII digits wins, values
    /// above 7 clamp to 7, other values are ignored. Without a usable
    /// `loglevel=`, `quiet` gives 4 and `debug` gives 7 (Linux
    /// `CONSOLE_LOGLEVEL_QUIET`; `CONSOLE_LOGLEVEL_DEBUG` clamped), the later
    /// of the two winning if both appear; otherwise `None` and the caller keeps
    /// its default. Source: kernel-parameters.rst `loglevel=`, `quiet`, `debug`.
    pub fn loglevel(&self) -> Option<u8> {
        let explicit = self
            .params()
            .filter(|&(k, _)| k == "loglevel")
            .filter_map(|(_, v)| parse_level(v?))
            .last();
        explicit.or_else(|| {
            self.params()
                .filter_map(|(k, _)| match k {
                    "quiet" => Some(4),
                    "debug" => Some(7),
                    _ => None,
                })
                .last()
        })
    }

    /// True if the `quiet` parameter is present (bare or with a value, as
    /// Linux `early_param("quiet", ...)` matches on the key only).
    pub fn quiet(&self) -> bool {
        self.has("quiet")
    }

    /// Each `console=` value in order, split at the first `,` into
    /// `(name, options)`: `ttyS0,115200n8` gives `("ttyS0", Some("115200n8"))`,
    /// `tty0` gives `("tty0", None)`; empty options (`ttyS0,`) give `None`.
    /// Bare `console` words are skipped. Source: kernel-parameters.rst
    /// `console=` and Documentation/admin-guide/serial-console.rst.
    pub fn consoles(&self) -> Consoles<'a> {
        Consoles {
            params: self.params(),
        }
    }

    /// Arguments for init: the words after the first standalone `--`, in
    /// order (`argv[1..]`; later `--` words are passed through as ordinary
    /// arguments). A quote at the start of a word and one at its end are
    /// removed (`"a b"` gives `a b`); quotes inside a word are kept
    /// (`k="a b"` stays `k="a b"`, where Linux would copy it to `k=a b`).
    /// Source: kernel-parameters.rst ("Everything after `--` is passed as an
    /// argument to init").
    pub fn init_args(&self) -> InitArgs<'a> {
        let mut words = Words { rest: self.raw };
        let found = words.by_ref().any(is_separator);
        InitArgs {
            words: Words {
                rest: if found { words.rest } else { "" },
            },
        }
    }
}

/// Parses a log level: ASCII digits only (at least one), saturating, clamped to 7.
fn parse_level(v: &str) -> Option<u8> {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = v.bytes().fold(0u32, |n, b| {
        n.saturating_mul(10).saturating_add(u32::from(b - b'0'))
    });
    Some(n.min(7) as u8)
}

/// Iterator over kernel parameters, from [`Cmdline::params`].
///
/// Item: `(key, Option<value>)`, both borrowed from the command line. Stops
/// at the first standalone `--` and stays finished afterwards.
#[derive(Clone, Debug)]
pub struct Params<'a> {
    words: Words<'a>,
    done: bool,
}

impl<'a> Iterator for Params<'a> {
    type Item = (&'a str, Option<&'a str>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.words.next().map(split_param) {
            Some(("--", None)) | None => {
                self.done = true;
                None
            }
            some => some,
        }
    }
}

impl core::iter::FusedIterator for Params<'_> {}

/// Iterator over `console=` entries, from [`Cmdline::consoles`].
///
/// Item: `(name, Option<options>)`, e.g. `("ttyS0", Some("115200n8"))`.
#[derive(Clone, Debug)]
pub struct Consoles<'a> {
    params: Params<'a>,
}

impl<'a> Iterator for Consoles<'a> {
    type Item = (&'a str, Option<&'a str>);

    fn next(&mut self) -> Option<Self::Item> {
        let value = self
            .params
            .by_ref()
            .find_map(|(k, v)| if k == "console" { v } else { None })?;
        Some(match value.split_once(',') {
            Some((name, "")) => (name, None),
            Some((name, options)) => (name, Some(options)),
            None => (value, None),
        })
    }
}

impl core::iter::FusedIterator for Consoles<'_> {}

/// Iterator over the arguments for init, from [`Cmdline::init_args`].
///
/// Item: one `&'a str` word, enclosing quotes removed; empty if no `--`.
#[derive(Clone, Debug)]
pub struct InitArgs<'a> {
    words: Words<'a>,
}

impl<'a> Iterator for InitArgs<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (word, quoted) = strip_open_quote(self.words.next()?);
        Some(if quoted {
            strip_close_quote(word)
        } else {
            word
        })
    }
}

impl core::iter::FusedIterator for InitArgs<'_> {}
