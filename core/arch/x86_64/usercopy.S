/*
 * Copies between kernel and user memory. Each instruction that touches user
 * memory has an entry in __ex_table (its address, then where to resume), so
 * a fault the vm module cannot resolve ends the copy with -EFAULT instead
 * of a panic (arch_trap_fixup() looks the pc up). With SMAP on, user pages
 * are reachable only between stac and clac, that is, only here.
 */
#define EFAULT	     14
#define ENAMETOOLONG 36

.macro USER_OPEN
	testb $1, arch_smap_on(%rip)
	jz 1f
	stac
1:
.endm

.macro USER_CLOSE
	testb $1, arch_smap_on(%rip)
	jz 1f
	clac
1:
.endm

	.text
/* int arch_copy_user(void *dst, const void *src, size_t n) */
	.globl arch_copy_user
	.type arch_copy_user, @function
arch_copy_user:
	movq %rdx, %rcx
	shrq $3, %rcx			/* eight bytes at a time, then the rest */
	USER_OPEN
.Lcopy_words:
	rep movsq
	movq %rdx, %rcx
	andq $7, %rcx
.Lcopy_insn:
	rep movsb
	xorl %eax, %eax
.Lcopy_out:
	USER_CLOSE
	ret
.Lcopy_fault:
	movq $-EFAULT, %rax
	jmp .Lcopy_out
	.size arch_copy_user, . - arch_copy_user

/* long arch_copy_user_str(char *dst, const char *src, size_t max) */
	.globl arch_copy_user_str
	.type arch_copy_user_str, @function
arch_copy_user_str:
	xorl %ecx, %ecx
	USER_OPEN
.Lstr_loop:
	cmpq %rdx, %rcx
	jae .Lstr_long
.Lstr_insn:
	movb (%rsi,%rcx), %al
	movb %al, (%rdi,%rcx)
	testb %al, %al
	jz .Lstr_done
	incq %rcx
	jmp .Lstr_loop
.Lstr_done:
	movq %rcx, %rax
.Lstr_out:
	USER_CLOSE
	ret
.Lstr_long:
	movq $-ENAMETOOLONG, %rax
	jmp .Lstr_out
.Lstr_fault:
	movq $-EFAULT, %rax
	jmp .Lstr_out
	.size arch_copy_user_str, . - arch_copy_user_str

	.section __ex_table, "a"
	.balign 8
	.quad .Lcopy_words, .Lcopy_fault
	.quad .Lcopy_insn, .Lcopy_fault
	.quad .Lstr_insn, .Lstr_fault

	.section .note.GNU-stack, "", @progbits
