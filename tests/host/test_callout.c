/*
 * Host tests of modules/tmr/callout.c (the timing wheel), ending with a
 * randomised run checked event by event against a model (a sorted list).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <uapi/errno.h>

#include "tmr/callout.h"

#define NCO   64    /* callouts used by the tests */
#define MAXEV 65536 /* events logged per check */

enum { ACT_NONE, ACT_CANCEL, ACT_ARM };

/*
 * What a callout's callback does after logging itself: ACT_CANCEL cancels
 * callout `target`; ACT_ARM arms it for the wheel's now + delta, with period.
 */
struct act {
	int kind, target;
	int64_t delta;
	uint64_t period;
};

/* One callback call: which callout, at which tick of the wheel, overrun. */
struct ev {
	uint64_t id, tick, overrun;
};

static struct callout_wheel W;
static struct callout co[NCO];
static struct act acts[NCO];
static struct ev evs[MAXEV];
static unsigned nev;

static uint64_t rel(uint64_t now, int64_t delta)
{
	return delta < 0 && (uint64_t)-delta > now ? 0 : now + (uint64_t)delta;
}

/* The callback of every test callout: log, then run the callout's action. */
static void cb(struct callout *c, void *arg)
{
	int id = (int)(intptr_t)arg;
	const struct act *a = &acts[id];

	assert_ptr_equal(c, &co[id]);
	assert_true(nev < MAXEV);
	evs[nev++] = (struct ev){ .id = (uint64_t)id, .tick = W.now, .overrun = c->overrun };
	if (a->kind == ACT_CANCEL)
		callout_cancel(&W, &co[a->target]);
	else if (a->kind == ACT_ARM)
		assert_int_equal(callout_arm(&W, &co[a->target], rel(W.now, a->delta), a->period,
					     cb, (void *)(intptr_t)a->target),
				 0);
}

static void arm(int id, uint64_t when, uint64_t period)
{
	assert_int_equal(callout_arm(&W, &co[id], when, period, cb, (void *)(intptr_t)id), 0);
}

/* Arm one-shots ids[0..n) for whens[0..n), in that order. */
static void arms(int n, const int *ids, const uint64_t *whens)
{
	for (int i = 0; i < n; i++)
		arm(ids[i], whens[i], 0);
}

static int setup(void **state)
{
	(void)state;
	memset(co, 0, sizeof(co));
	memset(acts, 0, sizeof(acts));
	nev = 0;
	callout_wheel_init(&W, 1000);
	return 0;
}

/* Check that the log holds exactly the (id, tick) pairs given, then clear it. */
static void expect(unsigned n, const int *ids, const uint64_t *ticks)
{
	assert_int_equal(nev, n);
	for (unsigned i = 0; i < n; i++) {
		assert_int_equal(evs[i].id, ids[i]);
		assert_int_equal(evs[i].tick, ticks[i]);
	}
	nev = 0;
}

static void test_oneshot_once_at_tick(void **state)
{
	(void)state;
	arm(0, 1010, 0);
	assert_int_equal(co[0].armed, 1);
	assert_int_equal(callout_count(&W), 1);
	for (uint64_t t = 1001; t < 1010; t++)
		assert_int_equal(callout_advance(&W, t), 0);
	assert_int_equal(callout_advance(&W, 1010), 1);
	expect(1, (int[]){ 0 }, (uint64_t[]){ 1010 });
	assert_int_equal(co[0].armed, 0);
	assert_int_equal(callout_count(&W), 0);
	assert_int_equal(callout_advance(&W, 1010 + 10 * CALLOUT_SLOTS), 0);
	assert_int_equal(callout_cancel(&W, &co[0]), 0);
	assert_int_equal(callout_arm(&W, &co[1], 2000, 0, NULL, NULL), -EINVAL);
	assert_int_equal(co[1].armed, 0);
}

