//! [`Outcome`]: what one QEMU run printed and how it ended, with assertions
//! that show the whole serial log when they fail.

use std::time::Duration;

/// The result of one QEMU run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// QEMU's exit code; `None` if it was killed by a signal (timeout).
    pub status: Option<i32>,
    /// Everything the guest wrote to its serial port (QEMU's stdout).
    pub serial: String,
    /// QEMU's own messages (its stderr), kept apart from the serial log.
    pub stderr: String,
    /// True if QEMU ran past its timeout and was killed.
    pub timed_out: bool,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    /// The QEMU command line, for failure reports.
    pub command: String,
}

impl Outcome {
    /// Fails the test with `why`, the QEMU command, its status, its stderr
    /// and the whole serial log.
    pub fn fail(&self, why: &str) -> ! {
        panic!(
            "{why}\n--- command: {}\n--- status: {:?}{}, {:.2?}\n--- QEMU stderr:\n{}\n--- serial log:\n{}\n--- end of serial log",
            self.command,
            self.status,
            if self.timed_out { " (timed out)" } else { "" },
            self.elapsed,
            self.stderr.trim_end(),
            self.serial.trim_end()
        )
    }

    /// Fails unless the serial log contains `needle`.
    pub fn assert_contains(&self, needle: &str) {
        if !self.serial.contains(needle) {
            self.fail(&format!("serial log does not contain {needle:?}"));
        }
    }

    /// Fails if the serial log contains `needle`.
    pub fn assert_not_contains(&self, needle: &str) {
        if let Some(line) = self.serial.lines().find(|l| l.contains(needle)) {
            self.fail(&format!("serial log contains {needle:?}: {line:?}"));
        }
    }

    /// Fails unless QEMU exited by itself with `code`.
    pub fn assert_status(&self, code: i32) {
        if self.timed_out || self.status != Some(code) {
            self.fail(&format!("expected QEMU exit status {code}"));
        }
    }

    /// Fails unless QEMU exited with status 0 (ACPI power off; note that a
    /// triple fault under `-no-reboot` also gives 0, so check the log too).
    pub fn assert_powered_off(&self) {
        self.assert_status(0);
    }

    /// Fails unless the kernel stopped through isa-debug-exit (status 3).
    pub fn assert_debug_exit_failure(&self) {
        self.assert_status(crate::DEBUG_EXIT_FAILURE);
    }

    /// The log messages: each serial line with its `[    1.234567] `
    /// timestamp removed (lines without one are returned as they are).
    pub fn messages(&self) -> impl Iterator<Item = &str> {
        self.serial.lines().map(|l| l.trim_end_matches('\r')).map(strip_timestamp)
    }

    /// Messages that start with `prefix` (e.g. `"APIC:"`, which does not
    /// match `IO-APIC: ...` or `APIC timer: ...`).
    pub fn messages_starting_with(&self, prefix: &str) -> Vec<&str> {
        self.messages().filter(|m| m.starts_with(prefix)).collect()
    }

    /// The single message starting with `prefix`; fails if there are none
    /// or several.
    pub fn one_message(&self, prefix: &str) -> &str {
        match self.messages_starting_with(prefix)[..] {
            [one] => one,
            [] => self.fail(&format!("no log line starts with {prefix:?}")),
            ref many => self.fail(&format!("{} log lines start with {prefix:?}: {many:?}", many.len())),
        }
    }

    /// The number right after the first occurrence of `pattern` in the log
    /// (e.g. `ready in ` gives N from `ready in N ms`); fails if absent.
    pub fn number_after(&self, pattern: &str) -> u64 {
        number_after(&self.serial, pattern)
            .unwrap_or_else(|| self.fail(&format!("no number after {pattern:?} in the serial log")))
    }
}

/// The decimal number right after the first occurrence of `pattern` in
/// `text`, or None if `pattern` is absent or not followed by a digit.
pub fn number_after(text: &str, pattern: &str) -> Option<u64> {
    let rest = &text[text.find(pattern)? + pattern.len()..];
    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// Removes a leading `[ seconds.micros] ` timestamp, if there is one.
fn strip_timestamp(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix('[') {
        if let Some((stamp, msg)) = rest.split_once("] ") {
            if stamp.trim_start().chars().all(|c| c.is_ascii_digit() || c == '.') {
                return msg;
            }
        }
    }
    line
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn numbers_and_timestamps() {
        assert_eq!(number_after("[    0.03] ready in 33 ms", "ready in "), Some(33));
        assert_eq!(number_after("ready in ms", "ready in "), None);
        assert_eq!(number_after("before 12 after 12", "after "), Some(12));
        assert_eq!(strip_timestamp("[    0.033753] ready in 33 ms"), "ready in 33 ms");
        assert_eq!(strip_timestamp("[x] y"), "[x] y");
        assert_eq!(strip_timestamp("RIP=0x1"), "RIP=0x1");
    }
}
