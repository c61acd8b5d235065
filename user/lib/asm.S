/*
 * The parts of libc that must be assembly: the raw system call with a
 * number, the signal return trampoline, setjmp/longjmp.
 */

#include <uapi/syscall.h>

/* long __syscall(nr, a0, a1, a2, a3, a4, a5): -errno on failure. */
	.text
	.globl __syscall
	.type __syscall, @function
__syscall:
	mov %rdi, %rax
	mov %rsi, %rdi
	mov %rdx, %rsi
	mov %rcx, %rdx
	mov %r8, %r10
	mov %r9, %r8
	mov 8(%rsp), %r9
	syscall
	jnc 1f
	neg %rax
1:	ret
	.size __syscall, . - __syscall

/* Where a signal handler returns (sigarg.restorer): back through sigreturn. */
	.globl __sigrestore
	.type __sigrestore, @function
__sigrestore:
	mov $SYS_sigreturn, %eax
	syscall
	hlt
	.size __sigrestore, . - __sigrestore

/* A new thread starts here (thrarg.entry) with its argument in RDI:
   align the stack as after a call, and run __thread_main(arg). */
	.globl __thread_start
	.type __thread_start, @function
__thread_start:
	xor %ebp, %ebp
	and $-16, %rsp
	call __thread_main
	hlt
	.size __thread_start, . - __thread_start

/* jmp_buf: rbx rbp r12 r13 r14 r15 rsp rip. */
	.globl setjmp, _setjmp
	.type setjmp, @function
	.type _setjmp, @function
setjmp:
_setjmp:
	mov %rbx, 0(%rdi)
	mov %rbp, 8(%rdi)
	mov %r12, 16(%rdi)
	mov %r13, 24(%rdi)
	mov %r14, 32(%rdi)
	mov %r15, 40(%rdi)
	lea 8(%rsp), %rdx
	mov %rdx, 48(%rdi)
	mov (%rsp), %rdx
	mov %rdx, 56(%rdi)
	xor %eax, %eax
	ret
	.size setjmp, . - setjmp

	.globl longjmp, _longjmp
	.type longjmp, @function
	.type _longjmp, @function
longjmp:
_longjmp:
	mov %esi, %eax
	test %eax, %eax
	jnz 1f
	inc %eax
1:	mov 0(%rdi), %rbx
	mov 8(%rdi), %rbp
	mov 16(%rdi), %r12
	mov 24(%rdi), %r13
	mov 32(%rdi), %r14
	mov 40(%rdi), %r15
	mov 48(%rdi), %rsp
	jmp *56(%rdi)
	.size longjmp, . - longjmp

/* sigsetjmp: the jmp_buf, then [8] = saved?, [9] = the mask. */
	.globl sigsetjmp
	.type sigsetjmp, @function
sigsetjmp:
	mov %esi, %eax
	mov %rax, 64(%rdi)
	test %esi, %esi
	jz setjmp
	push %rdi
	lea 72(%rdi), %rdx
	xor %esi, %esi
	xor %edi, %edi /* SIG_BLOCK with no set: read the mask */
	call sigprocmask
	pop %rdi
	jmp setjmp
	.size sigsetjmp, . - sigsetjmp

	.section .note.GNU-stack,"",@progbits