static void test_periodic(void **state)
{
	(void)state;
	arm(0, 1003, 5);
	for (uint64_t t = 1001; t <= 1030; t++) {
		unsigned n = callout_advance(&W, t);

		assert_int_equal(n, t >= 1003 && (t - 1003) % 5 == 0);
		assert_int_equal(co[0].armed, 1);
	}
	expect(6, (int[]){ 0, 0, 0, 0, 0, 0 }, (uint64_t[]){ 1003, 1008, 1013, 1018, 1023, 1028 });
	assert_int_equal(co[0].when, 1033);
	/* A jump over deadlines 1033..1058 fires once and keeps the phase. */
	assert_int_equal(callout_advance(&W, 1060), 1);
	assert_int_equal(evs[0].overrun, 5);
	assert_int_equal(co[0].when, 1063);
	nev = 0;
	/* A huge jump costs nothing either. */
	assert_int_equal(callout_advance(&W, 1063 + 1000000000000ull), 1);
	assert_int_equal(evs[0].overrun, 200000000000ull);
	assert_int_equal(co[0].when, 1068 + 1000000000000ull);
	assert_int_equal(callout_cancel(&W, &co[0]), 1);
	assert_int_equal(callout_cancel(&W, &co[0]), 0);
}

static void test_cancel_and_rearm(void **state)
{
	(void)state;
	arms(3, (int[]){ 0, 1, 2 }, (uint64_t[]){ 1005, 1006, 1007 });
	assert_int_equal(callout_advance(&W, 1004), 0);
	assert_int_equal(callout_cancel(&W, &co[1]), 1);
	assert_int_equal(callout_count(&W), 2);
	arm(0, 1009, 0); /* later */
	arm(2, 1006, 0); /* earlier */
	assert_int_equal(callout_advance(&W, 1008), 1);
	expect(1, (int[]){ 2 }, (uint64_t[]){ 1006 });
	assert_int_equal(callout_advance(&W, 1100), 1);
	expect(1, (int[]){ 0 }, (uint64_t[]){ 1009 });
	/* A callout cancelled and re-armed a turn later fires only then. */
	arm(3, 1200, 0);
	arm(3, 1200 + CALLOUT_SLOTS, 0);
	assert_int_equal(callout_advance(&W, 1200 + CALLOUT_SLOTS - 1), 0);
	assert_int_equal(callout_advance(&W, 1200 + CALLOUT_SLOTS), 1);
	nev = 0;
}

static void test_order_and_ties(void **state)
{
	(void)state;
	/* 3 is on the slot of 1, a turn later; re-arming makes 0 last of its tie. */
	arms(7, (int[]){ 0, 1, 2, 3, 4, 5, 0 },
	     (uint64_t[]){ 1020, 1010, 1020, 1010 + CALLOUT_SLOTS, 1010, 1015, 1020 });
	assert_int_equal(callout_next(&W), 1010);
	assert_int_equal(callout_advance(&W, 1010 + CALLOUT_SLOTS), 6);
	expect(6, (int[]){ 1, 4, 5, 2, 0, 3 },
	       (uint64_t[]){ 1010, 1010, 1015, 1020, 1020, 1010 + CALLOUT_SLOTS });
	assert_int_equal(callout_next(&W), UINT64_MAX);
}

static void test_far_future(void **state)
{
	(void)state;
	const uint64_t when[] = { 1000 + 5 * CALLOUT_SLOTS + 17, 1000 + 3 * CALLOUT_SLOTS,
				  1000 + 7 * CALLOUT_SLOTS, 1000 + 3 * CALLOUT_SLOTS + 1 };

	arms(4, (int[]){ 0, 1, 2, 3 }, when);
	for (uint64_t t = 1001; t <= 1000 + 8 * CALLOUT_SLOTS; t++) {
		unsigned due = 0;

		for (int i = 0; i < 4; i++)
			due += when[i] == t;
		assert_int_equal(callout_advance(&W, t), due);
	}
	expect(4, (int[]){ 1, 3, 0, 2 }, (uint64_t[]){ when[1], when[3], when[0], when[2] });
}

