/*
 * modules/sched/stride/stride.c - stride scheduling (Waldspurger and Weihl, 1995).
 *
 * Four ready lists, tried in order: real-time (FIFO), user and batch
 * (stride), idle (FIFO). Within user and batch, each thread has tickets
 * from its nice value, a stride of STRIDE_BIG / tickets and a pass that
 * grows by its stride per tick run; the thread with the smallest pass runs
 * next, for a fixed slice of STRIDE_SLICE ticks. Over time every thread of
 * a class gets CPU in proportion to its tickets.
 *
 * Each stride class has a virtual clock, the global pass of the paper: it
 * advances by STRIDE_BIG / (active tickets of the class) per tick the class
 * runs, i.e. at the rate of an ideal thread. A thread is active while it is
 * ready or running. When it stops (blocks, yields, is preempted) it leaves:
 * remain = pass - global pass; when it is enqueued again it joins:
 * pass = global pass + remain. A preempted thread rejoins at once, so
 * nothing changes for it; a sleeper comes back at the clock's present plus
 * what it was ahead or behind when it left, so it cannot hoard time while
 * asleep. Credit is capped at one slice (remain >= -STRIDE_SLICE * stride),
 * and a new thread joins one stride after the clock, as in the paper.
 *
 * The ready lists of the stride classes are kept sorted by pass rather
 * than in a binary heap: a heap needs an array (a fixed capacity or an
 * allocation inside a hook that runs with interrupts disabled), whereas a
 * sorted list is intrusive through thr->link like the Zero scheduler's
 * queues. pick() and dequeue() are O(1); insertion walks from the tail, where a
 * thread that just ran (the common case) belongs, so it is O(1) for
 * CPU-bound threads and O(n) at worst for a waking one, fine for the tens
 * of threads this kernel runs. Equal passes stay in arrival order.
 *
 * Passes are 64-bit and compared wrap-safe, as a signed difference.
 * Preemption on wakeup is by class only: a woken thread of a better class
 * preempts; within a class it waits for the end of the running slice.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/list.h>
#include <kern/sched.h>
#include <kern/thr.h>

#include "stride.h"

#define STRIDE_QUEUED	     ((uint64_t)1) /* on a ready list */
#define STRIDE_ACTIVE	     ((uint64_t)2) /* its tickets count in its class */
#define STRIDE_CLASS_SHIFT   8
#define STRIDE_TICKETS_SHIFT 32

/* A ready list and, for the stride classes, the class's virtual clock. */
struct stride_class {
	struct list_node ready; /* threads, by pass for the stride classes, else FIFO */
	uint64_t pass;		/* global pass of the class */
	uint64_t tickets;	/* tickets of its active threads */
};

#define STRIDE_CLASS_INIT(cls)                                                                     \
	[cls] = {                                                                                  \
		.ready = LIST_HEAD_INIT(stride_classes[cls].ready),                                \
	}

static struct stride_class stride_classes[THR_NCLASS] = {
	STRIDE_CLASS_INIT(THR_CLASS_RT),
	STRIDE_CLASS_INIT(THR_CLASS_USER),
	STRIDE_CLASS_INIT(THR_CLASS_BATCH),
	STRIDE_CLASS_INIT(THR_CLASS_IDLE),
};

/* round(1024 * 1.25^-nice) for nice -20 to 19: an integer table, no floating point. */
static const uint32_t stride_ticket_table[THR_NICE_MAX - THR_NICE_MIN + 1] = {
	88818, 71054, 56843, 45475, 36380, 29104, 23283, 18626, 14901, 11921,
	9537,  7629,  6104,  4883,  3906,  3125,  2500,	 2000,	1600,  1280,
	1024,  819,   655,   524,   419,   336,	  268,	 215,	172,   137,
	110,   88,    70,    56,    45,	   36,	  29,	 23,	18,    15,
};

uint32_t stride_tickets(long nice)
{
	if (nice < THR_NICE_MIN)
		nice = THR_NICE_MIN;
	if (nice > THR_NICE_MAX)
		nice = THR_NICE_MAX;
	return stride_ticket_table[nice - THR_NICE_MIN];
}

uint64_t stride_class_pass(long cls)
{
	if (cls != THR_CLASS_USER && cls != THR_CLASS_BATCH)
		return 0;
	return stride_classes[cls].pass;
}

/* Is pass a before pass b? Wrap-safe: valid while live passes are within 2^63. */
static int stride_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

static long stride_class_of(const struct thr *t)
{
	return (long)((t->sched[STRIDE_INFO] >> STRIDE_CLASS_SHIFT) & 0xff);
}

static uint64_t stride_tickets_of(const struct thr *t)
{
	return t->sched[STRIDE_INFO] >> STRIDE_TICKETS_SHIFT;
}

static int stride_is_stride(long cls)
{
	return cls == THR_CLASS_USER || cls == THR_CLASS_BATCH;
}

/*
 * Everything the policy needs is fixed here, from class and nice: the core
 * calls dequeue(), setup(), enqueue() when either changes.
 */
