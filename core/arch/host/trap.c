/*
 * The fake architecture's traps: every accessor reads the field of the
 * fake frame a host test filled in; the dumps print to the fake console.
 */
#include <stdint.h>

#include <arch/trap.h>
#include <machine/trap.h>

enum trap_kind arch_trap_kind(const struct trap_frame *tf)
{
	return tf->kind;
}

unsigned arch_trap_vector(const struct trap_frame *tf)
{
	return tf->vector;
}

unsigned arch_trap_irq(const struct trap_frame *tf)
{
	return tf->irq;
}

uint64_t arch_trap_error(const struct trap_frame *tf)
{
	return tf->error;
}

uint64_t arch_trap_pc(const struct trap_frame *tf)
{
	return tf->pc;
}

uint64_t arch_trap_sp(const struct trap_frame *tf)
{
	return tf->sp;
}

uint64_t arch_trap_fp(const struct trap_frame *tf)
{
	return tf->fp;
}

int arch_trap_from_user(const struct trap_frame *tf)
{
	return tf->user;
}

uint64_t arch_trap_fault_addr(const struct trap_frame *tf)
{
	return tf->fault_addr;
}

int arch_trap_fault_access(const struct trap_frame *tf)
{
	return tf->fault_access;
}

int arch_trap_fault_user(const struct trap_frame *tf)
{
	return tf->fault_user;
}

uint64_t arch_trap_frameless_caller(const struct trap_frame *tf)
{
	(void)tf;
	return 0;
}

const char *arch_trap_name(unsigned vector)
{
	return vector == 14 ? "TRAPPF" : "TRAP?";
}

const char *arch_trap_desc(unsigned vector)
{
	return vector == 14 ? "page fault" : "unexpected interrupt";
}

void arch_trap_print_fault(const struct trap_frame *tf)
{
	(void)tf;
}

void arch_trap_print_regs(const struct trap_frame *tf)
{
	(void)tf;
}
