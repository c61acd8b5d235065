/*
 * Giving memory back: the page daemon's reclaimer (one page at a time,
 * under the page role's lock, so it only unlinks: the daemon frees the
 * page and the record waits on the spare list), buf_shrink() on request,
 * the statistics, and tearing the cache down (host tests). Locking: bcache.h.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kern/mem.h>
#include <kern/page.h>

#include "bcache.h"

bool bcache_evict_page(uint64_t pa)
{
	struct bcache_buf *b;
	bool done = false;

	spin_lock(&bcache.lock);
	b = bcache_pa_find(pa);
	if (b != NULL && (b->flags & BCACHE_USED)) {
		b->flags &= ~BCACHE_USED; /* used since the last look: next time */
	} else if (b != NULL && b->ref == 0 && !(b->flags & BCACHE_DIRTY)) {
		bcache_forget(b);
		b->pa = 0;
		b->pub.data = NULL;
		list_add_tail(&bcache.spare, &b->lru);
		bcache.st.reclaimed++;
		done = true;
	}
	spin_unlock(&bcache.lock);
	return done;
}

void bcache_trim_spares(void)
{
	struct list_node *n;

	for (;;) {
		spin_lock(&bcache.lock);
		n = list_first(&bcache.spare);
		if (n != NULL)
			list_del(n);
		spin_unlock(&bcache.lock);
		if (n == NULL)
			return;
		mem_free(list_entry(n, struct bcache_buf, lru));
	}
}

/* Unlink up to @p n idle clean buffers, oldest first, onto @p out (all of them: n = ~0). */
static uint64_t bcache_collect(uint64_t n, struct list_node *out, bool dirty_too)
{
	struct list_node *pos, *tmp;
	uint64_t got = 0;

	list_for_each_safe(pos, tmp, &bcache.lru)
	{
		struct bcache_buf *b = list_entry(pos, struct bcache_buf, lru);

		if (got == n)
			break;
		if ((b->flags & BCACHE_DIRTY) && !dirty_too)
			continue;
		if (b->flags & BCACHE_DIRTY) {
			list_del(&b->dirty);
			bcache.st.dirty--;
		}
		bcache_forget(b);
		list_add_tail(out, &b->lru);
		got++;
	}
	return got;
}

static void bcache_free_list(struct list_node *l)
{
	struct list_node *n;

	while ((n = list_first(l)) != NULL) {
		list_del(n);
		bcache_free(list_entry(n, struct bcache_buf, lru));
	}
}

uint64_t bcache_shrink(uint64_t n)
{
	struct list_node victims;
	uint64_t got;

	list_init(&victims);
	spin_lock(&bcache.lock);
	got = bcache_collect(n, &victims, false);
	bcache.st.reclaimed += got;
	spin_unlock(&bcache.lock);
	bcache_free_list(&victims);
	bcache_trim_spares();
	return got;
}

void bcache_stats(struct buf_stats *st)
{
	spin_lock(&bcache.lock);
	*st = bcache.st;
	spin_unlock(&bcache.lock);
}

void bcache_fini(void)
{
	struct list_node victims;

	list_init(&victims);
	spin_lock(&bcache.lock);
	bcache_collect(~0ULL, &victims, true);
	spin_unlock(&bcache.lock);
	bcache_free_list(&victims);
	bcache_trim_spares();
}
