/*
 * The `page` role table. The core calls these through its wrappers
 * (page_alloc() and friends); they all act on the one allocator the
 * module owns. The table has no context argument, hence the static state;
 * the logic underneath takes it explicitly so tests can build their own.
 */
#include <stddef.h>
#include <stdint.h>

#include "buddy.h"

static struct buddy buddy_page;
static void *(*buddy_page_virt)(uint64_t pa);

void buddy_page_set_virt(void *(*virt)(uint64_t pa))
{
	buddy_page_virt = virt;
}

struct buddy *buddy_page_state(void)
{
	return &buddy_page;
}

static int buddy_op_takeover(struct bootmem *bm)
{
	return buddy_takeover(&buddy_page, bm, buddy_page_virt);
}

static uint64_t buddy_op_alloc(unsigned order, unsigned flags)
{
	return buddy_alloc(&buddy_page, order, flags);
}

/* A refused free (bad address, order or shared frame) is counted in bad_frees. */
static void buddy_op_free(uint64_t pa, unsigned order)
{
	(void)buddy_free(&buddy_page, pa, order);
}

static unsigned buddy_op_ref(uint64_t pa)
{
	return buddy_ref(&buddy_page, pa);
}

static unsigned buddy_op_unref(uint64_t pa)
{
	return buddy_unref(&buddy_page, pa);
}

static unsigned buddy_op_refcount(uint64_t pa)
{
	return buddy_refcount(&buddy_page, pa);
}

static void buddy_op_stats(struct page_stats *st)
{
	buddy_stats(&buddy_page, st);
}

static int buddy_op_reclaimer_add(const struct page_reclaimer *r)
{
	return buddy_reclaimer_add(&buddy_page, r);
}

static void buddy_op_set_reclaimable(uint64_t pa, int id)
{
	buddy_set_reclaimable(&buddy_page, pa, id);
}

static void buddy_op_touch(uint64_t pa)
{
	buddy_touch(&buddy_page, pa);
}

static uint64_t buddy_op_daemon_run(void)
{
	return buddy_daemon_run(&buddy_page);
}

static unsigned buddy_op_alloc_batch(unsigned n, uint64_t *pas)
{
	return buddy_alloc_batch(&buddy_page, n, pas);
}

static void buddy_op_free_batch(const uint64_t *pas, unsigned n)
{
	buddy_free_batch(&buddy_page, pas, n);
}

const struct page_ops buddy_page_ops = {
	.version = PAGE_OPS_VERSION,
	.takeover = buddy_op_takeover,
	.alloc = buddy_op_alloc,
	.free = buddy_op_free,
	.ref = buddy_op_ref,
	.unref = buddy_op_unref,
	.refcount = buddy_op_refcount,
	.stats = buddy_op_stats,
	.reclaimer_add = buddy_op_reclaimer_add,
	.set_reclaimable = buddy_op_set_reclaimable,
	.touch = buddy_op_touch,
	.daemon_run = buddy_op_daemon_run,
	.alloc_batch = buddy_op_alloc_batch,
	.free_batch = buddy_op_free_batch,
};
