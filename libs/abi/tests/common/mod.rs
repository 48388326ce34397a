//! Helpers shared by the tests: reading the Linux uapi headers installed on
//! the build machine (Debian `linux-libc-dev`) and parsing simple `#define`s.
//! Every test that uses them skips its header comparison when a header is
//! missing, so the suite passes on machines without the headers.

#![allow(dead_code, reason = "each test crate uses a different subset")]

use std::fs;

/// Directories searched for uapi headers, most specific first.
const INCLUDE_DIRS: &[&str] = &["/usr/include/x86_64-linux-gnu", "/usr/include"];

/// Text of header `rel` (e.g. `"asm/unistd_64.h"`), or `None` if absent.
pub fn read_header(rel: &str) -> Option<String> {
    INCLUDE_DIRS
        .iter()
        .find_map(|dir| fs::read_to_string(format!("{dir}/{rel}")).ok())
}

/// `text` without its `/* ... */` comments.
fn strip_block_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Every `#define NAME VALUE` of `text` (function-like macros left out), in
/// order, with comments removed and the value trimmed.
pub fn defines(text: &str) -> Vec<(String, String)> {
    strip_block_comments(text)
        .lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix('#')?.trim_start();
            let rest = rest.strip_prefix("define")?;
            if !rest.starts_with([' ', '\t']) {
                return None;
            }
            let rest = rest.trim_start();
            let name_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let (name, value) = rest.split_at(name_len);
            if name.is_empty() || value.starts_with('(') {
                return None;
            }
            let value = value.split("//").next().unwrap_or("").trim();
            Some((name.to_string(), value.to_string()))
        })
        .collect()
}

/// Value of a C integer constant expression of the simple forms used in the
/// uapi headers: decimal, hex or octal literals with `U`/`L` suffixes, a
/// leading minus, parentheses, and `a << b`. `None` for anything else.
pub fn parse_int(expr: &str) -> Option<i128> {
    let mut e = expr.trim();
    while e.starts_with('(') && e.ends_with(')') {
        e = e[1..e.len() - 1].trim();
    }
    if let Some((a, b)) = e.split_once("<<") {
        return Some(parse_int(a)? << parse_int(b)?);
    }
    if let Some(neg) = e.strip_prefix('-') {
        return parse_int(neg).map(|v| -v);
    }
    let e = e.trim_end_matches(['u', 'U', 'l', 'L']);
    if let Some(hex) = e.strip_prefix("0x").or_else(|| e.strip_prefix("0X")) {
        i128::from_str_radix(hex, 16).ok()
    } else if e.len() > 1 && e.starts_with('0') {
        i128::from_str_radix(&e[1..], 8).ok()
    } else {
        e.parse().ok()
    }
}
