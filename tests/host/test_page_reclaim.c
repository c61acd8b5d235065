/*
 * Host tests of the buddy provider's reclaim (reclaimers, marks, the page
 * daemon's clock and water marks) and of its `page` role table, on the
 * fake memory of page_buddy_fixture.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kern/bootmem.h>
#include <kern/page.h>
#include <page/buddy.h>
#include <uapi/errno.h>

#include "page_buddy_fixture.h"

static struct buddy *const b = &pbfix_b;

/* ---- reclaim ----------------------------------------------------------- */

static struct {
	bool accept;
	unsigned calls;
	unsigned nlog;
	uint64_t log[1024];
} rec;

static bool fake_evict(uint64_t pa)
{
	struct page_frame *f = buddy_frame(b, pa);

	rec.calls++;
	assert_non_null(f);
	assert_true(f->flags & BUDDY_RECLAIMABLE);
	assert_false(f->flags & BUDDY_REFERENCED);
	if (!rec.accept)
		return false;
	assert_true(rec.nlog < 1024);
	rec.log[rec.nlog++] = pa;
	return true;
}

static const struct page_reclaimer fake_reclaimer = { .name = "fake", .evict = fake_evict };

static int reclaim_setup(void **state)
{
	memset(&rec, 0, sizeof(rec));
	rec.accept = true;
	if (pbfix_setup(state))
		return -1;
	return buddy_reclaimer_add(b, &fake_reclaimer) == 0 ? 0 : -1;
}

static bool logged(uint64_t pa)
{
	for (unsigned i = 0; i < rec.nlog; i++)
		if (rec.log[i] == pa)
			return true;
	return false;
}

static void test_reclaimer_registration(void **state)
{
	static const struct page_reclaimer no_evict = { .name = "broken", .evict = NULL };

	(void)state;
	for (int i = 1; i < BUDDY_MAX_RECLAIMERS; i++)
		assert_int_equal(buddy_reclaimer_add(b, &fake_reclaimer), i);
	assert_int_equal(buddy_reclaimer_add(b, &fake_reclaimer), -ENOSPC);
	assert_int_equal(buddy_reclaimer_add(b, NULL), -EINVAL);
	assert_int_equal(buddy_reclaimer_add(b, &no_evict), -EINVAL);
}

static void test_marking(void **state)
{
	uint64_t pa = buddy_alloc(b, 2, 0);
	uint64_t one = buddy_alloc(b, 0, 0);

	(void)state;
	buddy_set_reclaimable(b, pa, 0);
	buddy_set_reclaimable(b, pa, 0); /* twice counts once */
	buddy_set_reclaimable(b, one, 0);
	assert_int_equal(b->reclaimable, 5);
	buddy_set_reclaimable(b, pa + F, 0);  /* not a head: ignored */
	buddy_set_reclaimable(b, one, 3);     /* unknown id: ignored */
	buddy_set_reclaimable(b, 8 * MiB, 0); /* a hole: ignored */
	assert_int_equal(b->reclaimable, 5);
	buddy_set_reclaimable(b, one, -1);
	assert_int_equal(b->reclaimable, 4);
	buddy_touch(b, one); /* not reclaimable: no bit */
	assert_false(buddy_frame(b, one)->flags & BUDDY_REFERENCED);
	buddy_touch(b, pa);
	assert_true(buddy_frame(b, pa)->flags & BUDDY_REFERENCED);
	assert_int_equal(buddy_free(b, pa, 2), 0); /* freeing forgets the mark */
	assert_int_equal(b->reclaimable, 0);
	buddy_set_reclaimable(b, pa, 0); /* a free block cannot be marked */
	assert_int_equal(b->reclaimable, 0);
}

static void test_daemon_stops_above_high_water(void **state)
{
	size_t n;
	uint64_t got;

	(void)state;
	assert_int_equal(b->low_water, (PBFIX_DMA_TOTAL + PBFIX_NORMAL_TOTAL) / 64);
	assert_int_equal(b->high_water, (PBFIX_DMA_TOTAL + PBFIX_NORMAL_TOTAL) / 32);
	n = pbfix_fill_to(b->high_water - 10);
	for (size_t i = 0; i < 50; i++)
		buddy_set_reclaimable(b, pbfix_pas[n - 1 - i], 0);
	assert_int_equal(b->reclaimable, 50);
	assert_int_equal(b->daemon_runs, 0);
	got = buddy_daemon_run(b);
	assert_int_equal(got, 11);
	assert_int_equal(pbfix_free_frames(), b->high_water + 1);
	assert_int_equal(rec.nlog, 11);
	assert_int_equal(b->reclaimable, 39);
	assert_int_equal(b->reclaimed, 11);
	assert_int_equal(b->daemon_runs, 1);
	for (unsigned i = 0; i < rec.nlog; i++)
		assert_int_equal(buddy_refcount(b, rec.log[i]), 0);
	/* Above the high water mark already: nothing to do. */
	assert_int_equal(buddy_daemon_run(b), 0);
	assert_int_equal(rec.nlog, 11);
}

