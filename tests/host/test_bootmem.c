/*
 * Host tests of the bootstrap frame allocator: building the free map from
 * RAM and reservations, allocation under limits, exhaustion, and a
 * randomised check against a byte-per-frame model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kern/bootmem.h>
#include <uapi/errno.h>
#include <core/bootmem.h>

#define MiB (1024ULL * 1024)
#define F   PAGE_SIZE

static void test_add_rounds_inwards_and_merges(void **state)
{
	struct bootmem bm;

	(void)state;
	bootmem_init(&bm);
	assert_int_equal(bootmem_add(&bm, 0x1001, 0x5fff), 0);
	assert_int_equal(bm.n, 1);
	assert_int_equal(bm.r[0].start, 0x2000);
	assert_int_equal(bm.r[0].end, 0x5000);
	assert_int_equal(bootmem_add(&bm, 0x5000, 0x9000), 0); /* touching: merged */
	assert_int_equal(bootmem_add(&bm, 0x100000, 0x200000), 0);
	assert_int_equal(bootmem_add(&bm, 0x3000, 0x8000), 0); /* overlapping */
	assert_int_equal(bm.n, 2);
	assert_int_equal(bm.r[0].end, 0x9000);
	assert_int_equal(bootmem_add(&bm, 0x10, 0x20), 0); /* less than a frame */
	assert_int_equal(bootmem_add(&bm, 0, 0x1000), 0);  /* frame 0 is never added */
	assert_int_equal(bm.n, 2);
	assert_int_equal(bootmem_add(&bm, UINT64_MAX - 5, UINT64_MAX), 0);
	assert_int_equal(bm.n, 2);
	assert_int_equal(bootmem_free_bytes(&bm), 0x7000 + 0x100000);
}

static void test_reserve_splits_and_trims(void **state)
{
	struct bootmem bm;

	(void)state;
	bootmem_init(&bm);
	bootmem_add(&bm, 0, 64 * MiB);
	assert_int_equal(bootmem_reserve(&bm, 0, 1 * MiB), 0);
	assert_int_equal(bm.r[0].start, 1 * MiB);
	assert_int_equal(bootmem_reserve(&bm, 2 * MiB + 5, 3 * MiB - 5), 0); /* widened */
	assert_int_equal(bootmem_reserve(&bm, 63 * MiB, 80 * MiB), 0);
	assert_int_equal(bm.n, 2);
	assert_int_equal(bm.r[0].start, 1 * MiB);
	assert_int_equal(bm.r[0].end, 2 * MiB);
	assert_int_equal(bm.r[1].start, 3 * MiB);
	assert_int_equal(bm.r[1].end, 63 * MiB);
	assert_int_equal(bootmem_reserve(&bm, 0, UINT64_MAX), 0);
	assert_int_equal(bm.n, 0);
	assert_int_equal(bootmem_free_bytes(&bm), 0);
}

static void test_alloc_from_bottom_under_limit(void **state)
{
	struct bootmem bm;

	(void)state;
	bootmem_init(&bm);
	bootmem_add(&bm, 1 * MiB, 2 * MiB);
	bootmem_add(&bm, 16 * MiB, 32 * MiB);
	assert_int_equal(bootmem_alloc(&bm, 1, UINT64_MAX), 1 * MiB);
	assert_int_equal(bootmem_alloc(&bm, 2, UINT64_MAX), 1 * MiB + F);
	assert_int_equal(bootmem_alloc(&bm, 1, 8 * MiB), 1 * MiB + 3 * F);
	/* Too big for what is left of the low range: the high one serves. */
	assert_int_equal(bootmem_alloc(&bm, 256, UINT64_MAX), 16 * MiB);
	/* ... unless that would end above the limit. */
	assert_int_equal(bootmem_alloc(&bm, 256, 17 * MiB), 0);
	assert_int_equal(bootmem_alloc(&bm, 256, 18 * MiB), 17 * MiB);
	assert_int_equal(bootmem_used_bytes(&bm), 4 * F + 512 * F);
	assert_int_equal(bootmem_free_bytes(&bm), 17 * MiB - 4 * F - 512 * F);
	assert_int_equal(bm.r[0].base, 1 * MiB + 4 * F);
	assert_int_equal(bm.r[1].base, 18 * MiB);
	assert_int_equal(bootmem_max_addr(&bm), 32 * MiB);
	assert_int_equal(bootmem_alloc(&bm, 0, UINT64_MAX), 0);
	assert_int_equal(bootmem_alloc(&bm, UINT64_MAX, UINT64_MAX), 0);
	assert_int_equal(bootmem_alloc(&bm, 1, 0), 0);
}

