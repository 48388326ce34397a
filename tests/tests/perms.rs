//! Credentials and permission checks under Exo-OS: `user/perms` runs as
//! init (root), drops to other users in children and checks what they
//! may do to files, processes and the system, as the same binary does on
//! Linux (`make user-linux`).

use tests::run_program;

#[test]
fn credentials_and_file_permissions() {
    run_program("perms", "");
}
