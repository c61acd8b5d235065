/*
 * Trap policy: the arch saves the interrupted state in a struct trap_frame
 * and calls trap_dispatch(), which decides what happens. Device interrupts
 * go to the irq table, the tick to the clock, page faults to the vm module
 * (demand paging, copy-on-write); anything else in the kernel is fatal. The
 * fatal report names the trap as the Zero book does (TRAPDE ... TRAPXF),
 * shows the error code, the pc, the page-fault details, the registers and a
 * symbolised backtrace, then panics (which exits the emulator under
 * panic=exit). From user mode: system calls go to the gate, a fault the vm
 * cannot resolve becomes a signal (a one-line report when it kills), and
 * pending signals are delivered on the way back. A non-maskable interrupt
 * prints the thread report (thr_report.c). Machine details come
 * from the arch_trap_*() accessors.
 */
#include <stdint.h>

#include <arch/arch.h>
#include <arch/clock.h>
#include <arch/mmu.h>
#include <arch/trap.h>
#include <arch/user.h>
#include <kern/irq.h>
#include <kern/panic.h>
#include <kern/printk.h>
#include <kern/sched.h>
#include <kern/thr.h>
#include <kern/vm.h>
#include <core/mm.h>
#include <core/debug.h>
#include <core/irqdisp.h>
#include <core/proc.h>
#include <core/sched.h>
#include <core/signal.h>
#include <core/syscall.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

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

/* Demand paging and copy-on-write: the vm module resolves what it can. */
static int trap_page_fault(const struct trap_frame *tf)
{
	int access = arch_trap_fault_access(tf);

	if (access < 0)
		return -1;
	/* The kernel reaches user memory only through copyin() and friends. */
	if (!arch_trap_from_user(tf) && arch_trap_fault_addr(tf) < VM_USER_MAX &&
	    !arch_trap_usercopy(tf))
		return -1;
	if (arch_trap_fault_user(tf))
		access |= VM_FAULT_USER;
	return vm_trap_fault(arch_trap_fault_addr(tf), (unsigned)access);
}

/* A fault with the stack pointer in an unmapped page of the stack area is
 * a kernel stack overflow into the guard page below the stack. */
static void trap_print_stack_overflow(const struct trap_frame *tf)
{
	uint64_t sp = arch_trap_sp(tf);

	if (sp >= KERN_STACK_BASE && sp < KERN_STACK_END && arch_translate(sp - 8, NULL) == ~0ULL)
		pr_err("  kernel stack overflow: rsp %#lx is in the guard page below the stack "
		       "of thread '%s'\n",
		       sp, thr_current() ? thr_current()->name : "?");
}

/* Device interrupts and the tick, from kernel or user mode. */
static void trap_device(struct trap_frame *tf)
{
	switch (arch_trap_kind(tf)) {
	case TRAP_KIND_IRQ:
		if (arch_irq_ack(arch_trap_irq(tf)))
			irq_dispatch(arch_trap_irq(tf));
		sched_preempt();
		return;
	case TRAP_KIND_CLOCK:
		arch_clock_interrupt();
		sched_preempt();
		return;
	default:
		return;
	}
}

static __attribute__((noreturn)) void trap_fatal(struct trap_frame *tf)
{
	unsigned v = arch_trap_vector(tf);
	uint64_t pcs[2] = { arch_trap_pc(tf), 0 };

	pr_err("\nfatal trap: %s (vector %#x, %s), error %#lx, in %s mode\n", arch_trap_name(v), v,
	       arch_trap_desc(v), arch_trap_error(tf), arch_trap_from_user(tf) ? "user" : "kernel");
	if (!arch_trap_from_user(tf)) /* a user stack is not the kernel's to read */
		pcs[1] = arch_trap_frameless_caller(tf);
	pr_err("  rip %s\n", panic_symbol(pcs[0]));
	if (arch_trap_kind(tf) == TRAP_KIND_PAGE_FAULT) {
		arch_trap_print_fault(tf);
		trap_print_region(arch_trap_fault_addr(tf));
	}
	trap_print_stack_overflow(tf);
	arch_trap_print_regs(tf);
	panic_backtrace_from(arch_trap_fp(tf), pcs, pcs[1] ? 2 : 1);
	panic_reported("%s in kernel mode", arch_trap_name(v));
}

/* A trap from user mode: system calls and faults; signals on the way back. */
static void trap_user(struct trap_frame *tf)
{
	int rc;

	thr_current()->utf = tf;
	switch (arch_trap_kind(tf)) {
	case TRAP_KIND_SYSCALL:
		syscall_trap(thr_current(), tf);
		break;
	case TRAP_KIND_PAGE_FAULT:
		rc = trap_page_fault(tf);
		if (rc != 0) /* past the end of a memory object: SIGBUS */
			signal_fault_as(tf, rc == -ENXIO ? SIGBUS : 0);
		break;
	case TRAP_KIND_BREAKPOINT:
	case TRAP_KIND_FAULT:
		signal_fault(tf);
		break;
	default:
		trap_device(tf);
		break;
	}
	signal_deliver(tf);
}

/* The fast system-call instruction's entry: always from user mode, always a call. */
void trap_syscall(struct trap_frame *tf)
{
	struct thr *t = sched_cur;

	if (t == NULL || t->proc == NULL) {
		trap_dispatch(tf);
		return;
	}
	t->utf = tf;
	syscall_trap(t, tf);
	/* The common case, nothing pending, without a call. */
	if (__atomic_load_n(&t->proc->sig_pending, __ATOMIC_RELAXED) ||
	    __atomic_load_n(&t->proc->attn, __ATOMIC_RELAXED))
		signal_deliver(tf);
}

void trap_dispatch(struct trap_frame *tf)
{
	if (arch_trap_kind(tf) == TRAP_KIND_NMI) { /* from anywhere, user mode too */
		thr_report(tf);
		return;
	}
	if (arch_trap_from_user(tf) && thr_current() && thr_current()->proc) {
		trap_user(tf);
		return;
	}
	switch (arch_trap_kind(tf)) {
	case TRAP_KIND_IRQ:
	case TRAP_KIND_CLOCK:
	case TRAP_KIND_SPURIOUS:
		trap_device(tf);
		return;
	case TRAP_KIND_PAGE_FAULT:
		if (trap_page_fault(tf) == 0)
			return;
		/* A user copy (copyin...) that hit a bad page resumes at its fixup. */
		if (!arch_trap_from_user(tf) && arch_trap_fixup(tf))
			return;
		break;
	case TRAP_KIND_NMI:	   /* handled above */
	case TRAP_KIND_SYSCALL:	   /* int 0x80 from the kernel */
	case TRAP_KIND_BREAKPOINT: /* in the kernel: fatal */
	case TRAP_KIND_FAULT:
		break;
	}
	trap_fatal(tf);
}