static void stride_setup(struct thr *t)
{
	long cls = t->class;
	uint64_t tickets = stride_tickets(t->nice);
	uint64_t info;
	long prio;

	if (cls < THR_CLASS_RT || cls > THR_CLASS_IDLE)
		cls = THR_CLASS_IDLE;
	prio = THR_NPRIO * cls + THR_NPRIO / 2 + t->nice; /* for reports only */
	t->prio = prio < 0 ? 0 : prio > THR_NQUEUE - 1 ? THR_NQUEUE - 1 : prio;
	t->slice = STRIDE_SLICE;
	list_init(&t->link);
	t->sched[STRIDE_PASS] = 0;
	t->sched[STRIDE_STRIDE] = STRIDE_BIG / tickets;
	t->sched[STRIDE_REMAIN] = t->sched[STRIDE_STRIDE];
	info = (uint64_t)cls << STRIDE_CLASS_SHIFT;
	t->sched[STRIDE_INFO] = info | tickets << STRIDE_TICKETS_SHIFT;
}

static void stride_join(struct thr *t, struct stride_class *c)
{
	t->sched[STRIDE_PASS] = c->pass + t->sched[STRIDE_REMAIN];
	c->tickets += stride_tickets_of(t);
	t->sched[STRIDE_INFO] |= STRIDE_ACTIVE;
}

static void stride_leave(struct thr *t, struct stride_class *c)
{
	int64_t remain = (int64_t)(t->sched[STRIDE_PASS] - c->pass);
	int64_t credit = -(int64_t)(STRIDE_SLICE * t->sched[STRIDE_STRIDE]);

	t->sched[STRIDE_REMAIN] = (uint64_t)(remain < credit ? credit : remain);
	c->tickets -= stride_tickets_of(t);
	t->sched[STRIDE_INFO] &= ~STRIDE_ACTIVE;
}

/* Insert after the last thread whose pass is not after t's (arrival order among equals). */
static void stride_insert(struct thr *t, struct stride_class *c)
{
	struct list_node *after = c->ready.prev;

	while (after != &c->ready &&
	       stride_before(t->sched[STRIDE_PASS],
			     list_entry(after, struct thr, link)->sched[STRIDE_PASS]))
		after = after->prev;
	list_add_head(after, &t->link);
}

static void stride_enqueue(struct thr *t)
{
	long cls = stride_class_of(t);
	struct stride_class *c = &stride_classes[cls];

	if (t->sched[STRIDE_INFO] & STRIDE_QUEUED)
		return;
	t->sched[STRIDE_INFO] |= STRIDE_QUEUED;
	if (!stride_is_stride(cls)) {
		list_add_tail(&c->ready, &t->link);
		return;
	}
	if (!(t->sched[STRIDE_INFO] & STRIDE_ACTIVE))
		stride_join(t, c);
	stride_insert(t, c);
}

static void stride_unlink(struct thr *t)
{
	list_del(&t->link);
	t->sched[STRIDE_INFO] &= ~STRIDE_QUEUED;
}

static void stride_dequeue(struct thr *t)
{
	struct stride_class *c = &stride_classes[stride_class_of(t)];

	if (t->sched[STRIDE_INFO] & STRIDE_QUEUED)
		stride_unlink(t);
	if (t->sched[STRIDE_INFO] & STRIDE_ACTIVE) /* also when called for the running thread */
		stride_leave(t, c);
}

/* The head of the first non-empty list; it stays active (its tickets count) while it runs. */
static struct thr *stride_pick(void)
{
	for (long cls = THR_CLASS_RT; cls < THR_NCLASS; cls++) {
		struct list_node *n = list_first(&stride_classes[cls].ready);

		if (n) {
			struct thr *t = list_entry(n, struct thr, link);

			stride_unlink(t);
			return t;
		}
	}
	return NULL;
}

static int stride_tick(struct thr *t)
{
	struct stride_class *c = &stride_classes[stride_class_of(t)];

	if (t->sched[STRIDE_INFO] & STRIDE_ACTIVE) {
		t->sched[STRIDE_PASS] += t->sched[STRIDE_STRIDE];
		c->pass += STRIDE_BIG / c->tickets;
	}
	if (--t->slice > 0)
		return 0;
	t->slice = STRIDE_SLICE;
	return 1;
}

/* Leave the class's clock (enqueue() joins again) and start the next run with a full slice. */
static void stride_stopped(struct thr *t)
{
	if (t->sched[STRIDE_INFO] & STRIDE_ACTIVE)
		stride_leave(t, &stride_classes[stride_class_of(t)]);
	t->slice = STRIDE_SLICE;
}

static int stride_preempts(const struct thr *woken, const struct thr *running)
{
	return stride_class_of(woken) < stride_class_of(running);
}

const struct sched_ops stride_sched_ops = {
	.version = SCHED_OPS_VERSION,
	.setup = stride_setup,
	.enqueue = stride_enqueue,
	.dequeue = stride_dequeue,
	.pick = stride_pick,
	.tick = stride_tick,
	.stopped = stride_stopped,
	.preempts = stride_preempts,
};
