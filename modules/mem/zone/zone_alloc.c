/*
 * modules/mem/zone/zone_alloc.c - general allocation: zone_alloc() and zone_free().
 *
 * Requests up to ZONE_GEN_MAX bytes go to one of eight power-of-two caches,
 * "size-16" to "size-2048"; the class is found with one count-leading-zeros,
 * not a loop. Larger requests take 2^order pages straight from the backend
 * (page-aligned, as mem.h promises) and are entered in a small hash table,
 * so zone_free() knows the order to give back.
 *
 * zone_free() tells the two apart without a lookup: large blocks are
 * page-aligned, general objects never are (zone_slab.c leaves such slots
 * out), and every general cache has ZONE_GEN_ORDER slabs, so rounding an
 * object down to ZONE_GEN_SLAB_SIZE finds its slab and cache. In debug mode
 * the slab is first looked up in the slab hash, so a foreign pointer is
 * reported instead of read.
 */
#include <stddef.h>
#include <stdint.h>

#include "zone.h"

static struct zone_cache zone_gen[ZONE_NGEN] __attribute__((aligned(64)));
static struct zone_cache zone_large_cache __attribute__((aligned(64)));

static const char *const zone_gen_names[ZONE_NGEN] = {
	"size-16",  "size-32",	"size-64",   "size-128",
	"size-256", "size-512", "size-1024", "size-2048",
};

void zone_alloc_boot(void)
{
	unsigned flags = ZONE_F_GENERAL | (zone_st.debug ? ZONE_F_DEBUG : 0);

	zone_cache_init(&zone_large_cache, "zone-large", sizeof(struct zone_large), 8, NULL,
			ZONE_F_INTERNAL);
	zone_cache_link(&zone_large_cache);
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

static unsigned zone_large_bucket(uintptr_t addr)
{
	return (unsigned)(((addr >> 12) * 0x9e3779b97f4a7c15ULL) >> (64 - ZONE_LARGE_HASH_BITS));
}

static unsigned zone_large_order(size_t size)
{
	size_t pages = (size + ZONE_PAGE_MASK) / PAGE_SIZE;
	unsigned order = 0;

	while (((size_t)1 << order) < pages)
		order++;
	return order;
}

/* Out of line: keeps the general path's prologue small. */
static __attribute__((noinline)) void *zone_large_alloc(size_t size)
{
	unsigned order, b;
	struct zone_large *rec;
	void *p;

	if (size > (PAGE_SIZE << ZONE_MAX_ORDER))
		return NULL;
	order = zone_large_order(size);
	rec = zone_obj_alloc(&zone_large_cache, sizeof(*rec));
	if (!rec)
		return NULL;
	p = zone_pages_get(order);
	if (!p) {
		zone_obj_free(&zone_large_cache, rec, 0);
		return NULL;
	}
	rec->addr = (uintptr_t)p;
	rec->order = order;
	b = zone_large_bucket(rec->addr);
	zone_lock(zone_st.lk);
	rec->next = zone_st.large_hash[b];
	zone_st.large_hash[b] = rec;
	zone_st.large_bytes += PAGE_SIZE << order;
	zone_st.large_allocs++;
	zone_unlock(zone_st.lk);
	return p;
}

static __attribute__((noinline)) void zone_large_free(void *p, uintptr_t caller)
{
	struct zone_large **pp = &zone_st.large_hash[zone_large_bucket((uintptr_t)p)];
	struct zone_large *rec;

	zone_lock(zone_st.lk);
	while (*pp && (*pp)->addr != (uintptr_t)p)
		pp = &(*pp)->next;
	rec = *pp;
	if (rec) {
		*pp = rec->next;
		zone_st.large_bytes -= PAGE_SIZE << rec->order;
		zone_st.large_frees++;
	}
	zone_unlock(zone_st.lk);
	if (!rec) {
		zone_dbg_fatal(caller,
			       "invalid free of %p: not a live block of mem_alloc() "
			       "(double free of a large block?)",
			       p);
		return;
	}
	zone_pages_put(p, rec->order);
	zone_obj_free(&zone_large_cache, rec, 0);
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
