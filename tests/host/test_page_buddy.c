/*
 * Host tests of the buddy `page` provider: the takeover from bootmem,
 * allocation and freeing per zone and order, coalescing, exhaustion,
 * random operations against a per-frame model, batches of single frames
 * (for the core's per-CPU lists), reference counts and refused frees. The fake memory is
 * page_buddy_fixture.c's.
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
#include <core/bootmem.h>

#include "page_buddy_fixture.h"

static struct buddy *const b = &pbfix_b;

/* ---- takeover ---------------------------------------------------------- */

static void test_takeover_accounts_every_frame(void **state)
{
	static uint8_t seen[PBFIX_MAX], map[PBFIX_MAX];
	struct page_stats st;
	uint64_t managed = 0;

	(void)state;
	for (unsigned i = 0; i < pbfix_bm.n; i++)
		managed += (pbfix_bm.r[i].end - pbfix_bm.r[i].start) / F;
	buddy_stats(b, &st);
	assert_int_equal(managed, PBFIX_DMA_TOTAL + PBFIX_NORMAL_TOTAL);
	assert_int_equal(st.zone[PAGE_ZONE_DMA].total, PBFIX_DMA_TOTAL);
	assert_int_equal(st.zone[PAGE_ZONE_NORMAL].total, PBFIX_NORMAL_TOTAL);
	assert_int_equal(st.boot_reserved, PBFIX_BOOT_USED);
	assert_int_equal(b->meta_frames, PBFIX_META);
	assert_int_equal(b->nframes, 48 * MiB / F - 16);
	assert_int_equal(st.zone[PAGE_ZONE_DMA].free,
			 PBFIX_DMA_TOTAL - PBFIX_BOOT_USED - PBFIX_META);
	assert_int_equal(st.zone[PAGE_ZONE_NORMAL].free, PBFIX_NORMAL_TOTAL);
	assert_int_equal(st.zone[0].free + st.zone[1].free + st.boot_reserved + b->meta_frames,
			 managed);
	assert_int_equal(pbfix_walk_free(b, seen, map) * F, bootmem_free_bytes(&pbfix_bm));
	/* The free lists hold exactly the frames of [base, end), each once. */
	for (uint32_t i = 0; i < b->nframes; i++) {
		uint64_t pa = buddy_idx_pa(b, i);
		bool is_free = false, in_ram = false;

		for (unsigned r = 0; r < pbfix_bm.n; r++) {
			is_free |= pa >= pbfix_bm.r[r].base && pa < pbfix_bm.r[r].end;
			in_ram |= pa >= pbfix_bm.r[r].start && pa < pbfix_bm.r[r].end;
		}
		assert_int_equal(seen[i], is_free);
		assert_int_equal(buddy_refcount(b, pa), is_free || !in_ram ? 0 : 1);
		assert_int_equal(!!(b->frames[i].flags & BUDDY_RESERVED),
				 !in_ram || (pa >= b->meta_pa && pa < b->meta_pa + PBFIX_META * F));
	}
	assert_ptr_equal(b->frames, pbfix_mem + b->meta_pa);
	assert_int_equal(b->meta_pa, 64 * KiB + PBFIX_BOOT_USED * F); /* after the boot frames */
}

