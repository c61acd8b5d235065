/*
 * Host tests of the buddy `page` provider against a fake physical memory.
 *
 * The "physical" address space is a 48 MiB host buffer (virt(pa) = mem +
 * pa), so the record array taken from bootmem and the zeroing of PAGE_ZERO
 * are real memory that ASan watches. The bootstrap allocator is the real
 * one, filled like boot_mem.c does: RAM ranges with a hole (the "kernel
 * image"), a range crossing the 16 MiB DMA limit, and frames handed out
 * before the takeover.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kern/bootmem.h>
#include <kern/page.h>
#include <page/buddy.h>
#include <uapi/errno.h>

#define KiB 1024ULL
#define MiB (1024ULL * 1024)
#define F BOOTMEM_FRAME
#define MEM_SIZE (48 * MiB)
#define MAX_PAS 16384

/* Frames of the layout built by fx_bootmem(). */
#define DMA_TOTAL (144 + 1789 + 2045)
#define NORMAL_TOTAL (6144 + 1024)
#define BOOT_USED 9
#define META 48

static uint8_t *mem;
static struct bootmem bm;
static struct buddy b;
static uint8_t initial_map[MAX_PAS];
static uint64_t pas[MAX_PAS];

static void *fake_virt(uint64_t pa)
{
	assert_true(pa < MEM_SIZE);
	return mem + pa;
}

static void fx_bootmem(struct bootmem *m)
{
	bootmem_init(m);
	assert_int_equal(bootmem_add(m, 64 * KiB, 640 * KiB), 0);
	assert_int_equal(bootmem_add(m, 1 * MiB + 12 * KiB, 40 * MiB), 0);
	assert_int_equal(bootmem_add(m, 44 * MiB, 48 * MiB), 0);
	assert_int_equal(bootmem_reserve(m, 8 * MiB, 8 * MiB + 3 * F), 0); /* the hole */
	assert_int_equal(bootmem_alloc(m, 5, UINT64_MAX), 48 * MiB - 5 * F);
	assert_int_equal(bootmem_alloc(m, 3, 16 * MiB), 8 * MiB - 3 * F);
	assert_int_equal(bootmem_alloc(m, 1, 1 * MiB), 640 * KiB - F);
}

/*
 * Walk every free list: check the links and the records, mark each free
 * frame in @seen (index = record index) exactly once, and check the zone
 * counters. Fill @map with order + 1 at each free head. Return the frames.
 */
static uint64_t walk_free(struct buddy *a, uint8_t *seen, uint8_t *map)
{
	uint64_t total = 0;

	memset(seen, 0, a->nframes);
	memset(map, 0, a->nframes);
	for (unsigned z = 0; z < PAGE_NZONES; z++) {
		uint64_t zfree = 0;

		for (unsigned o = 0; o < BUDDY_NORDERS; o++) {
			uint64_t blocks = 0;
			uint32_t prev = BUDDY_NIL;

			for (uint32_t i = a->zone[z].head[o]; i != BUDDY_NIL; i = a->frames[i].next) {
				struct page_frame *h = &a->frames[i];
				uint64_t pfn = a->base_pfn + i;

				assert_int_equal(h->flags, BUDDY_FREE | BUDDY_HEAD);
				assert_int_equal(h->order, o);
				assert_int_equal(h->zone, z);
				assert_int_equal(h->prev, prev);
				assert_int_equal(pfn & ((1ULL << o) - 1), 0); /* natural alignment */
				for (uint32_t k = 0; k < (1U << o); k++) {
					assert_int_equal(seen[i + k], 0);
					assert_true(a->frames[i + k].flags & BUDDY_FREE);
					seen[i + k] = 1;
				}
				map[i] = (uint8_t)(o + 1);
				blocks++;
				prev = i;
			}
			assert_int_equal(blocks, a->zone[z].nblocks[o]);
			zfree += blocks << o;
		}
		assert_int_equal(zfree, a->zone[z].free);
		total += zfree;
	}
	return total;
}

static void check_shape_is_initial(void)
{
	static uint8_t seen[MAX_PAS], map[MAX_PAS];

	walk_free(&b, seen, map);
	assert_memory_equal(map, initial_map, b.nframes);
}

