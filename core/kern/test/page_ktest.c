/*
 * Self-tests of the per-CPU lists of single frames in front of the `page`
 * provider (core/kern/mm/page_pcp.c), run with ktest= in a boot where page
 * is loaded: frames on a list count as free, serve order-0 allocations
 * when the provider has nothing left, and are given back to it before a
 * larger allocation fails. And the wait of a fault for the page daemon.
 */
#include <stdint.h>

#include <core/ktest.h>
#include <core/mm.h>
#include <core/role.h>
#include <kern/page.h>

#define PGT_KEEP 40 /* frames given back onto the list: over one batch, under the high mark */

static uint64_t pgt_free_frames(void)
{
	struct page_stats st;

	page_stats(&st);
	return st.zone[PAGE_ZONE_DMA].free + st.zone[PAGE_ZONE_NORMAL].free;
}

/* A queue of frames linked through their first word, oldest first. */
struct pgt_queue {
	uint64_t head, tail, n;
};

static void pgt_push(struct pgt_queue *q, uint64_t pa)
{
	*(uint64_t *)page_virt(pa) = 0;
	if (q->tail)
		*(uint64_t *)page_virt(q->tail) = pa;
	else
		q->head = pa;
	q->tail = pa;
	q->n++;
}

static uint64_t pgt_pop(struct pgt_queue *q)
{
	uint64_t pa = q->head;

	if (pa) {
		q->head = *(uint64_t *)page_virt(pa);
		q->tail = q->head ? q->tail : 0;
		q->n--;
	}
	return pa;
}

static int pgt_zeroed(uint64_t pa)
{
	const uint64_t *w = page_virt(pa);

	for (unsigned i = 0; i < PAGE_SIZE / 8; i++)
		if (w[i])
			return 0;
	return 1;
}

/* Memory exhausted with frames on this CPU's list: an order-0 allocation
 * is served from the list (zeroed when asked), and an order-1 one from
 * those frames once the lists are given back. */
KTEST(page_pcp_exhausted)
{
	struct pgt_queue q = { 0 };
	uint64_t before, empty, pa;

	KTEST_REQUIRE(role_provider("page"));
	page_pcp_drain();
	before = pgt_free_frames();
	while ((pa = page_alloc(0, 0)) != 0)
		pgt_push(&q, pa);
	empty = pgt_free_frames();
	KTEST_CHECK(q.n + 16 >= before && empty <= 16 && page_pcp_cached() == 0);
	for (unsigned i = 0; i < PGT_KEEP; i++) {
		pa = pgt_pop(&q);
		*(uint64_t *)page_virt(pa) = ~0ULL; /* dirty: PAGE_ZERO must clear it */
		page_free(pa, 0);
	}
	KTEST_CHECK(page_pcp_cached() == PGT_KEEP && pgt_free_frames() == empty + PGT_KEEP);
	pa = page_alloc(0, PAGE_ZERO);
	KTEST_CHECK(pa != 0 && pgt_zeroed(pa) && page_refcount(pa) == 1);
	KTEST_CHECK(page_pcp_cached() == PGT_KEEP - 1);
	page_free(pa, 0);
	pa = page_alloc(1, 0); /* the provider has no pair: the list's frames make one */
	KTEST_CHECK(pa != 0 && pa % (2 * PAGE_SIZE) == 0 && page_pcp_cached() == 0);
	KTEST_CHECK(pgt_free_frames() == empty + PGT_KEEP - 2);
	page_free(pa, 1);
	while ((pa = pgt_pop(&q)) != 0)
		page_free(pa, 0);
	KTEST_CHECK(pgt_free_frames() == before);
	return 0;
}

/* The lists never hold more than the high mark per CPU, and a drain
 * empties them without losing a frame. */
KTEST(page_pcp_high_mark)
{
	struct pgt_queue q = { 0 };
	uint64_t before, pa;

	KTEST_REQUIRE(role_provider("page"));
	before = pgt_free_frames();
	for (unsigned i = 0; i < 3 * PAGE_PCP_HIGH; i++) {
		pa = page_alloc(0, 0);
		KTEST_CHECK(pa != 0);
		pgt_push(&q, pa);
	}
	while ((pa = pgt_pop(&q)) != 0) {
		page_free(pa, 0);
		KTEST_CHECK(page_pcp_cached() <= PAGE_PCP_HIGH);
	}
	KTEST_CHECK(page_pcp_cached() > PAGE_PCP_HIGH - PAGE_PCP_BATCH);
	KTEST_CHECK(pgt_free_frames() == before);
	page_pcp_drain();
	KTEST_CHECK(page_pcp_cached() == 0 && pgt_free_frames() == before);
	return 0;
}

/* With memory not short, the wait for the daemon says "try again": a fault
 * refused while others were freeing memory must not give up (it used to,
 * because the daemon's pass then had nothing to do). */
KTEST(page_wait_not_short)
{
	uint64_t passes;

	KTEST_REQUIRE(role_provider("page"));
	passes = page_daemon_wakeups();
	KTEST_CHECK(page_wait_reclaim() == 1);
	KTEST_CHECK(page_daemon_wakeups() > passes); /* it waited for a pass */
	return 0;
}