static void test_takeover_largest_aligned_blocks(void **state)
{
	struct page_frame *f;

	(void)state;
	/* [292K, 640K) = frames 73..159 (after 9 boot frames and 48 of records):
	 * 1+2+4+16, then 32+32. */
	static const struct {
		uint64_t pa;
		unsigned order;
	} want[] = { { 292 * KiB, 0 }, { 296 * KiB, 1 }, { 304 * KiB, 2 },
		     { 320 * KiB, 4 }, { 384 * KiB, 5 }, { 512 * KiB, 5 } };
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		f = buddy_frame(b, want[i].pa);
		assert_non_null(f);
		assert_int_equal(f->flags, BUDDY_FREE | BUDDY_HEAD);
		assert_int_equal(f->order, want[i].order);
	}
	/* 16 MiB is 4 MiB-aligned: a largest block starts there, in NORMAL. */
	f = buddy_frame(b, 16 * MiB);
	assert_int_equal(f->order, PAGE_MAX_ORDER);
	assert_int_equal(f->zone, PAGE_ZONE_NORMAL);
	assert_int_equal(buddy_frame(b, 16 * MiB - F)->zone, PAGE_ZONE_DMA);
	/* No two free buddies are left unmerged. */
	for (uint32_t i = 0; i < b->nframes; i++) {
		struct page_frame *h = &b->frames[i], *bud;

		if (h->flags != (BUDDY_FREE | BUDDY_HEAD) || h->order == PAGE_MAX_ORDER)
			continue;
		bud = buddy_frame(b, ((b->base_pfn + i) ^ (1ULL << h->order)) * F);
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
	assert_int_equal(buddy_takeover(&x, &m, pbfix_virt), -ENOMEM);
	pbfix_bootmem(&m);
	assert_int_equal(buddy_takeover(&x, &m, NULL), -EINVAL);
	/* No room left for the record array. */
	while (bootmem_alloc(&m, 1, UINT64_MAX) != 0)
		;
	assert_int_equal(buddy_takeover(&x, &m, pbfix_virt), -ENOMEM);
	assert_int_equal(buddy_alloc(&x, 0, 0), 0);
	/* More frames than 32-bit indexes can name (fails before touching memory). */
	bootmem_init(&m);
	bootmem_add(&m, 1 * MiB, 2 * MiB);
	bootmem_add(&m, 1ULL << 46, (1ULL << 46) + MiB);
	assert_int_equal(buddy_takeover(&x, &m, pbfix_virt), -EOVERFLOW);
	assert_int_equal(bootmem_used_bytes(&m), 0);
}

/* ---- allocation -------------------------------------------------------- */

static void test_alloc_free_every_order(void **state)
{
	uint64_t got[BUDDY_NORDERS];
	uint64_t before = pbfix_free_frames();

	(void)state;
	for (unsigned o = 0; o <= PAGE_MAX_ORDER; o++) {
		uint64_t pa = buddy_alloc(b, o, 0);

		assert_int_not_equal(pa, 0);
		assert_int_equal(pa % (F << o), 0);
		assert_true(pa >= PAGE_DMA_LIMIT); /* NORMAL first */
		assert_int_equal(buddy_refcount(b, pa), 1);
		assert_int_equal(buddy_refcount(b, pa + (F << o) - F), 1);
		assert_int_equal(buddy_free(b, pa, o), 0);
		assert_int_equal(buddy_refcount(b, pa), 0);
		pbfix_check_shape_is_initial();
	}
	/* One block of each order at once, freed in a different order. */
	for (unsigned o = 0; o <= PAGE_MAX_ORDER; o++) {
		got[o] = buddy_alloc(b, o, 0);
		assert_int_equal(got[o] % (F << o), 0);
		for (unsigned p = 0; p < o; p++)
			assert_true(got[o] + (F << o) <= got[p] || got[p] + (F << p) <= got[o]);
	}
	assert_int_equal(pbfix_free_frames(), before - ((2ULL << PAGE_MAX_ORDER) - 1));
	for (unsigned o = 0; o <= PAGE_MAX_ORDER; o += 2)
		assert_int_equal(buddy_free(b, got[o], o), 0);
	for (unsigned o = 1; o <= PAGE_MAX_ORDER; o += 2)
		assert_int_equal(buddy_free(b, got[o], o), 0);
	assert_int_equal(pbfix_free_frames(), before);
	pbfix_check_shape_is_initial();
	assert_int_equal(buddy_alloc(b, PAGE_MAX_ORDER + 1, 0), 0);
}

static void test_coalesce_after_freeing_everything(void **state)
{
	size_t n;
	uint64_t before = pbfix_free_frames();

	(void)state;
	pbfix_seed(0x9e3779b97f4a7c15ULL);
	n = pbfix_fill_to(0);
	assert_int_equal(n, before);
	assert_int_equal(buddy_alloc(b, 0, 0), 0);
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = pbfix_rng() % (i + 1);
		uint64_t t = pbfix_pas[i];

		pbfix_pas[i] = pbfix_pas[j];
		pbfix_pas[j] = t;
	}
	for (size_t i = 0; i < n; i++)
		assert_int_equal(buddy_free(b, pbfix_pas[i], 0), 0);
	assert_int_equal(pbfix_free_frames(), before);
	pbfix_check_shape_is_initial();
}

