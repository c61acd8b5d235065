/*
 * The program entry (System V x86-64 ABI): at _start, RSP points at argc,
 * then argv[], NULL, envp[], NULL and the auxv pairs. RBP is cleared to
 * end frame-pointer walks, the stack aligned to 16 bytes, and
 * __libc_start(sp) does the rest (environ, TLS, constructors, main, exit).
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp
	mov %rsp, %rdi
	and $-16, %rsp
	call __libc_start
	hlt
	.size _start, . - _start

	.section .note.GNU-stack,"",@progbits
