/*
 * In-guest benchmarks, run at the end of boot by the word `bench=sched`
 * (the scheduler) or `bench=mem` (memory primitives, faults, address-space
 * operations, the page allocator). They print rows
 * "bench: <name> | <value> | <unit>" that `make bench` gathers into
 * tables. Under QEMU's -icount shift=0 the cycle counter counts guest
 * instructions, so the rows repeat exactly from run to run. Nothing here
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
#include <kern/page.h>
#include <kern/uaccess.h>
#include <kern/vm.h>
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

#define KB_ROUNDS 64
#define KB_FAULTS 32
#define KB_GIB	  (1ULL << 30)

/* Cycles of @p n runs of @p fn(@p arg), per run. */
static uint64_t kb_per(void (*fn)(void *), void *arg, unsigned n)
{
	uint64_t c0 = clockhw_cycles();

	for (unsigned i = 0; i < n; i++)
		fn(arg);
	return (clockhw_cycles() - c0) / n;
}

static void kb_row(const char *name, uint64_t v, const char *unit)
{
	printk("bench: %s | %lu | %s\n", name, v, unit);
}

static void *kb_buf[2];

static void kb_memset_page(void *arg)
{
	(void)arg;
	memset(kb_buf[0], 0, PAGE_SIZE);
}

static void kb_memcpy_page(void *arg)
{
	(void)arg;
	memcpy(kb_buf[0], kb_buf[1], PAGE_SIZE);
}

static void kb_memcpy_small(void *arg)
{
	memcpy(kb_buf[0], (char *)kb_buf[1] + 8, (uint64_t)arg);
}

static void kb_page_pair(void *arg)
{
	uint64_t pa = page_alloc(0, (unsigned)(uint64_t)arg);

	if (pa)
		page_free(pa, 0);
}

#define KB_BURST 96 /* frames held at once: past the per-CPU list's high mark */

/* KB_BURST order-0 allocations, then their frees: refills and give-backs included. */
static void kb_page_burst(void *arg)
{
	static uint64_t pas[KB_BURST];

	(void)arg;
	for (unsigned i = 0; i < KB_BURST; i++)
		pas[i] = page_alloc(0, 0);
	for (unsigned i = 0; i < KB_BURST; i++)
		if (pas[i])
			page_free(pas[i], 0);
}

/* One allocation that refills an empty list, one free that gives a batch back. */
static void kb_pcp_rows(void)
{
	static uint64_t pas[PAGE_PCP_HIGH + 1];
	uint64_t c0, refill, spill;

	page_pcp_drain();
	c0 = clockhw_cycles();
	pas[0] = page_alloc(0, 0);
	refill = clockhw_cycles() - c0;
	for (unsigned i = 1; i <= PAGE_PCP_HIGH; i++)
		pas[i] = page_alloc(0, 0);
	page_pcp_drain();
	for (unsigned i = 0; i < PAGE_PCP_HIGH; i++)
		page_free(pas[i], 0);
	c0 = clockhw_cycles();
	page_free(pas[PAGE_PCP_HIGH], 0);
	spill = clockhw_cycles() - c0;
	kb_row("order-0 alloc refilling the list (a batch of 32)", refill, "cycles");
	kb_row("order-0 free giving a batch of 32 back", spill, "cycles");
}

static void kb_strings(void)
{
	uint64_t pa = page_alloc(1, 0);

	if (pa == 0)
		return;
	kb_buf[0] = page_virt(pa);
	kb_buf[1] = page_virt(pa + PAGE_SIZE);
	kb_row("memset 4 KiB (a page, memset())", kb_per(kb_memset_page, NULL, KB_ROUNDS),
	       "cycles");
	kb_row("memcpy 4 KiB (a page, memcpy())", kb_per(kb_memcpy_page, NULL, KB_ROUNDS),
	       "cycles");
	kb_row("memcpy 64 B", kb_per(kb_memcpy_small, (void *)64, KB_ROUNDS), "cycles");
	kb_row("memcpy 13 B", kb_per(kb_memcpy_small, (void *)13, KB_ROUNDS), "cycles");
	page_free(pa, 1);
}

