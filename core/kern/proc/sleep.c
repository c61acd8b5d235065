/*
 * Sleep and wakeup on wait channels (the Unix way: any address names the
 * event). Sleeping threads hang in a small hash of queues, linked through
 * thr->link, which is free while a thread is off the run queues. A bucket's
 * zeroed head becomes an empty list the first time the bucket is used.
 * A timed sleep arms a callout that wakes the thread with -ETIMEDOUT.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/kmod.h>
#include <kern/list.h>
#include <kern/sched.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

#include <core/thr_priv.h>

#define SLEEP_BUCKETS 64

static struct list_node sleep_queues[SLEEP_BUCKETS];

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
	if (t->state != THR_SLEEPING)
		return;
	sleep_unlink(t);
	t->wake_reason = -ETIMEDOUT;
	sched_ready(t);
}

int thr_sleep(const void *wchan, uint64_t timeout_ns)
{
	struct thr *t = thr_current();
	struct list_node *head = sleep_bucket(wchan);

	t->wchan = (uintptr_t)wchan;
	t->state = THR_SLEEPING;
	t->wake_reason = 0;
	list_add_head(head, &t->link);
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
	struct list_node *head = sleep_bucket(wchan);
	struct list_node *pos, *tmp;
	unsigned n = 0;

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
