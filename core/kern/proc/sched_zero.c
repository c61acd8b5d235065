/*
 * core/kern/proc/sched_zero.c - the Zero scheduler, the core's built-in policy.
 *
 * After the Zero book, section 5.1.1: four thread classes (real-time, user,
 * batch, idle) times THR_NPRIO priorities give THR_NQUEUE run queues, one
 * FIFO per priority, index 0 the highest. A bitmap with one bit per queue
 * (set while the queue is non-empty) finds the first non-empty queue with a
 * find-first-set on at most four words, so pick() takes constant time
 * whatever the number of ready threads. Queues are lists through
 * thr->link, so dequeue() unlinks a thread from the middle in O(1). The
 * bitmap is the truth about emptiness: a queue's head is (re)initialised
 * when its bit goes from clear to set, so the zeroed heads need no setup.
 *
 * Priorities move with the book's thradjprio() each time a thread stops
 * running: a non-real-time thread walks through the upper half of its
 * class (wrapping around), offset by its nice value, so threads of equal
 * class and nice take turns; real-time threads keep the priority setup()
 * gave them and are served round-robin within one priority.
 *
 * The policy keeps two private words in thr->sched[]: a flag saying whether
 * the thread is on a run queue, and the index of that queue. thr->link
 * is shared with the sleep queues, so the links alone cannot say it; the
 * flag makes a stray dequeue() of a thread that is not queued, or a second
 * enqueue(), harmless instead of corrupting a queue, and the saved index
 * keeps dequeue() right even if someone changed prio while it was queued.
 *
 * Every hook runs with interrupts disabled (see kern/sched.h); the queues
 * need no other lock on the single CPU the kernel runs today.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/thr_priv.h>
#include <kern/list.h>
#include <kern/sched.h>
#include <kern/thr.h>

/* Time slices in timer ticks (4 ms each at HZ=250). */
#define ZERO_SLICE_RT	 10 /* real-time: round-robin among equal priorities */
#define ZERO_SLICE_USER	 4  /* interactive timeshare: short, responsive */
#define ZERO_SLICE_BATCH 16 /* batch: long, fewer switches, better caches */
#define ZERO_SLICE_IDLE	 1  /* idle: give way at the next tick */

#define ZERO_MAP_BITS  64			    /* bits per bitmap word */
#define ZERO_MAP_WORDS (THR_NQUEUE / ZERO_MAP_BITS) /* 4 words for 256 queues */

#define ZERO_SCHED_FLAGS 0	       /* index in thr->sched[] of our flags */
#define ZERO_SCHED_QUEUE 1	       /* index in thr->sched[] of the queue it is on */
#define ZERO_QUEUED	 ((uint64_t)1) /* flag: the thread is on a run queue */

_Static_assert(THR_NQUEUE % ZERO_MAP_BITS == 0, "the bitmap must cover the queues exactly");
_Static_assert((THR_NPRIO & (THR_NPRIO - 1)) == 0, "thradjprio() masks with THR_NPRIO / 2 - 1");

/* One FIFO: threads enter at the tail and leave at the head. */
struct zero_queue {
	struct list_node threads;
};

static struct zero_queue zero_queues[THR_NQUEUE];
static uint64_t zero_map[ZERO_MAP_WORDS]; /* bit q set <=> zero_queues[q] is non-empty */

static const long zero_slices[THR_NCLASS] = {
	[THR_CLASS_RT] = ZERO_SLICE_RT,
	[THR_CLASS_USER] = ZERO_SLICE_USER,
	[THR_CLASS_BATCH] = ZERO_SLICE_BATCH,
	[THR_CLASS_IDLE] = ZERO_SLICE_IDLE,
};

static long zero_min(long a, long b)
{
	return a < b ? a : b;
}

static long zero_max(long a, long b)
{
	return a > b ? a : b;
}

/* A class index safe to use in tables (the core validates classes; this only guards memory). */
static long zero_class(const struct thr *t)
{
	return zero_max(THR_CLASS_RT, zero_min(THR_CLASS_IDLE, t->class));
}

/* The queue a thread belongs on; prio is kept within the queues the same way. */
static long zero_index(const struct thr *t)
{
	return zero_max(0, zero_min(THR_NQUEUE - 1, t->prio));
}

/*
 * The book's adjustment, with one fix. The book clamps with
 * max(THR_NPRIO * THR_NCLASS - 1, prio), which is always at least the last
 * queue: every thread would land in the lowest idle priority after its
 * first stop. The intent is an upper bound (a batch or idle thread with a
 * large nice must not leave the queue array), and that is min().
 * Note that the wrap position is taken from prio, which already includes
 * nice, so a thread steps by nice + 1 positions each time (as in the book):
 * nice 0 visits all 32 priorities of the upper half, nice -1 stays put.
 */
