/*
 * Host tests of libc's allocator (user/lib/malloc.c) over the fake memory
 * source of libc_fake_os.c: alignment, no two live blocks overlap (random
 * stress checked byte for byte), reuse of freed chunks, large blocks going
 * back to map/umap, realloc keeping contents, calloc overflow, aligned
 * allocation, heap exhaustion giving NULL and ENOMEM, and free() of a bad
 * or freed pointer being caught.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libc_host.h"

#define SLOTS 400

static uint32_t rnd_state = 2463534242u;

static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

/* Random malloc/realloc/free; every block holds a pattern of its slot. */
static void test_stress_no_overlap(void **state)
{
	static unsigned char *p[SLOTS];
	static size_t len[SLOTS];

	(void)state;
	for (int round = 0; round < 60000; round++) {
		int i = (int)(rnd() % SLOTS);
		if (p[i]) {
			for (size_t k = 0; k < len[i]; k++)
				assert_int_equal(p[i][k], (unsigned char)(i * 31 + k));
			if (rnd() % 3 == 0) {
				size_t n = rnd() % 5000;
				p[i] = zl_realloc(p[i], n);
				assert_non_null(p[i]);
				for (size_t k = 0; k < n; k++)
					p[i][k] = (unsigned char)(i * 31 + k);
				len[i] = n;
				continue;
			}
			zl_free(p[i]);
			p[i] = NULL;
			continue;
		}
		len[i] = rnd() % (rnd() % 32 == 0 ? 400000 : 3000);
		p[i] = zl_malloc(len[i]);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] & 15, 0);
		assert_true(zl_malloc_usable_size(p[i]) >= len[i]);
		for (size_t k = 0; k < len[i]; k++)
			p[i][k] = (unsigned char)(i * 31 + k);
	}
	for (int i = 0; i < SLOTS; i++) {
		zl_free(p[i]);
		p[i] = NULL;
	}
	assert_int_equal(fake_mapped, 0); /* every large block went back */
}

static void test_reuse_and_classes(void **state)
{
	void *a, *b, *c;
	size_t before;

	(void)state;
	a = zl_malloc(100);
	zl_free(a);
	b = zl_malloc(90); /* same class: the freed chunk again */
	assert_ptr_equal(a, b);
	zl_free(b);
	before = fake_heap_used;
	for (int i = 0; i < 1000; i++) {
		c = zl_malloc(200);
		zl_free(c);
	}
	assert_int_equal(fake_heap_used, before); /* no growth from free/malloc pairs */
	assert_non_null(c = zl_malloc(0));
	zl_free(c);
	zl_free(NULL);
}

static void test_large_blocks(void **state)
{
	long maps = fake_maps, unmaps = fake_unmaps;
	char *p;

	(void)state;
	p = zl_malloc(1 << 20);
	assert_non_null(p);
	assert_int_equal(fake_maps, maps + 1);
	memset(p, 1, 1 << 20);
	zl_free(p);
	assert_int_equal(fake_unmaps, unmaps + 1);
	assert_int_equal(fake_mapped, 0);
	assert_null(zl_malloc(SIZE_MAX - 8));
	assert_int_equal(*zl___errno_location(), ENOMEM);
}

static void test_realloc_calloc(void **state)
{
	unsigned char *p = zl_malloc(10), *q;
	volatile size_t big = (size_t)1 << 40;

	(void)state;
	memcpy(p, "0123456789", 10);
	for (size_t n = 20; n < (1u << 22); n = n * 5 / 2) {
		p = zl_realloc(p, n);
		assert_non_null(p);
		assert_memory_equal(p, "0123456789", 10);
	}
	p = zl_realloc(p, 3);
	assert_memory_equal(p, "012", 3);
	zl_free(p);
	q = zl_malloc(500);
	memset(q, 0xab, 500);
	zl_free(q);
	q = zl_calloc(50, 10);
	for (int i = 0; i < 500; i++)
		assert_int_equal(q[i], 0);
	zl_free(q);
	assert_null(zl_calloc(big, big));
}

static void test_aligned(void **state)
{
	(void)state;
	for (size_t align = 8; align <= 65536; align *= 2) {
		void *p = NULL;
		assert_int_equal(zl_posix_memalign(&p, align, 123), 0);
		assert_int_equal((uintptr_t)p & (align - 1), 0);
		assert_true(zl_malloc_usable_size(p) >= 123);
		memset(p, 7, 123);
		zl_free(p);
	}
	{
		void *p = (void *)1;
		assert_int_equal(zl_posix_memalign(&p, 24, 10), EINVAL);
		assert_null(zl_aligned_alloc(3, 10));
	}
}

static void test_bad_free_caught(void **state)
{
	jmp_buf jb;
	char *p = zl_malloc(64);
	volatile int caught = 0;

	(void)state;
	fake_fail_jump = &jb;
	if (setjmp(jb) == 0) {
		zl_free(p);
		zl_free(p); /* twice */
	} else {
		caught++;
	}
	assert_int_equal(caught, 1);
	assert_string_equal(fake_fail_what, "free()");
	p = zl_malloc(64);
	if (setjmp(jb) == 0)
		zl_free(p + 16); /* not a chunk */
	else
		caught++;
	assert_int_equal(caught, 2);
	fake_fail_jump = NULL;
	zl_free(p);
}

/* Last: it uses up the fake heap. */
static void test_exhaustion(void **state)
{
	int got = 0;

	(void)state;
	fake_heap_limit = fake_heap_used + (1 << 20);
	while (zl_malloc(1000) && got < 100000)
		got++;
	print_message("exhaustion after %d blocks\n", got);
	/* 1 MiB of new heap in 1024-byte chunks, plus the run and free lists left over */
	assert_true(got >= 1024 && got < 1600);
	assert_int_equal(*zl___errno_location(), ENOMEM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stress_no_overlap), cmocka_unit_test(test_reuse_and_classes),
		cmocka_unit_test(test_large_blocks),	  cmocka_unit_test(test_realloc_calloc),
		cmocka_unit_test(test_aligned),		  cmocka_unit_test(test_bad_free_caught),
		cmocka_unit_test(test_exhaustion),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