static int setup(void **state)
{
	static uint8_t seen[MAX_PAS];

	(void)state;
	memset(mem, 0xa5, MEM_SIZE);
	fx_bootmem(&bm);
	if (buddy_takeover(&b, &bm, fake_virt) != 0)
		return -1;
	walk_free(&b, seen, initial_map);
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	mem = malloc(MEM_SIZE);
	return mem ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	free(mem);
	return 0;
}

static uint64_t free_frames(void)
{
	return buddy_free_frames(&b);
}

/* Allocate order-0 frames (no flags) until @target are free; return how many. */
static size_t fill_to(uint64_t target)
{
	size_t n = 0;

	while (free_frames() > target) {
		assert_true(n < MAX_PAS);
		pas[n] = buddy_alloc(&b, 0, 0);
		assert_int_not_equal(pas[n], 0);
		n++;
	}
	return n;
}

/* ---- takeover ---------------------------------------------------------- */

static void test_takeover_accounts_every_frame(void **state)
{
	static uint8_t seen[MAX_PAS], map[MAX_PAS];
	struct page_stats st;
	uint64_t managed = 0;

	(void)state;
	for (unsigned i = 0; i < bm.n; i++)
		managed += (bm.r[i].end - bm.r[i].start) / F;
	buddy_stats(&b, &st);
	assert_int_equal(managed, DMA_TOTAL + NORMAL_TOTAL);
	assert_int_equal(st.zone[PAGE_ZONE_DMA].total, DMA_TOTAL);
	assert_int_equal(st.zone[PAGE_ZONE_NORMAL].total, NORMAL_TOTAL);
	assert_int_equal(st.boot_reserved, BOOT_USED);
	assert_int_equal(b.meta_frames, META);
	assert_int_equal(b.nframes, 48 * MiB / F - 16);
	assert_int_equal(st.zone[PAGE_ZONE_DMA].free, DMA_TOTAL - 3 - 1);
	assert_int_equal(st.zone[PAGE_ZONE_NORMAL].free, NORMAL_TOTAL - 5 - META);
	assert_int_equal(st.zone[0].free + st.zone[1].free + st.boot_reserved + b.meta_frames,
			 managed);
	assert_int_equal(walk_free(&b, seen, map) * F, bootmem_free_bytes(&bm));
	/* The free lists hold exactly the frames of [start, top), each once. */
	for (uint32_t i = 0; i < b.nframes; i++) {
		uint64_t pa = buddy_idx_pa(&b, i);
		bool is_free = false, in_ram = false;

		for (unsigned r = 0; r < bm.n; r++) {
			is_free |= pa >= bm.r[r].start && pa < bm.r[r].top;
			in_ram |= pa >= bm.r[r].start && pa < bm.r[r].end;
		}
		assert_int_equal(seen[i], is_free);
		assert_int_equal(buddy_refcount(&b, pa), is_free || !in_ram ? 0 : 1);
		assert_int_equal(!!(b.frames[i].flags & BUDDY_RESERVED),
				 !in_ram || (pa >= b.meta_pa && pa < b.meta_pa + META * F));
	}
	assert_ptr_equal(b.frames, mem + b.meta_pa);
	assert_int_equal(b.meta_pa, 48 * MiB - 5 * F - META * F);
}

static void test_takeover_largest_aligned_blocks(void **state)
{
	struct page_frame *f;

	(void)state;
	/* [64K, 636K) = frames 16..158: 16+32+64, then 16+8+4+2+1. */
	static const struct {
		uint64_t pa;
		unsigned order;
	} want[] = { { 64 * KiB, 4 },  { 128 * KiB, 5 }, { 256 * KiB, 6 }, { 512 * KiB, 4 },
		     { 576 * KiB, 3 }, { 608 * KiB, 2 }, { 624 * KiB, 1 }, { 632 * KiB, 0 } };
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		f = buddy_frame(&b, want[i].pa);
		assert_non_null(f);
		assert_int_equal(f->flags, BUDDY_FREE | BUDDY_HEAD);
		assert_int_equal(f->order, want[i].order);
	}
	/* 16 MiB is 4 MiB-aligned: a largest block starts there, in NORMAL. */
	f = buddy_frame(&b, 16 * MiB);
	assert_int_equal(f->order, PAGE_MAX_ORDER);
	assert_int_equal(f->zone, PAGE_ZONE_NORMAL);
	assert_int_equal(buddy_frame(&b, 16 * MiB - F)->zone, PAGE_ZONE_DMA);
	/* No two free buddies are left unmerged. */
	for (uint32_t i = 0; i < b.nframes; i++) {
		struct page_frame *h = &b.frames[i], *bud;

		if (h->flags != (BUDDY_FREE | BUDDY_HEAD) || h->order == PAGE_MAX_ORDER)
			continue;
		bud = buddy_frame(&b, ((b.base_pfn + i) ^ (1ULL << h->order)) * F);
		assert_false(bud && bud->flags == (BUDDY_FREE | BUDDY_HEAD) &&
			     bud->order == h->order);
	}
}