static void test_exhaustion_returns_zero(void **state)
{
	struct bootmem bm;
	unsigned n = 0;

	(void)state;
	bootmem_init(&bm);
	bootmem_add(&bm, 1 * MiB, 1 * MiB + 10 * F);
	while (bootmem_alloc(&bm, 1, UINT64_MAX) != 0)
		n++;
	assert_int_equal(n, 10);
	assert_int_equal(bootmem_free_bytes(&bm), 0);
	assert_int_equal(bootmem_used_bytes(&bm), 10 * F);
}

static void test_table_full_is_reported(void **state)
{
	struct bootmem bm;
	int rc = 0;

	(void)state;
	bootmem_init(&bm);
	for (unsigned i = 1; i <= BOOTMEM_MAX_RANGES + 1 && rc == 0; i++)
		rc = bootmem_add(&bm, (uint64_t)i * 4 * F, (uint64_t)i * 4 * F + F);
	assert_int_equal(rc, -ENOSPC);
	assert_int_equal(bm.n, BOOTMEM_MAX_RANGES);
	assert_int_equal(bm.dropped, 1);
}

/* Random RAM, reservations and allocations against a frame-state model. */
static void test_random_against_model(void **state)
{
	enum { NF = 2048 };
	static unsigned char model[NF]; /* 0 none, 1 free, 2 reserved, 3 allocated */
	struct bootmem bm;

	(void)state;
	srand(12345);
	for (int round = 0; round < 200; round++) {
		memset(model, 0, sizeof(model));
		bootmem_init(&bm);
		for (int k = 0; k < 6; k++) {
			unsigned a = 1 + rand() % (NF - 1), b = a + rand() % (NF / 4);
			b = b > NF ? NF : b;
			bootmem_add(&bm, a * F, b * F);
			for (unsigned f = a; f < b; f++)
				model[f] = 1;
		}
		for (int k = 0; k < 4; k++) {
			unsigned a = rand() % NF, b = a + rand() % 64;
			b = b > NF ? NF : b;
			bootmem_reserve(&bm, a * F + 7, b * F);
			for (unsigned f = a; f < b; f++)
				if (model[f])
					model[f] = 2;
		}
		for (int k = 0; k < 100; k++) {
			unsigned n = 1 + rand() % 8;
			uint64_t lim = (rand() % 2) ? UINT64_MAX : (uint64_t)(rand() % NF) * F;
			uint64_t p = bootmem_alloc(&bm, n, lim);

			if (p == 0)
				continue;
			assert_true(p % F == 0 && p + n * F <= lim);
			for (unsigned f = p / F; f < p / F + n; f++) {
				assert_int_equal(model[f], 1); /* never reserved or twice */
				model[f] = 3;
			}
		}
		uint64_t free_model = 0, used_model = 0;
		for (unsigned f = 0; f < NF; f++) {
			free_model += model[f] == 1;
			used_model += model[f] == 3;
		}
		assert_int_equal(bootmem_free_bytes(&bm), free_model * F);
		assert_int_equal(bootmem_used_bytes(&bm), used_model * F);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_rounds_inwards_and_merges),
		cmocka_unit_test(test_reserve_splits_and_trims),
		cmocka_unit_test(test_alloc_from_bottom_under_limit),
		cmocka_unit_test(test_exhaustion_returns_zero),
		cmocka_unit_test(test_table_full_is_reported),
		cmocka_unit_test(test_random_against_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
