/* Host tests of modules/sched/stride/stride.c: tickets, ready lists, the join rule, CPU shares. */
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
#include <sched/stride/stride.h>

#include "sched_sim.h"

#define NPOOL 48

static const struct sched_ops *ops = &stride_sched_ops;
static struct sim_thr pool[NPOOL]; /* static: the lists may point here between tests */

static struct thr *mk(int i, long cls, long nice)
{
	sim_thr_init(ops, &pool[i], i, cls, nice);
	return &pool[i].t;
}

static uint64_t pass(const struct thr *t)
{
	return t->sched[STRIDE_PASS];
}

/* Empty the lists and make every pool thread leave its class clock. */
static int drain(void **state)
{
	struct thr *t;

	(void)state;
	while ((t = ops->pick()))
		ops->stopped(t);
	for (int i = 0; i < NPOOL; i++)
		ops->stopped(&pool[i].t);
	return 0;
}

/* ---- Tickets and setup ----------------------------------------------------- */

static void test_tickets(void **state)
{
	(void)state;
	assert_int_equal(stride_tickets(0), STRIDE_TICKETS_NICE0);
	assert_int_equal(stride_tickets(THR_NICE_MIN), 88818);
	assert_int_equal(stride_tickets(THR_NICE_MAX), 15);
	assert_int_equal(stride_tickets(-100), 88818);
	assert_int_equal(stride_tickets(100), 15);
	assert_int_equal(stride_tickets(5), 336);
	for (long n = THR_NICE_MIN; n < THR_NICE_MAX; n++) {
		uint64_t a = stride_tickets(n), b = stride_tickets(n + 1);

		/* 1.25 per step, within the rounding of small values */
		assert_in_range(a * 1000 / b, 1180, 1320);
	}
}

static void test_setup_fields(void **state)
{
	struct thr *t = mk(0, THR_CLASS_USER, 0);

	(void)state;
	assert_int_equal(t->slice, STRIDE_SLICE);
	assert_int_equal(t->sched[STRIDE_STRIDE], STRIDE_BIG / 1024);
	assert_int_equal(t->prio, 96);
	t = mk(1, THR_CLASS_BATCH, -20);
	assert_int_equal(t->sched[STRIDE_STRIDE], STRIDE_BIG / 88818);
	t = mk(2, THR_CLASS_RT, 3);
	assert_int_equal(t->slice, STRIDE_SLICE);
}

/* ---- Ready lists ------------------------------------------------------------- */

static void test_empty(void **state)
{
	(void)state;
	assert_null(ops->pick());
	assert_null(ops->pick());
}

static void test_class_order(void **state)
{
	static const int perm[6][4] = {
		{ 0, 1, 2, 3 }, { 3, 2, 1, 0 }, { 2, 0, 3, 1 },
		{ 1, 3, 0, 2 }, { 3, 0, 2, 1 }, { 2, 3, 1, 0 },
	};
	/* worst case: the better class has the worst nice */
	static const long nice[THR_NCLASS] = { 19, 19, -20, -20 };

	(void)state;
	for (int p = 0; p < 6; p++) {
		for (int c = 0; c < THR_NCLASS; c++)
			mk(c, c, nice[c]);
		for (int i = 0; i < 4; i++)
			ops->enqueue(&pool[perm[p][i]].t);
		for (int c = 0; c < THR_NCLASS; c++) {
			struct thr *t = ops->pick();

			assert_ptr_equal(t, &pool[c].t);
			ops->stopped(t);
		}
		assert_null(ops->pick());
	}
}

/* RT and idle are FIFO; new user threads join at the same pass and keep arrival order. */
static void test_fifo(void **state)
{
	static const int order[6] = { 4, 1, 5, 0, 3, 2 };

	(void)state;
	for (long cls = THR_CLASS_RT; cls < THR_NCLASS; cls++) {
		for (int i = 0; i < 6; i++)
			mk(i, cls, i % 3); /* nice does not order RT or idle */
		if (cls == THR_CLASS_USER || cls == THR_CLASS_BATCH)
			for (int i = 0; i < 6; i++)
				mk(i, cls, 0);
		for (int i = 0; i < 6; i++)
			ops->enqueue(&pool[order[i]].t);
		for (int i = 0; i < 6; i++) {
			struct thr *t = ops->pick();

			assert_ptr_equal(t, &pool[order[i]].t);
			ops->stopped(t);
		}
		assert_null(ops->pick());
	}
}