static void test_referenced_frames_survive_one_pass(void **state)
{
	size_t n;

	(void)state;
	n = pbfix_fill_to(b->high_water - 9); /* the daemon must free 10 */
	for (size_t i = 0; i < 20; i++) {
		buddy_set_reclaimable(b, pbfix_pas[n - 1 - i], 0);
		if (i % 2 == 0)
			buddy_touch(b, pbfix_pas[n - 1 - i]);
	}
	assert_int_equal(buddy_daemon_run(b), 10);
	for (size_t i = 0; i < 20; i++) {
		uint64_t pa = pbfix_pas[n - 1 - i];

		assert_int_equal(logged(pa), i % 2 == 1); /* only the untouched went */
		if (i % 2 == 0) {
			bool passed = pa / F - b->base_pfn < b->hand; /* the hand did not wrap */

			assert_int_equal(buddy_refcount(b, pa), 1);
			/* The bit is used up where the hand went by, kept beyond it. */
			assert_int_equal(!!(buddy_frame(b, pa)->flags & BUDDY_REFERENCED), !passed);
		}
	}
	/* The chance was a second one, not immunity: next time they go. */
	pbfix_fill_to(b->high_water - 9);
	assert_int_equal(buddy_daemon_run(b), 10);
	assert_int_equal(rec.nlog, 20);
	assert_int_equal(b->reclaimable, 0);
}

static void test_refusing_reclaimer_and_shared_frames(void **state)
{
	size_t n;

	(void)state;
	rec.accept = false;
	n = pbfix_fill_to(b->high_water - 100);
	for (size_t i = 0; i < 20; i++)
		buddy_set_reclaimable(b, pbfix_pas[n - 1 - i], 0);
	buddy_ref(b, pbfix_pas[n - 1]);		  /* shared: never offered */
	assert_int_equal(buddy_daemon_run(b), 0); /* terminates */
	assert_int_equal(rec.calls, 2 * 19);	  /* each offered once per turn */
	assert_int_equal(b->reclaimable, 20);
	rec.accept = true;
	assert_int_equal(buddy_daemon_run(b), 19);
	assert_false(logged(pbfix_pas[n - 1]));
	assert_int_equal(buddy_refcount(b, pbfix_pas[n - 1]), 2);
}

static void test_failed_alloc_runs_daemon(void **state)
{
	size_t n;
	uint64_t pa;

	(void)state;
	n = pbfix_fill_to(0);
	assert_int_equal(buddy_alloc(b, 0, 0), 0);
	assert_int_equal(b->daemon_runs, 1); /* it tried, nothing was reclaimable */
	assert_int_equal(b->alloc_fails, 1);
	for (size_t i = 0; i < 30; i++)
		buddy_set_reclaimable(b, pbfix_pas[i * 7], 0);
	pa = buddy_alloc(b, 0, 0);
	assert_int_not_equal(pa, 0);
	assert_true(logged(pa));
	assert_int_equal(b->daemon_runs, 2);
	assert_int_equal(b->reclaimed, 30); /* below high water: all of it */
	assert_int_equal(b->alloc_fails, 1);
	assert_int_equal(pbfix_free_frames(), 29);
	(void)n;
}

static void test_low_water_kicks_daemon(void **state)
{
	size_t n;

	(void)state;
	n = pbfix_fill_to(b->low_water + 1);
	for (size_t i = 0; i < 40; i++)
		buddy_set_reclaimable(b, pbfix_pas[n - 1 - i], 0);
	assert_int_not_equal(buddy_alloc(b, 0, 0), 0); /* free == low: not yet */
	assert_int_equal(b->daemon_runs, 0);
	assert_int_not_equal(buddy_alloc(b, 0, 0), 0); /* below low: kicked */
	assert_int_equal(b->daemon_runs, 1);
	assert_int_equal(b->reclaimed, 40);
	assert_int_equal(pbfix_free_frames(), b->low_water - 1 + 40);
}

/* ---- the role table ---------------------------------------------------- */

static void test_ops_table(void **state)
{
	const struct page_ops *ops = &buddy_page_ops;
	struct page_stats st;
	uint64_t pa;

	(void)state;
	pbfix_bootmem(&pbfix_bm);
	assert_int_equal(ops->version, PAGE_OPS_VERSION);
	buddy_page_set_virt(pbfix_virt);
	assert_int_equal(ops->takeover(&pbfix_bm), 0);
	ops->stats(&st);
	assert_int_equal(st.zone[PAGE_ZONE_NORMAL].total, PBFIX_NORMAL_TOTAL);
	pa = ops->alloc(1, PAGE_DMA | PAGE_ZERO);
	assert_true(pa != 0 && pa < PAGE_DMA_LIMIT && pbfix_mem[pa + F] == 0);
	assert_int_equal(ops->ref(pa), 2);
	assert_int_equal(ops->refcount(pa + F), 2);
	assert_int_equal(ops->unref(pa), 1);
	assert_int_equal(ops->reclaimer_add(&fake_reclaimer), 0);
	ops->set_reclaimable(pa, 0);
	ops->touch(pa);
	assert_true(buddy_frame(buddy_page_state(), pa)->flags & BUDDY_REFERENCED);
	assert_int_equal(ops->daemon_run(), 0); /* plenty free */
	ops->free(pa, 1);
	ops->stats(&st);
	assert_int_equal(st.zone[PAGE_ZONE_DMA].free,
			 PBFIX_DMA_TOTAL - PBFIX_BOOT_USED - PBFIX_META);
	assert_int_equal(st.reclaimable, 0);
	assert_int_equal(st.daemon_runs, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_reclaimer_registration, reclaim_setup),
		cmocka_unit_test_setup(test_marking, reclaim_setup),
		cmocka_unit_test_setup(test_daemon_stops_above_high_water, reclaim_setup),
		cmocka_unit_test_setup(test_referenced_frames_survive_one_pass, reclaim_setup),
		cmocka_unit_test_setup(test_refusing_reclaimer_and_shared_frames, reclaim_setup),
		cmocka_unit_test_setup(test_failed_alloc_runs_daemon, reclaim_setup),
		cmocka_unit_test_setup(test_low_water_kicks_daemon, reclaim_setup),
		cmocka_unit_test_setup(test_ops_table, pbfix_setup),
	};

	return cmocka_run_group_tests(tests, pbfix_group_setup, pbfix_group_teardown);
}