static void test_zero_flag(void **state)
{
	uint64_t pa, plain;
	const uint8_t *p;

	(void)state;
	plain = buddy_alloc(b, 1, 0);
	assert_int_equal(pbfix_mem[plain], 0xa5); /* not zeroed without the flag */
	assert_int_equal(pbfix_mem[plain + 2 * F - 1], 0xa5);
	pa = buddy_alloc(b, 3, PAGE_ZERO);
	p = pbfix_mem + pa;
	for (uint64_t i = 0; i < 8 * F; i++)
		assert_int_equal(p[i], 0);
	assert_int_equal(pbfix_mem[pa + 8 * F], 0xa5); /* not one byte more */
}

static void test_dma_zone(void **state)
{
	uint64_t n = 0, pa;
	struct page_stats st;

	(void)state;
	pa = buddy_alloc(b, 4, PAGE_DMA);
	assert_true(pa != 0 && pa + 16 * F <= PAGE_DMA_LIMIT);
	assert_int_equal(buddy_free(b, pa, 4), 0);
	while ((pa = buddy_alloc(b, 0, PAGE_DMA)) != 0) {
		assert_true(pa < PAGE_DMA_LIMIT);
		n++;
	}
	assert_int_equal(n, PBFIX_DMA_TOTAL - PBFIX_BOOT_USED - PBFIX_META);
	buddy_stats(b, &st);
	assert_int_equal(st.zone[PAGE_ZONE_DMA].free, 0);
	assert_int_equal(st.zone[PAGE_ZONE_NORMAL].free, PBFIX_NORMAL_TOTAL);
	assert_int_equal(st.alloc_fails, 1);
	/* NORMAL still serves, but never a PAGE_DMA request. */
	pa = buddy_alloc(b, 0, 0);
	assert_true(pa >= PAGE_DMA_LIMIT);
	assert_int_equal(buddy_alloc(b, 0, PAGE_DMA | PAGE_ZERO), 0);
}

static void test_fallback_to_dma(void **state)
{
	struct page_stats st;
	uint64_t pa;

	(void)state;
	buddy_stats(b, &st);
	while (b->zone[PAGE_ZONE_NORMAL].free > 0)
		assert_true(buddy_alloc(b, 0, 0) >= PAGE_DMA_LIMIT);
	pa = buddy_alloc(b, 2, PAGE_ZERO);
	assert_true(pa != 0 && pa < PAGE_DMA_LIMIT);
	assert_int_equal(pbfix_mem[pa], 0);
	assert_int_equal(b->zone[PAGE_ZONE_DMA].free, st.zone[PAGE_ZONE_DMA].free - 4);
	assert_int_equal(b->alloc_fails, 0);
}

static void test_exhaustion_then_recovery(void **state)
{
	uint64_t before = pbfix_free_frames();
	size_t n;

	(void)state;
	n = pbfix_fill_to(0);
	assert_int_equal(n, before);
	assert_int_equal(buddy_alloc(b, 0, 0), 0);
	assert_int_equal(buddy_alloc(b, 3, PAGE_ZERO), 0);
	assert_int_equal(b->alloc_fails, 2);
	/* Free one frame: exactly that one comes back. */
	assert_int_equal(buddy_free(b, pbfix_pas[100], 0), 0);
	assert_int_equal(buddy_alloc(b, 1, 0), 0);
	assert_int_equal(buddy_alloc(b, 0, 0), pbfix_pas[100]);
	/* Free an aligned group of 8: they merge and serve an order-3 block. */
	for (size_t i = 0; i < n; i++) {
		if (pbfix_pas[i] >= 20 * MiB && pbfix_pas[i] < 20 * MiB + 8 * F)
			assert_int_equal(buddy_free(b, pbfix_pas[i], 0), 0);
	}
	assert_int_equal(buddy_alloc(b, 3, 0), 20 * MiB);
}