/* The pass order decides, not arrival: lower nice joins closer to the clock. */
static void test_pass_order(void **state)
{
	struct thr *slow = mk(0, THR_CLASS_USER, 10), *fast = mk(1, THR_CLASS_USER, -10),
		   *mid = mk(2, THR_CLASS_USER, 0);

	(void)state;
	ops->enqueue(slow);
	ops->enqueue(mid);
	ops->enqueue(fast);
	assert_true(pass(fast) < pass(mid) && pass(mid) < pass(slow));
	assert_ptr_equal(ops->pick(), fast);
	assert_ptr_equal(ops->pick(), mid);
	assert_ptr_equal(ops->pick(), slow);
	assert_null(ops->pick());
}

/* Passes are compared as a signed difference, so the order survives the 64-bit wrap. */
static void test_pass_wrap(void **state)
{
	struct thr *a = mk(0, THR_CLASS_USER, 0), *b = mk(1, THR_CLASS_USER, 0);

	(void)state;
	/* a rejoins 1000 units behind the clock, which (near 0) wraps its pass */
	a->sched[STRIDE_REMAIN] = (uint64_t)0 - stride_class_pass(THR_CLASS_USER) - 1000;
	ops->enqueue(b);
	ops->enqueue(a);
	assert_true(pass(a) > pass(b)); /* as unsigned numbers */
	assert_ptr_equal(ops->pick(), a);
	assert_ptr_equal(ops->pick(), b);
	ops->stopped(a);
	ops->stopped(b);
}

static void test_dequeue(void **state)
{
	struct thr *a = mk(0, THR_CLASS_USER, 0), *b = mk(1, THR_CLASS_USER, 0),
		   *c = mk(2, THR_CLASS_USER, 0);
	struct thr *d = mk(3, THR_CLASS_USER, 0), *rt = mk(4, THR_CLASS_RT, 0),
		   *bt = mk(5, THR_CLASS_BATCH, 0);
	uint64_t before;

	(void)state;
	ops->enqueue(a);
	ops->enqueue(b);
	ops->enqueue(c);
	ops->enqueue(d);
	ops->dequeue(b); /* middle */
	ops->dequeue(b); /* not queued: harmless */
	ops->enqueue(a); /* already queued: harmless */
	ops->dequeue(d); /* tail */
	ops->dequeue(a); /* head */
	ops->enqueue(rt);
	ops->enqueue(bt);
	ops->dequeue(rt);
	assert_ptr_equal(ops->pick(), c);
	assert_ptr_equal(ops->pick(), bt);
	assert_null(ops->pick());
	ops->dequeue(c); /* the running thread exits: its tickets leave too */
	ops->stopped(bt);
	/* every ticket left the user clock: a lone thread advances it by its own stride */
	ops->enqueue(a);
	assert_ptr_equal(ops->pick(), a);
	before = stride_class_pass(THR_CLASS_USER);
	ops->tick(a);
	assert_int_equal(stride_class_pass(THR_CLASS_USER) - before, STRIDE_BIG / 1024);
	ops->stopped(a);
}

/* Pick from the model: the best class, then smallest pass (stride) or arrival (FIFO). */
static int model_best(const bool *queued, const long *seq)
{
	int best = -1;

	for (int j = 0; j < NPOOL; j++) {
		const struct thr *t = &pool[j].t, *b;
		bool stride;

		if (!queued[j])
			continue;
		if (best < 0) {
			best = j;
			continue;
		}
		b = &pool[best].t;
		stride = t->class == THR_CLASS_USER || t->class == THR_CLASS_BATCH;
		if (t->class < b->class ||
		    (t->class == b->class && stride && (int64_t)(pass(t) - pass(b)) < 0) ||
		    (t->class == b->class && pass(t) == pass(b) && seq[j] < seq[best]) ||
		    (t->class == b->class && !stride && seq[j] < seq[best]))
			best = j;
	}
	return best;
}

/* Random setup/enqueue/dequeue/pick-run-stop against a model of the ready set. */
static void test_random_model(void **state)
{
	bool queued[NPOOL] = { false };
	long seq[NPOOL] = { 0 }, next_seq = 0;
	uint64_t rng = 0x243f6a8885a308d3ULL;
	int best;

	(void)state;
	for (int i = 0; i < NPOOL; i++)
		mk(i, (long)(sim_rand(&rng) % THR_NCLASS), (long)(sim_rand(&rng) % 40) - 20);
	for (int op = 0; op < 40000; op++) {
		int i = (int)(sim_rand(&rng) % NPOOL);
		unsigned what = (unsigned)(sim_rand(&rng) % 4);

		if (what == 0 && !queued[i]) {
			ops->enqueue(&pool[i].t);
			queued[i] = true;
			seq[i] = next_seq++;
		} else if (what == 1 && queued[i]) {
			ops->dequeue(&pool[i].t);
			queued[i] = false;
		} else if (what == 2 && !queued[i]) {
			mk(i, (long)(sim_rand(&rng) % THR_NCLASS),
			   (long)(sim_rand(&rng) % 40) - 20);
		} else if (what == 3) {
			struct thr *t = ops->pick();

			best = model_best(queued, seq);
			assert_ptr_equal(t, best < 0 ? NULL : &pool[best].t);
			if (!t)
				continue;
			queued[best] = false;
			for (unsigned k = (unsigned)(sim_rand(&rng) % 6); k > 0; k--)
				ops->tick(t);
			ops->stopped(t);
		}
	}
	while ((best = model_best(queued, seq)) >= 0) {
		struct thr *t = ops->pick();

		assert_ptr_equal(t, &pool[best].t);
		queued[best] = false;
		ops->stopped(t);
	}
	assert_null(ops->pick());
}