static void test_big_jump(void **state)
{
	(void)state;
	int ids[NCO];
	uint64_t ticks[NCO];

	/* Deadlines spread over many turns, armed in scrambled order. */
	for (int i = 0; i < 40; i++) {
		int k = (i * 17) % 40;

		arm(i, 1001 + (uint64_t)k * 97, 0);
		ids[k] = i;
		ticks[k] = 1001 + (uint64_t)k * 97;
	}
	arm(40, 1000 + 10000000, 0); /* beyond the jump */
	assert_int_equal(callout_advance(&W, 1000 + 39 * 97 + 1), 40);
	expect(40, ids, ticks);
	assert_int_equal(callout_next(&W), 1000 + 10000000);
	/* Sparse and far: one callout 2^50 ticks ahead; a tick walk would never end. */
	arm(41, (1ull << 50) + 3, 0);
	assert_int_equal(callout_advance(&W, 1ull << 51), 2);
	expect(2, (int[]){ 40, 41 }, (uint64_t[]){ 1000 + 10000000, (1ull << 50) + 3 });
	/* An empty wheel jumps too. */
	assert_int_equal(callout_advance(&W, 1ull << 60), 0);
	assert_int_equal(W.now, 1ull << 60);
	/* The last tick there is, reached in one jump. */
	arm(42, UINT64_MAX, 0);
	assert_int_equal(callout_advance(&W, UINT64_MAX), 1);
	expect(1, (int[]){ 42 }, (uint64_t[]){ UINT64_MAX });
	assert_int_equal(callout_count(&W), 0);
}

static void test_overdue(void **state)
{
	(void)state;
	assert_int_equal(callout_advance(&W, 2000), 0);
	arms(4, (int[]){ 0, 1, 2, 3 }, (uint64_t[]){ 1990, 1500, 2000, 2001 });
	assert_int_equal(callout_next(&W), 1500);
	/* Overdue ones fire even when time does not move, in deadline order. */
	assert_int_equal(callout_advance(&W, 2000), 3);
	expect(3, (int[]){ 1, 0, 2 }, (uint64_t[]){ 2000, 2000, 2000 });
	arm(4, 1, 0);
	assert_int_equal(callout_advance(&W, 10), 1); /* time never goes back */
	assert_int_equal(W.now, 2000);
	assert_int_equal(callout_advance(&W, 2001), 1);
	expect(2, (int[]){ 4, 3 }, (uint64_t[]){ 2000, 2001 });
}

static void test_callbacks_change_wheel(void **state)
{
	(void)state;
	/* 0 cancels 2 (same tick, later) and 3 (later tick); arms 4 two ticks on. */
	acts[0] = (struct act){ .kind = ACT_CANCEL, .target = 2 };
	acts[1] = (struct act){ .kind = ACT_CANCEL, .target = 3 };
	acts[5] = (struct act){ .kind = ACT_ARM, .target = 4, .delta = 2 };
	arms(5, (int[]){ 0, 5, 1, 2, 3 }, (uint64_t[]){ 1010, 1010, 1010, 1010, 1011 });
	assert_int_equal(callout_advance(&W, 1020), 4);
	expect(4, (int[]){ 0, 5, 1, 4 }, (uint64_t[]){ 1010, 1010, 1010, 1012 });
	assert_int_equal(callout_count(&W), 0);
	/* A callout re-arming itself for "now" waits for the next advance. */
	acts[6] = (struct act){ .kind = ACT_ARM, .target = 6, .delta = 0 };
	arm(6, 1021, 0);
	assert_int_equal(callout_advance(&W, 1030), 1);
	assert_int_equal(co[6].armed, 1);
	assert_int_equal(callout_advance(&W, 1030), 1);
	assert_int_equal(callout_advance(&W, 1031), 1);
	/* Overdue callouts run before time moves: the wheel still says 1030. */
	expect(3, (int[]){ 6, 6, 6 }, (uint64_t[]){ 1021, 1030, 1030 });
	callout_cancel(&W, &co[6]);
	/* A one-shot re-arming itself 3 ticks on repeats within one advance. */
	acts[7] = (struct act){ .kind = ACT_ARM, .target = 7, .delta = 3 };
	arm(7, 1032, 0);
	assert_int_equal(callout_advance(&W, 1040), 3);
	expect(3, (int[]){ 7, 7, 7 }, (uint64_t[]){ 1032, 1035, 1038 });
	assert_int_equal(co[7].when, 1041);
	callout_cancel(&W, &co[7]);
	/* A periodic callout that cancels itself stops. */
	acts[8] = (struct act){ .kind = ACT_CANCEL, .target = 8 };
	arm(8, 1045, 4);
	assert_int_equal(callout_advance(&W, 1100), 1);
	assert_int_equal(co[8].armed, 0);
	assert_int_equal(callout_count(&W), 0);
	nev = 0;
	/* An overdue callout cancels another overdue one before it fires. */
	acts[9] = (struct act){ .kind = ACT_CANCEL, .target = 10 };
	arms(3, (int[]){ 9, 10, 11 }, (uint64_t[]){ 1050, 1060, 1070 });
	assert_int_equal(callout_advance(&W, 1100), 2);
	expect(2, (int[]){ 9, 11 }, (uint64_t[]){ 1100, 1100 });
}

