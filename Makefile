# Thin wrappers over the build driver (xtask). Every target installs what is
# missing first (scripts/setup).
#
# Debian's Rust (rustc-web) comes first on PATH: it has the library source
# that building the kernel for x86_64-unknown-none needs.
export PATH := /usr/bin:$(PATH)
CARGO := /usr/bin/cargo
XTASK := $(CARGO) run --quiet --release -p xtask --

.PHONY: run test kernel iso gdb setup run-iso initramfs user-linux bench

run: setup
	$(XTASK) run $(ARGS)

test: setup
	$(XTASK) test

kernel: setup
	$(XTASK) kernel

iso: setup
	$(XTASK) iso

# User programs and build/initramfs.cpio; user-linux runs each program here.
initramfs: setup
	$(XTASK) initramfs

user-linux: setup
	$(XTASK) user-linux

# Exo-OS vs Linux 6.1, instructions per operation under QEMU -icount;
# report in build/bench/report.md. ARGS: --divisor N, --runs N, --no-linux.
bench: setup
	$(XTASK) bench $(ARGS)

run-iso: setup
	$(XTASK) run-iso $(ARGS)

gdb: setup
	$(XTASK) gdb $(ARGS)

setup:
	@scripts/setup
