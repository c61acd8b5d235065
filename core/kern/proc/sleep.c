/*
 * Sleep and wakeup on wait channels (the Unix way: any address names the
 * event). Sleeping threads hang in a small hash of queues, linked through
 * thr->link, which is free while a thread is off the run queues. A bucket's
 * zeroed head becomes an empty list the first time the bucket is used.
 * A timed sleep arms a callout that wakes the thread with -ETIMEDOUT; without
 * a clock to arm it on, the timeout expires at once.
 *
 * Locking: sleep_lock guards the queues and each sleeper's state and
 * channel; it is taken before the scheduler's lock (sleep_lock, then
 * sched_lock, when a wakeup readies a thread). With several CPUs one more
 * step is needed: a thread queued here may be woken on another CPU before
 * it has switched away, so the scheduler must not run it until its context
 * is saved (the on-CPU mark noted in sched.c).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/kmod.h>
#include <kern/list.h>
#include <kern/lock.h>
#include <kern/sched.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

#include <core/signal.h>
#include <core/thr_priv.h>

#define SLEEP_BUCKETS 64

static struct list_node sleep_queues[SLEEP_BUCKETS];
static struct spinlock sleep_lock = SPINLOCK_INIT("sleep");

static struct list_node *sleep_bucket(const void *wchan)
{
	uintptr_t h = (uintptr_t)wchan;
	struct list_node *head;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ULL;
	head = &sleep_queues[h >> 58];
	if (!head->next)
		list_init(head);
	return head;
}

static void sleep_unlink(struct thr *t)
{
	list_del(&t->link);
}

static void sleep_timeout(struct tmr_callout *c, void *arg)
{
	struct thr *t = arg;

	(void)c;
	spin_lock(&sleep_lock);
	if (t->state == THR_SLEEPING) {
		sleep_unlink(t);
		t->wake_reason = -ETIMEDOUT;
		sched_ready(t);
	}
	spin_unlock(&sleep_lock);
}

static void sleep_enqueue(struct thr *t, const void *wchan)
{
	spin_lock(&sleep_lock);
	t->wchan = (uintptr_t)wchan;
	t->state = THR_SLEEPING;
	t->wake_reason = 0;
	list_add_head(sleep_bucket(wchan), &t->link);
	spin_unlock(&sleep_lock);
}

static int sleep_block(struct thr *t, uint64_t timeout_ns)
{
	/* A timeout that cannot be armed (no tmr provider) expires at once:
	 * the sleep is a yield, never a sleep nobody ends. */
	if (timeout_ns &&
	    tmr_arm(&t->timeout, tmr_now_ns() + timeout_ns, 0, sleep_timeout, t) != 0) {
		sleep_timeout(&t->timeout, t);
		timeout_ns = 0;
	}
	sched_block();
	if (timeout_ns)
		tmr_cancel(&t->timeout);
	t->wchan = 0;
	return t->wake_reason;
}

int thr_sleep(const void *wchan, uint64_t timeout_ns)
{
	struct thr *t = thr_current();

	sleep_enqueue(t, wchan);
	return sleep_block(t, timeout_ns);
}
KERN_EXPORT(thr_sleep);

void thr_sleep_prepare(const void *wchan)
{
	sleep_enqueue(thr_current(), wchan);
}

void thr_sleep_cancel(void)
{
	struct thr *t = thr_current();

	spin_lock(&sleep_lock);
	if (t->state == THR_SLEEPING) {
		sleep_unlink(t);
		t->state = THR_RUNNING;
	}
	t->wchan = 0;
	spin_unlock(&sleep_lock);
}

void thr_sleep_commit(void)
{
	sleep_block(thr_current(), 0);
}

/* A signal for @t's process: end its sleep with -EINTR. A sleeper that
 * cannot stop there (a mutex) checks its condition again and sleeps on. */
void thr_interrupt(struct thr *t)
{
	spin_lock(&sleep_lock);
	if (t->state == THR_SLEEPING) {
		sleep_unlink(t);
		t->wake_reason = -EINTR;
		sched_ready(t);
	}
	spin_unlock(&sleep_lock);
}

/*
 * The thread is on the channel's queue before the mutex is released, so a
 * waker that takes the mutex after us and then calls thr_wakeup() finds it
 * there: no wakeup is lost, whichever CPU the waker runs on.
 */
int thr_sleep_mutex(const void *wchan, struct mutex *m, uint64_t timeout_ns)
{
	uint64_t flags = arch_irq_save();
	struct thr *t = thr_current();
	int rc;

	sleep_enqueue(t, wchan);
	mutex_unlock(m);
	rc = sleep_block(t, timeout_ns);
	arch_irq_restore(flags);
	mutex_lock(m);
	return rc;
}
KERN_EXPORT(thr_sleep_mutex);

/*
 * The look for a signal comes after the thread is queued, with interrupts
 * off: a sender before it set the pending bit the look sees; a sender
 * after it finds the thread queued, and thr_interrupt() readies it.
 */
int thr_sleep_sig(const void *wchan, struct mutex *m, uint64_t timeout_ns)
{
	uint64_t flags = arch_irq_save();
	struct thr *t = thr_current();
	int rc;

	sleep_enqueue(t, wchan);
	if (signal_pending()) {
		thr_sleep_cancel();
		arch_irq_restore(flags);
		return -EINTR;
	}
	if (m)
		mutex_unlock(m);
	rc = sleep_block(t, timeout_ns);
	arch_irq_restore(flags);
	if (m)
		mutex_lock(m);
	return rc;
}
KERN_EXPORT(thr_sleep_sig);

unsigned thr_wakeup(const void *wchan)
{
	struct list_node *head, *pos, *tmp;
	unsigned n = 0;

	spin_lock(&sleep_lock);
	head = sleep_bucket(wchan);
	list_for_each_safe(pos, tmp, head)
	{
		struct thr *t = list_entry(pos, struct thr, link);

		if (t->wchan == (uintptr_t)wchan && t->state == THR_SLEEPING) {
			sleep_unlink(t);
			t->wake_reason = 0;
			sched_ready(t);
			n++;
		}
	}
	spin_unlock(&sleep_lock);
	return n;
}
KERN_EXPORT(thr_wakeup);

void thr_sleep_ns(uint64_t ns)
{
	uint64_t flags = arch_irq_save();
	struct thr *t = thr_current();

	/* The thread's own record is a channel nobody else wakes. */
	thr_sleep(&t->timeout, ns ? ns : 1);
	arch_irq_restore(flags);
}
KERN_EXPORT(thr_sleep_ns);
