/* Host tests of core/kern/proc/sched_zero.c: thradjprio(), the run queues, the policy in a run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <kern/sched.h>
#include <kern/thr.h>
#include <core/sched.h>

#include "sched_sim.h"

#define NPOOL 48

static const struct sched_ops *ops;
static struct sim_thr pool[NPOOL]; /* static: the queues may point here between tests */

static struct thr *mk(int i, long cls, long nice)
{
	sim_thr_init(ops, &pool[i], i, cls, nice);
	return &pool[i].t;
}

/* Empty the run queues, whatever a failed test left there. */
static int drain(void **state)
{
	(void)state;
	while (ops->pick())
		;
	return 0;
}

/* ---- thradjprio ---------------------------------------------------------- */

static void test_setup_fields(void **state)
{
	struct thr *t;

	(void)state;
	t = mk(0, THR_CLASS_USER, 0);
	assert_int_equal(t->prio, 96);
	assert_int_equal(t->slice, 4);
	t = mk(1, THR_CLASS_RT, 0);
	assert_int_equal(t->prio, 32);
	assert_int_equal(t->slice, 10);
	t = mk(2, THR_CLASS_BATCH, -20);
	assert_int_equal(t->prio, 140);
	assert_int_equal(t->slice, 16);
	t = mk(3, THR_CLASS_IDLE, 19);
	assert_int_equal(t->prio, 243);
	assert_int_equal(t->slice, 1);
	pool[3].t.sched[2] = 77;
	ops->setup(&pool[3].t);
	assert_int_equal(pool[3].t.sched[2], 0);
}

static void test_adjprio_wrap(void **state)
{
	int seen[THR_NQUEUE] = { 0 };
	struct thr *t = mk(0, THR_CLASS_USER, 0);

	(void)state;
	for (int i = 0; i < 64; i++) {
		long p = thradjprio(t);

		assert_int_equal(p, t->prio);
		/* the upper half of class 1 (96..127), one step each, wrapping to 96 */
		assert_int_equal(p, 96 + (i + 1) % 32);
		seen[p]++;
	}
	for (int p = 0; p < THR_NQUEUE; p++)
		assert_int_equal(seen[p], p >= 96 && p < 128 ? 2 : 0);
}

/* Run 64 adjustments of a fresh (class, nice) thread; each prio must be in [lo, hi]. */
static void adjust_within(long cls, long nice, long first, long lo, long hi)
{
	struct thr *t = mk(0, cls, nice);

	assert_int_equal(thradjprio(t), first);
	for (int i = 0; i < 64; i++) {
		long p = thradjprio(t);

		assert_in_range(p, lo, hi);
	}
}

static void test_adjprio_nice(void **state)
{
	struct thr *t;

	(void)state;
	/* prio 101: (102 & 31) = 6 -> 64 + 32 + 6 + 5 */
	adjust_within(THR_CLASS_USER, 5, 107, 101, 132);
	/* prio 76: (77 & 31) = 13 -> 64 + 32 + 13 - 20 */
	adjust_within(THR_CLASS_USER, -20, 89, 76, 107);
	adjust_within(THR_CLASS_BATCH, 3, 128 + 32 + 4 + 3, 163, 194);
	/* the book's quirk: the position steps by nice + 1, so nice -1 never moves */
	t = mk(1, THR_CLASS_USER, -1);
	for (int i = 0; i < 64; i++)
		assert_int_equal(thradjprio(t), 95);
}

static void test_adjprio_rt(void **state)
{
	struct thr *t = mk(0, THR_CLASS_RT, -5);

	(void)state;
	assert_int_equal(t->prio, 27);
	for (int i = 0; i < 64; i++)
		assert_int_equal(thradjprio(t), 27);
	t->prio = 3; /* set by hand: still untouched */
	assert_int_equal(thradjprio(t), 3);
	assert_int_equal(t->prio, 3);
}