/* ---- random operations against a per-frame model ----------------------- */

struct live {
	uint64_t pa;
	unsigned order;
	uint32_t tag;
};

static void model_alloc(uint32_t *model, struct live *l, const uint8_t *allocatable)
{
	uint32_t idx = (uint32_t)(l->pa / F - b->base_pfn);

	assert_int_equal(l->pa % (F << l->order), 0);
	for (uint32_t k = 0; k < (1U << l->order); k++) {
		assert_true(allocatable[idx + k]);
		assert_int_equal(model[idx + k], 0); /* never handed out twice */
		model[idx + k] = l->tag;
		memcpy(pbfix_mem + l->pa + k * F, &l->tag, sizeof(l->tag));
	}
}

static void model_free(uint32_t *model, const struct live *l)
{
	uint32_t idx = (uint32_t)(l->pa / F - b->base_pfn);

	for (uint32_t k = 0; k < (1U << l->order); k++) {
		uint32_t t;

		memcpy(&t, pbfix_mem + l->pa + k * F, sizeof(t));
		assert_int_equal(t, l->tag); /* nobody else wrote into it */
		assert_int_equal(model[idx + k], l->tag);
		model[idx + k] = 0;
	}
	assert_int_equal(buddy_free(b, l->pa, l->order), 0);
}

static void random_step(uint32_t *model, struct live *live, size_t *nlive, uint32_t tag,
			const uint8_t *allocatable)
{
	if (*nlive > 0 && (pbfix_rng() % 100 < 45 || *nlive == 4096)) {
		size_t i = pbfix_rng() % *nlive;

		model_free(model, &live[i]);
		live[i] = live[--*nlive];
		return;
	}
	unsigned order =
	    (unsigned)(pbfix_rng() % 100 < 70 ? pbfix_rng() % 3 : pbfix_rng() % BUDDY_NORDERS);
	unsigned flags =
	    (pbfix_rng() % 4 == 0 ? PAGE_DMA : 0) | (pbfix_rng() % 8 == 0 ? PAGE_ZERO : 0);
	uint64_t pa = buddy_alloc(b, order, flags);

	if (pa == 0)
		return;
	if (flags & PAGE_DMA)
		assert_true(pa + (F << order) <= PAGE_DMA_LIMIT);
	if (flags & PAGE_ZERO)
		assert_int_equal(pbfix_mem[pa + (F << order) - 1], 0);
	live[*nlive] = (struct live){ .pa = pa, .order = order, .tag = tag };
	model_alloc(model, &live[*nlive], allocatable);
	++*nlive;
}

static void test_random_against_model(void **state)
{
	static uint32_t model[PBFIX_MAX];
	static struct live live[4096];
	static uint8_t allocatable[PBFIX_MAX], seen[PBFIX_MAX], map[PBFIX_MAX];
	uint64_t initial = pbfix_free_frames(), used;
	size_t nlive = 0;

	(void)state;
	pbfix_seed(12345);
	memset(model, 0, sizeof(model));
	pbfix_walk_free(b, allocatable, map);
	for (uint32_t step = 1; step <= 40000; step++) {
		random_step(model, live, &nlive, step, allocatable);
		if (step % 4000 == 0) {
			used = 0;
			for (size_t i = 0; i < nlive; i++)
				used += 1ULL << live[i].order;
			assert_int_equal(pbfix_walk_free(b, seen, map), initial - used);
		}
	}
	assert_true(b->alloc_fails > 0); /* the run did reach exhaustion */
	while (nlive > 0)
		model_free(model, &live[--nlive]);
	pbfix_check_shape_is_initial();
}

/* ---- batches of single frames (the core's per-CPU lists) ----------------- */

/* A batch is one block cut into single NORMAL frames in use, each freed
 * on its own; a batch takes what is left when fewer remain. */
