/*
 * The buffer cache's records: the two hashes, the LRU list, finding or
 * making the buffer of a block (evicting the least recently used one,
 * written back first if dirty), and releasing it. Locking: bcache.h.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/mem.h>
#include <kern/page.h>
#include <uapi/errno.h>

#include "bcache.h"

struct bcache bcache = { .lock = SPINLOCK_INIT("bcache"), .reclaim_id = -1 };

/* Failed write-backs of victims one acquire tolerates before it grows the cache. */
#define BCACHE_VICTIM_TRIES 4

static const struct page_reclaimer bcache_reclaimer = {
	.name = "buf",
	.evict = bcache_evict_page,
};

int bcache_init(uint64_t max, unsigned ra)
{
	int id;

	list_init(&bcache.lru);
	list_init(&bcache.dirty);
	list_init(&bcache.all);
	list_init(&bcache.spare);
	bcache.st = (struct buf_stats){ .max = max ? max : 1 };
	bcache.ra = ra;
	for (unsigned i = 0; i < BCACHE_NSTREAM; i++)
		bcache.stream[i] = (struct bcache_stream){ 0 };
	id = page_reclaimer_add(&bcache_reclaimer);
	bcache.reclaim_id = id >= 0 ? id : -1;
	return 0;
}

static unsigned bcache_hash(const struct buf_dev *d, uint64_t blkno)
{
	uint64_t h = ((uint64_t)(uintptr_t)d >> 4) ^ (blkno * 0x9e3779b97f4a7c15ULL);

	return (unsigned)((h ^ (h >> 32)) % BCACHE_NHASH);
}

static unsigned bcache_pa_hash(uint64_t pa)
{
	return (unsigned)((pa >> 12) % BCACHE_NHASH);
}

struct bcache_buf *bcache_find(const struct buf_dev *d, uint64_t blkno)
{
	struct bcache_buf *b = bcache.hash[bcache_hash(d, blkno)];

	while (b != NULL && (b->pub.dev != d || b->pub.blkno != blkno))
		b = b->hnext;
	return b;
}

static void bcache_hash_add(struct bcache_buf *b)
{
	struct bcache_buf **head = &bcache.hash[bcache_hash(b->pub.dev, b->pub.blkno)];

	b->hnext = *head;
	*head = b;
	b->flags |= BCACHE_HASHED;
}

/* Take a buffer off the (device, block) hash; it keeps its page. */
void bcache_unhash(struct bcache_buf *b)
{
	struct bcache_buf **p;

	if (!(b->flags & BCACHE_HASHED))
		return;
	p = &bcache.hash[bcache_hash(b->pub.dev, b->pub.blkno)];
	while (*p != b)
		p = &(*p)->hnext;
	*p = b->hnext;
	b->hnext = NULL;
	b->flags &= ~(unsigned)(BCACHE_HASHED | BCACHE_VALID);
	b->pub.dev = NULL;
}

struct bcache_buf *bcache_pa_find(uint64_t pa)
{
	struct bcache_buf *b = bcache.pahash[bcache_pa_hash(pa)];

	while (b != NULL && b->pa != pa)
		b = b->pnext;
	return b;
}

/* Forget a buffer entirely (it must be unreferenced and clean): hashes and lists. */
void bcache_forget(struct bcache_buf *b)
{
	struct bcache_buf **p = &bcache.pahash[bcache_pa_hash(b->pa)];

	bcache_unhash(b);
	while (*p != b)
		p = &(*p)->pnext;
	*p = b->pnext;
	list_del(&b->lru);
	list_del(&b->all);
	bcache.st.nbuf--;
}

/* A new buffer with its page, not yet on any list; NULL when out of memory. */
static struct bcache_buf *bcache_new(void)
{
	struct bcache_buf *b = NULL;
	struct list_node *n;
	uint64_t pa;

	spin_lock(&bcache.lock);
	n = list_first(&bcache.spare);
	if (n != NULL) {
		list_del(n);
		b = list_entry(n, struct bcache_buf, lru);
	}
	spin_unlock(&bcache.lock);
	if (b == NULL && (b = mem_zalloc(sizeof(*b))) == NULL)
		return NULL;
	pa = page_alloc(0, PAGE_NORESERVE); /* short of memory: reuse a buffer */
	if (pa == 0) {
		mem_free(b);
		return NULL;
	}
	*b = (struct bcache_buf){ .pa = pa, .lock = MUTEX_INIT("buf") };
	b->pub.data = page_virt(pa);
	list_init(&b->lru);
	list_init(&b->dirty);
	list_init(&b->all);
	if (bcache.reclaim_id >= 0)
		page_set_reclaimable(pa, bcache.reclaim_id);
	return b;
}

/* Free a forgotten buffer's page and record. */
void bcache_free(struct bcache_buf *b)
{
	if (bcache.reclaim_id >= 0)
		page_set_reclaimable(b->pa, -1);
	page_free(b->pa, 0);
	mem_free(b);
}

/* Give a buffer (new, or a clean victim) the identity of a block; referenced. */
static void bcache_take(struct bcache_buf *b, struct buf_dev *d, uint64_t blkno)
{
	if (b->flags & BCACHE_HASHED)
		bcache.st.evictions++;
	bcache_unhash(b);
	list_del(&b->lru);
	b->pub.dev = d;
	b->pub.blkno = blkno;
	b->flags = 0;
	b->ref = 1;
	bcache_hash_add(b);
}

/* Add a new buffer to the cache (spinlock held). */
static void bcache_insert(struct bcache_buf *b)
{
	struct bcache_buf **head = &bcache.pahash[bcache_pa_hash(b->pa)];

	b->pnext = *head;
	*head = b;
	list_add_tail(&bcache.all, &b->all);
	bcache.st.nbuf++;
}

