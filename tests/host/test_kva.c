/*
 * Host tests of core/kern/mm/kva.c, the arenas of kernel virtual ranges:
 * placement with guard pages, freeing and merging, reuse, exhaustion, the
 * free table filling up, and areas that end at the top of the address space.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <core/kva.h>
#include <kern/lock.h>
#include <uapi/errno.h>

#define PG 4096ULL

static int locks_held;

/* The arena's lock: count, so a test sees every call returns with it released. */
void spin_lock(struct spinlock *l)
{
	assert_int_equal(l->locked, 0);
	l->locked = 1;
	locks_held++;
}

void spin_unlock(struct spinlock *l)
{
	assert_int_equal(l->locked, 1);
	l->locked = 0;
	locks_held--;
}

static struct kva_arena small = KVA_ARENA_INIT("small", 0x100000, 16 * PG, PG);

static int setup(void **state)
{
	(void)state;
	small = (struct kva_arena)KVA_ARENA_INIT("small", 0x100000, 16 * PG, PG);
	locks_held = 0;
	return 0;
}

static uint64_t must_alloc(struct kva_arena *a, uint64_t size)
{
	uint64_t va = 0;

	assert_int_equal(kva_alloc(a, size, &va), 0);
	assert_int_equal(locks_held, 0);
	return va;
}

static void test_first_range_after_guard(void **state)
{
	uint64_t a, b, c;

	(void)state;
	a = must_alloc(&small, 2 * PG);
	b = must_alloc(&small, PG);
	c = must_alloc(&small, 3 * PG);
	assert_int_equal(a, 0x100000 + PG);   /* the area's first page is a guard */
	assert_int_equal(b, a + 2 * PG + PG); /* a guard page after each range */
	assert_int_equal(c, b + PG + PG);
	assert_int_equal(small.used, (2 + 1 + 1 + 1 + 3 + 1) * PG);
}

static void test_bad_sizes(void **state)
{
	uint64_t va = 0x1234;

	(void)state;
	assert_int_equal(kva_alloc(&small, 0, &va), -EINVAL);
	assert_int_equal(kva_alloc(&small, PG + 1, &va), -EINVAL);
	assert_int_equal(kva_alloc(&small, UINT64_MAX & ~(PG - 1), &va), -ENOMEM);
	assert_int_equal(va, 0x1234);
	assert_int_equal(small.used, 0);
	assert_int_equal(locks_held, 0);
}

static void test_exhaustion(void **state)
{
	uint64_t va, last;

	(void)state;
	/* 15 pages after the bottom guard: 14 + its guard fit exactly, nothing more. */
	assert_int_equal(kva_alloc(&small, 15 * PG, &va), -ENOMEM);
	last = must_alloc(&small, 14 * PG);
	assert_int_equal(last, 0x100000 + PG);
	assert_int_equal(kva_alloc(&small, PG, &va), -ENOMEM);
	assert_int_equal(small.nfree, 0);
	kva_free(&small, last, 14 * PG);
	assert_int_equal(small.nfree, 1);
	assert_int_equal(must_alloc(&small, 6 * PG), last);
	assert_int_equal(must_alloc(&small, 7 * PG), last + 7 * PG);
	assert_int_equal(kva_alloc(&small, PG, &va), -ENOMEM);
	assert_int_equal(locks_held, 0);
}

static void test_free_merge_reuse(void **state)
{
	uint64_t a, b, c, d;

	(void)state;
	a = must_alloc(&small, PG);
	b = must_alloc(&small, PG);
	c = must_alloc(&small, PG);
	d = must_alloc(&small, PG);
	/* b alone is a hole, then c merges with it, then a with both. */
	kva_free(&small, b, PG);
	assert_int_equal(small.nfree, 2);
	kva_free(&small, c, PG);
	assert_int_equal(small.nfree, 2);
	assert_int_equal(small.free[0].base, b);
	assert_int_equal(small.free[0].len, 4 * PG);
	kva_free(&small, a, PG);
	assert_int_equal(small.nfree, 2);
	assert_int_equal(small.free[0].base, a);
	assert_int_equal(small.free[0].len, 6 * PG);
	/* first fit: the low hole is used before the top, for a range that fits it */
	assert_int_equal(must_alloc(&small, 5 * PG), a);
	assert_int_equal(small.nfree, 1);
	/* d merges with the free top: the whole area is one range again */
	kva_free(&small, a, 5 * PG);
	kva_free(&small, d, PG);
	assert_int_equal(small.nfree, 1);
	assert_int_equal(small.free[0].base, 0x100000 + PG);
	assert_int_equal(small.free[0].len, 15 * PG);
	assert_int_equal(small.used, 0);
	assert_int_equal(locks_held, 0);
}