static void test_batch_alloc_free(void **state)
{
	static uint64_t pas[64];
	uint64_t before = pbfix_free_frames();
	unsigned n = buddy_alloc_batch(b, 32, pas);

	(void)state;
	assert_int_equal(n, 32);
	assert_int_equal(pbfix_free_frames(), before - 32);
	assert_int_equal(pas[0] % (32 * F), 0); /* one aligned block */
	for (unsigned i = 0; i < n; i++) {
		assert_true(pas[i] >= PAGE_DMA_LIMIT);
		assert_int_equal(pas[i], pas[0] + i * F);
		assert_int_equal(buddy_refcount(b, pas[i]), 1);
	}
	assert_int_equal(buddy_free(b, pas[5], 0), 0); /* each frame is its own block */
	assert_int_equal(buddy_free(b, pas[5], 0), -EINVAL);
	pas[5] = pas[31];
	buddy_free_batch(b, pas, 31);
	assert_int_equal(b->bad_frees, 1);
	assert_int_equal(buddy_alloc_batch(b, 0, pas), 0);
	assert_int_equal(buddy_alloc_batch(b, 7, pas), 7); /* 4 + 2 + 1 */
	buddy_free_batch(b, pas, 7);
	assert_int_equal(pbfix_free_frames(), before);
	pbfix_check_shape_is_initial();
}

/* A batch that is one whole block, in any order, is freed as that block;
 * one with a shared frame in it is freed frame by frame, that frame refused. */
static void test_batch_free_block(void **state)
{
	static uint64_t pas[32], rev[32];
	uint64_t before = pbfix_free_frames();

	(void)state;
	assert_int_equal(buddy_alloc_batch(b, 32, pas), 32);
	for (unsigned i = 0; i < 32; i++)
		rev[i] = pas[31 - i];
	buddy_free_batch(b, rev, 32);
	assert_int_equal(pbfix_free_frames(), before);
	assert_int_equal(b->bad_frees, 0);
	pbfix_check_shape_is_initial();
	assert_int_equal(buddy_alloc_batch(b, 32, pas), 32);
	assert_int_equal(buddy_ref(b, pas[7]), 2);
	buddy_free_batch(b, pas, 32);
	assert_int_equal(b->bad_frees, 1);
	assert_int_equal(pbfix_free_frames(), before - 1);
	assert_int_equal(buddy_unref(b, pas[7]), 1);
	assert_int_equal(buddy_unref(b, pas[7]), 0); /* freed at zero */
	assert_int_equal(pbfix_free_frames(), before);
	assert_int_equal(buddy_alloc_batch(b, 32, pas), 32);
	for (unsigned i = 0; i < 32; i++)
		rev[i] = pas[i];
	rev[0] = rev[1]; /* a frame twice: not a block, the second refused */
	buddy_free_batch(b, rev, 32);
	assert_int_equal(b->bad_frees, 2);
	assert_int_equal(buddy_free(b, pas[0], 0), 0);
	pbfix_check_shape_is_initial();
}

/* With the NORMAL zone nearly empty a batch returns what is there, and
 * never a DMA frame. */
static void test_batch_short(void **state)
{
	static uint64_t pas[32];
	uint64_t dma_free = b->zone[PAGE_ZONE_DMA].free;
	size_t n;

	(void)state;
	n = pbfix_fill_to(dma_free + 5); /* NORMAL first: 5 NORMAL frames left */
	assert_int_equal(b->zone[PAGE_ZONE_NORMAL].free, 5);
	assert_int_equal(buddy_alloc_batch(b, 32, pas), 5);
	assert_int_equal(buddy_alloc_batch(b, 32, pas + 5), 0);
	assert_int_equal(b->zone[PAGE_ZONE_DMA].free, dma_free);
	buddy_free_batch(b, pas, 5);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(buddy_free(b, pbfix_pas[i], 0), 0);
	pbfix_check_shape_is_initial();
}

/* ---- reference counts and bad frees ------------------------------------ */