static void test_adjprio_clamp(void **state)
{
	struct thr *t = mk(0, THR_CLASS_IDLE, 19);
	int at_last = 0, below = 0;

	(void)state;
	for (int i = 0; i < 64; i++) {
		long p = thradjprio(t);

		assert_in_range(p, 192 + 32 + 19, THR_NQUEUE - 1);
		if (p == THR_NQUEUE - 1)
			at_last++;
		else
			below++;
	}
	assert_true(at_last > 0); /* 192 + 32 + 20 + 19 = 263 was clamped */
	assert_true(below > 0);	  /* a max() clamp would give 255 every time */
	t->prio = 254;		  /* (255 & 31) = 31 -> 274 */
	assert_int_equal(thradjprio(t), THR_NQUEUE - 1);
	t = mk(1, THR_CLASS_USER, 0);
	for (int i = 0; i < 64; i++)
		assert_true(thradjprio(t) < 128);
}

/* ---- Run queues ---------------------------------------------------------- */

static void test_empty(void **state)
{
	(void)state;
	assert_null(ops->pick());
	assert_null(ops->pick());
}

/* Whatever the enqueue order, classes come out RT, USER, BATCH, IDLE (worst-case nice). */
static void test_class_order(void **state)
{
	static const int perm[24][4] = {
		{ 0, 1, 2, 3 }, { 0, 1, 3, 2 }, { 0, 2, 1, 3 }, { 0, 2, 3, 1 }, { 0, 3, 1, 2 },
		{ 0, 3, 2, 1 }, { 1, 0, 2, 3 }, { 1, 0, 3, 2 }, { 1, 2, 0, 3 }, { 1, 2, 3, 0 },
		{ 1, 3, 0, 2 }, { 1, 3, 2, 0 }, { 2, 0, 1, 3 }, { 2, 0, 3, 1 }, { 2, 1, 0, 3 },
		{ 2, 1, 3, 0 }, { 2, 3, 0, 1 }, { 2, 3, 1, 0 }, { 3, 0, 1, 2 }, { 3, 0, 2, 1 },
		{ 3, 1, 0, 2 }, { 3, 1, 2, 0 }, { 3, 2, 0, 1 }, { 3, 2, 1, 0 },
	};
	static const long nice[2][THR_NCLASS] = { { 19, 19, 19, 19 }, { 19, -20, 19, -20 } };

	(void)state;
	for (int n = 0; n < 2; n++) {
		for (int p = 0; p < 24; p++) {
			for (int c = 0; c < THR_NCLASS; c++)
				mk(c, c, nice[n][c]);
			for (int i = 0; i < 4; i++)
				ops->enqueue(&pool[perm[p][i]].t);
			for (int c = 0; c < THR_NCLASS; c++)
				assert_ptr_equal(ops->pick(), &pool[c].t);
			assert_null(ops->pick());
		}
	}
}

static void test_fifo(void **state)
{
	static const int order[8] = { 5, 2, 7, 0, 3, 6, 1, 4 };

	(void)state;
	for (int i = 0; i < 8; i++)
		mk(i, THR_CLASS_USER, 0);
	for (int i = 0; i < 8; i++)
		ops->enqueue(&pool[order[i]].t);
	for (int i = 0; i < 8; i++)
		assert_ptr_equal(ops->pick(), &pool[order[i]].t);
	assert_null(ops->pick());
}

