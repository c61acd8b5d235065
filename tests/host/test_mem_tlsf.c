/*
 * tests/host/test_mem_tlsf.c - the TLSF allocator (modules/mem/tlsf) on
 * the shared mem suite, plus what only it has: immediate coalescing,
 * constructors on every allocation, one lock for everything.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <mem/tlsf/tlsf.h>

#include "mem_suite.h"

static const struct tlsf_sync test_sync = {
	.lock = mem_suite_lock,
	.unlock = mem_suite_unlock,
};

static int tlsf_test_setup(const struct mem_backend *be, bool debug)
{
	return tlsf_setup(be, &test_sync, debug);
}

/* Freed neighbours merge at once: the whole area serves one block again. */
static void test_coalescing(void **state)
{
	enum { N = 400 };
	struct mem_info a, b;
	void *p[N], *big;

	(void)state;
	mem_suite_begin(false, 0);
	for (int i = 0; i < N; i++)
		p[i] = tlsf_mem_ops.alloc(100);
	tlsf_mem_ops.info(&a, NULL, 0);
	/* Free in an order that leaves holes first, then fills them. */
	for (int i = 0; i < N; i += 2)
		tlsf_mem_ops.free(p[i], 0);
	for (int i = 1; i < N; i += 2)
		tlsf_mem_ops.free(p[i], 0);
	big = tlsf_mem_ops.alloc(N * 100);
	assert_non_null(big);
	tlsf_mem_ops.info(&b, NULL, 0);
	assert_int_equal(b.bytes_held, a.bytes_held);
	tlsf_mem_ops.free(big, 0);
	tlsf_reap();
	assert_int_equal(mem_suite_backend_pages(), 0);
	mem_suite_end();
}

static unsigned ctor_runs;

static void count_ctor(void *obj)
{
	ctor_runs++;
	memset(obj, 0, 8);
}

/* No slabs keep objects constructed: the constructor runs on each allocation. */
static void test_ctor_each_alloc(void **state)
{
	struct mem_cache *c;

	(void)state;
	mem_suite_begin(false, 0);
	ctor_runs = 0;
	c = tlsf_mem_ops.cache_create("t-each", 24, 0, count_ctor);
	for (int i = 0; i < 100; i++)
		tlsf_mem_ops.cache_free(c, tlsf_mem_ops.cache_alloc(c), 0);
	assert_int_equal(ctor_runs, 100);
	assert_int_equal(tlsf_mem_ops.cache_destroy(c), 0);
	mem_suite_end();
}

/* Even without debug mode, freeing a free block is reported. */
static void test_double_free_without_debug(void **state)
{
	uintptr_t caller = 0;
	void *p, *q;

	(void)state;
	mem_suite_begin(false, 0);
	p = tlsf_mem_ops.alloc(64);
	q = tlsf_mem_ops.alloc(64);
	tlsf_mem_ops.free(p, 0);
	/* No longjmp armed: the report returns and the free is dropped. */
	tlsf_mem_ops.free(p, 0x1234);
	assert_int_equal(mem_suite_take_fatals(&caller), 1);
	assert_int_equal(caller, 0x1234);
	tlsf_mem_ops.free(q, 0);
	tlsf_reap();
	assert_int_equal(mem_suite_backend_pages(), 0);
	mem_suite_end();
}

static const struct CMUnitTest tlsf_tests[] = {
	cmocka_unit_test(test_coalescing),
	cmocka_unit_test(test_ctor_each_alloc),
	cmocka_unit_test(test_double_free_without_debug),
};

int main(void)
{
	static const struct mem_suite_impl tlsf_impl = {
		.name = "tlsf",
		.ops = &tlsf_mem_ops,
		.setup = tlsf_test_setup,
		.reap = tlsf_reap,
	};
	int failed = mem_suite_run(&tlsf_impl);

	return failed + cmocka_run_group_tests(tlsf_tests, NULL, NULL);
}
