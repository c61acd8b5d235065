/*
 * 32-bit multiboot2 entry: check the loader and the CPU, build the boot
 * page tables, enter long mode and jump to the higher-half kernel.
 *
 * The boot tables map the first 1 GiB three times with 2 MiB pages:
 * identity (needed while the instruction pointer is still low), the direct
 * map at KERN_DIRECT_BASE and the kernel window at KERN_VMA. The core
 * replaces them with 4 KiB, W^X tables as soon as it has a frame allocator.
 */
#include <machine/layout.h>

#define MB2_MAGIC 0xe85250d6
#define MB2_BOOT_MAGIC 0x36d76289
#define MB2_ARCH_I386 0
#define MB2_TAG_MODALIGN 6

.section .multiboot2, "a"
.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	.balign 8
	.short MB2_TAG_MODALIGN, 0
	.long 8
	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:

.section .boot.text, "ax"
.code32
.globl _start
_start:
	cli
	cld
	movl $boot_stack_top, %esp
	movl %eax, boot_magic
	movl %ebx, boot_mbi
	cmpl $MB2_BOOT_MAGIC, %eax
	jne 1f
	call boot_check_cpu
	call boot_build_tables
	call boot_enter_long
	/* not reached */
1:	movl $msg_nomb, %esi
	jmp boot_die

/* Long mode needs CPUID leaf 0x80000001 with LM (bit 29) set. */
boot_check_cpu:
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb 2f
	movl $0x80000001, %eax
	cpuid
	btl $29, %edx
	jnc 2f
	ret
2:	movl $msg_nolm, %esi
	jmp boot_die

boot_build_tables:
	movl $boot_pdpt_low, %eax
	orl $0x3, %eax
	movl %eax, boot_pml4
	movl %eax, boot_pml4 + 8 * 256
	movl $boot_pdpt_high, %eax
	orl $0x3, %eax
	movl %eax, boot_pml4 + 8 * 511
	movl $boot_pd, %eax
	orl $0x3, %eax
	movl %eax, boot_pdpt_low
	movl %eax, boot_pdpt_high + 8 * 510
	xorl %ecx, %ecx
3:	movl %ecx, %eax
	shll $21, %eax
	orl $0x83, %eax			/* present, writable, 2 MiB */
	movl %eax, boot_pd(, %ecx, 8)
	incl %ecx
	cmpl $512, %ecx
	jb 3b
	ret

boot_enter_long:
	movl %cr4, %eax
	orl $(1 << 5), %eax		/* PAE */
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl $0xc0000080, %ecx		/* EFER */
	rdmsr
	orl $((1 << 8) | (1 << 11)), %eax	/* LME, NXE */
	wrmsr
	movl %cr0, %eax
	orl $((1 << 31) | (1 << 16)), %eax	/* PG, WP */
	movl %eax, %cr0
	lgdt boot_gdt_ptr
	ljmp $0x08, $boot_long

/* Print the NUL-terminated string at %esi on the VGA screen and halt. */
boot_die:
	movl $0xb8000, %edi
4:	lodsb
	testb %al, %al
	jz 5f
	movb $0x4f, %ah
	stosw
	jmp 4b
5:	hlt
	jmp 5b

.code64
boot_long:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $boot_high, %rax
	jmp *%rax

.section .boot.data, "aw"
.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 64-bit code */
	.quad 0x00cf92000000ffff	/* data */
boot_gdt_ptr:
	.short boot_gdt_ptr - boot_gdt - 1
	.long boot_gdt
.globl boot_magic, boot_mbi
boot_magic:
	.long 0
boot_mbi:
	.long 0
msg_nomb:
	.asciz "zero: not booted by a multiboot2 loader"
msg_nolm:
	.asciz "zero: this CPU has no 64-bit long mode"

.section .boot.bss, "aw", @nobits
.balign 4096
.globl boot_pml4
boot_pml4:	.skip 4096
boot_pdpt_low:	.skip 4096
boot_pdpt_high:	.skip 4096
boot_pd:	.skip 4096
		.skip 1024
boot_stack_top:

/* From here on the kernel runs at its linked, higher-half address. */
.text
boot_high:
	movabsq $kstack_boot_top, %rsp
	xorl %ebp, %ebp
	movl boot_magic, %edi
	movl boot_mbi, %esi
	call kmain
6:	cli
	hlt
	jmp 6b

.section .bss
.balign 16
.globl kstack_boot_bottom, kstack_boot_top
kstack_boot_bottom:
	.skip 16384
kstack_boot_top:
