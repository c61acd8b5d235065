/*
 * modules/mem/zone/zone_alloc.c - general allocation: zone_alloc() and zone_free().
 *
 * Requests up to ZONE_GEN_MAX bytes go to one of eight power-of-two caches,
 * "size-16" to "size-2048"; the class is found with one count-leading-zeros,
 * not a loop. Larger requests take 2^order pages straight from the backend
 * (page-aligned, as mem.h promises) and are entered in the large-block map,
 * so zone_free() knows the order to give back.
 *
 * The map is a per-page record, found in constant time whatever the number
 * of live blocks: a radix tree over the page number (the address's bits
 * 12..47), a root array of 2^ZONE_LMAP_ROOT_BITS pointers, two levels of
 * pages of 512 pointers, and leaves of one byte per page: the order + 1 of
 * the block starting at that page, or 0. A lookup is four loads; a page
 * that starts no block (a foreign pointer, the inside of a block, a block
 * already freed) reads 0. Nodes come from the backend when a block first
 * lands in their range (outside the lock, which zone_pages_get() takes)
 * and go back in zone_large_reap() once they map nothing.
 *
 * Each CPU keeps up to ZONE_LCACHE_DEPTH freed blocks of each of the
 * smallest orders (struct zone_lcpu), marked ZONE_LMAP_CACHED in the map
 * so a second free is still caught; most large requests then never reach
 * the backend. Those paths take no lock: a block's byte is written only by
 * the block's owner, and a node on the path to a non-zero byte is never
 * empty, so zone_large_reap() (which frees only empty nodes, under the
 * lock) cannot free it; node pointers are published with release stores
 * and read with acquire loads.
 *
 * zone_free() tells the two apart without a lookup: large blocks are
 * page-aligned, general objects never are (zone_slab.c leaves such slots
 * out), and every general cache has ZONE_GEN_ORDER slabs, so rounding an
 * object down to ZONE_GEN_SLAB_SIZE finds its slab and cache. In debug mode
 * the slab is first looked up in the slab hash, so a foreign pointer is
 * reported instead of read.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kern/string.h>

#include "zone.h"

static struct zone_cache zone_gen[ZONE_NGEN] __attribute__((aligned(64)));

static const char *const zone_gen_names[ZONE_NGEN] = {
	"size-16",  "size-32",	"size-64",   "size-128",
	"size-256", "size-512", "size-1024", "size-2048",
};

void zone_alloc_boot(void)
{
	unsigned flags = ZONE_F_GENERAL | (zone_st.debug ? ZONE_F_DEBUG : 0);

	for (unsigned i = 0; i < ZONE_NGEN; i++) {
		zone_cache_init(&zone_gen[i], zone_gen_names[i], (size_t)16 << i, 16, NULL, flags);
		zone_cache_link(&zone_gen[i]);
	}
}

/* 0 for 0..16 bytes, 1 for 17..32, ..., 7 for 1025..2048. */
static inline unsigned zone_size_class(size_t size)
{
	if (size <= 16)
		return 0;
	return (unsigned)(64 - __builtin_clzl(size - 1)) - 4;
}

static unsigned zone_large_order(size_t size)
{
	size_t pages = (size + ZONE_PAGE_MASK) / PAGE_SIZE;
	unsigned order = 0;

	while (((size_t)1 << order) < pages)
		order++;
	return order;
}

static uint64_t zone_lmap_pn(uintptr_t addr)
{
	return ((uint64_t)addr >> 12) & ((1ULL << ZONE_LMAP_BITS) - 1);
}

/* The slot that points at the level-@depth node of @pn (0: the root's). */
static void **zone_lmap_link(uint64_t pn, unsigned depth)
{
	void **slot = &zone_st.large_map[pn >> (ZONE_LMAP_LEAF_BITS + 2 * ZONE_LMAP_MID_BITS)];

	for (unsigned d = 0; d < depth; d++) {
		unsigned shift = ZONE_LMAP_LEAF_BITS + (1 - d) * ZONE_LMAP_MID_BITS;
		void **node = __atomic_load_n(slot, __ATOMIC_ACQUIRE);

		if (node == NULL)
			return NULL;
		slot = &node[(pn >> shift) & ((1U << ZONE_LMAP_MID_BITS) - 1)];
	}
	return slot;
}

/* The byte of @addr's page, or NULL when its leaf does not exist. */
static uint8_t *zone_lmap_byte(uintptr_t addr)
{
	uint64_t pn = zone_lmap_pn(addr);
	void **slot = zone_lmap_link(pn, 2);
	uint8_t *leaf = slot ? __atomic_load_n(slot, __ATOMIC_ACQUIRE) : NULL;

	return leaf ? &leaf[pn & ((1U << ZONE_LMAP_LEAF_BITS) - 1)] : NULL;
}

/* Make the nodes down to @addr's leaf exist. 0, or -1 when out of memory. */
static int zone_lmap_ensure(uintptr_t addr)
{
	uint64_t pn = zone_lmap_pn(addr);

	for (unsigned depth = 0; depth < 3; depth++) {
		void **slot, *node;

		zone_lock(zone_st.lk);
		slot = zone_lmap_link(pn, depth);
		node = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
		zone_unlock(zone_st.lk);
		if (node != NULL)
			continue;
		node = zone_st.be->pages_alloc(0);
		if (node == NULL)
			return -1;
		memset(node, 0, PAGE_SIZE);
		zone_lock(zone_st.lk);
		slot = zone_lmap_link(pn, depth);
		if (*slot == NULL) {
			__atomic_store_n(slot, node, __ATOMIC_RELEASE);
			node = NULL;
			zone_st.map_pages++;
			zone_st.held_pages++;
		}
		zone_unlock(zone_st.lk);
		if (node != NULL) /* another thread was first */
			zone_st.be->pages_free(node, 0);
	}
	return 0;
}

