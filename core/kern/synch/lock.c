/*
 * Spinlocks and mutexes. One CPU runs now, but the spinlock already spins
 * on an atomic exchange, so the code stays right when more CPUs start.
 */
#include <stddef.h>

#include <arch/arch.h>
#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/panic.h>
#include <kern/thr.h>

void spin_lock(struct spinlock *l)
{
	uint64_t flags = arch_irq_save();

	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			arch_cpu_relax();
	l->flags = flags;
}
KERN_EXPORT(spin_lock);

void spin_unlock(struct spinlock *l)
{
	uint64_t flags = l->flags;

	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
	arch_irq_restore(flags);
}
KERN_EXPORT(spin_unlock);

void mutex_lock(struct mutex *m)
{
	uint64_t flags = arch_irq_save();
	struct thr *me = thr_current();

	if (m->owner == me)
		panic("mutex %s: taken twice by thread %s", m->name ? m->name : "?", me->name);
	while (m->owner) {
		m->waiters++;
		thr_sleep(m, 0);
		m->waiters--;
	}
	m->owner = me;
	arch_irq_restore(flags);
}
KERN_EXPORT(mutex_lock);

void mutex_unlock(struct mutex *m)
{
	uint64_t flags = arch_irq_save();

	if (m->owner != thr_current())
		panic("mutex %s: released by a thread that does not hold it",
		      m->name ? m->name : "?");
	m->owner = NULL;
	if (m->waiters)
		thr_wakeup(m);
	arch_irq_restore(flags);
}
KERN_EXPORT(mutex_unlock);
