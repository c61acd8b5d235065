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

#include <stdbool.h>

struct thr;

/** What the core counts per CPU. */
struct cpu {
	unsigned id;	     /**< CPU number, 0 for the boot CPU. */
	unsigned intr_depth; /**< Device interrupt handlers running (nested). */
	unsigned spin_depth; /**< Spinlocks held. */
};

/** The boot CPU's record (core/kern/debug/assert.c). */
extern struct cpu cpu_boot;

/**
 * @brief Return the running CPU's record.
 *
 * Inline: locks and context checks call it on every take. With more CPUs
 * it reads the arch's per-CPU base.
 * @return the record; never NULL.
 */
static inline struct cpu *cpu_self(void)
{
	return &cpu_boot;
}

/** The running thread (core/kern/proc/sched.c; per CPU with SMP). */
extern struct thr *sched_cur;

/**
 * @brief ctx_may_sleep() inline, for the core's own checks.
 * @return true on a thread, outside interrupt handlers, holding no spinlock.
 */
static inline bool cpu_may_sleep(void)
{
	const struct cpu *c = cpu_self();

	return (c->intr_depth | c->spin_depth) == 0 && sched_cur != (struct thr *)0;
}

#endif /* CORE_CPU_H_ */