static void nested_cb(struct callout *c, void *arg)
{
	(void)arg;
	assert_int_equal(callout_advance(&W, c->when + 100), 0);
	assert_int_equal(W.now, c->when);
	nev++;
}

static void test_nested_and_limits(void **state)
{
	(void)state;
	assert_int_equal(callout_arm(&W, &co[0], 1001, 0, nested_cb, NULL), 0);
	arm(1, 1050, 0);
	assert_int_equal(callout_advance(&W, 1001), 1);
	assert_int_equal(nev, 1);
	assert_int_equal(W.now, 1001);
	assert_int_equal(callout_cancel(&W, &co[1]), 1);
	nev = 0;
	/* Near the end of time a periodic callout ends instead of wrapping. */
	callout_wheel_init(&W, UINT64_MAX - 10);
	arm(1, UINT64_MAX - 8, 4);
	arm(2, UINT64_MAX, 0);
	assert_int_equal(callout_next(&W), UINT64_MAX - 8);
	for (uint64_t t = UINT64_MAX - 9; t != 0; t++)
		callout_advance(&W, t);
	/* 1 was re-armed for UINT64_MAX after 2 was armed for it: 2 goes first. */
	expect(4, (int[]){ 1, 1, 2, 1 },
	       (uint64_t[]){ UINT64_MAX - 8, UINT64_MAX - 4, UINT64_MAX, UINT64_MAX });
	assert_int_equal(callout_count(&W), 0);
}

/*
 * The model: ord[] holds the n armed callouts sorted by deadline, ties in arming
 * order; those armed in an advance for a tick <= now are deferred to the next.
 */
static struct model {
	int armed[NCO], deferred[NCO], ord[NCO], n, in_adv;
	uint64_t when[NCO], period[NCO], overrun[NCO], now;
	struct ev log[MAXEV];
	unsigned nlog;
} M;

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(uint64_t n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (rng * 2685821657736338717ull >> 11) % n;
}

static int m_cancel(int id)
{
	int i = 0;

	if (!M.armed[id])
		return 0;
	while (M.ord[i] != id)
		i++;
	memmove(&M.ord[i], &M.ord[i + 1], (size_t)(M.n - i - 1) * sizeof(int));
	M.n--;
	M.armed[id] = 0;
	return 1;
}

/* Arm (or move) callout id in the model. */
static void m_insert(int id, uint64_t when, uint64_t period)
{
	int i;

	m_cancel(id);
	i = M.n;
	M.when[id] = when;
	M.period[id] = period;
	M.overrun[id] = 0;
	M.deferred[id] = M.in_adv && when <= M.now;
	M.armed[id] = 1;
	while (i > 0 && M.when[M.ord[i - 1]] > when)
		i--;
	memmove(&M.ord[i + 1], &M.ord[i], (size_t)(M.n - i) * sizeof(int));
	M.ord[i] = id;
	M.n++;
}