static void kb_pages(void)
{
	uint64_t plain = kb_per(kb_page_pair, (void *)0, KB_ROUNDS);
	uint64_t zeroed = kb_per(kb_page_pair, (void *)(uint64_t)PAGE_ZERO, KB_ROUNDS);

	kb_row("page_alloc+page_free, order 0", plain, "cycles");
	kb_pcp_rows();
	kb_row("order-0 pair, 96 held at once (batches)",
	       kb_per(kb_page_burst, NULL, KB_ROUNDS / 8) / KB_BURST, "cycles");
	kb_row("page zeroing (PAGE_ZERO alloc minus plain)", zeroed - plain, "cycles");
}

/* Real faults: the kernel writes to a kernel-made space's private pages
 * (through copyout(), the only way the kernel touches user memory). */
static void kb_touch(uint64_t addr, unsigned pages)
{
	char one = 1;

	for (unsigned i = 0; i < pages; i++)
		(void)copyout(addr + (uint64_t)i * PAGE_SIZE, &one, 1);
}

static void kb_faults(void)
{
	struct vm_space *s = vm_space_create(), *child;
	uint64_t addr = 0, c0;

	if (s == NULL || vm_map(s, &addr, KB_FAULTS * PAGE_SIZE, VM_READ | VM_WRITE, VM_PRIVATE))
		return;
	vm_activate(s);
	c0 = clockhw_cycles();
	kb_touch(addr, KB_FAULTS);
	kb_row("demand-zero fault (write)", (clockhw_cycles() - c0) / KB_FAULTS, "cycles");
	child = vm_fork(s);
	c0 = clockhw_cycles();
	kb_touch(addr, KB_FAULTS);
	kb_row("copy-on-write fault of one page", (clockhw_cycles() - c0) / KB_FAULTS, "cycles");
	vm_activate(NULL);
	if (child)
		vm_space_destroy(child);
	vm_space_destroy(s);
}

/* cycles to ns at the calibrated rate (0 when uncalibrated). */
static uint64_t kb_ns(uint64_t cycles)
{
	uint64_t hz = clockhw_hz();

	return hz ? cycles / (hz / 1000000) * 1000 : 0;
}

/* One resident page in a 1 GiB region; the operations run with interrupts
 * off, so no tick is handled meanwhile: the clock must still keep time. */
static void kb_sparse_ops(struct vm_space *s, uint64_t addr, uint64_t *lag)
{
	struct vm_space_info info;
	struct vm_space *child;
	uint64_t flags = arch_irq_save();
	uint64_t n0 = tmr_now_ns(), c0 = clockhw_cycles(), c;

	c = clockhw_cycles();
	child = vm_fork(s);
	kb_row("1 GiB region, 1 page resident: fork", clockhw_cycles() - c, "cycles");
	c = clockhw_cycles();
	vm_space_info(s, &info);
	kb_row("1 GiB region, 1 page resident: info", clockhw_cycles() - c, "cycles");
	c = clockhw_cycles();
	vm_protect(s, addr, KB_GIB, VM_READ);
	kb_row("1 GiB region, 1 page resident: protect", clockhw_cycles() - c, "cycles");
	c = clockhw_cycles();
	if (child)
		vm_space_destroy(child);
	kb_row("1 GiB region, 1 page resident: destroy", clockhw_cycles() - c, "cycles");
	c = kb_ns(clockhw_cycles() - c0);
	n0 = tmr_now_ns() - n0;
	*lag = c > n0 ? c - n0 : 0;
	arch_irq_restore(flags);
}

static void kb_sparse(void)
{
	struct vm_space *s = vm_space_create();
	uint64_t addr = 0, lag = 0;

	if (s == NULL || vm_map(s, &addr, KB_GIB, VM_READ | VM_WRITE, VM_PRIVATE))
		return;
	vm_activate(s);
	kb_touch(addr, 1);
	kb_sparse_ops(s, addr, &lag);
	vm_activate(NULL);
	vm_space_destroy(s);
	kb_row("tmr_now_ns() behind the TSC after them", lag / 1000, "us");
}

static void kb_mem(void)
{
	kb_strings();
	kb_pages();
	kb_faults();
	kb_sparse();
}

void kbench_run(const char *what)
{
	if (strcmp(what, "mem") == 0) {
		kb_mem();
		printk("bench: done\n");
		return;
	}
	if (strcmp(what, "sched") != 0) {
		pr_err("bench: unknown benchmark '%s' (try bench=sched or bench=mem)\n", what);
		return;
	}
	printk("bench: scheduler | %s | \n", sched_provider());
	printk("bench: tick rate | %u | Hz\n", tmr_hz());
	kb_context_switch();
	kb_tick_overhead();
	kb_shares();
	printk("bench: done\n");
}
