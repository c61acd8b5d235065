/*
 * modules/mem/tlsf/tlsf.c - the TLSF heap core.
 *
 * Block layout (all sizes multiples of TLSF_ALIGN):
 *
 *     [ prev_phys | size+flags ][ payload: size bytes ............ ]
 *       16-byte header            a free block keeps its list link
 *                                 (free_link) in the payload
 *
 * prev_phys is valid only when the block's TLSF_PREV_FREE flag is set (the
 * boundary tag used to coalesce backwards). Free blocks never touch: a
 * free is merged at once with free neighbours. An area from the backend is
 *
 *     [ area header 32 ][ block 0 ... blocks ... ][ sentinel header 16 ]
 *
 * where the sentinel is a used block of size 0, so no merge runs past either
 * end; an area whose block 0 is free and spans it is wholly free.
 *
 * Mapping (the paper's): sizes under TLSF_SMALL go to first level 0 in
 * 16-byte steps; above, first level = position of the top bit, second level =
 * the next TLSF_SL_LOG2 bits. malloc rounds the request up to the next list
 * boundary, so any block on the list it finds is large enough ("good fit",
 * no search along a list).
 *
 * Poison mode (debug): a free payload is TLSF_POISON except its first
 * TLSF_POISON_SKIP bytes (links, and a tag naming the last freer); merges
 * re-poison the headers they swallow, so the invariant holds for every free
 * block and an allocation can check what it hands out.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/list.h>
#include <kern/string.h>

#include "tlsf.h"

#define TLSF_SL_LOG2	   5
#define TLSF_SL_COUNT	   (1U << TLSF_SL_LOG2)
#define TLSF_ALIGN_LOG2	   4
#define TLSF_FL_SHIFT	   (TLSF_SL_LOG2 + TLSF_ALIGN_LOG2)
#define TLSF_SMALL	   ((size_t)1 << TLSF_FL_SHIFT)
#define TLSF_FL_COUNT	   16
#define TLSF_HDR	   16
#define TLSF_MIN	   16
#define TLSF_AREA_HDR	   32
#define TLSF_AREA_OVERHEAD (TLSF_AREA_HDR + TLSF_HDR + TLSF_HDR)
#define TLSF_F_FREE	   0x1UL
#define TLSF_F_PREV_FREE   0x2UL
#define TLSF_F_MASK	   0xfUL

struct tlsf_block {
	struct tlsf_block *prev_phys; /* valid if TLSF_F_PREV_FREE */
	size_t size;		      /* payload bytes | flags */
	struct list_node free_link;   /* on its free list: free blocks only (payload) */
};

struct tlsf_area {
	struct list_node link; /* on tlsf_heap.areas */
	unsigned long order;
	uint64_t pad;
};

_Static_assert(offsetof(struct tlsf_block, free_link) == TLSF_HDR, "links are in the payload");
_Static_assert(sizeof(struct tlsf_area) == TLSF_AREA_HDR, "area header size");

static struct {
	const struct mem_backend *be;
	bool poison;
	uint32_t fl_map;
	uint32_t sl_map[TLSF_FL_COUNT];
	/* Free lists; a list's bit in sl_map says whether its head is valid. */
	struct list_node head[TLSF_FL_COUNT][TLSF_SL_COUNT];
	struct list_node areas;
	uint64_t held_pages;
} tlsf_heap;

static size_t tlsf_size(const struct tlsf_block *b)
{
	return b->size & ~TLSF_F_MASK;
}

static char *tlsf_payload(const struct tlsf_block *b)
{
	return (char *)b + TLSF_HDR;
}

static struct tlsf_block *tlsf_block_of(const void *payload)
{
	return (struct tlsf_block *)((uintptr_t)payload - TLSF_HDR);
}

static struct tlsf_block *tlsf_next(const struct tlsf_block *b)
{
	return (struct tlsf_block *)(tlsf_payload(b) + tlsf_size(b));
}

static size_t tlsf_area_bytes(const struct tlsf_area *a)
{
	return PAGE_SIZE << a->order;
}

static struct tlsf_block *tlsf_area_first(const struct tlsf_area *a)
{
	return (struct tlsf_block *)((char *)a + TLSF_AREA_HDR);
}

static void tlsf_mapping(size_t size, unsigned *fl, unsigned *sl)
{
	unsigned msb;

	if (size < TLSF_SMALL) {
		*fl = 0;
		*sl = (unsigned)(size >> TLSF_ALIGN_LOG2);
		return;
	}
	msb = 63 - (unsigned)__builtin_clzl(size);
	*sl = (unsigned)(size >> (msb - TLSF_SL_LOG2)) ^ TLSF_SL_COUNT;
	*fl = msb - (TLSF_FL_SHIFT - 1);
}

