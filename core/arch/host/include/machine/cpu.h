/**
 * @file core/arch/host/include/machine/cpu.h
 * @brief The fake architecture's CPU primitives, for host tests.
 * @ingroup arch
 *
 * Interrupt state is a plain variable so that tests can check that code
 * disables and restores it in pairs.
 */
#ifndef MACHINE_HOST_CPU_H_
#define MACHINE_HOST_CPU_H_

#include <stdint.h>

/** Fake interrupt-enable flag: 1 when "interrupts" are on. */
extern int arch_host_irq_on;

/**
 * @brief Disable fake interrupts and return the previous state.
 * @return the previous state, for arch_irq_restore().
 */
static inline uint64_t arch_irq_save(void)
{
	uint64_t was = (uint64_t)arch_host_irq_on;

	arch_host_irq_on = 0;
	return was;
}

/**
 * @brief Restore the state arch_irq_save() returned.
 * @param flags the saved state.
 */
static inline void arch_irq_restore(uint64_t flags)
{
	arch_host_irq_on = (int)flags;
}

/** @brief Disable fake interrupts. */
static inline void arch_irq_disable(void)
{
	arch_host_irq_on = 0;
}

/** @brief Enable fake interrupts. */
static inline void arch_irq_enable(void)
{
	arch_host_irq_on = 1;
}

/** @brief Tell the CPU this is a spin-wait loop. */
static inline void arch_cpu_relax(void)
{
}

/** @brief Fake idle: nothing to wait for on the host. */
static inline void arch_idle(void)
{
}

#endif /* MACHINE_HOST_CPU_H_ */
