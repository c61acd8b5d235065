/*
 * Private to the core's role wrappers (page.c, mem.c, vm.c, tmr.c).
 */
#ifndef CORE_ROLE_LOCK_H_
#define CORE_ROLE_LOCK_H_

#include <stdint.h>

#include <arch/arch.h>

/*
 * Every call into the provider runs with interrupts disabled: one CPU runs
 * now and the kernel is preemptible, so this keeps two threads (or a
 * thread and an interrupt handler) out of the provider at once. Nested
 * calls (the provider calling back into a wrapper) are fine. With more
 * CPUs this becomes a per-role lock.
 */
#define ROLE_LOCKED(expr)                                                                          \
	({                                                                                         \
		uint64_t role_flags_ = arch_irq_save();                                            \
		__typeof__(expr) role_ret_ = (expr);                                               \
		arch_irq_restore(role_flags_);                                                     \
		role_ret_;                                                                         \
	})
#define ROLE_LOCKED_VOID(stmt)                                                                     \
	do {                                                                                       \
		uint64_t role_flags_ = arch_irq_save();                                            \
		stmt;                                                                              \
		arch_irq_restore(role_flags_);                                                     \
	} while (0)

#endif /* CORE_ROLE_LOCK_H_ */
