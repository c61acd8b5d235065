/*
 * Trap dispatch and the fault report. An exception in the kernel is fatal:
 * the report names the trap as the Zero book does (TRAPDE ... TRAPXF), shows
 * the error code, RIP, CR2 for page faults, all registers and a symbolised
 * backtrace, then panics (which exits the emulator under panic=exit).
 */
#include <stdint.h>

#include <arch/clock.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/paging.h>
#include <arch/irq.h>
#include <arch/trap.h>
#include <kern/irq.h>
#include <core/ksym.h>
#include <kern/string.h>
#include <kern/vm.h>
#include <kern/panic.h>
#include <kern/printk.h>
#include <kern/sched.h>
#include <kern/thr.h>
#include <core/mm.h>
#include <core/debug.h>
#include <core/irqdisp.h>
#include <core/sched.h>

extern const struct ksym_table ksym_kernel;

static const char *const trap_names[TRAPNEXC] = {
	"TRAPDE", "TRAPDB",   "TRAPNMI", "TRAPBP", "TRAPOF", "TRAPBR", "TRAPUD", "TRAPNM",
	"TRAPDF", "TRAPRES1", "TRAPTS",	 "TRAPNP", "TRAPSS", "TRAPGP", "TRAPPF", "TRAPRES2",
	"TRAPMF", "TRAPAC",   "TRAPMC",	 "TRAPXF", "TRAPVE", "TRAPCP",
};

static const char *const trap_descs[TRAPNEXC] = {
	"divide error",
	"debug",
	"non-maskable interrupt",
	"breakpoint",
	"overflow",
	"bound range exceeded",
	"invalid opcode",
	"no FPU",
	"double fault",
	"coprocessor segment overrun",
	"invalid TSS",
	"segment not present",
	"stack-segment fault",
	"general protection",
	"page fault",
	"reserved",
	"FPU error",
	"alignment check",
	"machine check",
	"SIMD exception",
	"virtualization exception",
	"control protection",
};

const char *arch_trap_name(unsigned vector)
{
	if (vector < TRAPNEXC)
		return trap_names[vector] ? trap_names[vector] : "TRAPRES";
	if (vector >= TRAPIRQ0 && vector < TRAPIRQ0 + 16)
		return "IRQ";
	return "TRAP?";
}

const char *arch_trap_desc(unsigned vector)
{
	if (vector < TRAPNEXC)
		return trap_descs[vector] ? trap_descs[vector] : "reserved";
	if (vector >= TRAPIRQ0 && vector < TRAPIRQ0 + 16)
		return "hardware interrupt";
	return "unexpected interrupt";
}

static void trap_print_region(uint64_t addr)
{
	char line[128];

	if (addr < VM_USER_MAX && vm_describe(vm_current(), addr, line, sizeof(line)) == 0)
		pr_err("  address %#lx is in region %s\n", addr, line);
	else if (addr < VM_USER_MAX)
		pr_err("  address %#lx is in no region of the current address space\n", addr);
	else
		pr_err("  address %#lx is a kernel address\n", addr);
}

static void trap_print_pf(uint64_t err)
{
	pr_err("  CR2 %#018lx (%s, %s, %s mode%s)\n", arch_read_cr2(),
	       (err & PF_INSTR)	  ? "fetch"
	       : (err & PF_WRITE) ? "write"
				  : "read",
	       (err & PF_PRESENT) ? "protection violation" : "not present",
	       (err & PF_USER) ? "user" : "kernel", (err & PF_RSVD) ? ", reserved bit" : "");
	trap_print_region(arch_read_cr2());
}

/* Demand paging and copy-on-write: the vm module resolves what it can. */
static int trap_page_fault(const struct trapframe *tf)
{
	unsigned access = (tf->error & PF_INSTR)   ? VM_EXEC
			  : (tf->error & PF_WRITE) ? VM_WRITE
						   : VM_READ;

	if (tf->error & PF_RSVD)
		return -1;
	if (tf->error & PF_USER)
		access |= VM_FAULT_USER;
	return vm_trap_fault(arch_read_cr2(), access);
}