static void test_free_between_neighbours(void **state)
{
	uint64_t a, b, c;

	(void)state;
	a = must_alloc(&small, PG);
	b = must_alloc(&small, PG);
	c = must_alloc(&small, PG);
	kva_free(&small, a, PG);
	kva_free(&small, c, PG); /* c merges with the top */
	assert_int_equal(small.nfree, 2);
	kva_free(&small, b, PG); /* b joins both sides */
	assert_int_equal(small.nfree, 1);
	assert_int_equal(small.free[0].len, 15 * PG);
}

static void test_bad_free_ignored(void **state)
{
	uint64_t a;

	(void)state;
	a = must_alloc(&small, PG);
	kva_free(&small, 0x100000 - PG, PG);	  /* below the area */
	kva_free(&small, 0x100000 + 16 * PG, PG); /* above it */
	kva_free(&small, 0x100000 + 15 * PG, PG); /* its guard would pass the end */
	kva_free(&small, a, 0);
	assert_int_equal(small.nfree, 1);
	assert_int_equal(small.used, 2 * PG);
	assert_int_equal(locks_held, 0);
}

/* Free every other range of many: the table fills and further holes are lost, not corrupted. */
#define FULL_N (2 * KVA_MAX_FREE + 40) /* ranges of one page: the holes overflow the table */

static void test_full_table(void **state)
{
	static struct kva_arena big = KVA_ARENA_INIT("big", 0x40000000, (2 * FULL_N + 8) * PG, PG);
	static uint64_t va[FULL_N];
	unsigned holes = (FULL_N + 1) / 2;

	(void)state;
	for (unsigned n = 0; n < FULL_N; n++)
		va[n] = must_alloc(&big, PG);
	for (unsigned i = 0; i < FULL_N; i += 2)
		kva_free(&big, va[i], PG);
	/* one entry is the free top of the area; the other holes did not fit */
	assert_int_equal(big.nfree, KVA_MAX_FREE);
	assert_int_equal(big.lost, (holes - (KVA_MAX_FREE - 1)) * 2 * PG);
	for (unsigned i = 1; i < KVA_MAX_FREE; i++)
		assert_true(big.free[i - 1].base + big.free[i - 1].len < big.free[i].base);
	/* the holes that were kept are reused, lowest first */
	assert_int_equal(must_alloc(&big, PG), va[0]);
	assert_int_equal(must_alloc(&big, PG), va[2]);
	assert_int_equal(locks_held, 0);
}

/*
 * An area that ends at the very top of the address space: a range may end
 * exactly there (its guard is the last page), and nothing is placed above
 * or wraps around to address 0.
 */
static void test_top_of_address_space(void **state)
{
	static struct kva_arena top = KVA_ARENA_INIT("top", 0 - 8 * PG, 8 * PG, PG);
	uint64_t a, b, va = 0;

	(void)state;
	a = must_alloc(&top, 4 * PG);
	assert_int_equal(a, 0 - 7 * PG);
	b = must_alloc(&top, 1 * PG); /* b, then its guard: the last page of memory */
	assert_int_equal(b, 0 - 2 * PG);
	assert_int_equal(top.nfree, 0);
	assert_int_equal(kva_alloc(&top, PG, &va), -ENOMEM);
	assert_int_equal(va, 0);
	kva_free(&top, b, PG);
	assert_int_equal(must_alloc(&top, PG), b);
	kva_free(&top, a, 4 * PG);
	kva_free(&top, b, PG);
	assert_int_equal(top.nfree, 1);
	assert_int_equal(top.free[0].base, 0 - 7 * PG);
	assert_int_equal(top.free[0].len, 7 * PG);
	assert_int_equal(kva_alloc(&top, 7 * PG, &va), -ENOMEM); /* the guard must fit too */
	assert_int_equal(must_alloc(&top, 6 * PG), 0 - 7 * PG);
	assert_int_equal(locks_held, 0);
}

/* The same at the end of an area below the top: the last range leaves nothing above it. */
static void test_range_ending_at_area_end(void **state)
{
	uint64_t a, b, va = 0;

	(void)state;
	a = must_alloc(&small, 10 * PG);
	b = must_alloc(&small, 3 * PG); /* its guard is the area's last page */
	assert_int_equal(b + 3 * PG + PG, 0x100000 + 16 * PG);
	assert_int_equal(kva_alloc(&small, PG, &va), -ENOMEM);
	kva_free(&small, a, 10 * PG);
	va = must_alloc(&small, 10 * PG);
	assert_int_equal(va, a);
	assert_int_equal(kva_alloc(&small, PG, &va), -ENOMEM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_first_range_after_guard, setup),
		cmocka_unit_test_setup(test_bad_sizes, setup),
		cmocka_unit_test_setup(test_exhaustion, setup),
		cmocka_unit_test_setup(test_free_merge_reuse, setup),
		cmocka_unit_test_setup(test_free_between_neighbours, setup),
		cmocka_unit_test_setup(test_bad_free_ignored, setup),
		cmocka_unit_test_setup(test_full_table, setup),
		cmocka_unit_test_setup(test_top_of_address_space, setup),
		cmocka_unit_test_setup(test_range_ending_at_area_end, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