static void tlsf_insert(struct tlsf_block *b)
{
	unsigned fl, sl;

	tlsf_mapping(tlsf_size(b), &fl, &sl);
	if (!(tlsf_heap.sl_map[fl] & (1U << sl)))
		list_init(&tlsf_heap.head[fl][sl]);
	list_add_head(&tlsf_heap.head[fl][sl], &b->free_link);
	tlsf_heap.fl_map |= 1U << fl;
	tlsf_heap.sl_map[fl] |= 1U << sl;
}

static void tlsf_remove(struct tlsf_block *b)
{
	unsigned fl, sl;

	tlsf_mapping(tlsf_size(b), &fl, &sl);
	list_del(&b->free_link);
	if (!list_empty(&tlsf_heap.head[fl][sl]))
		return;
	tlsf_heap.sl_map[fl] &= ~(1U << sl);
	if (!tlsf_heap.sl_map[fl])
		tlsf_heap.fl_map &= ~(1U << fl);
}

/* A free block of at least @size bytes, or NULL: two find-first-set, no search. */
static struct tlsf_block *tlsf_find(size_t size)
{
	unsigned fl, sl;
	uint32_t slmap, flmap;

	if (size >= TLSF_SMALL)
		size += ((size_t)1 << (63 - __builtin_clzl(size) - TLSF_SL_LOG2)) - 1;
	tlsf_mapping(size, &fl, &sl);
	if (fl >= TLSF_FL_COUNT)
		return NULL;
	slmap = tlsf_heap.sl_map[fl] & (~0U << sl);
	if (!slmap) {
		flmap = fl + 1 < TLSF_FL_COUNT ? tlsf_heap.fl_map & (~0U << (fl + 1)) : 0;
		if (!flmap)
			return NULL;
		fl = (unsigned)__builtin_ctz(flmap);
		slmap = tlsf_heap.sl_map[fl];
	}
	return list_entry(list_first(&tlsf_heap.head[fl][__builtin_ctz(slmap)]), struct tlsf_block,
			  free_link);
}

void tlsf_heap_init(const struct mem_backend *be, bool poison)
{
	memset(&tlsf_heap, 0, sizeof(tlsf_heap));
	list_init(&tlsf_heap.areas);
	tlsf_heap.be = be;
	tlsf_heap.poison = poison;
}

/* Take an area big enough for a @need-byte payload; its block 0 is inserted. */
static struct tlsf_block *tlsf_grow(size_t need)
{
	unsigned order = TLSF_AREA_ORDER;
	struct tlsf_area *a;
	struct tlsf_block *b, *end;

	while ((PAGE_SIZE << order) - TLSF_AREA_OVERHEAD < need)
		order++;
	if (order > TLSF_MAX_ORDER)
		return NULL;
	a = tlsf_heap.be->pages_alloc(order);
	if (!a && tlsf_heap_trim())
		a = tlsf_heap.be->pages_alloc(order);
	if (!a)
		return NULL;
	a->order = order;
	list_add_head(&tlsf_heap.areas, &a->link);
	tlsf_heap.held_pages += 1UL << order;
	b = tlsf_area_first(a);
	b->size = (tlsf_area_bytes(a) - TLSF_AREA_OVERHEAD) | TLSF_F_FREE;
	if (tlsf_heap.poison)
		memset(tlsf_payload(b), TLSF_POISON, tlsf_size(b));
	end = tlsf_next(b);
	end->prev_phys = b;
	end->size = TLSF_F_PREV_FREE;
	tlsf_insert(b);
	return b;
}

/* Split the front of free block @b so that payload + @off is aligned; returns the rest. */
static struct tlsf_block *tlsf_align_front(struct tlsf_block *b, size_t align, size_t off)
{
	uintptr_t user = (uintptr_t)tlsf_payload(b) + off;
	size_t gap = ((user + align - 1) & ~(uintptr_t)(align - 1)) - user;
	struct tlsf_block *nb;

	if (!gap)
		return b;
	if (gap < TLSF_HDR + TLSF_MIN)
		gap += align;
	nb = (struct tlsf_block *)((char *)b + gap);
	nb->size = (tlsf_size(b) - gap) | TLSF_F_FREE | TLSF_F_PREV_FREE;
	nb->prev_phys = b;
	b->size = (gap - TLSF_HDR) | TLSF_F_FREE;
	tlsf_next(nb)->prev_phys = nb;
	tlsf_insert(b);
	return nb;
}

/* Cut free block @b down to @size bytes, the rest becoming a free block. */
static void tlsf_split(struct tlsf_block *b, size_t size)
{
	size_t total = tlsf_size(b);
	struct tlsf_block *r, *n;

	if (total < size + TLSF_HDR + TLSF_MIN)
		return;
	r = (struct tlsf_block *)(tlsf_payload(b) + size);
	r->size = (total - size - TLSF_HDR) | TLSF_F_FREE;
	b->size = size | (b->size & TLSF_F_MASK);
	n = tlsf_next(r);
	n->prev_phys = r;
	n->size |= TLSF_F_PREV_FREE;
	tlsf_insert(r);
}

