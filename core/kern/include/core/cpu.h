/**
 * @file core/cpu.h
 * @brief Per-CPU state of the generic core.
 * @ingroup core
 *
 * One record per CPU. One CPU runs today, so cpu_self() returns the only
 * record; when more CPUs start it reads the arch's per-CPU base instead,
 * and nothing else changes: every user already goes through cpu_self().
 */
#ifndef CORE_CPU_H_
#define CORE_CPU_H_

/** What the core counts per CPU. */
struct cpu {
	unsigned id;	     /**< CPU number, 0 for the boot CPU. */
	unsigned intr_depth; /**< Device interrupt handlers running (nested). */
	unsigned spin_depth; /**< Spinlocks held. */
};

/**
 * @brief Return the running CPU's record.
 * @return the record; never NULL.
 */
struct cpu *cpu_self(void);

#endif /* CORE_CPU_H_ */