static bool zone_lmap_empty(const void *node)
{
	const uint64_t *w = node;

	for (unsigned i = 0; i < PAGE_SIZE / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

/* Unhook the empty nodes under *slot (at @depth: 0 root entry, 2 leaf slot)
 * onto the list @dead (linked through their first word). Lock held. */
static void zone_lmap_prune(void **slot, unsigned depth, void **dead)
{
	void **node = *slot;

	if (node == NULL)
		return;
	for (unsigned i = 0; depth < 2 && i < (1U << ZONE_LMAP_MID_BITS); i++)
		zone_lmap_prune(&node[i], depth + 1, dead);
	if (!zone_lmap_empty(node))
		return;
	*slot = NULL;
	node[0] = *dead;
	*dead = node;
	zone_st.map_pages--;
	zone_st.held_pages--;
}

static struct zone_lcpu *zone_lcpu_self(void)
{
	return &zone_st.lcpu[zone_st.sync->cpu() & (ZONE_NCPU - 1)];
}

/* A block from the backend, entered in the map. */
static void *zone_large_fresh(unsigned order)
{
	void *p = zone_pages_get(order);
	uint8_t *b;

	if (!p)
		return NULL;
	zone_lock(zone_st.lk);
	b = zone_lmap_byte((uintptr_t)p);
	if (b)
		*b = (uint8_t)(order + 1);
	zone_unlock(zone_st.lk);
	if (b)
		return p;
	if (zone_lmap_ensure((uintptr_t)p) != 0) {
		zone_pages_put(p, order);
		return NULL;
	}
	zone_lock(zone_st.lk);
	*zone_lmap_byte((uintptr_t)p) = (uint8_t)(order + 1);
	zone_unlock(zone_st.lk);
	return p;
}

/* Out of line: keeps the general path's prologue small. */
static __attribute__((noinline)) void *zone_large_alloc(size_t size)
{
	struct zone_lcpu *lc;
	unsigned order;
	void *p;

	if (size > (PAGE_SIZE << ZONE_MAX_ORDER))
		return NULL;
	order = zone_large_order(size);
	lc = zone_lcpu_self();
	if (order < ZONE_LCACHE_ORDERS && lc->n[order] > 0) {
		p = lc->blk[order][--lc->n[order]];
		*zone_lmap_byte((uintptr_t)p) = (uint8_t)(order + 1);
	} else {
		p = zone_large_fresh(order);
		if (!p)
			return NULL;
	}
	lc->bytes += (int64_t)(PAGE_SIZE << order);
	lc->allocs++;
	return p;
}

static __attribute__((noinline)) void zone_large_free(void *p, uintptr_t caller)
{
	uint8_t *b = zone_lmap_byte((uintptr_t)p);
	struct zone_lcpu *lc;
	unsigned order;

	if (!b || !*b || (*b & ZONE_LMAP_CACHED)) {
		zone_dbg_fatal(caller,
			       "invalid free of %p: not a live block of mem_alloc() "
			       "(double free of a large block?)",
			       p);
		return;
	}
	order = *b - 1U;
	lc = zone_lcpu_self();
	lc->bytes -= (int64_t)(PAGE_SIZE << order);
	lc->frees++;
	if (order < ZONE_LCACHE_ORDERS && lc->n[order] < ZONE_LCACHE_DEPTH) {
		*b |= ZONE_LMAP_CACHED;
		lc->blk[order][lc->n[order]++] = p;
		return;
	}
	zone_lock(zone_st.lk);
	*b = 0;
	zone_unlock(zone_st.lk);
	zone_pages_put(p, order);
}

/* Give this CPU's cached large blocks back to the backend. */
static void zone_large_flush(void)
{
	struct zone_lcpu *lc = zone_lcpu_self();

	for (unsigned o = 0; o < ZONE_LCACHE_ORDERS; o++) {
		while (lc->n[o] > 0) {
			void *p = lc->blk[o][--lc->n[o]];

			zone_lock(zone_st.lk);
			*zone_lmap_byte((uintptr_t)p) = 0;
			zone_unlock(zone_st.lk);
			zone_pages_put(p, o);
		}
	}
}

void zone_large_reap(void)
{
	void *dead = NULL;

	zone_large_flush();
	zone_lock(zone_st.lk);
	for (unsigned i = 0; i < (1U << ZONE_LMAP_ROOT_BITS); i++)
		zone_lmap_prune(&zone_st.large_map[i], 0, &dead);
	zone_unlock(zone_st.lk);
	while (dead) {
		void *next = *(void **)dead;

		zone_st.be->pages_free(dead, 0);
		dead = next;
	}
}

void *zone_alloc(size_t size)
{
	if (__builtin_expect(size > ZONE_GEN_MAX, 0))
		return zone_large_alloc(size);
	return zone_obj_get(&zone_gen[zone_size_class(size)], size);
}

/* Debug: the general cache @p belongs to, or NULL after reporting. */
static __attribute__((noinline)) struct zone_cache *zone_general_owner(void *p, uintptr_t caller)
{
	struct zone_slab *s = zone_slab_find((uintptr_t)p & ~(ZONE_GEN_SLAB_SIZE - 1));

	if (!s || (uintptr_t)p >= (uintptr_t)s + zone_slab_bytes(s->cache)) {
		zone_dbg_fatal(caller, "invalid free of %p: not allocated by mem_alloc()", p);
		return NULL;
	}
	if (!(s->cache->flags & ZONE_F_GENERAL)) {
		zone_dbg_fatal(caller,
			       "invalid free of %p: an object of cache %s, not of "
			       "mem_alloc()",
			       p, s->cache->name);
		return NULL;
	}
	return s->cache;
}

void zone_free(void *p, uintptr_t caller)
{
	struct zone_cache *c;

	if (!p)
		return;
	if (!((uintptr_t)p & ZONE_PAGE_MASK)) {
		zone_large_free(p, caller);
		return;
	}
	if (__builtin_expect(zone_st.debug, 0)) {
		c = zone_general_owner(p, caller);
		if (!c)
			return;
	} else {
		c = ((struct zone_slab *)((uintptr_t)p & ~(ZONE_GEN_SLAB_SIZE - 1)))->cache;
	}
	zone_obj_put(c, p, caller);
}