/* ---- Ticks, the join rule, preemption ------------------------------------------ */

static void test_tick_slice(void **state)
{
	struct thr *t = mk(0, THR_CLASS_USER, 0), *r = mk(1, THR_CLASS_RT, 0);
	uint64_t p0, c0;

	(void)state;
	ops->enqueue(t);
	assert_ptr_equal(ops->pick(), t);
	p0 = pass(t);
	c0 = stride_class_pass(THR_CLASS_USER);
	for (int round = 0; round < 3; round++) {
		for (int k = 1; k < STRIDE_SLICE; k++)
			assert_int_equal(ops->tick(t), 0);
		assert_int_equal(ops->tick(t), 1);
		assert_int_equal(t->slice, STRIDE_SLICE);
	}
	assert_int_equal(pass(t) - p0, 3 * STRIDE_SLICE * (STRIDE_BIG / 1024));
	assert_int_equal(stride_class_pass(THR_CLASS_USER) - c0,
			 3 * STRIDE_SLICE * (STRIDE_BIG / 1024));
	ops->tick(t);
	ops->stopped(t); /* a fresh slice for the next run */
	assert_int_equal(t->slice, STRIDE_SLICE);
	for (int k = 1; k < STRIDE_SLICE; k++)
		assert_int_equal(ops->tick(r), 0);
	assert_int_equal(ops->tick(r), 1);
}

/* A thread that comes back joins at the clock plus what it had left, never in the past. */
static void test_join_rule(void **state)
{
	struct thr *s = mk(0, THR_CLASS_USER, 0), *a = mk(1, THR_CLASS_USER, 3);
	const uint64_t stride = STRIDE_BIG / 1024;

	(void)state;
	ops->enqueue(s);
	assert_int_equal(pass(s), stride_class_pass(THR_CLASS_USER) + stride); /* a new thread */
	assert_ptr_equal(ops->pick(), s);
	ops->tick(s);
	ops->stopped(s); /* it blocks: remain = pass - clock */
	ops->enqueue(a);
	assert_ptr_equal(ops->pick(), a);
	for (int k = 0; k < 1000; k++)
		ops->tick(a);
	ops->enqueue(s);
	/* the clock's ticks went to a alone; s rejoins one stride after it, as it left */
	assert_int_equal(pass(s), stride_class_pass(THR_CLASS_USER) + stride);
	ops->stopped(a);
	assert_ptr_equal(ops->pick(), s);
	/* credit is capped at one slice: a pass far behind comes back one slice behind */
	s->sched[STRIDE_PASS] = stride_class_pass(THR_CLASS_USER) - 100 * stride;
	ops->stopped(s);
	ops->enqueue(s);
	assert_int_equal(pass(s), stride_class_pass(THR_CLASS_USER) - STRIDE_SLICE * stride);
	assert_ptr_equal(ops->pick(), s);
	ops->stopped(s);
}

static void test_preempts(void **state)
{
	struct thr *rt = mk(0, THR_CLASS_RT, 0), *u = mk(1, THR_CLASS_USER, 0),
		   *u2 = mk(2, THR_CLASS_USER, -20);
	struct thr *b = mk(3, THR_CLASS_BATCH, -20), *idle = mk(4, THR_CLASS_IDLE, 0);

	(void)state;
	assert_true(ops->preempts(rt, u));
	assert_true(ops->preempts(u, b));
	assert_true(ops->preempts(b, idle));
	assert_false(ops->preempts(u2, u)); /* same class waits for the slice */
	assert_false(ops->preempts(b, u));
	assert_false(ops->preempts(idle, rt));
}

/* ---- Simulated runs -------------------------------------------------------------- */