static void test_dequeue(void **state)
{
	struct thr *a = mk(0, THR_CLASS_USER, 0), *b = mk(1, THR_CLASS_USER, 0),
		   *c = mk(2, THR_CLASS_USER, 0);
	struct thr *d = mk(3, THR_CLASS_USER, 0), *rt = mk(4, THR_CLASS_RT, 0),
		   *u = mk(5, THR_CLASS_BATCH, 0);

	(void)state;
	ops->enqueue(a);
	ops->enqueue(b);
	ops->enqueue(c);
	ops->enqueue(d);
	ops->dequeue(b); /* middle */
	ops->dequeue(b); /* not queued any more: harmless */
	ops->enqueue(a); /* already queued: harmless */
	ops->dequeue(d); /* tail */
	assert_ptr_equal(ops->pick(), a);
	ops->enqueue(d);
	ops->dequeue(c); /* head */
	assert_ptr_equal(ops->pick(), d);
	assert_null(ops->pick());
	/* emptying a queue by dequeue clears its bit: the next queue is found */
	ops->enqueue(rt);
	ops->enqueue(u);
	ops->dequeue(rt);
	assert_ptr_equal(ops->pick(), u);
	assert_null(ops->pick());
	/* dequeue uses the queue it was put on, even if prio changed meanwhile */
	ops->enqueue(a);
	ops->enqueue(b);
	a->prio = 200;
	ops->dequeue(a);
	assert_ptr_equal(ops->pick(), b);
	assert_null(ops->pick());
}

/* Random enqueue/dequeue/pick against a model: queued set with arrival numbers. */
static void test_random_model(void **state)
{
	bool queued[NPOOL] = { false };
	long seq[NPOOL] = { 0 }, next_seq = 0;
	uint64_t rng = 0x9e3779b97f4a7c15ULL;

	(void)state;
	for (int i = 0; i < NPOOL; i++)
		mk(i, THR_CLASS_USER, 0);
	for (int op = 0; op < 40000; op++) {
		int i = (int)(sim_rand(&rng) % NPOOL);
		unsigned what = (unsigned)(sim_rand(&rng) % 3);

		if (what == 0 && !queued[i]) {
			/* few distinct priorities, so FIFO ties happen often */
			pool[i].t.prio = (long)(sim_rand(&rng) % 16) * 17;
			ops->enqueue(&pool[i].t);
			queued[i] = true;
			seq[i] = next_seq++;
		} else if (what == 1 && queued[i]) {
			ops->dequeue(&pool[i].t);
			queued[i] = false;
		} else if (what == 2) {
			int best = -1;

			for (int j = 0; j < NPOOL; j++) {
				if (queued[j] &&
				    (best < 0 || pool[j].t.prio < pool[best].t.prio ||
				     (pool[j].t.prio == pool[best].t.prio && seq[j] < seq[best])))
					best = j;
			}
			assert_ptr_equal(ops->pick(), best < 0 ? NULL : &pool[best].t);
			if (best >= 0)
				queued[best] = false;
		}
	}
	for (int j = 0; j < NPOOL; j++) {
		if (queued[j])
			ops->dequeue(&pool[j].t);
	}
	assert_null(ops->pick());
}

/* ---- Slices, preemption, runs -------------------------------------------- */

static void test_tick_slice(void **state)
{
	static const long slice[THR_NCLASS] = { 10, 4, 16, 1 };

	(void)state;
	for (int c = 0; c < THR_NCLASS; c++) {
		struct thr *t = mk(c, c, 0);

		for (int round = 0; round < 3; round++) {
			for (long k = 1; k < slice[c]; k++)
				assert_int_equal(ops->tick(t), 0);
			assert_int_equal(ops->tick(t), 1);
			assert_int_equal(t->slice, slice[c]);
		}
	}
}

static void test_preempts(void **state)
{
	struct thr *rt = mk(0, THR_CLASS_RT, 0), *u = mk(1, THR_CLASS_USER, 0),
		   *u2 = mk(2, THR_CLASS_USER, 0);
	struct thr *idle = mk(3, THR_CLASS_IDLE, 0);

	(void)state;
	assert_true(ops->preempts(rt, u));
	assert_false(ops->preempts(u, rt));
	assert_false(ops->preempts(u, u2)); /* equal priority waits */
	assert_true(ops->preempts(u, idle));
	thradjprio(u2);
	assert_true(ops->preempts(u, u2));
	assert_false(ops->preempts(u2, u));
}

