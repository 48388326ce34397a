//! The first program a kernel runs: prints a greeting, its arguments and a
//! few environment variables, then `PASS hello`.
//!
//! It needs little beyond what static glibc's start-up does: the initial
//! stack (argc, argv, envp, auxv), `write` and `exit_group`. The only check
//! is that argv is not empty (argv[0] is the program's name by convention).

use exo_testkit::Checks;

fn main() {
    let mut checks = Checks::new("hello");
    println!("hello from exo");
    let args: Vec<_> = std::env::args_os().collect();
    for (i, arg) in args.iter().enumerate() {
        println!("argv[{i}] = {}", arg.to_string_lossy());
    }
    for key in ["PATH", "HOME", "TERM"] {
        match std::env::var_os(key) {
            Some(value) => println!("env {key}={}", value.to_string_lossy()),
            None => println!("env {key} is not set"),
        }
    }
    println!("env has {} variables", std::env::vars_os().count());
    checks.check(!args.is_empty(), format!("argc = {} >= 1", args.len()));
    checks.finish();
}
