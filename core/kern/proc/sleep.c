/*
 * Sleep and wakeup on wait channels (the Unix way: any address names the
 * event). Sleeping threads hang in a small hash of queues, linked through
 * thr->prev/next, which are free while a thread is off the run queues.
 * A timed sleep arms a callout that wakes the thread with -ETIMEDOUT.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/kmod.h>
#include <kern/sched.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

#include <core/thr_priv.h>

#define SLEEP_BUCKETS 64

static struct thr *sleep_queues[SLEEP_BUCKETS];

static struct thr **sleep_bucket(const void *wchan)
{
	uintptr_t h = (uintptr_t)wchan;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ULL;
	return &sleep_queues[h >> 58];
}

static void sleep_unlink(struct thr *t)
{
	struct thr **head = sleep_bucket((const void *)t->wchan);

	if (t->prev)
		t->prev->next = t->next;
	else
		*head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	t->prev = t->next = NULL;
}

static void sleep_timeout(struct tmr_callout *c, void *arg)
{
	struct thr *t = arg;

	(void)c;
	if (t->state != THR_SLEEPING)
		return;
	sleep_unlink(t);
	t->wake_reason = -ETIMEDOUT;
	sched_ready(t);
}

int thr_sleep(const void *wchan, uint64_t timeout_ns)
{
	struct thr *t = thr_current();
	struct thr **head = sleep_bucket(wchan);

	t->wchan = (uintptr_t)wchan;
	t->state = THR_SLEEPING;
	t->wake_reason = 0;
	t->prev = NULL;
	t->next = *head;
	if (*head)
		(*head)->prev = t;
	*head = t;
	if (timeout_ns && tmr_arm(&t->timeout, tmr_now_ns() + timeout_ns, 0, sleep_timeout, t) != 0)
		timeout_ns = 0;
	sched_block();
	if (timeout_ns)
		tmr_cancel(&t->timeout);
	t->wchan = 0;
	return t->wake_reason;
}
KERN_EXPORT(thr_sleep);

unsigned thr_wakeup(const void *wchan)
{
	uint64_t flags = arch_irq_save();
	struct thr *t = *sleep_bucket(wchan);
	unsigned n = 0;

	while (t) {
		struct thr *next = t->next;

		if (t->wchan == (uintptr_t)wchan && t->state == THR_SLEEPING) {
			sleep_unlink(t);
			t->wake_reason = 0;
			sched_ready(t);
			n++;
		}
		t = next;
	}
	arch_irq_restore(flags);
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