static void test_cpu_share(void **state)
{
	enum { N = 5, TICKS = 100000 };
	struct sim s;
	long lo = TICKS, hi = 0;

	(void)state;
	for (int i = 0; i < N; i++)
		mk(i, THR_CLASS_USER, 0);
	sim_start(&s, ops, pool, N);
	sim_run(&s, TICKS);
	printf("zero: %d USER nice-0 threads, %d ticks:", N, TICKS);
	for (int i = 0; i < N; i++) {
		printf(" %ld", pool[i].got);
		lo = pool[i].got < lo ? pool[i].got : lo;
		hi = pool[i].got > hi ? pool[i].got : hi;
	}
	printf(" (max/min %.4f, %ld switches)\n", (double)hi / (double)lo, s.switches);
	assert_int_equal(s.idle, 0);
	assert_true(hi * 100 <= lo * 110);
	sim_stop(&s);
	assert_null(ops->pick());
}

/* Two equal RT threads alternate in blocks of 10 ticks and starve a user thread. */
static void test_rt_round_robin(void **state)
{
	struct sim s;
	struct sim_thr *prev = NULL;
	long run = 0;

	(void)state;
	mk(0, THR_CLASS_USER, 0);
	mk(1, THR_CLASS_RT, 0);
	mk(2, THR_CLASS_RT, 0);
	sim_start(&s, ops, pool, 3);
	for (int k = 0; k < 1000; k++) {
		struct sim_thr *now = sim_step(&s);

		assert_ptr_not_equal(now, &pool[0]);
		if (now != prev && prev)
			assert_int_equal(run, 10);
		run = now == prev ? run + 1 : 1;
		prev = now;
	}
	assert_int_equal(pool[1].got, 500);
	assert_int_equal(pool[2].got, 500);
	sim_stop(&s);
}

/* A real-time sleeper preempts a CPU-bound user thread the tick it wakes. */
static void test_wakeup_preempts(void **state)
{
	struct sim s;

	(void)state;
	mk(0, THR_CLASS_USER, 0);
	mk(1, THR_CLASS_RT, 0);
	pool[1].burst = 1;
	pool[1].sleep = 9;
	sim_start(&s, ops, pool, 2);
	for (int k = 0; k < 1000; k++) {
		struct sim_thr *now = sim_step(&s);

		assert_ptr_equal(now, k % 10 == 0 ? &pool[1] : &pool[0]);
	}
	assert_int_equal(pool[1].got, 100);
	sim_stop(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_setup_fields, drain, drain),
		cmocka_unit_test_setup_teardown(test_adjprio_wrap, drain, drain),
		cmocka_unit_test_setup_teardown(test_adjprio_nice, drain, drain),
		cmocka_unit_test_setup_teardown(test_adjprio_rt, drain, drain),
		cmocka_unit_test_setup_teardown(test_adjprio_clamp, drain, drain),
		cmocka_unit_test_setup_teardown(test_empty, drain, drain),
		cmocka_unit_test_setup_teardown(test_class_order, drain, drain),
		cmocka_unit_test_setup_teardown(test_fifo, drain, drain),
		cmocka_unit_test_setup_teardown(test_dequeue, drain, drain),
		cmocka_unit_test_setup_teardown(test_random_model, drain, drain),
		cmocka_unit_test_setup_teardown(test_tick_slice, drain, drain),
		cmocka_unit_test_setup_teardown(test_preempts, drain, drain),
		cmocka_unit_test_setup_teardown(test_cpu_share, drain, drain),
		cmocka_unit_test_setup_teardown(test_rt_round_robin, drain, drain),
		cmocka_unit_test_setup_teardown(test_wakeup_preempts, drain, drain),
	};

	ops = sched_zero_ops();
	if (ops->version != SCHED_OPS_VERSION)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
