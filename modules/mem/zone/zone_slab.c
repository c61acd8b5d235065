/*
 * modules/mem/zone/zone_slab.c - the slab layer of the zone allocator.
 *
 * A slab is a block of 2^order pages from the backend, aligned to its size
 * (the backend promises that), with a struct zone_slab at its start and
 * objects after it at a fixed stride. Because of the alignment, an object's
 * slab is its address rounded down to the slab size: no lookup on free.
 *
 * Free objects of a slab are linked through a word at c->link_off from the
 * object: the object's first word when nothing else needs it, else a word
 * after the object (caches with a constructor keep their objects in
 * constructed state, Bonwick's point; debug caches keep them poisoned).
 *
 * A cache keeps its slabs on three lists (partial, full, empty). Allocation
 * prefers partial slabs, so free objects concentrate and whole slabs go
 * empty; a cache keeps ZONE_KEEP_EMPTY empty slabs and gives the rest back
 * at once, the kept ones when reaped. Slabs are made without the cache lock
 * held (the constructor may be slow) and then linked in.
 *
 * Every slab is also entered in a hash table by address, so debug checks
 * can tell a real slab from an arbitrary address without reading it.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/list.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "zone.h"

static size_t zone_round_up(size_t x, size_t a)
{
	return (x + a - 1) & ~(a - 1);
}

static unsigned zone_slab_bucket(uintptr_t addr)
{
	return (unsigned)(((addr >> 12) * 0x9e3779b97f4a7c15ULL) >> (64 - ZONE_SLAB_HASH_BITS));
}

void *zone_pages_get(unsigned order)
{
	void *p = zone_st.be->pages_alloc(order);

	if (!p) {
		/* Bonwick: on a shortage, the depots give back what they cache. */
		zone_reap_depots();
		p = zone_st.be->pages_alloc(order);
	}
	if (p) {
		zone_lock(zone_st.lk);
		zone_st.held_pages += 1UL << order;
		zone_unlock(zone_st.lk);
	}
	return p;
}

void zone_pages_put(void *p, unsigned order)
{
	zone_lock(zone_st.lk);
	zone_st.held_pages -= 1UL << order;
	zone_unlock(zone_st.lk);
	zone_st.be->pages_free(p, order);
}

/* Objects a slab of 2^order pages holds. */
static size_t zone_slab_fit(const struct zone_cache *c, unsigned order)
{
	size_t bytes = PAGE_SIZE << order;

	return bytes > c->first ? (bytes - c->first) / c->stride : 0;
}

/* The smallest order that wastes at most 1/8 of the slab (header included), else the largest. */
static int zone_slab_pick_order(struct zone_cache *c)
{
	int fallback = -1;

	for (unsigned o = 0; o <= ZONE_MAX_ORDER; o++) {
		size_t n = zone_slab_fit(c, o), bytes = PAGE_SIZE << o;

		if (!n)
			continue;
		if ((bytes - n * c->stride) * 8 <= bytes) {
			c->slab_order = o;
			return 0;
		}
		fallback = (int)o;
	}
	if (fallback < 0)
		return -EINVAL;
	c->slab_order = (unsigned)fallback;
	return 0;
}

int zone_slab_layout(struct zone_cache *c)
{
	bool debug = c->flags & ZONE_F_DEBUG;
	size_t tail = debug ? ZONE_RZ : 0;
	size_t min = c->size < sizeof(void *) ? sizeof(void *) : c->size;

	c->objsize = zone_round_up(min, c->align);
	c->front = debug ? (c->align > ZONE_DBG_FRONT ? c->align : ZONE_DBG_FRONT) : 0;
	c->link_off = (debug || c->ctor) ? c->objsize + tail : 0;
	c->stride = zone_round_up(c->front + c->objsize + tail + (c->link_off ? sizeof(void *) : 0),
				  c->align);
	c->first = zone_round_up(sizeof(struct zone_slab), c->align);
	if (c->flags & ZONE_F_GENERAL) {
		c->slab_order = ZONE_GEN_ORDER;
		return zone_slab_fit(c, ZONE_GEN_ORDER) ? 0 : -EINVAL;
	}
	return zone_slab_pick_order(c);
}

static void **zone_link(const struct zone_cache *c, void *obj)
{
	return (void **)((char *)obj + c->link_off);
}

/* Move s (on no list, or on one of c's lists) to the front of head. */
static void zone_list_move(struct list_node *head, struct zone_slab *s)
{
	list_del(&s->link);
	list_add_head(head, &s->link);
}

static struct zone_slab *zone_list_first(const struct list_node *head)
{
	struct list_node *n = list_first(head);

	return n ? list_entry(n, struct zone_slab, link) : NULL;
}