static void test_takeover_errors(void **state)
{
	struct bootmem m;
	struct buddy x;

	(void)state;
	bootmem_init(&m);
	assert_int_equal(buddy_takeover(&x, &m, fake_virt), -ENOMEM);
	fx_bootmem(&m);
	assert_int_equal(buddy_takeover(&x, &m, NULL), -EINVAL);
	/* No room left for the record array. */
	while (bootmem_alloc(&m, 1, UINT64_MAX) != 0)
		;
	assert_int_equal(buddy_takeover(&x, &m, fake_virt), -ENOMEM);
	assert_int_equal(buddy_alloc(&x, 0, 0), 0);
	/* More frames than 32-bit indexes can name (fails before touching memory). */
	bootmem_init(&m);
	bootmem_add(&m, 1 * MiB, 2 * MiB);
	bootmem_add(&m, 1ULL << 46, (1ULL << 46) + MiB);
	assert_int_equal(buddy_takeover(&x, &m, fake_virt), -EOVERFLOW);
	assert_int_equal(bootmem_used_bytes(&m), 0);
}

/* ---- allocation -------------------------------------------------------- */

static void test_alloc_free_every_order(void **state)
{
	uint64_t got[BUDDY_NORDERS];
	uint64_t before = free_frames();

	(void)state;
	for (unsigned o = 0; o <= PAGE_MAX_ORDER; o++) {
		uint64_t pa = buddy_alloc(&b, o, 0);

		assert_int_not_equal(pa, 0);
		assert_int_equal(pa % (F << o), 0);
		assert_true(pa >= PAGE_DMA_LIMIT); /* NORMAL first */
		assert_int_equal(buddy_refcount(&b, pa), 1);
		assert_int_equal(buddy_refcount(&b, pa + (F << o) - F), 1);
		assert_int_equal(buddy_free(&b, pa, o), 0);
		assert_int_equal(buddy_refcount(&b, pa), 0);
		check_shape_is_initial();
	}
	/* One block of each order at once, freed in a different order. */
	for (unsigned o = 0; o <= PAGE_MAX_ORDER; o++) {
		got[o] = buddy_alloc(&b, o, 0);
		assert_int_equal(got[o] % (F << o), 0);
		for (unsigned p = 0; p < o; p++)
			assert_true(got[o] + (F << o) <= got[p] || got[p] + (F << p) <= got[o]);
	}
	assert_int_equal(free_frames(), before - ((2ULL << PAGE_MAX_ORDER) - 1));
	for (unsigned o = 0; o <= PAGE_MAX_ORDER; o += 2)
		assert_int_equal(buddy_free(&b, got[o], o), 0);
	for (unsigned o = 1; o <= PAGE_MAX_ORDER; o += 2)
		assert_int_equal(buddy_free(&b, got[o], o), 0);
	assert_int_equal(free_frames(), before);
	check_shape_is_initial();
	assert_int_equal(buddy_alloc(&b, PAGE_MAX_ORDER + 1, 0), 0);
}

/* Shuffle with a fixed xorshift generator (the same on every libc). */
static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void test_coalesce_after_freeing_everything(void **state)
{
	size_t n;
	uint64_t before = free_frames();

	(void)state;
	rng_state = 0x9e3779b97f4a7c15ULL;
	n = fill_to(0);
	assert_int_equal(n, before);
	assert_int_equal(buddy_alloc(&b, 0, 0), 0);
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = rng() % (i + 1);
		uint64_t t = pas[i];

		pas[i] = pas[j];
		pas[j] = t;
	}
	for (size_t i = 0; i < n; i++)
		assert_int_equal(buddy_free(&b, pas[i], 0), 0);
	assert_int_equal(free_frames(), before);
	check_shape_is_initial();
}

