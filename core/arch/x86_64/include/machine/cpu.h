/**
 * @file machine/cpu.h
 * @brief x86-64 versions of the contract's inline CPU primitives.
 * @ingroup arch
 *
 * Included only by <arch/arch.h>, which documents what each must do.
 */
#ifndef MACHINE_CPU_H_
#define MACHINE_CPU_H_

#include <stdint.h>

/** @brief Disable maskable interrupts on this CPU. */
static inline void arch_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

/** @brief Enable maskable interrupts on this CPU. */
static inline void arch_irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

/**
 * @brief Disable interrupts and return the previous interrupt state.
 * @return the saved RFLAGS, to pass to arch_irq_restore().
 */
static inline uint64_t arch_irq_save(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

/**
 * @brief Restore the interrupt state saved by arch_irq_save().
 * @param flags the value arch_irq_save() returned.
 */
static inline void arch_irq_restore(uint64_t flags)
{
	if (flags & (1 << 9))
		__asm__ volatile("sti" ::: "memory");
}

/** @brief Tell the CPU this is a spin-wait loop. */
static inline void arch_cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/**
 * @brief Enable interrupts and wait for one, atomically (no wakeup is lost
 *        between the two), then disable them again.
 */
static inline void arch_idle(void)
{
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

#endif /* MACHINE_CPU_H_ */
