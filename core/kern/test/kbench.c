/*
 * In-guest benchmarks, run at the end of boot by the word `bench=sched`.
 * They print rows "bench: <name> | <value> | <unit>" that `make bench`
 * gathers from one boot per scheduler into a single table. Nothing here
 * asserts anything about speed.
 */
#include <stdint.h>

#include <arch/arch.h>
#include <kern/clockhw.h>
#include <core/kbench.h>
#include <kern/printk.h>
#include <kern/sched.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <core/sched.h>
#include <core/clock.h>

#define KB_YIELDS 20000
#define KB_MIX	  5

static volatile unsigned kb_done;
static volatile int kb_stop;

static void kb_yielder(void *arg)
{
	(void)arg;
	for (unsigned i = 0; i < KB_YIELDS; i++)
		thr_yield();
	kb_done++;
}

static void kb_wait(unsigned n)
{
	while (kb_done < n)
		thr_sleep_ns(2000000);
}

/* Two real-time threads yielding to each other: every yield is a switch. */
static void kb_context_switch(void)
{
	uint64_t s0, c0, c1;

	kb_done = 0;
	s0 = sched_switches();
	c0 = clockhw_cycles();
	thr_create("yield-a", kb_yielder, NULL, THR_CLASS_RT, 0);
	thr_create("yield-b", kb_yielder, NULL, THR_CLASS_RT, 0);
	kb_wait(2);
	c1 = clockhw_cycles();
	printk("bench: context switch (two threads yielding) | %lu | cycles\n",
	       (c1 - c0) / (sched_switches() - s0 + 1));
}

static void kb_tick_overhead(void)
{
	uint64_t t0, cy0, t1, cy1;

	clockhw_stats(&t0, &cy0);
	thr_sleep_ns(200000000);
	clockhw_stats(&t1, &cy1);
	if (t1 == t0)
		return;
	printk("bench: tick handler | %lu | cycles per tick\n", (cy1 - cy0) / (t1 - t0));
}

static void kb_spin(void *arg)
{
	(void)arg;
	while (!kb_stop)
		;
	kb_done++;
}

/* Runs 1 ms, sleeps 3 ms: an interactive thread. */
static void kb_sleeper(void *arg)
{
	(void)arg;
	while (!kb_stop) {
		uint64_t until = tmr_now_ns() + 1000000;

		while (tmr_now_ns() < until && !kb_stop)
			;
		thr_sleep_ns(3000000);
	}
	kb_done++;
}

static void kb_shares(void)
{
	static const struct {
		const char *name;
		void (*fn)(void *);
		long class, nice;
	} mix[KB_MIX] = {
		{ "cpu nice 0", kb_spin, THR_CLASS_USER, 0 },
		{ "cpu nice 0'", kb_spin, THR_CLASS_USER, 0 },
		{ "cpu nice 5", kb_spin, THR_CLASS_USER, 5 },
		{ "cpu batch", kb_spin, THR_CLASS_BATCH, 0 },
		{ "sleeper 1/4", kb_sleeper, THR_CLASS_USER, 0 },
	};
	struct thr *t[KB_MIX];
	long total = 0, run[KB_MIX];
	uint64_t flags = arch_irq_save();

	kb_done = 0;
	kb_stop = 0;
	for (unsigned i = 0; i < KB_MIX; i++)
		t[i] = thr_create(mix[i].name, mix[i].fn, NULL, mix[i].class, mix[i].nice);
	arch_irq_restore(flags);
	thr_sleep_ns(3000000000ULL);
	flags = arch_irq_save();
	for (unsigned i = 0; i < KB_MIX; i++)
		total += run[i] = t[i] ? t[i]->runtime : 0;
	kb_stop = 1;
	arch_irq_restore(flags);
	kb_wait(KB_MIX);
	for (unsigned i = 0; i < KB_MIX; i++)
		printk("bench: CPU share of %s | %ld.%ld | %%\n", mix[i].name,
		       total ? run[i] * 100 / total : 0, total ? run[i] * 1000 / total % 10 : 0);
}

void kbench_run(const char *what)
{
	if (strcmp(what, "sched") != 0) {
		pr_err("bench: unknown benchmark '%s' (try bench=sched)\n", what);
		return;
	}
	printk("bench: scheduler | %s | \n", sched_provider());
	printk("bench: tick rate | %u | Hz\n", tmr_hz());
	kb_context_switch();
	kb_tick_overhead();
	kb_shares();
	printk("bench: done\n");
}