void *tlsf_heap_alloc(size_t size, size_t align, size_t off)
{
	size_t need;
	struct tlsf_block *b;

	if (size > TLSF_MAX_SIZE)
		return NULL;
	size = size < TLSF_MIN ? TLSF_MIN : (size + TLSF_ALIGN - 1) & ~(size_t)(TLSF_ALIGN - 1);
	need = align > TLSF_ALIGN ? size + align + TLSF_HDR + TLSF_MIN : size;
	b = tlsf_find(need);
	if (!b)
		b = tlsf_grow(need);
	if (!b)
		return NULL;
	tlsf_remove(b);
	if (align > TLSF_ALIGN)
		b = tlsf_align_front(b, align, off);
	tlsf_split(b, size);
	b->size &= ~TLSF_F_FREE;
	tlsf_next(b)->size &= ~TLSF_F_PREV_FREE;
	return tlsf_payload(b);
}

/* Merge free block @b with a free physical successor. */
static void tlsf_merge_next(struct tlsf_block *b)
{
	struct tlsf_block *n = tlsf_next(b);
	size_t swallowed;

	if (!(n->size & TLSF_F_FREE))
		return;
	tlsf_remove(n);
	swallowed = tlsf_size(n) < TLSF_POISON_SKIP ? tlsf_size(n) : TLSF_POISON_SKIP;
	b->size += TLSF_HDR + tlsf_size(n);
	if (tlsf_heap.poison)
		memset(n, TLSF_POISON, TLSF_HDR + swallowed);
}

void tlsf_heap_free(void *payload, uintptr_t tag)
{
	struct tlsf_block *b = tlsf_block_of(payload), *p, *n;

	if (tlsf_heap.poison)
		memset(payload, TLSF_POISON, tlsf_size(b));
	b->size |= TLSF_F_FREE;
	if (b->size & TLSF_F_PREV_FREE) {
		p = b->prev_phys;
		tlsf_remove(p);
		p->size += TLSF_HDR + tlsf_size(b);
		if (tlsf_heap.poison)
			memset(b, TLSF_POISON, TLSF_HDR);
		b = p;
	}
	tlsf_merge_next(b);
	n = tlsf_next(b);
	n->prev_phys = b;
	n->size |= TLSF_F_PREV_FREE;
	if (tlsf_heap.poison && tlsf_size(b) >= TLSF_POISON_SKIP)
		*(uintptr_t *)(tlsf_payload(b) + TLSF_MIN) = tag;
	tlsf_insert(b);
}

size_t tlsf_heap_usable(const void *payload)
{
	return tlsf_size(tlsf_block_of(payload));
}

bool tlsf_heap_is_free(const void *payload)
{
	return tlsf_block_of(payload)->size & TLSF_F_FREE;
}

uintptr_t tlsf_heap_tag(const void *payload)
{
	return *(const uintptr_t *)((const char *)payload + TLSF_MIN);
}

enum tlsf_where tlsf_heap_locate(const void *addr, void **payload)
{
	uintptr_t x = (uintptr_t)addr;
	struct list_node *pos, *tmp;

	list_for_each_safe(pos, tmp, &tlsf_heap.areas)
	{
		struct tlsf_area *a = list_entry(pos, struct tlsf_area, link);

		if (x < (uintptr_t)a || x >= (uintptr_t)a + tlsf_area_bytes(a))
			continue;
		for (struct tlsf_block *b = tlsf_area_first(a); tlsf_size(b); b = tlsf_next(b)) {
			uintptr_t p = (uintptr_t)tlsf_payload(b);

			if (x < p)
				return TLSF_OUTSIDE;
			if (x < p + tlsf_size(b)) {
				*payload = (void *)p;
				return b->size & TLSF_F_FREE ? TLSF_IN_FREE : TLSF_IN_USED;
			}
		}
		return TLSF_OUTSIDE;
	}
	return TLSF_OUTSIDE;
}

size_t tlsf_heap_trim(void)
{
	struct list_node *pos, *tmp;
	size_t pages = 0;

	list_for_each_safe(pos, tmp, &tlsf_heap.areas)
	{
		struct tlsf_area *a = list_entry(pos, struct tlsf_area, link);
		struct tlsf_block *b = tlsf_area_first(a);

		if (!(b->size & TLSF_F_FREE) ||
		    tlsf_size(b) != tlsf_area_bytes(a) - TLSF_AREA_OVERHEAD)
			continue;
		tlsf_remove(b);
		list_del(&a->link);
		pages += 1UL << a->order;
		tlsf_heap.held_pages -= 1UL << a->order;
		tlsf_heap.be->pages_free(a, (unsigned)a->order);
	}
	return pages;
}

uint64_t tlsf_heap_held(void)
{
	return tlsf_heap.held_pages * PAGE_SIZE;
}
