/*
 * Spinlocks and mutexes. One CPU runs now, but the spinlock already spins
 * on an atomic exchange, so the code stays right when more CPUs start.
 */
#include <stddef.h>

#include <arch/arch.h>
#include <core/cpu.h>
#include <core/spin.h>
#include <kern/assert.h>
#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/panic.h>
#include <kern/thr.h>

void spin_lock(struct spinlock *l)
{
	spin_acquire(l, cpu_self());
}
KERN_EXPORT(spin_lock);

void spin_unlock(struct spinlock *l)
{
	spin_release(l, cpu_self());
}
KERN_EXPORT(spin_unlock);

void rspin_lock(struct rspinlock *l)
{
	rspin_enter(l);
}
KERN_EXPORT(rspin_lock);

void rspin_unlock(struct rspinlock *l)
{
	rspin_exit(l);
}
KERN_EXPORT(rspin_unlock);

void mutex_lock(struct mutex *m)
{
	uint64_t flags;
	struct thr *me = thr_current();

	KASSERT_MAY_SLEEP();
	flags = arch_irq_save();
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

/* As with rspin_lock(): only the holder ever stores itself as owner. */
void rmutex_lock(struct rmutex *m)
{
	struct thr *me = thr_current();

	KASSERT_MAY_SLEEP();
	if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) == me) {
		m->depth++;
		return;
	}
	mutex_lock(&m->mutex);
	m->owner = me;
	m->depth = 1;
}
KERN_EXPORT(rmutex_lock);

void rmutex_unlock(struct rmutex *m)
{
	KASSERT(m->owner == thr_current() && m->depth > 0);
	if (--m->depth)
		return;
	m->owner = NULL;
	mutex_unlock(&m->mutex);
}
KERN_EXPORT(rmutex_unlock);
