/*
 * tests/host/page_buddy_fixture.c - fixture of the buddy provider's host tests.
 *
 * See page_buddy_fixture.h. The free-list walk reads the records and
 * links directly, so a broken split or merge shows up at the next check,
 * not only when a later allocation goes wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <core/bootmem.h>

#include "page_buddy_fixture.h"

uint8_t *pbfix_mem;
struct bootmem pbfix_bm;
struct buddy pbfix_b;
uint8_t pbfix_initial_map[PBFIX_MAX];
uint64_t pbfix_pas[PBFIX_MAX];

static uint64_t pbfix_rng_state = 1;

void *pbfix_virt(uint64_t pa)
{
	assert_true(pa < PBFIX_MEM_SIZE);
	return pbfix_mem + pa;
}

void pbfix_bootmem(struct bootmem *m)
{
	bootmem_init(m);
	assert_int_equal(bootmem_add(m, 64 * KiB, 640 * KiB), 0);
	assert_int_equal(bootmem_add(m, 1 * MiB + 12 * KiB, 40 * MiB), 0);
	assert_int_equal(bootmem_add(m, 44 * MiB, 48 * MiB), 0);
	assert_int_equal(bootmem_reserve(m, 8 * MiB, 8 * MiB + 3 * F), 0); /* the hole */
	/* Handed out bottom-up, the lowest range first: all from [64K, 640K). */
	assert_int_equal(bootmem_alloc(m, 1, 1 * MiB), 64 * KiB);
	assert_int_equal(bootmem_alloc(m, 3, 16 * MiB), 64 * KiB + F);
	assert_int_equal(bootmem_alloc(m, 5, UINT64_MAX), 64 * KiB + 4 * F);
}

static void pbfix_walk_block(struct buddy *a, uint32_t i, unsigned o, uint8_t *seen)
{
	assert_int_equal((a->base_pfn + i) & ((1ULL << o) - 1), 0); /* natural alignment */
	for (uint32_t k = 0; k < (1U << o); k++) {
		assert_int_equal(seen[i + k], 0);
		assert_true(a->frames[i + k].flags & BUDDY_FREE);
		seen[i + k] = 1;
	}
}

static uint64_t pbfix_walk_list(struct buddy *a, unsigned z, unsigned o, uint8_t *seen,
				uint8_t *map)
{
	uint64_t blocks = 0;
	uint32_t prev = BUDDY_NIL;

	for (uint32_t i = a->zone[z].head[o]; i != BUDDY_NIL; i = a->frames[i].next) {
		struct page_frame *h = &a->frames[i];

		assert_int_equal(h->flags, BUDDY_FREE | BUDDY_HEAD);
		assert_int_equal(h->order, o);
		assert_int_equal(h->zone, z);
		assert_int_equal(h->prev, prev);
		pbfix_walk_block(a, i, o, seen);
		map[i] = (uint8_t)(o + 1);
		blocks++;
		prev = i;
	}
	assert_int_equal(blocks, a->zone[z].nblocks[o]);
	return blocks << o;
}

uint64_t pbfix_walk_free(struct buddy *a, uint8_t *seen, uint8_t *map)
{
	uint64_t total = 0;

	memset(seen, 0, a->nframes);
	memset(map, 0, a->nframes);
	for (unsigned z = 0; z < PAGE_NZONES; z++) {
		uint64_t zfree = 0;

		for (unsigned o = 0; o < BUDDY_NORDERS; o++)
			zfree += pbfix_walk_list(a, z, o, seen, map);
		assert_int_equal(zfree, a->zone[z].free);
		total += zfree;
	}
	return total;
}

void pbfix_check_shape_is_initial(void)
{
	static uint8_t seen[PBFIX_MAX], map[PBFIX_MAX];

	pbfix_walk_free(&pbfix_b, seen, map);
	assert_memory_equal(map, pbfix_initial_map, pbfix_b.nframes);
}

uint64_t pbfix_free_frames(void)
{
	return buddy_free_frames(&pbfix_b);
}

size_t pbfix_fill_to(uint64_t target)
{
	size_t n = 0;

	while (pbfix_free_frames() > target) {
		assert_true(n < PBFIX_MAX);
		pbfix_pas[n] = buddy_alloc(&pbfix_b, 0, 0);
		assert_int_not_equal(pbfix_pas[n], 0);
		n++;
	}
	return n;
}

void pbfix_seed(uint64_t seed)
{
	pbfix_rng_state = seed ? seed : 1;
}

uint64_t pbfix_rng(void)
{
	pbfix_rng_state ^= pbfix_rng_state << 13;
	pbfix_rng_state ^= pbfix_rng_state >> 7;
	pbfix_rng_state ^= pbfix_rng_state << 17;
	return pbfix_rng_state;
}

int pbfix_group_setup(void **state)
{
	(void)state;
	pbfix_mem = malloc(PBFIX_MEM_SIZE);
	return pbfix_mem ? 0 : -1;
}

int pbfix_group_teardown(void **state)
{
	(void)state;
	free(pbfix_mem);
	return 0;
}

int pbfix_setup(void **state)
{
	static uint8_t seen[PBFIX_MAX];

	(void)state;
	memset(pbfix_mem, 0xa5, PBFIX_MEM_SIZE);
	pbfix_bootmem(&pbfix_bm);
	if (buddy_takeover(&pbfix_b, &pbfix_bm, pbfix_virt) != 0)
		return -1;
	pbfix_walk_free(&pbfix_b, seen, pbfix_initial_map);
	return 0;
}
