/*
 * The x86-64 side of traps: the Zero book's trap names (TRAPDE ... TRAPXF),
 * what a trap frame says (the accessors of <arch/trap.h>), the page-fault
 * error code decoded, the register dump of a fault report, and the
 * frameless-caller fix-up of backtraces. What to do about a trap is
 * decided by generic code: trap_entry.S calls trap_dispatch().
 */
#include <stdint.h>

#include <arch/mmu.h>
#include <arch/trap.h>
#include <core/ksym.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <machine/clock.h>
#include <machine/cpufunc.h>
#include <machine/trap.h>

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

enum trap_kind arch_trap_kind(const struct trap_frame *tf)
{
	if (tf->vector >= TRAPIRQ0 && tf->vector < TRAPIRQ0 + 16)
		return TRAP_KIND_IRQ;
	switch (tf->vector) {
	case TRAPTIMER:
		return TRAP_KIND_CLOCK;
	case TRAPSPURIOUS:
		return TRAP_KIND_SPURIOUS;
	case TRAPPF:
		return TRAP_KIND_PAGE_FAULT;
	case TRAPBP:
		return TRAP_KIND_BREAKPOINT;
	case TRAPNMI:
		return TRAP_KIND_NMI;
	case TRAPSYSCALL:
		return TRAP_KIND_SYSCALL;
	default:
		return TRAP_KIND_FAULT;
	}
}

unsigned arch_trap_vector(const struct trap_frame *tf)
{
	return (unsigned)tf->vector;
}

unsigned arch_trap_irq(const struct trap_frame *tf)
{
	return (unsigned)tf->vector - TRAPIRQ0;
}

uint64_t arch_trap_error(const struct trap_frame *tf)
{
	return tf->error;
}

uint64_t arch_trap_pc(const struct trap_frame *tf)
{
	return tf->rip;
}

uint64_t arch_trap_sp(const struct trap_frame *tf)
{
	return tf->rsp;
}

uint64_t arch_trap_fp(const struct trap_frame *tf)
{
	return tf->rbp;
}

int arch_trap_from_user(const struct trap_frame *tf)
{
	return (tf->cs & 3) != 0;
}

uint64_t arch_trap_fault_addr(const struct trap_frame *tf)
{
	(void)tf;
	return arch_read_cr2();
}

int arch_trap_fault_access(const struct trap_frame *tf)
{
	if (tf->error & PF_RSVD)
		return -1;
	return (tf->error & PF_INSTR) ? VM_EXEC : (tf->error & PF_WRITE) ? VM_WRITE : VM_READ;
}

int arch_trap_fault_user(const struct trap_frame *tf)
{
	return (tf->error & PF_USER) != 0;
}

void arch_trap_print_fault(const struct trap_frame *tf)
{
	uint64_t err = tf->error;

	pr_err("  CR2 %#018lx (%s, %s, %s mode%s)\n", arch_read_cr2(),
	       (err & PF_INSTR)	  ? "fetch"
	       : (err & PF_WRITE) ? "write"
				  : "read",
	       (err & PF_PRESENT) ? "protection violation" : "not present",
	       (err & PF_USER) ? "user" : "kernel", (err & PF_RSVD) ? ", reserved bit" : "");
}

void arch_trap_print_regs(const struct trap_frame *tf)
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
uint64_t arch_trap_frameless_caller(const struct trap_frame *tf)
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