static void test_zero_flag(void **state)
{
	uint64_t pa, plain;
	const uint8_t *p;

	(void)state;
	plain = buddy_alloc(&b, 1, 0);
	assert_int_equal(mem[plain], 0xa5); /* not zeroed without the flag */
	assert_int_equal(mem[plain + 2 * F - 1], 0xa5);
	pa = buddy_alloc(&b, 3, PAGE_ZERO);
	p = mem + pa;
	for (uint64_t i = 0; i < 8 * F; i++)
		assert_int_equal(p[i], 0);
	assert_int_equal(mem[pa + 8 * F], 0xa5); /* not one byte more */
}

static void test_dma_zone(void **state)
{
	uint64_t n = 0, pa;
	struct page_stats st;

	(void)state;
	pa = buddy_alloc(&b, 4, PAGE_DMA);
	assert_true(pa != 0 && pa + 16 * F <= PAGE_DMA_LIMIT);
	assert_int_equal(buddy_free(&b, pa, 4), 0);
	while ((pa = buddy_alloc(&b, 0, PAGE_DMA)) != 0) {
		assert_true(pa < PAGE_DMA_LIMIT);
		n++;
	}
	assert_int_equal(n, DMA_TOTAL - 4);
	buddy_stats(&b, &st);
	assert_int_equal(st.zone[PAGE_ZONE_DMA].free, 0);
	assert_int_equal(st.zone[PAGE_ZONE_NORMAL].free, NORMAL_TOTAL - 5 - META);
	assert_int_equal(st.alloc_fails, 1);
	/* NORMAL still serves, but never a PAGE_DMA request. */
	pa = buddy_alloc(&b, 0, 0);
	assert_true(pa >= PAGE_DMA_LIMIT);
	assert_int_equal(buddy_alloc(&b, 0, PAGE_DMA | PAGE_ZERO), 0);
}

static void test_fallback_to_dma(void **state)
{
	struct page_stats st;
	uint64_t pa;

	(void)state;
	buddy_stats(&b, &st);
	while (b.zone[PAGE_ZONE_NORMAL].free > 0)
		assert_true(buddy_alloc(&b, 0, 0) >= PAGE_DMA_LIMIT);
	pa = buddy_alloc(&b, 2, PAGE_ZERO);
	assert_true(pa != 0 && pa < PAGE_DMA_LIMIT);
	assert_int_equal(mem[pa], 0);
	assert_int_equal(b.zone[PAGE_ZONE_DMA].free, st.zone[PAGE_ZONE_DMA].free - 4);
	assert_int_equal(b.alloc_fails, 0);
}

static void test_exhaustion_then_recovery(void **state)
{
	uint64_t before = free_frames();
	size_t n;

	(void)state;
	n = fill_to(0);
	assert_int_equal(n, before);
	assert_int_equal(buddy_alloc(&b, 0, 0), 0);
	assert_int_equal(buddy_alloc(&b, 3, PAGE_ZERO), 0);
	assert_int_equal(b.alloc_fails, 2);
	/* Free one frame: exactly that one comes back. */
	assert_int_equal(buddy_free(&b, pas[100], 0), 0);
	assert_int_equal(buddy_alloc(&b, 1, 0), 0);
	assert_int_equal(buddy_alloc(&b, 0, 0), pas[100]);
	/* Free an aligned group of 8: they merge and serve an order-3 block. */
	for (size_t i = 0; i < n; i++) {
		if (pas[i] >= 20 * MiB && pas[i] < 20 * MiB + 8 * F)
			assert_int_equal(buddy_free(&b, pas[i], 0), 0);
	}
	assert_int_equal(buddy_alloc(&b, 3, 0), 20 * MiB);
}

/* ---- random operations against a per-frame model ----------------------- */

struct live {
	uint64_t pa;
	unsigned order;
	uint32_t tag;
};

static void model_alloc(uint32_t *model, struct live *l, const uint8_t *allocatable)
{
	uint32_t idx = (uint32_t)(l->pa / F - b.base_pfn);

	assert_int_equal(l->pa % (F << l->order), 0);
	for (uint32_t k = 0; k < (1U << l->order); k++) {
		assert_true(allocatable[idx + k]);
		assert_int_equal(model[idx + k], 0); /* never handed out twice */
		model[idx + k] = l->tag;
		memcpy(mem + l->pa + k * F, &l->tag, sizeof(l->tag));
	}
}

