/*
 * Trap entry stubs: one per vector. Each pushes a zero error code when the
 * CPU pushes none, then its vector, and jumps to the common stub that saves
 * the general registers in the order of struct trap_frame and calls
 * trap_dispatch(). The table trap_stubs[] gives the IDT the stub addresses.
 */

/* The general registers, in the order of struct trap_frame (reversed). */
.macro PUSH_REGS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro TRAPSTUB vec
	.balign 16
trap_stub_\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp trap_common
.endm

.text
.altmacro
.set vec, 0
.rept 256
	TRAPSTUB %vec
	.set vec, vec + 1
.endr

trap_common:
	cld
	PUSH_REGS
	testb $3, 0x90(%rsp)		/* from user mode? */
	jz 1f
	swapgs
1:
trap_saved:
	movq %rsp, %rdi
	call trap_dispatch
.globl trap_return
trap_return:
	testb $3, 0x90(%rsp)
	jz 2f
	swapgs
2:	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp
	iretq

/*
 * The `syscall` instruction: RCX holds the user RIP, R11 the user RFLAGS,
 * interrupts are off (SFMASK), RSP is still the user's. Switch to the
 * thread's kernel stack (from the per-CPU record at GS), build the same
 * frame an `int 0x80` would, and hand it to trap_syscall() (no trap
 * classification); the return is the common one (iretq), which also
 * restores RCX and R11.
 */
	.globl syscall_entry
syscall_entry:
	swapgs
	movq %rsp, %gs:8
	movq %gs:0, %rsp
	pushq $0x1b			/* ss: user data */
	pushq %gs:8			/* rsp */
	pushq %r11			/* rflags */
	pushq $0x23			/* cs: user code */
	pushq %rcx			/* rip */
	pushq $0			/* error */
	pushq $0x80			/* vector: the system call gate */
	cld
	PUSH_REGS
	movq %rsp, %rdi
	call trap_syscall
	jmp trap_return

.macro STUBADDR vec
	.quad trap_stub_\vec
.endm

.section .rodata
.balign 8
.globl trap_stubs
trap_stubs:
.set vec, 0
.rept 256
	STUBADDR %vec
	.set vec, vec + 1
.endr
