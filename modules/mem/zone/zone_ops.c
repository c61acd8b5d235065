/*
 * modules/mem/zone/zone_ops.c - the zone allocator's struct mem_ops and setup.
 *
 * The table is what the core calls (through mem_alloc(), mem_cache_*());
 * the same table runs in host tests over a host backend. zone_setup()
 * resets all state, so tests can start each case from scratch.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/string.h>
#include <uapi/errno.h>

#include "zone.h"

struct zone_state zone_st;

int zone_setup(const struct mem_backend *be, const struct zone_sync *sync, bool debug)
{
	if (!be || !be->pages_alloc || !be->pages_free || !be->fatal || !sync || !sync->lock ||
	    !sync->unlock || !sync->cpu)
		return -EINVAL;
	memset(&zone_st, 0, sizeof(zone_st));
	list_init(&zone_st.caches);
	zone_st.be = be;
	zone_st.sync = sync;
	zone_st.debug = debug;
	zone_mag_boot();
	zone_cache_boot();
	zone_alloc_boot();
	return 0;
}

static struct zone_cache *zone_of(struct mem_cache *c)
{
	return (struct zone_cache *)(void *)c;
}

static struct mem_cache *zone_ops_cache_create(const char *name, size_t size, size_t align,
					       void (*ctor)(void *obj))
{
	return (struct mem_cache *)(void *)zone_cache_create(name, size, align, ctor);
}

static int zone_ops_cache_destroy(struct mem_cache *c)
{
	return zone_cache_destroy(zone_of(c));
}

static void *zone_ops_cache_alloc(struct mem_cache *c)
{
	return zone_obj_get(zone_of(c), zone_of(c)->size);
}

static void zone_ops_cache_free(struct mem_cache *c, void *obj, uintptr_t caller)
{
	if (obj)
		zone_obj_put(zone_of(c), obj, caller);
}

/* Add one cache to the totals and, if there is room, to the list. */
static void zone_info_cache(const struct zone_cache *c, struct mem_info *info,
			    struct mem_cache_info *out)
{
	uint64_t in_use = zone_cache_in_use(c);

	if (!(c->flags & ZONE_F_INTERNAL)) {
		for (unsigned i = 0; i < ZONE_NCPU; i++) {
			const struct zone_pcpu *pc = &c->cpu[i];

			/* Every operation that did not miss hit a magazine. */
			info->mag_hits += pc->allocs + pc->frees - pc->misses;
			info->mag_misses += pc->misses;
			info->allocs += pc->allocs;
			info->frees += pc->frees;
		}
		info->bytes_in_use += in_use * c->size;
	}
	if (out) {
		memcpy(out->name, c->name, sizeof(out->name));
		out->objsize = c->objsize;
		out->in_use = in_use;
		out->capacity = c->capacity;
	}
}

static unsigned zone_ops_info(struct mem_info *info, struct mem_cache_info *caches, unsigned max)
{
	struct list_node *pos, *tmp;
	unsigned n = 0;

	memset(info, 0, sizeof(*info));
	memcpy(info->allocator, "zone", 5);
	zone_lock(zone_st.list_lk);
	list_for_each_safe(pos, tmp, &zone_st.caches)
	{
		struct mem_cache_info *out = caches && n < max ? &caches[n++] : NULL;

		zone_info_cache(list_entry(pos, struct zone_cache, link), info, out);
	}
	info->ncaches = zone_st.ncaches;
	zone_unlock(zone_st.list_lk);
	zone_lock(zone_st.lk);
	for (unsigned i = 0; i < ZONE_NCPU; i++) {
		info->bytes_in_use += (uint64_t)zone_st.lcpu[i].bytes;
		info->allocs += zone_st.lcpu[i].allocs;
		info->frees += zone_st.lcpu[i].frees;
	}
	info->bytes_held = zone_st.held_pages * PAGE_SIZE;
	zone_unlock(zone_st.lk);
	return n;
}

const struct mem_ops zone_mem_ops = {
	.version = MEM_OPS_VERSION,
	.cache_create = zone_ops_cache_create,
	.cache_destroy = zone_ops_cache_destroy,
	.cache_alloc = zone_ops_cache_alloc,
	.cache_free = zone_ops_cache_free,
	.alloc = zone_alloc,
	.free = zone_free,
	.info = zone_ops_info,
};
