//! fork and wait: six children exit with codes 0 to 5; the parent waits for
//! each by pid (newest first, so not in the order they end) and checks
//! `WIFEXITED` and `WEXITSTATUS`. Each child also checks that `getppid` names
//! its parent (exit code 100 if not). With no children left, `wait4(-1, ...,
//! WNOHANG)` and a blocking `waitpid(-1)` must both fail with ECHILD at once.

use exo_testkit::{describe_status, errno, spawn_child, wait_for, Checks};

const CHILDREN: i32 = 6;
const WRONG_PARENT: i32 = 100;

fn main() {
    let mut checks = Checks::new("forkwait");
    // SAFETY: getpid has no preconditions.
    let parent = unsafe { libc::getpid() };

    let mut children = Vec::new();
    for code in 0..CHILDREN {
        let spawned = spawn_child(move || {
            // SAFETY: getppid has no preconditions.
            let ppid = unsafe { libc::getppid() };
            if ppid == parent {
                code
            } else {
                WRONG_PARENT
            }
        });
        match spawned {
            Ok(pid) => children.push((pid, code)),
            Err(e) => {
                checks.check(false, format!("fork child {code}: {e}"));
            }
        }
    }
    let mut pids: Vec<_> = children.iter().map(|&(pid, _)| pid).collect();
    pids.sort_unstable();
    pids.dedup();
    let distinct = pids.len() == children.len() && pids.iter().all(|&p| p > 0 && p != parent);
    checks.check(distinct, format!("{} children with distinct pids", children.len()));

    for &(pid, code) in children.iter().rev() {
        match wait_for(pid) {
            Ok(status) => {
                let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == code;
                checks.check(ok, format!("child {pid}: {}, expected exit code {code}", describe_status(status)));
            }
            Err(e) => {
                checks.check(false, format!("waitpid({pid}): {e}"));
            }
        }
    }

    let mut status = 0;
    // SAFETY: `status` is writable; a null rusage pointer is allowed.
    let r = unsafe { libc::wait4(-1, &mut status, libc::WNOHANG, std::ptr::null_mut()) };
    let err = errno();
    checks.check(
        r == -1 && err == libc::ECHILD,
        format!("wait4(-1, WNOHANG) with no children: {r}, errno {err} (ECHILD = {})", libc::ECHILD),
    );
    // SAFETY: as above.
    let r = unsafe { libc::waitpid(-1, &mut status, 0) };
    let err = errno();
    checks.check(r == -1 && err == libc::ECHILD, format!("waitpid(-1) with no children: {r}, errno {err}"));
    checks.finish();
}