/* What one look at the cache under its lock found. */
enum bcache_look {
	BCACHE_HIT,	   /* cached: referenced, lock it */
	BCACHE_TAKEN,	   /* a new or clean victim buffer now holds the block */
	BCACHE_GROW,	   /* room for a new buffer: allocate one */
	BCACHE_WRITE_BACK, /* the victim is dirty: referenced, write it back */
	BCACHE_EXISTS,	   /* read-ahead: cached already */
	BCACHE_BUSY,	   /* read-ahead: only a dirty victim */
};

/* One look (spinlock held); @p fresh is a new buffer or NULL. */
static enum bcache_look bcache_look(struct buf_dev *d, uint64_t blkno, int ra, int grow,
				    struct bcache_buf *fresh, struct bcache_buf **out)
{
	struct bcache_buf *b = bcache_find(d, blkno);
	struct list_node *n;

	if (b != NULL && fresh != NULL) {
		bcache_insert(fresh); /* someone else made the block: keep ours blank */
		list_add_head(&bcache.lru, &fresh->lru);
	}
	if (b != NULL) {
		if (ra)
			return BCACHE_EXISTS;
		if (b->ref++ == 0)
			list_del(&b->lru);
		b->flags |= BCACHE_USED;
		bcache.st.hits++;
		*out = b;
		return BCACHE_HIT;
	}
	if (fresh == NULL) {
		n = list_first(&bcache.lru);
		b = n != NULL ? list_entry(n, struct bcache_buf, lru) : NULL;
		/* A blank buffer (invalidated, or a failed read's) is reused before growing. */
		if (b == NULL || (grow && (b->flags & BCACHE_HASHED)))
			return BCACHE_GROW;
		if (b->flags & BCACHE_DIRTY) {
			if (ra)
				return BCACHE_BUSY;
			b->ref++;
			list_del(&b->lru);
			*out = b;
			return BCACHE_WRITE_BACK;
		}
	} else {
		b = fresh;
		bcache_insert(b);
	}
	bcache_take(b, d, blkno);
	if (!ra)
		bcache.st.misses++;
	*out = b;
	return BCACHE_TAKEN;
}

/* Write back a dirty victim; put it back at the cold end if that worked. */
static int bcache_clean_victim(struct bcache_buf *b)
{
	int rc;

	mutex_lock(&b->lock);
	/* A holder may have pinned it while we waited for the lock: leave it then. */
	rc = (b->flags & BCACHE_DIRTY) && b->pins == 0 ? bcache_writeback(b) : 0;
	mutex_unlock(&b->lock);
	spin_lock(&bcache.lock);
	bcache_unref(b, rc == 0);
	spin_unlock(&bcache.lock);
	return rc;
}

/* Is a read of @p blkno the next one of a stream? Remember it either way
 * (spinlock held). */
static int bcache_stream_note(struct buf_dev *d, uint64_t blkno)
{
	unsigned i, hit = BCACHE_NSTREAM;

	for (i = 0; i < BCACHE_NSTREAM; i++) {
		if (bcache.stream[i].dev != d)
			continue;
		if (bcache.stream[i].next == blkno + 1) /* the same block again (an indirect */
			return 0;			/* block): no stream, none pushed out */
		if (bcache.stream[i].next == blkno && hit == BCACHE_NSTREAM)
			hit = i;
	}
	i = hit < BCACHE_NSTREAM ? hit : bcache.stream_hand++ % BCACHE_NSTREAM;
	bcache.stream[i] = (struct bcache_stream){ .dev = d, .next = blkno + 1 };
	return hit < BCACHE_NSTREAM;
}

int bcache_acquire(struct buf_dev *d, uint64_t blkno, int ra, struct bcache_buf **out, int *seq)
{
	struct bcache_buf *b = NULL, *fresh = NULL;
	int failed = 0, no_memory = 0;

	for (;;) {
		enum bcache_look r;
		int grow;

		spin_lock(&bcache.lock);
		if (seq != NULL) { /* once, on the first look */
			*seq = bcache_stream_note(d, blkno);
			seq = NULL;
		}
		grow =
		    !no_memory && (bcache.st.nbuf < bcache.st.max || failed >= BCACHE_VICTIM_TRIES);
		r = bcache_look(d, blkno, ra, grow, fresh, &b);
		spin_unlock(&bcache.lock);
		fresh = NULL;
		switch (r) {
		case BCACHE_HIT:
		case BCACHE_TAKEN:
			mutex_lock(&b->lock);
			*out = b;
			return 0;
		case BCACHE_EXISTS:
			return -EEXIST;
		case BCACHE_BUSY:
			return -EBUSY;
		case BCACHE_WRITE_BACK:
			if (bcache_clean_victim(b) != 0)
				failed++;
			break;
		case BCACHE_GROW:
			fresh = bcache_new();
			if (fresh == NULL && (no_memory || failed >= BCACHE_VICTIM_TRIES))
				return -ENOMEM;
			no_memory = fresh == NULL;
			break;
		}
	}
}

void bcache_unref(struct bcache_buf *b, int cold)
{
	if (--b->ref != 0)
		return;
	if (!(b->flags & BCACHE_VALID)) {
		bcache_unhash(b);
		cold = 1;
	}
	if (cold)
		list_add_head(&bcache.lru, &b->lru);
	else
		list_add_tail(&bcache.lru, &b->lru);
}

void bcache_release(struct buf *pb)
{
	struct bcache_buf *b = (struct bcache_buf *)pb;

	mutex_unlock(&b->lock);
	spin_lock(&bcache.lock);
	bcache_unref(b, 0);
	spin_unlock(&bcache.lock);
}
