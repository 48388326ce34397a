//! Unit and property-style tests for the command line parser.

use super::*;
use std::string::String;
use std::vec::Vec;

const LINUX: &str =
    "init=/sbin/init loglevel=7 console=ttyS0,115200 console=tty0 quiet -- -s single";

fn params(s: &str) -> Vec<(&str, Option<&str>)> {
    Cmdline::new(s).params().collect()
}

fn init_args(s: &str) -> Vec<&str> {
    Cmdline::new(s).init_args().collect()
}

fn consoles(s: &str) -> Vec<(&str, Option<&str>)> {
    Cmdline::new(s).consoles().collect()
}

#[test]
fn linux_example() {
    let c = Cmdline::new(LINUX);
    assert_eq!(
        params(LINUX),
        [
            ("init", Some("/sbin/init")),
            ("loglevel", Some("7")),
            ("console", Some("ttyS0,115200")),
            ("console", Some("tty0")),
            ("quiet", None),
        ]
    );
    assert_eq!(c.init(), Some("/sbin/init"));
    assert_eq!(c.loglevel(), Some(7));
    assert!(c.quiet());
    assert_eq!(consoles(LINUX), [("ttyS0", Some("115200")), ("tty0", None)]);
    assert_eq!(init_args(LINUX), ["-s", "single"]);
    assert_eq!(c.as_str(), LINUX);
}

#[test]
fn params_flags_and_values() {
    assert_eq!(
        params("ro  root=/dev/sda1\tnosmp\n"),
        [("ro", None), ("root", Some("/dev/sda1")), ("nosmp", None)]
    );
    // Split at the first '=' only.
    assert_eq!(params("a=b=c"), [("a", Some("b=c"))]);
}

#[test]
fn get_and_has() {
    let c = Cmdline::new("foo=1 bar foo=2 empty= baz=3 baz");
    assert_eq!(c.get("foo"), Some("2"), "later parameters override earlier");
    assert_eq!(c.get("bar"), None, "bare flag has no value");
    assert!(c.has("bar"));
    assert_eq!(c.get("empty"), Some(""));
    assert!(c.has("empty"));
    assert_eq!(
        c.get("baz"),
        Some("3"),
        "a later bare word keeps the last value"
    );
    assert!(!c.has("missing"));
    assert_eq!(c.get("missing"), None);
    assert!(!c.has("fo"), "keys match whole");
    // Parameters after `--` belong to init, not to the kernel.
    let c = Cmdline::new("a=1 -- b=2 c");
    assert!(!c.has("b") && !c.has("c") && c.get("b").is_none());
}

#[test]
fn init_param() {
    assert_eq!(Cmdline::new("init=/bin/sh").init(), Some("/bin/sh"));
    assert_eq!(Cmdline::new("init=/a init=/b").init(), Some("/b"));
    assert_eq!(Cmdline::new("ro").init(), None);
    assert_eq!(Cmdline::new("init").init(), None);
}

#[test]
fn loglevel_rules() {
    let lvl = |s| Cmdline::new(s).loglevel();
    assert_eq!(lvl(""), None);
    assert_eq!(lvl("loglevel=3"), Some(3));
    assert_eq!(lvl("loglevel=3 loglevel=5"), Some(5));
    assert_eq!(lvl("loglevel=9"), Some(7));
    assert_eq!(lvl("loglevel=99999999999999999999999"), Some(7));
    assert_eq!(lvl("loglevel=0"), Some(0));
    assert_eq!(
        lvl("loglevel=2 loglevel=x loglevel= loglevel=-1 loglevel"),
        Some(2)
    );
    assert_eq!(lvl("loglevel=x"), None);
    assert_eq!(lvl("quiet"), Some(4));
    assert_eq!(lvl("debug"), Some(7));
    assert_eq!(lvl("debug quiet"), Some(4));
    assert_eq!(lvl("quiet debug"), Some(7));
    assert_eq!(lvl("quiet loglevel=1"), Some(1));
    assert_eq!(lvl("loglevel=1 debug"), Some(1));
    assert_eq!(lvl("loglevel=bad quiet"), Some(4));
    assert_eq!(
        lvl("-- quiet loglevel=2"),
        None,
        "init args are not kernel parameters"
    );
}

#[test]
fn quiet_flag() {
    assert!(Cmdline::new("ro quiet").quiet());
    assert!(Cmdline::new("quiet=1").quiet());
    assert!(!Cmdline::new("quietly").quiet());
    assert!(!Cmdline::new("-- quiet").quiet());
}

#[test]
fn console_entries() {
    assert_eq!(
        consoles("console=ttyS0,115200n8"),
        [("ttyS0", Some("115200n8"))]
    );
    assert_eq!(consoles("console=tty0"), [("tty0", None)]);
    assert_eq!(consoles("console=ttyS1,"), [("ttyS1", None)]);
    assert_eq!(
        consoles("console=uart,io,0x3f8,115200"),
        [("uart", Some("io,0x3f8,115200"))]
    );
    assert_eq!(consoles("console console= ro"), [("", None)]);
    assert_eq!(consoles("ro"), []);
    assert_eq!(
        consoles("console=\"ttyS0,9600\""),
        [("ttyS0", Some("9600"))]
    );
}