static void test_refcounts(void **state)
{
	uint64_t before = pbfix_free_frames();
	uint64_t pa = buddy_alloc(b, 0, 0);
	uint64_t blk = buddy_alloc(b, 2, 0);

	(void)state;
	assert_int_equal(buddy_ref(b, pa), 2);
	assert_int_equal(buddy_refcount(b, pa), 2);
	assert_int_equal(buddy_free(b, pa, 0), -EBUSY); /* still shared */
	assert_int_equal(buddy_unref(b, pa), 1);
	assert_int_equal(buddy_refcount(b, pa), 1);
	assert_int_equal(buddy_unref(b, pa), 0); /* freed at zero */
	assert_true(buddy_frame(b, pa)->flags & BUDDY_FREE);
	assert_int_equal(buddy_unref(b, pa), 0);
	assert_int_equal(buddy_ref(b, pa), 0); /* a free frame has no references */
	/* A block counts on its head, whichever frame is named. */
	assert_int_equal(buddy_ref(b, blk + 3 * F), 2);
	assert_int_equal(buddy_refcount(b, blk), 2);
	assert_int_equal(buddy_refcount(b, blk + F), 2);
	assert_int_equal(buddy_unref(b, blk + F), 1);
	assert_int_equal(buddy_unref(b, blk + 2 * F), 0);
	assert_int_equal(pbfix_free_frames(), before);
	pbfix_check_shape_is_initial();
}

static void test_bad_frees_are_refused(void **state)
{
	uint64_t pa = buddy_alloc(b, 2, 0);
	uint64_t boot = 64 * KiB; /* handed out by bootmem */
	uint64_t before;

	(void)state;
	assert_int_equal(buddy_free(b, pa, 1), -EINVAL);     /* wrong order */
	assert_int_equal(buddy_free(b, pa + F, 0), -EINVAL); /* not a head */
	assert_int_equal(buddy_free(b, pa + 1, 2), -EINVAL); /* misaligned */
	assert_int_equal(buddy_free(b, pa, 2), 0);
	assert_int_equal(buddy_free(b, pa, 2), -EINVAL);	 /* double free */
	assert_int_equal(buddy_free(b, b->meta_pa, 0), -EINVAL); /* the records */
	assert_int_equal(buddy_refcount(b, b->meta_pa), 1);
	assert_int_equal(buddy_free(b, 8 * MiB, 0), -EINVAL); /* a hole */
	assert_int_equal(buddy_refcount(b, 8 * MiB), 0);
	assert_int_equal(buddy_free(b, 60 * MiB, 0), -EINVAL); /* not managed */
	assert_int_equal(buddy_refcount(b, 60 * MiB), 0);
	assert_int_equal(b->bad_frees, 7);
	pbfix_check_shape_is_initial();
	/* A frame bootmem handed out is in use and can be freed. */
	before = pbfix_free_frames();
	assert_int_equal(buddy_refcount(b, boot), 1);
	assert_int_equal(buddy_free(b, boot, 0), 0);
	assert_int_equal(pbfix_free_frames(), before + 1);
	assert_int_equal(buddy_refcount(b, boot), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_takeover_accounts_every_frame, pbfix_setup),
		cmocka_unit_test_setup(test_takeover_largest_aligned_blocks, pbfix_setup),
		cmocka_unit_test(test_takeover_errors),
		cmocka_unit_test_setup(test_alloc_free_every_order, pbfix_setup),
		cmocka_unit_test_setup(test_coalesce_after_freeing_everything, pbfix_setup),
		cmocka_unit_test_setup(test_zero_flag, pbfix_setup),
		cmocka_unit_test_setup(test_dma_zone, pbfix_setup),
		cmocka_unit_test_setup(test_fallback_to_dma, pbfix_setup),
		cmocka_unit_test_setup(test_exhaustion_then_recovery, pbfix_setup),
		cmocka_unit_test_setup(test_random_against_model, pbfix_setup),
		cmocka_unit_test_setup(test_batch_alloc_free, pbfix_setup),
		cmocka_unit_test_setup(test_batch_free_block, pbfix_setup),
		cmocka_unit_test_setup(test_batch_short, pbfix_setup),
		cmocka_unit_test_setup(test_refcounts, pbfix_setup),
		cmocka_unit_test_setup(test_bad_frees_are_refused, pbfix_setup),
	};

	return cmocka_run_group_tests(tests, pbfix_group_setup, pbfix_group_teardown);
}
