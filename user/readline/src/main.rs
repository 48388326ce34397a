//! Reads lines from stdin and writes each back upper-cased, until end of
//! file, then passes. Under Exo-OS the QEMU test types into the console
//! terminal and checks line editing (erase) and echo.

use exo_testkit::Checks;
use std::io::{BufRead, Write};

fn main() {
    let mut checks = Checks::new("readline");
    println!("readline: ready");
    let mut lines = 0;
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        match line {
            Ok(l) => {
                println!("{}", l.to_uppercase());
                let _ = std::io::stdout().flush();
                lines += 1;
            }
            Err(e) => {
                checks.check(false, format!("read: {e}"));
                break;
            }
        }
    }
    checks.check(true, format!("{lines} lines until end of file"));
    checks.finish();
}
