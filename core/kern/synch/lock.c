/*
 * Spinlocks and mutexes. One CPU runs now, but the spinlock already spins
 * on an atomic exchange, so the code stays right when more CPUs start.
 */
#include <stdbool.h>
#include <stddef.h>

#include <arch/arch.h>
#include <core/cpu.h>
#include <core/thr_priv.h>
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

/*
 * A mutex is its owner word: taking a free one is one compare-and-swap,
 * releasing one a store, and neither touches the interrupt flag. A taker
 * that finds it held counts itself in waiters, queues on the mutex's wait
 * channel and only then tries once more before it blocks; the releaser
 * clears the owner and then reads waiters (both sequentially consistent).
 * So either the last try sees the mutex free, or the releaser sees the
 * waiter and its thr_wakeup() (under the sleep queues' lock) finds it
 * queued: no wakeup is lost, on one CPU or several. (A waker on another CPU
 * may ready the taker before it has blocked, or after its last try won: as
 * for every sleep, the scheduler's on-CPU mark of sleep.c is what makes that
 * safe once more CPUs run.)
 */
__attribute__((noinline)) static void mutex_wait(struct mutex *m, struct thr *me)
{
	uint64_t flags = arch_irq_save();

	if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) == me)
		panic("mutex %s: taken twice by thread %s", m->name ? m->name : "?", me->name);
	__atomic_add_fetch(&m->waiters, 1, __ATOMIC_SEQ_CST);
	me->wmutex = m; /* for the thread report: who waits for whom */
	for (;;) {
		struct thr *none = NULL;

		thr_sleep_prepare(m);
		if (__atomic_compare_exchange_n(&m->owner, &none, me, false, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			thr_sleep_cancel();
			break;
		}
		thr_sleep_commit();
	}
	me->wmutex = NULL;
	__atomic_sub_fetch(&m->waiters, 1, __ATOMIC_RELAXED);
	arch_irq_restore(flags);
}

void mutex_lock(struct mutex *m)
{
	struct thr *me = sched_cur, *none = NULL;

	KASSERT_MAY_SLEEP();
	if (__builtin_expect(!__atomic_compare_exchange_n(&m->owner, &none, me, false,
							  __ATOMIC_ACQUIRE, __ATOMIC_RELAXED),
			     0))
		mutex_wait(m, me);
}
KERN_EXPORT(mutex_lock);

void mutex_unlock(struct mutex *m)
{
	if (__builtin_expect(m->owner != sched_cur, 0))
		panic("mutex %s: released by a thread that does not hold it",
		      m->name ? m->name : "?");
	__atomic_store_n(&m->owner, NULL, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&m->waiters, __ATOMIC_SEQ_CST))
		thr_wakeup(m);
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