static void trap_print_regs(const struct trapframe *tf)
{
	pr_err("  rax %016lx rbx %016lx rcx %016lx\n", tf->rax, tf->rbx, tf->rcx);
	pr_err("  rdx %016lx rsi %016lx rdi %016lx\n", tf->rdx, tf->rsi, tf->rdi);
	pr_err("  rbp %016lx rsp %016lx r8  %016lx\n", tf->rbp, tf->rsp, tf->r8);
	pr_err("  r9  %016lx r10 %016lx r11 %016lx\n", tf->r9, tf->r10, tf->r11);
	pr_err("  r12 %016lx r13 %016lx r14 %016lx\n", tf->r12, tf->r13, tf->r14);
	pr_err("  r15 %016lx rflags %08lx cs %04lx ss %04lx\n", tf->r15, tf->rflags, tf->cs,
	       tf->ss);
}

/*
 * GCC gives leaf functions no frame even with -fno-omit-frame-pointer, and
 * a fault at a function's first instruction comes before its frame: in
 * both cases the caller's return address is at the top of the stack, not
 * at rbp + 8, and the frame walk would skip the caller. Recognise them by
 * the function's prologue (push %rbp; mov %rsp,%rbp).
 */
static uint64_t trap_frameless_caller(const struct trapframe *tf)
{
	static const uint8_t prologue[4] = { 0x55, 0x48, 0x89, 0xe5 };
	uint64_t off;
	const uint8_t *fn;
	uint64_t ret;
	int framed;

	if ((tf->cs & 3) || tf->rsp & 7 || !ksym_lookup(&ksym_kernel, tf->rip, &off))
		return 0;
	fn = (const uint8_t *)(tf->rip - off);
	framed = memcmp(fn, prologue, sizeof(prologue)) == 0;
	if (framed && off >= sizeof(prologue))
		return 0;
	/* After the push, the return address is one slot up. */
	ret = ((const uint64_t *)tf->rsp)[framed && off == 1 ? 1 : 0];
	return ksym_lookup(&ksym_kernel, ret, &off) ? ret : 0;
}

/* A fault with the stack pointer in an unmapped page of the stack area is
 * a kernel stack overflow into the guard page below the stack. */
static void trap_print_stack_overflow(const struct trapframe *tf)
{
	if (tf->rsp >= KERN_STACK_BASE && tf->rsp < KERN_STACK_END &&
	    arch_translate(tf->rsp - 8, NULL) == ~0ULL)
		pr_err("  kernel stack overflow: rsp %#lx is in the guard page below the stack "
		       "of thread '%s'\n",
		       tf->rsp, thr_current() ? thr_current()->name : "?");
}

static __attribute__((noreturn)) void trap_fatal(struct trapframe *tf)
{
	unsigned v = tf->vector;

	pr_err("\nfatal trap: %s (vector %#x, %s), error %#lx, in %s mode\n", arch_trap_name(v), v,
	       arch_trap_desc(v), tf->error, (tf->cs & 3) ? "user" : "kernel");
	pr_err("  rip %s\n", panic_symbol(tf->rip));
	if (v == TRAPPF)
		trap_print_pf(tf->error);
	trap_print_stack_overflow(tf);
	trap_print_regs(tf);
	uint64_t pcs[2] = { tf->rip, trap_frameless_caller(tf) };

	panic_backtrace_from(tf->rbp, pcs, pcs[1] ? 2 : 1);
	panic_reported("%s in kernel mode", arch_trap_name(v));
}

void arch_trap(struct trapframe *tf)
{
	unsigned v = tf->vector;

	if (v >= TRAPIRQ0 && v < TRAPIRQ0 + 16) {
		if (arch_irq_ack(v - TRAPIRQ0))
			irq_dispatch(v - TRAPIRQ0);
		sched_preempt();
		return;
	}
	if (v == TRAPTIMER) {
		arch_clock_interrupt();
		sched_preempt();
		return;
	}
	if (v == TRAPSPURIOUS)
		return;
	if (v == TRAPPF && trap_page_fault(tf) == 0)
		return;
	trap_fatal(tf);
}