long thradjprio(struct thr *t)
{
	long class = t->class;
	long prio = t->prio;

	if (class != THR_CLASS_RT) {
		/* wrap around back to 0 at THR_NPRIO / 2 */
		prio++;
		prio &= (THR_NPRIO >> 1) - 1;
		prio = (THR_NPRIO * class) + (THR_NPRIO >> 1) + prio + t->nice;
		prio = zero_min(THR_NPRIO * THR_NCLASS - 1, prio);
		t->prio = prio;
	}
	return prio;
}

/*
 * A new thread starts at the top of its class's upper half, offset by nice:
 * THR_NPRIO * class + THR_NPRIO / 2 + nice, which is where thradjprio() puts
 * a thread at wrap position 0, so setup and adjustment agree. Real-time
 * threads use the same formula and never move from it: nice orders them
 * among themselves (priorities 12 to 51 of class 0; a lower nice runs
 * first, equal ones round-robin on ZERO_SLICE_RT).
 */
static void zero_setup(struct thr *t)
{
	long prio = THR_NPRIO * zero_class(t) + (THR_NPRIO >> 1) + t->nice;

	t->prio = zero_max(0, zero_min(THR_NQUEUE - 1, prio));
	t->slice = zero_slices[zero_class(t)];
	list_init(&t->link);
	for (size_t i = 0; i < sizeof(t->sched) / sizeof(t->sched[0]); i++)
		t->sched[i] = 0;
}

static void zero_enqueue(struct thr *t)
{
	long q = zero_index(t);
	struct zero_queue *zq = &zero_queues[q];

	if (t->sched[ZERO_SCHED_FLAGS] & ZERO_QUEUED)
		return;
	t->sched[ZERO_SCHED_FLAGS] |= ZERO_QUEUED;
	t->sched[ZERO_SCHED_QUEUE] = (uint64_t)q;
	if (!(zero_map[q / ZERO_MAP_BITS] & (uint64_t)1 << (q % ZERO_MAP_BITS)))
		list_init(&zq->threads);
	list_add_tail(&zq->threads, &t->link);
	zero_map[q / ZERO_MAP_BITS] |= (uint64_t)1 << (q % ZERO_MAP_BITS);
}

static void zero_dequeue(struct thr *t)
{
	long q;
	struct zero_queue *zq;

	if (!(t->sched[ZERO_SCHED_FLAGS] & ZERO_QUEUED))
		return;
	q = (long)t->sched[ZERO_SCHED_QUEUE];
	zq = &zero_queues[q];
	t->sched[ZERO_SCHED_FLAGS] &= ~ZERO_QUEUED;
	list_del(&t->link);
	if (list_empty(&zq->threads))
		zero_map[q / ZERO_MAP_BITS] &= ~((uint64_t)1 << (q % ZERO_MAP_BITS));
}

/* The first (highest-priority) non-empty queue, or -1: at most four words to look at. */
static long zero_first(void)
{
	for (long w = 0; w < ZERO_MAP_WORDS; w++) {
		if (zero_map[w])
			return w * ZERO_MAP_BITS + __builtin_ctzll(zero_map[w]);
	}
	return -1;
}

static struct thr *zero_pick(void)
{
	long q = zero_first();
	struct thr *t;

	if (q < 0)
		return NULL;
	t = list_entry(list_first(&zero_queues[q].threads), struct thr, link);
	zero_dequeue(t);
	return t;
}

/* Spend one tick of the slice; when it runs out, refill it and ask for preemption. */
static int zero_tick(struct thr *t)
{
	if (--t->slice > 0)
		return 0;
	t->slice = zero_slices[zero_class(t)];
	return 1;
}

static void zero_stopped(struct thr *t)
{
	thradjprio(t);
}

/* Preempt only for a strictly better priority: equals wait for the slice to end. */
static int zero_preempts(const struct thr *woken, const struct thr *running)
{
	return woken->prio < running->prio;
}

const struct sched_ops zero_sched_ops = {
	.version = SCHED_OPS_VERSION,
	.setup = zero_setup,
	.enqueue = zero_enqueue,
	.dequeue = zero_dequeue,
	.pick = zero_pick,
	.tick = zero_tick,
	.stopped = zero_stopped,
	.preempts = zero_preempts,
};

const struct sched_ops *sched_zero_ops(void)
{
	return &zero_sched_ops;
}
