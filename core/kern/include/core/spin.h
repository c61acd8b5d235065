/**
 * @file core/spin.h
 * @brief Inline bodies of the spinlocks of kern/lock.h, for the core's hot paths.
 * @ingroup core
 *
 * spin_lock(), rspin_lock() and their releases (core/kern/synch/lock.c)
 * are these bodies; the role wrappers of `page` inline them too, since
 * they take the page lock twice for every frame allocated and freed.
 */
#ifndef CORE_SPIN_H_
#define CORE_SPIN_H_

#include <stdint.h>

#include <arch/arch.h>
#include <core/cpu.h>
#include <kern/assert.h>
#include <kern/lock.h>

/**
 * @brief Take @p l with interrupts masked (the body of spin_lock()).
 * @param l the lock.
 * @param me this CPU's record.
 */
static inline void spin_acquire(struct spinlock *l, struct cpu *me)
{
	uint64_t flags = arch_irq_save();

	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			arch_cpu_relax();
	l->flags = flags;
	me->spin_depth++;
}

/**
 * @brief Release @p l and restore the interrupt state (the body of spin_unlock()).
 * @param l the lock, held by this CPU.
 * @param me this CPU's record.
 */
static inline void spin_release(struct spinlock *l, struct cpu *me)
{
	uint64_t flags = l->flags;

	me->spin_depth--;
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
	arch_irq_restore(flags);
}

/**
 * @brief Take a recursive spinlock (the body of rspin_lock()).
 *
 * The owner field is only ever set to this CPU by this CPU, so reading it
 * unlocked tells reliably whether this CPU is the holder.
 * @param l the lock.
 */
static inline void rspin_enter(struct rspinlock *l)
{
	struct cpu *me = cpu_self();

	if (__atomic_load_n(&l->owner, __ATOMIC_RELAXED) == me) {
		l->depth++;
		return;
	}
	spin_acquire(&l->lock, me);
	l->owner = me;
	l->depth = 1;
}

/**
 * @brief Release one take of a recursive spinlock (the body of rspin_unlock()).
 * @param l the lock, held by this CPU.
 */
static inline void rspin_exit(struct rspinlock *l)
{
	struct cpu *me = cpu_self();

	KASSERT(l->owner == me && l->depth > 0);
	if (--l->depth)
		return;
	l->owner = NULL;
	spin_release(&l->lock, me);
}

#endif /* CORE_SPIN_H_ */