static void model_free(uint32_t *model, const struct live *l)
{
	uint32_t idx = (uint32_t)(l->pa / F - b.base_pfn);

	for (uint32_t k = 0; k < (1U << l->order); k++) {
		uint32_t t;

		memcpy(&t, mem + l->pa + k * F, sizeof(t));
		assert_int_equal(t, l->tag); /* nobody else wrote into it */
		assert_int_equal(model[idx + k], l->tag);
		model[idx + k] = 0;
	}
	assert_int_equal(buddy_free(&b, l->pa, l->order), 0);
}

static void random_step(uint32_t *model, struct live *live, size_t *nlive, uint32_t tag,
			const uint8_t *allocatable)
{
	if (*nlive > 0 && (rng() % 100 < 45 || *nlive == 4096)) {
		size_t i = rng() % *nlive;

		model_free(model, &live[i]);
		live[i] = live[--*nlive];
		return;
	}
	unsigned order = (unsigned)(rng() % 100 < 70 ? rng() % 3 : rng() % BUDDY_NORDERS);
	unsigned flags = (rng() % 4 == 0 ? PAGE_DMA : 0) | (rng() % 8 == 0 ? PAGE_ZERO : 0);
	uint64_t pa = buddy_alloc(&b, order, flags);

	if (pa == 0)
		return;
	if (flags & PAGE_DMA)
		assert_true(pa + (F << order) <= PAGE_DMA_LIMIT);
	if (flags & PAGE_ZERO)
		assert_int_equal(mem[pa + (F << order) - 1], 0);
	live[*nlive] = (struct live){ .pa = pa, .order = order, .tag = tag };
	model_alloc(model, &live[*nlive], allocatable);
	++*nlive;
}

static void test_random_against_model(void **state)
{
	static uint32_t model[MAX_PAS];
	static struct live live[4096];
	static uint8_t allocatable[MAX_PAS], seen[MAX_PAS], map[MAX_PAS];
	uint64_t initial = free_frames(), used;
	size_t nlive = 0;

	(void)state;
	rng_state = 12345;
	memset(model, 0, sizeof(model));
	walk_free(&b, allocatable, map);
	for (uint32_t step = 1; step <= 40000; step++) {
		random_step(model, live, &nlive, step, allocatable);
		if (step % 4000 == 0) {
			used = 0;
			for (size_t i = 0; i < nlive; i++)
				used += 1ULL << live[i].order;
			assert_int_equal(walk_free(&b, seen, map), initial - used);
		}
	}
	assert_true(b.alloc_fails > 0); /* the run did reach exhaustion */
	while (nlive > 0)
		model_free(model, &live[--nlive]);
	check_shape_is_initial();
}

/* ---- reference counts and bad frees ------------------------------------ */

static void test_refcounts(void **state)
{
	uint64_t before = free_frames();
	uint64_t pa = buddy_alloc(&b, 0, 0);
	uint64_t blk = buddy_alloc(&b, 2, 0);

	(void)state;
	assert_int_equal(buddy_ref(&b, pa), 2);
	assert_int_equal(buddy_refcount(&b, pa), 2);
	assert_int_equal(buddy_free(&b, pa, 0), -EBUSY); /* still shared */
	assert_int_equal(buddy_unref(&b, pa), 1);
	assert_int_equal(buddy_refcount(&b, pa), 1);
	assert_int_equal(buddy_unref(&b, pa), 0); /* freed at zero */
	assert_true(buddy_frame(&b, pa)->flags & BUDDY_FREE);
	assert_int_equal(buddy_unref(&b, pa), 0);
	assert_int_equal(buddy_ref(&b, pa), 0); /* a free frame has no references */
	/* A block counts on its head, whichever frame is named. */
	assert_int_equal(buddy_ref(&b, blk + 3 * F), 2);
	assert_int_equal(buddy_refcount(&b, blk), 2);
	assert_int_equal(buddy_refcount(&b, blk + F), 2);
	assert_int_equal(buddy_unref(&b, blk + F), 1);
	assert_int_equal(buddy_unref(&b, blk + 2 * F), 0);
	assert_int_equal(free_frames(), before);
	check_shape_is_initial();
}

