/*
 * The entry of a static position-independent program (zero-cc -static-pie).
 * The kernel loaded it at a base of its choosing and applied no relocation;
 * before anything reads a pointer from the data, _start applies the
 * program's own relocations from its PT_DYNAMIC: every entry of DT_RELA must
 * be R_X86_64_RELATIVE (*(base + r_offset) = base + r_addend) or
 * R_X86_64_NONE, as a static link leaves them. Anything else ends the
 * program with status 127 before main (it could not run correctly). Then it
 * goes on as crt0 does: __libc_start(sp).
 *
 * The base is the run-time address of the ELF header (__ehdr_start), since
 * such a program is linked at address 0. Only PC-relative addressing is
 * used here: nothing is relocated yet.
 */
#include <uapi/syscall.h>

#define DT_NULL	     0
#define DT_RELA	     7
#define DT_RELASZ    8
#define DT_RELAENT   9
#define R_X86_64_NONE	  0
#define R_X86_64_RELATIVE 8

	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp
	mov %rsp, %r12			/* argc, argv... for __libc_start */
	lea __ehdr_start(%rip), %r13	/* the load base */
	lea _DYNAMIC(%rip), %rsi
	xor %r8d, %r8d			/* DT_RELA (an address relative to the base) */
	xor %r9d, %r9d			/* DT_RELASZ */
	mov $24, %r10d			/* DT_RELAENT */
1:	mov (%rsi), %rax
	test %rax, %rax			/* DT_NULL ends the table */
	jz 4f
	cmp $DT_RELA, %rax
	jne 2f
	mov 8(%rsi), %r8
2:	cmp $DT_RELASZ, %rax
	jne 3f
	mov 8(%rsi), %r9
3:	cmp $DT_RELAENT, %rax
	jne 5f
	mov 8(%rsi), %r10
5:	add $16, %rsi
	jmp 1b
4:	test %r8, %r8
	jz 8f
	cmp $24, %r10			/* an Elf64_Rela is 24 bytes */
	jne 9f
	add %r13, %r8			/* first entry */
	add %r8, %r9			/* end */
6:	cmp %r9, %r8
	jae 8f
	mov 8(%r8), %rax		/* r_info: the type is its low 32 bits */
	test %eax, %eax
	jz 7f				/* R_X86_64_NONE */
	cmp $R_X86_64_RELATIVE, %eax
	jne 9f
	mov (%r8), %rdi			/* r_offset */
	mov 16(%r8), %rax		/* r_addend */
	add %r13, %rax
	mov %rax, (%r13, %rdi)
7:	add $24, %r8
	jmp 6b
8:	mov %r13, __libc_load_base(%rip)	/* for the TLS image's address */
	mov %r12, %rdi
	and $-16, %rsp
	call __libc_start
	hlt
9:	mov $SYS_exit, %eax		/* a relocation static code cannot have: exit(127) */
	mov $127, %edi
	xor %esi, %esi
	syscall
	hlt
	.size _start, . - _start

	.section .note.GNU-stack,"",@progbits
