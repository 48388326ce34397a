/* Exo-OS entry: boot headers and the 32-bit path into long mode.
 *
 * Two ways in, both 32-bit protected mode with paging off:
 *  - Multiboot2 (GRUB): EAX = 0x36d76289, EBX = physical address of the
 *    boot information. Multiboot2 spec §3.3.
 *  - PVH (QEMU -kernel): EBX = physical address of struct hvm_start_info;
 *    EAX is undefined, so the PVH entry loads its own marker.
 *    Xen's arch-x86/hvm/start_info.h, QEMU hw/i386/x86.c load_elfboot.
 *
 * Both build the same boot page tables: the first 4 GiB identity mapped,
 * at the direct map (0xffff888000000000) and the first 1 GiB at the kernel
 * base (0xffffffff80000000), all with 2 MiB pages; then they enable long
 * mode and jump to kernel_entry in the higher half, which calls
 * x86_64_start_kernel(boot_magic, boot_info_phys). */

.set KERNEL_VMA, 0xffffffff80000000
.set MB2_MAGIC, 0xe85250d6
.set PVH_MARKER, 0x336ec578          /* XEN_HVM_START_MAGIC_VALUE */

.section .multiboot2, "a"
.balign 8
mb2_header:
    .long MB2_MAGIC
    .long 0                            /* architecture: i386 protected mode */
    .long mb2_header_end - mb2_header
    .long 0x100000000 - (MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
    .balign 8                          /* end tag */
    .short 0
    .short 0
    .long 8
mb2_header_end:

.section .note.Xen, "a", @note
.balign 4
    .long 4                            /* namesz: "Xen\0" */
    .long 8                            /* descsz */
    .long 18                           /* XEN_ELFNOTE_PHYS32_ENTRY */
    .asciz "Xen"
    .balign 4
    .quad pvh_start
    .balign 4

.section .boot.text, "ax"
.code32
.global pvh_start
pvh_start:
    mov $PVH_MARKER, %eax
    jmp start32

.global mb2_start
mb2_start:
start32:
    cli
    cld
    mov %eax, (boot_magic - KERNEL_VMA)
    mov %ebx, (boot_info_phys - KERNEL_VMA)
    rdtsc
    mov %eax, (boot_tsc - KERNEL_VMA)
    mov %edx, (boot_tsc - KERNEL_VMA + 4)
    mov $(boot_stack_top - KERNEL_VMA), %esp

    /* Long mode is required (CPUID 0x80000001 EDX bit 29). */
    mov $0x80000000, %eax
    cpuid
    cmp $0x80000001, %eax
    jb no_long_mode
    mov $0x80000001, %eax
    cpuid
    bt $29, %edx
    jnc no_long_mode
    mov %edx, %ebp                     /* keep for the NX check */

    /* Zero the boot page tables (PML4, two PDPTs, four PDs). */
    mov $(boot_page_tables - KERNEL_VMA), %edi
    mov $(7 * 4096 / 4), %ecx
    xor %eax, %eax
    rep stosl

    /* PDs: 2048 entries of 2 MiB pages, present | writable | PS. */
    mov $(boot_pd - KERNEL_VMA), %edi
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $21, %eax
    or $0x83, %eax
    mov %eax, (%edi, %ecx, 8)
    mov %ecx, %eax
    shr $11, %eax                      /* bits 32+ of (i << 21) */
    mov %eax, 4(%edi, %ecx, 8)
    inc %ecx
    cmp $2048, %ecx
    jne 1b

    /* Low PDPT: four entries, one per PD (0..4 GiB). */
    mov $(boot_pdpt_low - KERNEL_VMA), %edi
    mov $(boot_pd - KERNEL_VMA + 0x3), %eax
    mov %eax, 0(%edi)
    add $4096, %eax
    mov %eax, 8(%edi)
    add $4096, %eax
    mov %eax, 16(%edi)
    add $4096, %eax
    mov %eax, 24(%edi)

    /* High PDPT: entry 510 maps the first GiB at KERNEL_VMA. */
    mov $(boot_pdpt_high - KERNEL_VMA), %edi
    mov $(boot_pd - KERNEL_VMA + 0x3), %eax
    mov %eax, (510 * 8)(%edi)

    /* PML4: 0 (identity) and 273 (direct map) share the low PDPT. */
    mov $(boot_pml4 - KERNEL_VMA), %edi
    mov $(boot_pdpt_low - KERNEL_VMA + 0x3), %eax
    mov %eax, 0(%edi)
    mov %eax, (273 * 8)(%edi)
    mov $(boot_pdpt_high - KERNEL_VMA + 0x3), %eax
    mov %eax, (511 * 8)(%edi)

    /* CR4.PAE, CR3, EFER.LME (+NXE when CPUID reports NX), CR0.PG|WP. */
    mov %cr4, %eax
    or $(1 << 5), %eax
    mov %eax, %cr4
    mov $(boot_pml4 - KERNEL_VMA), %eax
    mov %eax, %cr3
    mov $0xc0000080, %ecx
    rdmsr
    or $(1 << 8), %eax
    bt $20, %ebp
    jnc 2f
    or $(1 << 11), %eax
2:  wrmsr
    mov %cr0, %eax
    or $0x80010001, %eax
    mov %eax, %cr0

    lgdt (boot_gdt_ptr)
    ljmp $0x08, $long_mode_entry

no_long_mode:
    hlt
    jmp no_long_mode

.code64
long_mode_entry:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    xor %eax, %eax
    mov %ax, %fs
    mov %ax, %gs
    movabs $boot_stack_top, %rsp
    movabs $kernel_entry, %rax
    jmp *%rax

.section .boot.rodata, "a"
.balign 8
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff           /* 0x08: 64-bit code, ring 0 */
    .quad 0x00cf92000000ffff           /* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_ptr:
    .short boot_gdt_end - boot_gdt - 1
    .long boot_gdt

.section .text
.global kernel_entry
kernel_entry:
    mov boot_magic(%rip), %edi
    mov boot_info_phys(%rip), %esi
    xor %ebp, %ebp
    call x86_64_start_kernel
3:  hlt
    jmp 3b

.section .bss
.balign 4096
boot_page_tables:
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd:        .skip 4 * 4096
.global boot_stack_guard
boot_stack_guard:                      /* left unmapped by the kernel page tables */
    .skip 4096
.global boot_stack_bottom
boot_stack_bottom:
    .skip 64 * 1024
.global boot_stack_top
boot_stack_top:

.section .data
.balign 8
.global boot_tsc
boot_tsc:       .quad 0
boot_magic:     .long 0
boot_info_phys: .long 0