#[test]
fn init_args_rules() {
    assert_eq!(init_args("ro"), Vec::<&str>::new());
    assert_eq!(init_args("ro --"), Vec::<&str>::new());
    assert_eq!(init_args("-- a"), ["a"]);
    assert_eq!(
        init_args("ro -- a -- b --"),
        ["a", "--", "b", "--"],
        "only the first -- splits"
    );
    assert_eq!(init_args("ro -- \"a b\" k=v \"\""), ["a b", "k=v", ""]);
    assert_eq!(
        init_args("-- k=\"a b\""),
        ["k=\"a b\""],
        "inner quotes are kept"
    );
    assert_eq!(init_args("--x -- y"), ["y"], "--x is not a separator");
    assert_eq!(
        init_args("--= a"),
        Vec::<&str>::new(),
        "--= has a value: a parameter"
    );
    assert_eq!(
        init_args("\"--\" a"),
        ["a"],
        "quoted -- splits, as in Linux"
    );
    assert_eq!(
        params("a --x --= b -- c"),
        [("a", None), ("--x", None), ("--", Some("")), ("b", None)]
    );
}

#[test]
fn quoting() {
    assert_eq!(
        params("key=\"a b c\" x"),
        [("key", Some("a b c")), ("x", None)]
    );
    assert_eq!(params("\"key=a b\" x"), [("key", Some("a b")), ("x", None)]);
    assert_eq!(params("\"flag with space\""), [("flag with space", None)]);
    assert_eq!(
        params("\"k=\"v\"\""),
        [("k", Some("v\""))],
        "like next_arg: one closing quote removed"
    );
    assert_eq!(
        params("\"k=\"a b\"\""),
        [("k", Some("a")), ("b\"\"", None)],
        "quotes toggle, as in next_arg"
    );
    assert_eq!(
        params("a\"b c\"d e"),
        [("a\"b c\"d", None), ("e", None)],
        "inner quotes kept, no split"
    );
    assert_eq!(params("k=\"\""), [("k", Some(""))]);
    assert_eq!(params("\"\""), [("", None)]);
    assert_eq!(params("k=\"x=y\""), [("k", Some("x=y"))]);
    assert_eq!(
        Cmdline::new("dyndbg=\"file a.c +p\" ro").get("dyndbg"),
        Some("file a.c +p")
    );
}

#[test]
fn edge_cases() {
    assert_eq!(params(""), []);
    assert_eq!(params(" \t\n\r\x0b\x0c "), []);
    assert_eq!(init_args(""), Vec::<&str>::new());
    assert_eq!(Cmdline::new("").loglevel(), None);
    assert_eq!(params("=value"), [("", Some("value"))]);
    assert_eq!(params("key="), [("key", Some(""))]);
    assert_eq!(params("="), [("", Some(""))]);
    // Unbalanced quote: the rest of the string is the word.
    assert_eq!(
        params("a k=\"b c -- d"),
        [("a", None), ("k", Some("b c -- d"))]
    );
    assert_eq!(init_args("a k=\"b c -- d"), Vec::<&str>::new());
    assert_eq!(params("\""), [("", None)]);
    assert_eq!(init_args("-- \"x y"), ["x y"]);
    // Non-ASCII text passes through untouched.
    assert_eq!(
        params("nom=é\"ü ß\" ö"),
        [("nom", Some("é\"ü ß\"")), ("ö", None)]
    );
}

/// Tiny xorshift64 PRNG so the test is deterministic and dependency-free.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Reference tokenizer, independent of `Words`: byte ranges of raw words.
fn reference_words(s: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let (mut start, mut in_quote) = (None, false);
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if is_space(b) && !in_quote {
            if let Some(st) = start.take() {
                words.push((st, i));
            }
        } else {
            start.get_or_insert(i);
            if b == b'"' {
                in_quote = !in_quote;
            }
        }
    }
    if let Some(st) = start {
        words.push((st, s.len()));
    }
    words
}

/// Checks that `piece` borrows from `raw` and that each of its whitespace
/// bytes lies inside quotes of the raw word it was cut from.
fn assert_space_only_in_quotes(raw: &str, words: &[(usize, usize)], piece: &str) {
    let offset = piece.as_ptr() as usize - raw.as_ptr() as usize;
    let &(start, end) = words
        .iter()
        .find(|&&(st, en)| st <= offset && offset + piece.len() <= en)
        .expect("every piece lies inside one raw word");
    assert!(end <= raw.len());
    let bytes = raw.as_bytes();
    for p in offset..offset + piece.len() {
        if is_space(bytes[p]) {
            let quotes = bytes[start..p].iter().filter(|&&b| b == b'"').count();
            assert!(
                quotes % 2 == 1,
                "whitespace outside quotes in {piece:?} from {raw:?}"
            );
        }
    }
}

#[test]
fn random_lines_never_panic() {
    const ALPHABET: &[char] = &['=', '"', '-', ' ', 'a', 'b', '\t', ',', 'é', '7'];
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut line = String::new();
    for _ in 0..5000 {
        line.clear();
        let len = (rng.next() % 40) as usize;
        for _ in 0..len {
            line.push(ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize]);
        }
        let c = Cmdline::new(&line);
        let n_params = c.params().count();
        let n_init = c.init_args().count();
        let has_separator = Words { rest: &line }.any(is_separator);
        let words = reference_words(&line);
        assert_eq!(
            n_params + n_init + usize::from(has_separator),
            words.len(),
            "{line:?}"
        );
        for word in c.init_args() {
            assert_space_only_in_quotes(&line, &words, word);
        }
        for (key, value) in c.params() {
            assert_space_only_in_quotes(&line, &words, key);
            if let Some(v) = value {
                assert_space_only_in_quotes(&line, &words, v);
            }
        }
        let _ = (
            c.get("a"),
            c.has("a"),
            c.init(),
            c.quiet(),
            c.consoles().count(),
        );
        assert!(c.loglevel().is_none_or(|l| l <= 7));
    }
}
