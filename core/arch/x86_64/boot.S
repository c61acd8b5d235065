/*
 * 32-bit multiboot2 entry: check the loader and the CPU, build the boot
 * page tables, enter long mode and jump to the higher-half kernel.
 *
 * Every CPU feature the kernel relies on is checked before it is used:
 * CPUID itself (the EFLAGS.ID bit toggles), long mode, PAE, NX (the W^X
 * design marks every non-code page execute-disable; without NX that bit is
 * reserved and the first such mapping faults) and the TSC (the clock). A
 * missing one is a message on the serial console (COM1) and the VGA
 * screen; then, if the command line has `panic=exit`, the emulator's
 * isa-debug-exit port ends the run with the panic status, else the CPU halts.
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
#define MB2_TAG_CMDLINE 1
#define COM1 0x3f8
#define DEBUG_EXIT_PORT 0xf4
#define EXIT_PANIC 0x12		/* ARCH_EXIT_PANIC of <arch/arch.h> */

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

/* CPUID exists when EFLAGS.ID (bit 21) can be flipped. */
boot_check_cpu:
	pushfl
	popl %eax
	movl %eax, %ecx
	xorl $(1 << 21), %eax
	pushl %eax
	popfl
	pushfl
	popl %eax
	pushl %ecx
	popfl
	xorl %ecx, %eax
	movl $msg_nocpuid, %esi
	btl $21, %eax
	jnc boot_die
	movl $0x80000000, %eax
	cpuid
	movl $msg_nolm, %esi
	cmpl $0x80000001, %eax
	jb boot_die
	movl $0x80000001, %eax
	cpuid
	btl $29, %edx			/* LM */
	jnc boot_die
	movl $msg_nonx, %esi
	btl $20, %edx			/* NX */
	jnc boot_die
	movl $1, %eax
	cpuid
	movl $msg_nopae, %esi
	btl $6, %edx			/* PAE */
	jnc boot_die
	movl $msg_notsc, %esi
	btl $4, %edx			/* TSC */
	jnc boot_die
	ret

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

/*
 * Print the NUL-terminated string at %esi on COM1 and the VGA screen, then
 * leave the emulator under panic=exit, else halt. Registers are not kept.
 */
boot_die:
	movl %esi, %ebx
	call boot_serial_init
	movl %ebx, %esi
	call boot_serial_puts
	movl %ebx, %esi
	movl $0xb8000, %edi
4:	lodsb
	testb %al, %al
	jz 5f
	movb $0x4f, %ah
	stosw
	jmp 4b
5:	call boot_wants_exit
	testl %eax, %eax
	jz 6f
	movw $DEBUG_EXIT_PORT, %dx
	movl $EXIT_PANIC, %eax
	outl %eax, %dx
6:	hlt
	jmp 6b

/* COM1 at 115200 8N1, as arch_serial_init() sets it. */
boot_serial_init:
	movw $(COM1 + 1), %dx
	xorb %al, %al
	outb %al, %dx			/* no interrupts */
	movw $(COM1 + 3), %dx
	movb $0x80, %al
	outb %al, %dx			/* DLAB on */
	movw $COM1, %dx
	movb $1, %al
	outb %al, %dx			/* divisor 1 */
	movw $(COM1 + 1), %dx
	xorb %al, %al
	outb %al, %dx
	movw $(COM1 + 3), %dx
	movb $0x03, %al
	outb %al, %dx			/* 8N1 */
	movw $(COM1 + 2), %dx
	movb $0xc7, %al
	outb %al, %dx			/* FIFO */
	ret

/* Write the string at %esi and a CR LF to COM1 (bounded waits). */
boot_serial_puts:
	lodsb
	testb %al, %al
	jz 8f
	call boot_serial_putc
	jmp boot_serial_puts
8:	movb $13, %al
	call boot_serial_putc
	movb $10, %al
	jmp boot_serial_putc

boot_serial_putc:
	movb %al, %ah
	movl $100000, %ecx
	movw $(COM1 + 5), %dx
9:	inb %dx, %al
	testb $0x20, %al		/* transmit holding register empty */
	jnz 10f
	loop 9b
10:	movw $COM1, %dx
	movb %ah, %al
	outb %al, %dx
	ret

/*
 * Return in %eax whether the multiboot2 command line holds "panic=exit".
 * Only with the multiboot2 magic is %ebx (saved in boot_mbi) information
 * to read; tags are 8-byte aligned {type, size} records ending at type 0.
 */
boot_wants_exit:
	xorl %eax, %eax
	cmpl $MB2_BOOT_MAGIC, boot_magic
	jne 15f
	movl boot_mbi, %ebx
	movl (%ebx), %edx		/* total size */
	addl %ebx, %edx			/* end */
	addl $8, %ebx
11:	leal 8(%ebx), %ecx
	cmpl %edx, %ecx
	ja 15f
	movl (%ebx), %ecx
	testl %ecx, %ecx
	jz 15f
	cmpl $MB2_TAG_CMDLINE, %ecx
	je 12f
	movl 4(%ebx), %ecx
	addl $7, %ecx
	andl $~7, %ecx
	jz 15f
	addl %ecx, %ebx
	jmp 11b
12:	leal 8(%ebx), %esi		/* the NUL-terminated command line */
13:	movl $msg_panic_exit, %edi
	movl %esi, %ecx
14:	movb (%edi), %al
	testb %al, %al
	jz 16f				/* the whole word matched */
	cmpb (%ecx), %al
	jne 17f
	incl %edi
	incl %ecx
	jmp 14b
17:	cmpb $0, (%esi)
	je 15f
	incl %esi
	jmp 13b
16:	movl $1, %eax
	ret
15:	xorl %eax, %eax
	ret

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
msg_nocpuid:
	.asciz "zero: this CPU has no CPUID instruction (no 64-bit long mode)"
msg_nopae:
	.asciz "zero: this CPU has no PAE"
msg_notsc:
	.asciz "zero: this CPU has no time-stamp counter (TSC)"
msg_nonx:
	.asciz "zero: this CPU has no NX (execute-disable) bit, which W^X needs"
msg_panic_exit:
	.asciz "panic=exit"

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