static void m_fire(int id, uint64_t target)
{
	const struct act *a = &acts[id];

	m_cancel(id);
	if (M.period[id] != 0) {
		uint64_t next = M.when[id] + M.period[id], k = 0;

		while (next <= target) {
			next += M.period[id];
			k++;
		}
		m_insert(id, next, M.period[id]);
		M.overrun[id] = k;
	}
	assert_true(M.nlog < MAXEV);
	M.log[M.nlog++] =
	    (struct ev){ .id = (uint64_t)id, .tick = M.now, .overrun = M.overrun[id] };
	if (a->kind == ACT_CANCEL)
		m_cancel(a->target);
	else if (a->kind == ACT_ARM)
		m_insert(a->target, rel(M.now, a->delta), a->period);
}

static void m_advance(uint64_t target)
{
	if (target < M.now)
		target = M.now;
	memset(M.deferred, 0, sizeof(M.deferred));
	M.in_adv = 1;
	for (;;) {
		int i = 0;

		while (i < M.n && M.deferred[M.ord[i]])
			i++;
		if (i == M.n || M.when[M.ord[i]] > target)
			break;
		if (M.when[M.ord[i]] > M.now)
			M.now = M.when[M.ord[i]];
		m_fire(M.ord[i], target);
	}
	M.in_adv = 0;
	M.now = target;
}

static void random_act(int id)
{
	uint64_t r = rnd(100);

	acts[id] = (struct act){ .kind = r < 15 ? ACT_CANCEL : r < 30 ? ACT_ARM : ACT_NONE };
	acts[id].target = (int)rnd(NCO);
	acts[id].delta = (int64_t)rnd(600) - 3; /* overdue and "now" too */
	acts[id].period = rnd(4) == 0 ? 1 + rnd(300) : 0;
}

/* A deadline: overdue, now, within a turn or several turns away. */
static uint64_t random_when(void)
{
	uint64_t r = rnd(100);

	return r < 15	? rel(M.now, -(int64_t)rnd(50))
	       : r < 25 ? M.now
	       : r < 75 ? M.now + 1 + rnd(300)
			: M.now + 300 + rnd(5000);
}

static void check_state(void)
{
	assert_int_equal(nev, M.nlog);
	assert_memory_equal(evs, M.log, nev * sizeof(struct ev));
	nev = 0;
	M.nlog = 0;
	assert_int_equal(W.now, M.now);
	assert_int_equal(callout_count(&W), (unsigned)M.n);
	assert_int_equal(callout_next(&W), M.n ? M.when[M.ord[0]] : UINT64_MAX);
	for (int i = 0; i < NCO; i++) {
		assert_int_equal(co[i].armed, M.armed[i]);
		if (M.armed[i])
			assert_int_equal(co[i].when, M.when[i]);
	}
}

static void test_random_vs_model(void **state)
{
	(void)state;
	unsigned fired = 0;

	memset(&M, 0, sizeof(M));
	M.now = 1000;
	for (int op = 0; op < 50000; op++) {
		uint64_t r = rnd(100);
		int id = (int)rnd(NCO);

		if (r < 40) {
			uint64_t when = random_when();
			uint64_t period = rnd(10) < 3 ? 1 + rnd(400) : 0;

			random_act(id);
			arm(id, when, period);
			m_insert(id, when, period);
		} else if (r < 55) {
			assert_int_equal(callout_cancel(&W, &co[id]), m_cancel(id));
		} else {
			uint64_t q = rnd(100);
			uint64_t step = q < 70 ? rnd(4) : q < 95 ? 1 + rnd(600) : 600 + rnd(5000);
			unsigned n = callout_advance(&W, M.now + step);

			m_advance(M.now + step);
			assert_int_equal(n, M.nlog);
			fired += n;
		}
		check_state();
	}
	assert_true(fired > 10000); /* the run did exercise firing */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_oneshot_once_at_tick, setup),
		cmocka_unit_test_setup(test_periodic, setup),
		cmocka_unit_test_setup(test_cancel_and_rearm, setup),
		cmocka_unit_test_setup(test_order_and_ties, setup),
		cmocka_unit_test_setup(test_far_future, setup),
		cmocka_unit_test_setup(test_big_jump, setup),
		cmocka_unit_test_setup(test_overdue, setup),
		cmocka_unit_test_setup(test_callbacks_change_wheel, setup),
		cmocka_unit_test_setup(test_nested_and_limits, setup),
		cmocka_unit_test_setup(test_random_vs_model, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