static void test_bad_frees_are_refused(void **state)
{
	uint64_t pa = buddy_alloc(&b, 2, 0);
	uint64_t boot = 48 * MiB - F; /* handed out by bootmem */
	uint64_t before;

	(void)state;
	assert_int_equal(buddy_free(&b, pa, 1), -EINVAL);      /* wrong order */
	assert_int_equal(buddy_free(&b, pa + F, 0), -EINVAL);  /* not a head */
	assert_int_equal(buddy_free(&b, pa + 1, 2), -EINVAL);  /* misaligned */
	assert_int_equal(buddy_free(&b, pa, 2), 0);
	assert_int_equal(buddy_free(&b, pa, 2), -EINVAL);      /* double free */
	assert_int_equal(buddy_free(&b, b.meta_pa, 0), -EINVAL); /* the records */
	assert_int_equal(buddy_refcount(&b, b.meta_pa), 1);
	assert_int_equal(buddy_free(&b, 8 * MiB, 0), -EINVAL); /* a hole */
	assert_int_equal(buddy_refcount(&b, 8 * MiB), 0);
	assert_int_equal(buddy_free(&b, 60 * MiB, 0), -EINVAL); /* not managed */
	assert_int_equal(buddy_refcount(&b, 60 * MiB), 0);
	assert_int_equal(b.bad_frees, 7);
	check_shape_is_initial();
	/* A frame bootmem handed out is in use and can be freed. */
	before = free_frames();
	assert_int_equal(buddy_refcount(&b, boot), 1);
	assert_int_equal(buddy_free(&b, boot, 0), 0);
	assert_int_equal(free_frames(), before + 1);
	assert_int_equal(buddy_refcount(&b, boot), 0);
}

/* ---- reclaim ----------------------------------------------------------- */

static struct {
	bool accept;
	unsigned calls;
	unsigned nlog;
	uint64_t log[1024];
} rec;

static bool fake_evict(uint64_t pa)
{
	struct page_frame *f = buddy_frame(&b, pa);

	rec.calls++;
	assert_non_null(f);
	assert_true(f->flags & BUDDY_RECLAIMABLE);
	assert_false(f->flags & BUDDY_REFERENCED);
	if (!rec.accept)
		return false;
	assert_true(rec.nlog < 1024);
	rec.log[rec.nlog++] = pa;
	return true;
}

static const struct page_reclaimer fake_reclaimer = { .name = "fake", .evict = fake_evict };

static int reclaim_setup(void **state)
{
	memset(&rec, 0, sizeof(rec));
	rec.accept = true;
	if (setup(state))
		return -1;
	return buddy_reclaimer_add(&b, &fake_reclaimer) == 0 ? 0 : -1;
}

static bool logged(uint64_t pa)
{
	for (unsigned i = 0; i < rec.nlog; i++)
		if (rec.log[i] == pa)
			return true;
	return false;
}

static void test_reclaimer_registration(void **state)
{
	static const struct page_reclaimer no_evict = { .name = "broken", .evict = NULL };

	(void)state;
	for (int i = 1; i < BUDDY_MAX_RECLAIMERS; i++)
		assert_int_equal(buddy_reclaimer_add(&b, &fake_reclaimer), i);
	assert_int_equal(buddy_reclaimer_add(&b, &fake_reclaimer), -ENOSPC);
	assert_int_equal(buddy_reclaimer_add(&b, NULL), -EINVAL);
	assert_int_equal(buddy_reclaimer_add(&b, &no_evict), -EINVAL);
}

static void test_marking(void **state)
{
	uint64_t pa = buddy_alloc(&b, 2, 0);
	uint64_t one = buddy_alloc(&b, 0, 0);

	(void)state;
	buddy_set_reclaimable(&b, pa, 0);
	buddy_set_reclaimable(&b, pa, 0); /* twice counts once */
	buddy_set_reclaimable(&b, one, 0);
	assert_int_equal(b.reclaimable, 5);
	buddy_set_reclaimable(&b, pa + F, 0); /* not a head: ignored */
	buddy_set_reclaimable(&b, one, 3);    /* unknown id: ignored */
	buddy_set_reclaimable(&b, 8 * MiB, 0); /* a hole: ignored */
	assert_int_equal(b.reclaimable, 5);
	buddy_set_reclaimable(&b, one, -1);
	assert_int_equal(b.reclaimable, 4);
	buddy_touch(&b, one); /* not reclaimable: no bit */
	assert_false(buddy_frame(&b, one)->flags & BUDDY_REFERENCED);
	buddy_touch(&b, pa);
	assert_true(buddy_frame(&b, pa)->flags & BUDDY_REFERENCED);
	assert_int_equal(buddy_free(&b, pa, 2), 0); /* freeing forgets the mark */
	assert_int_equal(b.reclaimable, 0);
	buddy_set_reclaimable(&b, pa, 0); /* a free block cannot be marked */
	assert_int_equal(b.reclaimable, 0);
}

