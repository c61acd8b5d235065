/*
 * modules/mem/zone/zone_cache.c - object caches of the zone allocator.
 *
 * A cache ties the layers together: allocation tries the loaded magazine
 * (zone_obj_get(), inline in zone.h: a handful of instructions), then the
 * magazine slow path and the depot, then the slab layer (zone_obj_alloc());
 * free goes the same way down. Internal caches
 * (magazines, caches, large-block records) skip the magazine layer: they
 * serve the allocator itself and must not recurse into it.
 *
 * Counters live in the per-CPU slots, so the fast path writes only memory
 * its CPU owns; totals are sums over the slots. In debug mode the checks of
 * zone_debug.c wrap both ends, outside every lock.
 *
 * Constructors run when a slab is carved, never on allocation: a freed
 * object must be returned in its constructed state (Bonwick 1994). So a
 * constructor must not allocate from its own cache.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/string.h>
#include <uapi/errno.h>

#include "zone.h"

/* The cache that struct zone_cache objects come from. */
static struct zone_cache zone_cache_cache __attribute__((aligned(64)));

int zone_cache_init(struct zone_cache *c, const char *name, size_t size, size_t align,
		    void (*ctor)(void *obj), unsigned flags)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < MEM_NAME_MAX - 1 && name[i]; i++)
		c->name[i] = name[i];
	c->size = size;
	c->align = align;
	c->ctor = ctor;
	c->flags = flags;
	list_init(&c->partial);
	list_init(&c->full);
	list_init(&c->empty);
	for (unsigned i = 0; i < ZONE_NCPU; i++) {
		c->cpu[i].rounds = -1;
		c->cpu[i].prounds = -1;
	}
	return zone_slab_layout(c);
}

void zone_cache_link(struct zone_cache *c)
{
	zone_lock(zone_st.list_lk);
	list_add_head(&zone_st.caches, &c->link);
	zone_st.ncaches++;
	zone_unlock(zone_st.list_lk);
}

static void zone_cache_unlink(struct zone_cache *c)
{
	zone_lock(zone_st.list_lk);
	list_del(&c->link);
	zone_st.ncaches--;
	zone_unlock(zone_st.list_lk);
}

void zone_cache_boot(void)
{
	zone_cache_init(&zone_cache_cache, "zone-cache", sizeof(struct zone_cache),
			_Alignof(struct zone_cache), NULL, ZONE_F_INTERNAL);
	zone_cache_link(&zone_cache_cache);
}

/* Natural alignment: the lowest set bit of the size, from 8 to 16. */
static size_t zone_natural_align(size_t size)
{
	size_t low = size & -size;

	return low < 8 ? 8 : low > 16 ? 16 : low;
}

struct zone_cache *zone_cache_create(const char *name, size_t size, size_t align,
				     void (*ctor)(void *obj))
{
	struct zone_cache *c;
	unsigned flags = zone_st.debug ? ZONE_F_DEBUG : 0;

	if (!name || !size || size > (PAGE_SIZE << ZONE_MAX_ORDER) || (align & (align - 1)) ||
	    align > PAGE_SIZE)
		return NULL;
	align = align ? (align < 8 ? 8 : align) : zone_natural_align(size);
	c = zone_obj_alloc(&zone_cache_cache, sizeof(*c));
	if (!c)
		return NULL;
	if (zone_cache_init(c, name, size, align, ctor, flags)) {
		zone_obj_free(&zone_cache_cache, c, 0);
		return NULL;
	}
	zone_cache_link(c);
	return c;
}

uint64_t zone_cache_in_use(const struct zone_cache *c)
{
	uint64_t allocs = 0, frees = 0;

	for (unsigned i = 0; i < ZONE_NCPU; i++) {
		allocs += c->cpu[i].allocs;
		frees += c->cpu[i].frees;
	}
	return allocs - frees;
}

/*
 * Every CPU's magazines are emptied here: the caller promises nobody uses
 * the cache any more (its objects are all freed), so no CPU touches them.
 */
int zone_cache_destroy(struct zone_cache *c)
{
	if (zone_cache_in_use(c))
		return -EBUSY;
	zone_cache_unlink(c);
	for (unsigned i = 0; i < ZONE_NCPU; i++)
		zone_mag_flush(c, &c->cpu[i]);
	zone_depot_reap(c);
	zone_slab_reap(c);
	zone_obj_free(&zone_cache_cache, c, 0);
	return 0;
}

static void *zone_obj_alloc_slow(struct zone_cache *c, struct zone_pcpu *pc)
{
	void *obj = NULL;

	if (!(c->flags & ZONE_F_INTERNAL)) {
		pc->misses++;
		obj = zone_mag_alloc_slow(c, pc);
	}
	return obj ? obj : zone_slab_alloc(c);
}

void *zone_obj_alloc(struct zone_cache *c, size_t size)
{
	struct zone_pcpu *pc = zone_pcpu_of(c);
	void *obj = zone_mag_pop(pc);

	if (!obj)
		obj = zone_obj_alloc_slow(c, pc);
	if (!obj)
		return NULL;
	pc->allocs++;
	if ((c->flags & ZONE_F_DEBUG) && !zone_dbg_alloc(c, obj, size))
		return NULL;
	return obj;
}

void zone_obj_free(struct zone_cache *c, void *obj, uintptr_t caller)
{
	struct zone_pcpu *pc;

	if ((c->flags & ZONE_F_DEBUG) && !zone_dbg_free(c, obj, caller))
		return;
	pc = zone_pcpu_of(c);
	pc->frees++;
	if (zone_mag_push(pc, obj))
		return;
	if (!(c->flags & ZONE_F_INTERNAL)) {
		pc->misses++;
		if (zone_mag_free_slow(c, pc, obj))
			return;
	}
	zone_slab_free(c, obj);
}

void zone_reap_depots(void)
{
	struct list_node *pos, *tmp;

	zone_lock(zone_st.list_lk);
	list_for_each_safe(pos, tmp, &zone_st.caches)
	{
		struct zone_cache *c = list_entry(pos, struct zone_cache, link);

		if (c == &zone_mag_cache)
			continue;
		zone_depot_reap(c);
		zone_slab_reap(c);
	}
	/* Last: the depots just gave their magazines back. */
	zone_slab_reap(&zone_mag_cache);
	zone_unlock(zone_st.list_lk);
}

void zone_reap(void)
{
	struct list_node *pos, *tmp;

	zone_lock(zone_st.list_lk);
	list_for_each_safe(pos, tmp, &zone_st.caches)
	{
		struct zone_cache *c = list_entry(pos, struct zone_cache, link);

		if (!(c->flags & ZONE_F_INTERNAL))
			zone_mag_flush(c, zone_pcpu_of(c));
	}
	zone_unlock(zone_st.list_lk);
	zone_reap_depots();
	zone_large_reap();
}
