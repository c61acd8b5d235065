/*
 * Self-tests of the scheduler statistics the core keeps (run ktest=):
 * spinners that share the CPU all run, wait and are preempted; a sleeper
 * counts voluntary switches; thr_set_nice() reaches the policy for a
 * ready and a sleeping thread, and the sleeper stays on its sleep queue.
 * They hold under every scheduler module (the statistics are the core's).
 */
#include <stdint.h>

#include <arch/arch.h>
#include <core/ktest.h>
#include <kern/printk.h>
#include <kern/thr.h>
#include <kern/tmr.h>

static volatile int stk_stop;
static volatile unsigned stk_done;

static void stk_spin(void *arg)
{
	(void)arg;
	while (!stk_stop)
		;
	stk_done++;
}

static void stk_wait_done(unsigned n)
{
	while (stk_done < n)
		thr_sleep_ns(1000000);
}

/* Two spinners for 200 ms: both run, both wait while the other runs, both are preempted. */
KTEST(sched_stats_spinners)
{
	struct thr *t[2];
	struct thr_stats st[2], me0, me1;

	KTEST_REQUIRE(tmr_hz() > 0);
	stk_stop = 0;
	stk_done = 0;
	sched_stats(thr_current(), &me0);
	t[0] = thr_create("stats0", stk_spin, NULL, THR_CLASS_USER, 0);
	t[1] = thr_create("stats1", stk_spin, NULL, THR_CLASS_USER, 0);
	KTEST_CHECK(t[0] && t[1]);
	thr_sleep_ns(200000000);
	for (int i = 0; i < 2; i++)
		sched_stats(t[i], &st[i]); /* still alive: they spin until told */
	sched_stats(thr_current(), &me1);
	stk_stop = 1;
	stk_wait_done(2);
	printk("ktest: spinners ran %lu and %lu ms, waited %lu and %lu ms, %lu and %lu "
	       "preemptions\n",
	       st[0].run_ns / 1000000, st[1].run_ns / 1000000, st[0].wait_ns / 1000000,
	       st[1].wait_ns / 1000000, st[0].nivcsw, st[1].nivcsw);
	for (int i = 0; i < 2; i++) {
		KTEST_CHECK(st[i].run_ns > 10000000);
		KTEST_CHECK(st[i].wait_ns > 0);
		KTEST_CHECK(st[i].nivcsw > 0);
	}
	KTEST_CHECK(st[0].run_ns + st[1].run_ns > 100000000);
	KTEST_CHECK(me1.nvcsw > me0.nvcsw); /* the test thread slept */
	return 0;
}

static volatile int stk_chan;

static void stk_sleeper(void *arg)
{
	uint64_t flags = arch_irq_save();

	(void)arg;
	thr_sleep((const void *)&stk_chan, 2000000000ULL);
	arch_irq_restore(flags);
	stk_done++;
}

/* The priority a setup() gives: the Zero and stride schedulers use one formula. */
static long stk_prio(long nice)
{
	return THR_NPRIO * THR_CLASS_USER + THR_NPRIO / 2 + nice;
}

/* thr_set_nice() on a ready thread and on a sleeping one. */
KTEST(sched_set_nice)
{
	uint64_t flags;
	struct thr *t;

	KTEST_REQUIRE(tmr_hz() > 0);
	stk_done = 0;
	flags = arch_irq_save(); /* it must not run before the change */
	t = thr_create("nice_ready", stk_sleeper, NULL, THR_CLASS_USER, 0);
	if (t)
		thr_set_nice(t, 7);
	arch_irq_restore(flags);
	KTEST_CHECK(t != NULL);
	KTEST_CHECK(t->nice == 7 && t->prio == stk_prio(7));
	thr_sleep_ns(20000000); /* it runs and sleeps on stk_chan */
	KTEST_CHECK(t->state == THR_SLEEPING);
	thr_set_nice(t, -4);
	KTEST_CHECK(t->nice == -4 && t->prio == stk_prio(-4));
	thr_set_nice(t, 100); /* clamped */
	KTEST_CHECK(t->nice == THR_NICE_MAX);
	KTEST_CHECK(thr_wakeup((const void *)&stk_chan) == 1); /* still on its sleep queue */
	stk_wait_done(1);
	return 0;
}