static void test_daemon_stops_above_high_water(void **state)
{
	size_t n;
	uint64_t got;

	(void)state;
	assert_int_equal(b.low_water, (DMA_TOTAL + NORMAL_TOTAL) / 64);
	assert_int_equal(b.high_water, (DMA_TOTAL + NORMAL_TOTAL) / 32);
	n = fill_to(b.high_water - 10);
	for (size_t i = 0; i < 50; i++)
		buddy_set_reclaimable(&b, pas[n - 1 - i], 0);
	assert_int_equal(b.reclaimable, 50);
	assert_int_equal(b.daemon_runs, 0);
	got = buddy_daemon_run(&b);
	assert_int_equal(got, 11);
	assert_int_equal(free_frames(), b.high_water + 1);
	assert_int_equal(rec.nlog, 11);
	assert_int_equal(b.reclaimable, 39);
	assert_int_equal(b.reclaimed, 11);
	assert_int_equal(b.daemon_runs, 1);
	for (unsigned i = 0; i < rec.nlog; i++)
		assert_int_equal(buddy_refcount(&b, rec.log[i]), 0);
	/* Above the high water mark already: nothing to do. */
	assert_int_equal(buddy_daemon_run(&b), 0);
	assert_int_equal(rec.nlog, 11);
}

static void test_referenced_frames_survive_one_pass(void **state)
{
	size_t n;

	(void)state;
	n = fill_to(b.high_water - 9); /* the daemon must free 10 */
	for (size_t i = 0; i < 20; i++) {
		buddy_set_reclaimable(&b, pas[n - 1 - i], 0);
		if (i % 2 == 0)
			buddy_touch(&b, pas[n - 1 - i]);
	}
	assert_int_equal(buddy_daemon_run(&b), 10);
	for (size_t i = 0; i < 20; i++) {
		uint64_t pa = pas[n - 1 - i];

		assert_int_equal(logged(pa), i % 2 == 1); /* only the untouched went */
		if (i % 2 == 0) {
			bool passed = pa / F - b.base_pfn < b.hand; /* the hand did not wrap */

			assert_int_equal(buddy_refcount(&b, pa), 1);
			/* The bit is used up where the hand went by, kept beyond it. */
			assert_int_equal(!!(buddy_frame(&b, pa)->flags & BUDDY_REFERENCED), !passed);
		}
	}
	/* The chance was a second one, not immunity: next time they go. */
	fill_to(b.high_water - 9);
	assert_int_equal(buddy_daemon_run(&b), 10);
	assert_int_equal(rec.nlog, 20);
	assert_int_equal(b.reclaimable, 0);
}

static void test_refusing_reclaimer_and_shared_frames(void **state)
{
	size_t n;

	(void)state;
	rec.accept = false;
	n = fill_to(b.high_water - 100);
	for (size_t i = 0; i < 20; i++)
		buddy_set_reclaimable(&b, pas[n - 1 - i], 0);
	buddy_ref(&b, pas[n - 1]); /* shared: never offered */
	assert_int_equal(buddy_daemon_run(&b), 0); /* terminates */
	assert_int_equal(rec.calls, 2 * 19); /* each offered once per turn */
	assert_int_equal(b.reclaimable, 20);
	rec.accept = true;
	assert_int_equal(buddy_daemon_run(&b), 19);
	assert_false(logged(pas[n - 1]));
	assert_int_equal(buddy_refcount(&b, pas[n - 1]), 2);
}

