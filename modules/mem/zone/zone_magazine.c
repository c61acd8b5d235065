/*
 * modules/mem/zone/zone_magazine.c - per-CPU magazines and the depot
 * (Bonwick & Adams, "Magazines and Vmem", USENIX 2001, section 3).
 *
 * Each CPU holds two magazines per cache: `loaded`, which allocations pop
 * and frees push, and `prev`, which is always either full or empty; their
 * counts (`rounds`, `prounds`) sit in the CPU's line, as in Solaris. When
 * `loaded` cannot serve, the CPU first swaps it with `prev` (that alone
 * absorbs any alloc/free pattern that goes back and forth over a magazine
 * boundary) and only then goes to the depot under the cache lock:
 * - allocating: take a full magazine, give the empty `prev` to the depot,
 *   `prev` = `loaded`, `loaded` = the full one;
 * - freeing: take an empty magazine (or make one), give the full `prev` to
 *   the depot, `prev` = `loaded`, `loaded` = the empty one.
 * So a CPU touches the depot at most once per ZONE_MAG_ROUNDS operations,
 * and a producer CPU and a consumer CPU pass whole magazines to each other.
 *
 * The fast paths (zone_mag_pop(), zone_mag_push()) are inline in zone.h.
 * Magazines come from their own internal cache, which has no magazines.
 * The depot keeps what it gets until reaped (when asked, or when the
 * backend runs out of pages); the paper's working-set timer is left out.
 */
#include <stddef.h>
#include <stdint.h>

#include "zone.h"

struct zone_cache zone_mag_cache __attribute__((aligned(64)));

void zone_mag_boot(void)
{
	zone_cache_init(&zone_mag_cache, "zone-magazine", sizeof(struct zone_mag), 16, NULL,
			ZONE_F_INTERNAL);
	zone_cache_link(&zone_mag_cache);
}

/* Make @m (holding @rounds objects) the loaded magazine; the old one becomes prev. */
static void zone_mag_load(struct zone_pcpu *pc, struct zone_mag *m, int rounds)
{
	pc->prev = pc->loaded;
	pc->prounds = pc->rounds;
	pc->loaded = m;
	pc->rounds = rounds;
}

/* Exchange loaded and prev. */
static void zone_mag_swap(struct zone_pcpu *pc)
{
	struct zone_mag *m = pc->loaded;
	int rounds = pc->rounds;

	pc->loaded = pc->prev;
	pc->rounds = pc->prounds;
	pc->prev = m;
	pc->prounds = rounds;
}

void *zone_mag_alloc_slow(struct zone_cache *c, struct zone_pcpu *pc)
{
	struct zone_mag *full;

	if (pc->prounds > 0) {
		zone_mag_swap(pc);
		return zone_mag_pop(pc);
	}
	zone_lock(c->lk);
	full = c->depot_full;
	if (full) {
		c->depot_full = full->next;
		if (pc->prev) {
			pc->prev->next = c->depot_empty;
			c->depot_empty = pc->prev;
		}
	}
	zone_unlock(c->lk);
	if (!full)
		return NULL;
	/* loaded (empty or none) becomes prev; the empty prev went to the depot. */
	zone_mag_load(pc, full, ZONE_MAG_ROUNDS);
	return zone_mag_pop(pc);
}

/* Give the depot a full magazine (or nothing); the cache lock is held. */
static void zone_depot_put_full(struct zone_cache *c, struct zone_mag *m)
{
	if (m) {
		m->next = c->depot_full;
		c->depot_full = m;
	}
}

bool zone_mag_free_slow(struct zone_cache *c, struct zone_pcpu *pc, void *obj)
{
	struct zone_mag *empty;

	if (pc->prounds == 0) {
		zone_mag_swap(pc);
		return zone_mag_push(pc, obj);
	}
	/* Here prev is full or absent (and loaded full or absent). */
	zone_lock(c->lk);
	empty = c->depot_empty;
	if (empty) {
		c->depot_empty = empty->next;
		zone_depot_put_full(c, pc->prev);
	}
	zone_unlock(c->lk);
	if (!empty) {
		empty = zone_obj_alloc(&zone_mag_cache, sizeof(*empty));
		if (!empty)
			return false;
		zone_lock(c->lk);
		zone_depot_put_full(c, pc->prev);
		zone_unlock(c->lk);
	}
	zone_mag_load(pc, empty, 0);
	return zone_mag_push(pc, obj);
}

/* Return @rounds objects of a magazine to the slabs and the magazine to its cache. */
static void zone_mag_destroy(struct zone_cache *c, struct zone_mag *m, int rounds)
{
	while (rounds > 0)
		zone_slab_free(c, m->round[--rounds]);
	zone_obj_free(&zone_mag_cache, m, 0);
}

void zone_mag_flush(struct zone_cache *c, struct zone_pcpu *pc)
{
	struct zone_mag *loaded = pc->loaded, *prev = pc->prev;
	int rounds = pc->rounds, prounds = pc->prounds;

	pc->loaded = NULL;
	pc->prev = NULL;
	pc->rounds = -1;
	pc->prounds = -1;
	if (loaded)
		zone_mag_destroy(c, loaded, rounds);
	if (prev)
		zone_mag_destroy(c, prev, prounds);
}

void zone_depot_reap(struct zone_cache *c)
{
	struct zone_mag *full, *empty, *next;

	zone_lock(c->lk);
	full = c->depot_full;
	empty = c->depot_empty;
	c->depot_full = NULL;
	c->depot_empty = NULL;
	zone_unlock(c->lk);
	for (; full; full = next) {
		next = full->next;
		zone_mag_destroy(c, full, ZONE_MAG_ROUNDS);
	}
	for (; empty; empty = next) {
		next = empty->next;
		zone_mag_destroy(c, empty, 0);
	}
}
