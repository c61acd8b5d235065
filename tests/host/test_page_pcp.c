/*
 * Host tests of the core's per-CPU lists of single frames
 * (core/kern/mm/page_pcp.c) in front of the real buddy provider
 * (page_buddy_fixture.c's allocator): refills and give-backs in batches,
 * the high mark, the cases a list declines (DMA frames, no list for the
 * CPU, under the role lock), double frees, a drain of every CPU's list,
 * and the interrupt state and lock depth left as they were.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <core/cpu.h>
#include <core/page_pcp.h>
#include <core/spin.h>
#include <kern/page.h>
#include <page/buddy.h>

#include "page_buddy_fixture.h"

struct cpu cpu_boot;
int arch_host_irq_on = 1;

void kassert_fail(const char *expr, const char *file, int line)
{
	fail_msg("KASSERT(%s) at %s:%d", expr, file, line);
	abort();
}

static unsigned pcpt_batches, pcpt_spills;

static unsigned pcpt_alloc_batch(unsigned n, uint64_t *pas)
{
	pcpt_batches++;
	return buddy_alloc_batch(&pbfix_b, n, pas);
}

static void pcpt_free_batch(const uint64_t *pas, unsigned n)
{
	pcpt_spills++;
	buddy_free_batch(&pbfix_b, pas, n);
}

static const struct page_ops pcpt_ops = {
	.version = PAGE_OPS_VERSION,
	.alloc_batch = pcpt_alloc_batch,
	.free_batch = pcpt_free_batch,
};
static const struct page_ops *pcpt_current = &pcpt_ops;
static struct rspinlock pcpt_role_lock;
static struct page_pcp_set pcpt_set;

static int pcpt_setup(void **state)
{
	if (pbfix_setup(state))
		return -1;
	memset(&pcpt_set, 0, sizeof(pcpt_set));
	memset(&pcpt_role_lock, 0, sizeof(pcpt_role_lock));
	pcpt_set.role_lock = &pcpt_role_lock;
	pcpt_set.ops = &pcpt_current;
	pcpt_set.on = true;
	cpu_boot = (struct cpu){ 0 };
	pcpt_batches = pcpt_spills = 0;
	return 0;
}

/* Free frames as page_stats() counts them: the provider's and the lists'. */
static uint64_t pcpt_free(void)
{
	return pbfix_free_frames() + page_pcp_count(&pcpt_set);
}

/* Every call leaves interrupts on and no lock held. */
static void pcpt_check_quiet(void)
{
	assert_int_equal(arch_host_irq_on, 1);
	assert_int_equal(cpu_boot.spin_depth, 0);
	assert_int_equal(pcpt_role_lock.depth, 0);
	for (unsigned c = 0; c < PAGE_PCP_CPUS; c++)
		assert_int_equal(pcpt_set.cpu[c].lock.locked, 0);
}

/* An empty list takes one batch; pops and pushes then leave the provider alone. */
static void test_refill_in_batches(void **state)
{
	uint64_t before = pcpt_free(), pa, pb;

	(void)state;
	pa = page_pcp_alloc(&pcpt_set);
	assert_true(pa >= PAGE_DMA_LIMIT && pa % PAGE_SIZE == 0);
	assert_int_equal(pcpt_batches, 1);
	assert_int_equal(pcpt_set.cpu[0].count, PAGE_PCP_BATCH - 1);
	assert_int_equal(pbfix_free_frames(), before - PAGE_PCP_BATCH);
	assert_int_equal(pcpt_free(), before - 1);
	assert_int_equal(buddy_refcount(&pbfix_b, pa), 1);
	assert_true(page_pcp_free(&pcpt_set, pa));
	pb = page_pcp_alloc(&pcpt_set);
	assert_int_equal(pb, pa); /* the most recently freed frame comes back first */
	assert_true(page_pcp_free(&pcpt_set, pb));
	assert_int_equal(pcpt_batches, 1);
	assert_int_equal(pcpt_spills, 0);
	assert_int_equal(pcpt_free(), before);
	pcpt_check_quiet();
	assert_int_equal(page_pcp_drain_all(&pcpt_set), PAGE_PCP_BATCH);
	pbfix_check_shape_is_initial();
}

/* A free that finds the list full gives its oldest batch back first. */
static void test_high_mark(void **state)
{
	static uint64_t pas[PAGE_PCP_HIGH + 1];
	uint64_t before = pcpt_free();

	(void)state;
	for (unsigned i = 0; i <= PAGE_PCP_HIGH; i++)
		pas[i] = buddy_alloc(&pbfix_b, 0, 0);
	for (unsigned i = 0; i < PAGE_PCP_HIGH; i++)
		assert_true(page_pcp_free(&pcpt_set, pas[i]));
	assert_int_equal(pcpt_set.cpu[0].count, PAGE_PCP_HIGH);
	assert_int_equal(pcpt_spills, 0);
	assert_true(page_pcp_free(&pcpt_set, pas[PAGE_PCP_HIGH]));
	assert_int_equal(pcpt_spills, 1);
	assert_int_equal(pcpt_set.cpu[0].count, PAGE_PCP_HIGH - PAGE_PCP_BATCH + 1);
	assert_int_equal(pcpt_set.cpu[0].pa[0], pas[PAGE_PCP_BATCH]); /* the oldest went */
	assert_int_equal(buddy_refcount(&pbfix_b, pas[0]), 0);
	assert_int_equal(buddy_refcount(&pbfix_b, pas[PAGE_PCP_BATCH]), 1);
	assert_int_equal(pcpt_free(), before);
	pcpt_check_quiet();
	page_pcp_drain_all(&pcpt_set);
	pbfix_check_shape_is_initial();
}