static void test_failed_alloc_runs_daemon(void **state)
{
	size_t n;
	uint64_t pa;

	(void)state;
	n = fill_to(0);
	assert_int_equal(buddy_alloc(&b, 0, 0), 0);
	assert_int_equal(b.daemon_runs, 1); /* it tried, nothing was reclaimable */
	assert_int_equal(b.alloc_fails, 1);
	for (size_t i = 0; i < 30; i++)
		buddy_set_reclaimable(&b, pas[i * 7], 0);
	pa = buddy_alloc(&b, 0, 0);
	assert_int_not_equal(pa, 0);
	assert_true(logged(pa));
	assert_int_equal(b.daemon_runs, 2);
	assert_int_equal(b.reclaimed, 30); /* below high water: all of it */
	assert_int_equal(b.alloc_fails, 1);
	assert_int_equal(free_frames(), 29);
	(void)n;
}

static void test_low_water_kicks_daemon(void **state)
{
	size_t n;

	(void)state;
	n = fill_to(b.low_water + 1);
	for (size_t i = 0; i < 40; i++)
		buddy_set_reclaimable(&b, pas[n - 1 - i], 0);
	assert_int_not_equal(buddy_alloc(&b, 0, 0), 0); /* free == low: not yet */
	assert_int_equal(b.daemon_runs, 0);
	assert_int_not_equal(buddy_alloc(&b, 0, 0), 0); /* below low: kicked */
	assert_int_equal(b.daemon_runs, 1);
	assert_int_equal(b.reclaimed, 40);
	assert_int_equal(free_frames(), b.low_water - 1 + 40);
}

/* ---- the role table ---------------------------------------------------- */

static void test_ops_table(void **state)
{
	const struct page_ops *ops = &buddy_page_ops;
	struct page_stats st;
	uint64_t pa;

	(void)state;
	fx_bootmem(&bm);
	assert_int_equal(ops->version, PAGE_OPS_VERSION);
	buddy_page_set_virt(fake_virt);
	assert_int_equal(ops->takeover(&bm), 0);
	ops->stats(&st);
	assert_int_equal(st.zone[PAGE_ZONE_NORMAL].total, NORMAL_TOTAL);
	pa = ops->alloc(1, PAGE_DMA | PAGE_ZERO);
	assert_true(pa != 0 && pa < PAGE_DMA_LIMIT && mem[pa + F] == 0);
	assert_int_equal(ops->ref(pa), 2);
	assert_int_equal(ops->refcount(pa + F), 2);
	assert_int_equal(ops->unref(pa), 1);
	assert_int_equal(ops->reclaimer_add(&fake_reclaimer), 0);
	ops->set_reclaimable(pa, 0);
	ops->touch(pa);
	assert_true(buddy_frame(buddy_page_state(), pa)->flags & BUDDY_REFERENCED);
	assert_int_equal(ops->daemon_run(), 0); /* plenty free */
	ops->free(pa, 1);
	ops->stats(&st);
	assert_int_equal(st.zone[PAGE_ZONE_DMA].free, DMA_TOTAL - 4);
	assert_int_equal(st.reclaimable, 0);
	assert_int_equal(st.daemon_runs, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_takeover_accounts_every_frame, setup),
		cmocka_unit_test_setup(test_takeover_largest_aligned_blocks, setup),
		cmocka_unit_test(test_takeover_errors),
		cmocka_unit_test_setup(test_alloc_free_every_order, setup),
		cmocka_unit_test_setup(test_coalesce_after_freeing_everything, setup),
		cmocka_unit_test_setup(test_zero_flag, setup),
		cmocka_unit_test_setup(test_dma_zone, setup),
		cmocka_unit_test_setup(test_fallback_to_dma, setup),
		cmocka_unit_test_setup(test_exhaustion_then_recovery, setup),
		cmocka_unit_test_setup(test_random_against_model, setup),
		cmocka_unit_test_setup(test_refcounts, setup),
		cmocka_unit_test_setup(test_bad_frees_are_refused, setup),
		cmocka_unit_test_setup(test_reclaimer_registration, reclaim_setup),
		cmocka_unit_test_setup(test_marking, reclaim_setup),
		cmocka_unit_test_setup(test_daemon_stops_above_high_water, reclaim_setup),
		cmocka_unit_test_setup(test_referenced_frames_survive_one_pass, reclaim_setup),
		cmocka_unit_test_setup(test_refusing_reclaimer_and_shared_frames, reclaim_setup),
		cmocka_unit_test_setup(test_failed_alloc_runs_daemon, reclaim_setup),
		cmocka_unit_test_setup(test_low_water_kicks_daemon, reclaim_setup),
		cmocka_unit_test_setup(test_ops_table, setup),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
