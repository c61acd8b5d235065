/*
 * arch_switch(uint64_t *save_ksp, uint64_t load_ksp): save the callee-saved
 * registers of the running thread on its stack, store its stack pointer in
 * *save_ksp, load load_ksp and return into the other thread. The System V
 * ABI makes every other register the caller's business.
 *
 * A new thread's stack is prepared by arch_thread_stack() so that the first
 * switch to it "returns" into arch_thread_start with its entry in %rbx and
 * argument in %r12.
 */
.text
.globl arch_switch
arch_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

.globl arch_thread_start
arch_thread_start:
	xorl %ebp, %ebp			/* ends backtraces here */
	movq %r12, %rdi
	call *%rbx
	ud2				/* the entry must not return */