/* Run n CPU-bound user threads for ticks; print and return max/min of got / tickets. */
static double run_shares(const long *nice, int n, long ticks)
{
	struct sim s;
	double lo = 1e30, hi = 0;

	for (int i = 0; i < n; i++)
		mk(i, THR_CLASS_USER, nice[i]);
	sim_start(&s, ops, pool, (size_t)n);
	sim_run(&s, ticks);
	assert_int_equal(s.idle, 0);
	printf("stride: %ld ticks:", ticks);
	for (int i = 0; i < n; i++) {
		double per = (double)pool[i].got / stride_tickets(nice[i]);

		printf(" nice %ld: %ld", nice[i], pool[i].got);
		lo = per < lo ? per : lo;
		hi = per > hi ? per : hi;
	}
	printf(" (max/min per ticket %.4f)\n", hi / lo);
	sim_stop(&s);
	return hi / lo;
}

static void test_equal_shares(void **state)
{
	static const long nice[5] = { 0, 0, 0, 0, 0 };

	(void)state;
	assert_true(run_shares(nice, 5, 100000) <= 1.10);
}

static void test_ticket_shares(void **state)
{
	static const long two[2] = { 0, 5 };
	static const long mix[4] = { -3, 0, 2, 7 };

	(void)state;
	assert_true(run_shares(two, 2, 100000) <= 1.10);
	/* and the ratio itself, against 1.25^5 = 3.05 */
	assert_in_range(pool[0].got * 100 / pool[1].got, 275, 336);
	assert_true(run_shares(mix, 4, 100000) <= 1.10);
}

/* A sleeper that comes back CPU-bound gets its share, plus at most one slice. */
static void test_sleeper_no_burst(void **state)
{
	enum { SLEEP = 5000, WINDOW = 120 };
	struct sim s;
	struct sim_thr *st = &pool[2];
	long got;

	(void)state;
	for (int i = 0; i < 3; i++)
		mk(i, THR_CLASS_USER, 0);
	sim_start(&s, ops, pool, 3);
	sim_run(&s, 3001);
	st->burst = st->ran + 1; /* block after its next tick */
	st->sleep = SLEEP;
	while (st->t.state != THR_SLEEPING)
		sim_step(&s);
	st->burst = 0; /* CPU-bound again once awake */
	while (s.now < st->wake_at)
		sim_step(&s);
	got = st->got;
	sim_run(&s, WINDOW);
	got = st->got - got;
	printf("stride: after %d ticks asleep, %ld of the next %d ticks (share %d)\n", SLEEP, got,
	       WINDOW, WINDOW / 3);
	assert_true(got <= WINDOW / 3 + STRIDE_SLICE);
	assert_true(got >= WINDOW / 3 - 2 * STRIDE_SLICE);
	sim_stop(&s);
}

/* Real-time work runs above everything, idle work only when nothing else can. */
static void test_rt_and_idle(void **state)
{
	struct sim s;

	(void)state;
	mk(0, THR_CLASS_RT, 0);
	mk(1, THR_CLASS_USER, 0);
	mk(2, THR_CLASS_IDLE, 0);
	pool[0].burst = 1;
	pool[0].sleep = 9;
	sim_start(&s, ops, pool, 3);
	for (int k = 0; k < 1000; k++) {
		struct sim_thr *now = sim_step(&s);

		assert_ptr_equal(now, k % 10 == 0 ? &pool[0] : &pool[1]);
	}
	assert_int_equal(pool[2].got, 0);
	pool[1].burst = 1; /* user blocks for good: idle gets the rest */
	pool[1].sleep = 1000000;
	sim_run(&s, 1000);
	assert_int_equal(pool[0].got, 200);
	assert_in_range(pool[2].got, 895, 900);
	sim_stop(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tickets, drain, drain),
		cmocka_unit_test_setup_teardown(test_setup_fields, drain, drain),
		cmocka_unit_test_setup_teardown(test_empty, drain, drain),
		cmocka_unit_test_setup_teardown(test_class_order, drain, drain),
		cmocka_unit_test_setup_teardown(test_fifo, drain, drain),
		cmocka_unit_test_setup_teardown(test_pass_order, drain, drain),
		cmocka_unit_test_setup_teardown(test_pass_wrap, drain, drain),
		cmocka_unit_test_setup_teardown(test_dequeue, drain, drain),
		cmocka_unit_test_setup_teardown(test_random_model, drain, drain),
		cmocka_unit_test_setup_teardown(test_tick_slice, drain, drain),
		cmocka_unit_test_setup_teardown(test_join_rule, drain, drain),
		cmocka_unit_test_setup_teardown(test_preempts, drain, drain),
		cmocka_unit_test_setup_teardown(test_equal_shares, drain, drain),
		cmocka_unit_test_setup_teardown(test_ticket_shares, drain, drain),
		cmocka_unit_test_setup_teardown(test_sleeper_no_burst, drain, drain),
		cmocka_unit_test_setup_teardown(test_rt_and_idle, drain, drain),
	};

	if (ops->version != SCHED_OPS_VERSION)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