/* Carve the slots, last to first so the free list runs in address order. */
static void zone_slab_carve(struct zone_cache *c, struct zone_slab *s)
{
	size_t n = zone_slab_fit(c, c->slab_order);
	uintptr_t base = (uintptr_t)s + c->first + c->front;

	for (size_t i = n; i-- > 0;) {
		void *obj = (void *)(base + i * c->stride);

		/* zone_free() takes page-aligned pointers for large blocks. */
		if ((c->flags & ZONE_F_GENERAL) && !((uintptr_t)obj & ZONE_PAGE_MASK))
			continue;
		if (c->flags & ZONE_F_DEBUG)
			zone_dbg_init_obj(c, obj);
		if (c->ctor)
			c->ctor(obj);
		*zone_link(c, obj) = s->free;
		s->free = obj;
		s->total++;
	}
}

static struct zone_slab *zone_slab_create(struct zone_cache *c)
{
	struct zone_slab *s = zone_pages_get(c->slab_order);
	unsigned b;

	if (!s)
		return NULL;
	*s = (struct zone_slab){ .magic = ZONE_SLAB_MAGIC, .cache = c };
	list_init(&s->link);
	zone_slab_carve(c, s);
	b = zone_slab_bucket((uintptr_t)s);
	zone_lock(zone_st.lk);
	s->hnext = zone_st.slab_hash[b];
	zone_st.slab_hash[b] = s;
	zone_unlock(zone_st.lk);
	return s;
}

/* Unhash a slab that is off every list and give its pages back. */
static void zone_slab_release(struct zone_cache *c, struct zone_slab *s)
{
	struct zone_slab **pp = &zone_st.slab_hash[zone_slab_bucket((uintptr_t)s)];

	zone_lock(zone_st.lk);
	while (*pp && *pp != s)
		pp = &(*pp)->hnext;
	if (*pp)
		*pp = s->hnext;
	zone_unlock(zone_st.lk);
	s->magic = 0;
	zone_pages_put(s, c->slab_order);
}

struct zone_slab *zone_slab_find(uintptr_t addr)
{
	struct zone_slab *s;

	zone_lock(zone_st.lk);
	s = zone_st.slab_hash[zone_slab_bucket(addr)];
	while (s && (uintptr_t)s != addr)
		s = s->hnext;
	zone_unlock(zone_st.lk);
	return s;
}

/* Take one object; the cache lock is held. */
static void *zone_slab_take(struct zone_cache *c)
{
	struct zone_slab *s = zone_list_first(&c->partial);
	void *obj;

	if (!s && !list_empty(&c->empty)) {
		s = zone_list_first(&c->empty);
		c->nempty--;
		zone_list_move(&c->partial, s);
	}
	if (!s)
		return NULL;
	obj = s->free;
	s->free = *zone_link(c, obj);
	s->inuse++;
	if (!s->free)
		zone_list_move(&c->full, s);
	return obj;
}

void *zone_slab_alloc(struct zone_cache *c)
{
	struct zone_slab *s;
	void *obj;

	zone_lock(c->lk);
	obj = zone_slab_take(c);
	zone_unlock(c->lk);
	if (obj)
		return obj;
	s = zone_slab_create(c);
	if (!s)
		return NULL;
	zone_lock(c->lk);
	zone_list_move(&c->partial, s);
	c->nslabs++;
	c->capacity += s->total;
	obj = zone_slab_take(c);
	zone_unlock(c->lk);
	return obj;
}

/* Put one object back; the cache lock is held. Returns a slab to release, or NULL. */
static struct zone_slab *zone_slab_put(struct zone_cache *c, struct zone_slab *s, void *obj)
{
	bool was_full = !s->free;

	*zone_link(c, obj) = s->free;
	s->free = obj;
	s->inuse--;
	if (was_full)
		zone_list_move(&c->partial, s);
	if (s->inuse)
		return NULL;
	list_del(&s->link);
	if (c->nempty < ZONE_KEEP_EMPTY) {
		list_add_head(&c->empty, &s->link);
		c->nempty++;
		return NULL;
	}
	c->nslabs--;
	c->capacity -= s->total;
	return s;
}

void zone_slab_free(struct zone_cache *c, void *obj)
{
	struct zone_slab *s = (struct zone_slab *)((uintptr_t)obj & ~(zone_slab_bytes(c) - 1));
	struct zone_slab *dead;

	zone_lock(c->lk);
	dead = zone_slab_put(c, s, obj);
	zone_unlock(c->lk);
	if (dead)
		zone_slab_release(c, dead);
}

void zone_slab_reap(struct zone_cache *c)
{
	struct list_node list, *pos, *tmp;

	list_init(&list);
	zone_lock(c->lk);
	list_for_each_safe(pos, tmp, &c->empty)
	{
		struct zone_slab *s = list_entry(pos, struct zone_slab, link);

		c->nslabs--;
		c->capacity -= s->total;
	}
	list_splice_tail(&list, &c->empty);
	c->nempty = 0;
	zone_unlock(c->lk);
	list_for_each_safe(pos, tmp, &list)
	{
		list_del(pos);
		zone_slab_release(c, list_entry(pos, struct zone_slab, link));
	}
}