/* DMA frames, misaligned addresses, a CPU without a list and a caller
 * holding the role lock all go to the provider; a frame freed twice in a
 * row is listed once. */
static void test_declined(void **state)
{
	uint64_t dma = buddy_alloc(&pbfix_b, 0, PAGE_DMA), pa;

	(void)state;
	assert_true(dma != 0 && dma < PAGE_DMA_LIMIT);
	assert_false(page_pcp_free(&pcpt_set, dma));
	assert_false(page_pcp_free(&pcpt_set, PAGE_DMA_LIMIT + 8));
	pa = page_pcp_alloc(&pcpt_set);
	assert_true(page_pcp_free(&pcpt_set, pa));
	assert_true(page_pcp_free(&pcpt_set, pa));
	assert_int_equal(pcpt_set.bad_frees, 1);
	assert_int_equal(pcpt_set.cpu[0].count, PAGE_PCP_BATCH);
	cpu_boot.id = PAGE_PCP_CPUS;
	assert_int_equal(page_pcp_alloc(&pcpt_set), 0);
	assert_false(page_pcp_free(&pcpt_set, pa));
	cpu_boot.id = 0;
	rspin_enter(&pcpt_role_lock); /* as from a provider or a reclaimer's evict */
	assert_int_equal(page_pcp_alloc(&pcpt_set), 0);
	assert_false(page_pcp_free(&pcpt_set, pa));
	assert_int_equal(page_pcp_drain_all(&pcpt_set), 0);
	rspin_exit(&pcpt_role_lock);
	assert_int_equal(pcpt_set.cpu[0].count, PAGE_PCP_BATCH);
	pcpt_check_quiet();
	assert_int_equal(buddy_free(&pbfix_b, dma, 0), 0);
	page_pcp_drain_all(&pcpt_set);
	pbfix_check_shape_is_initial();
}

/* Each CPU uses its own list; a drain gives every list back. */
static void test_per_cpu_and_drain(void **state)
{
	uint64_t before = pcpt_free(), total = 0;

	(void)state;
	for (unsigned c = 0; c < PAGE_PCP_CPUS; c++) {
		cpu_boot.id = c;
		for (unsigned i = 0; i <= c; i++)
			assert_int_not_equal(page_pcp_alloc(&pcpt_set), 0);
		assert_int_equal(pcpt_set.cpu[c].count, PAGE_PCP_BATCH - 1 - c);
		total += PAGE_PCP_BATCH - 1 - c;
	}
	assert_int_equal(page_pcp_count(&pcpt_set), total);
	cpu_boot.id = 0;
	assert_int_equal(page_pcp_drain_all(&pcpt_set), total);
	assert_int_equal(page_pcp_count(&pcpt_set), 0);
	assert_int_equal(pcpt_free(), before - (PAGE_PCP_CPUS * (PAGE_PCP_CPUS + 1)) / 2);
	pcpt_check_quiet();
}

/* With the provider empty a refill gives nothing and the list says so;
 * frames freed onto it then serve again. */
static void test_provider_empty(void **state)
{
	size_t n;
	uint64_t pa;

	(void)state;
	n = pbfix_fill_to(0);
	assert_int_equal(page_pcp_alloc(&pcpt_set), 0);
	assert_int_equal(pcpt_set.cpu[0].count, 0);
	pa = pbfix_pas[0]; /* NORMAL first: the first frame taken is NORMAL */
	assert_true(pa >= PAGE_DMA_LIMIT);
	assert_true(page_pcp_free(&pcpt_set, pa));
	assert_int_equal(page_pcp_alloc(&pcpt_set), pa);
	for (size_t i = 0; i < n; i++)
		if (!page_pcp_free(&pcpt_set, pbfix_pas[i]))
			assert_int_equal(buddy_free(&pbfix_b, pbfix_pas[i], 0), 0);
	page_pcp_drain_all(&pcpt_set);
	pcpt_check_quiet();
	pbfix_check_shape_is_initial();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_refill_in_batches, pcpt_setup),
		cmocka_unit_test_setup(test_high_mark, pcpt_setup),
		cmocka_unit_test_setup(test_declined, pcpt_setup),
		cmocka_unit_test_setup(test_per_cpu_and_drain, pcpt_setup),
		cmocka_unit_test_setup(test_provider_empty, pcpt_setup),
	};

	return cmocka_run_group_tests(tests, pbfix_group_setup, pbfix_group_teardown);
}
