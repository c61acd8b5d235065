/*
 * tests/host/test_mem_zone.c - the zone allocator (modules/mem) on the
 * shared mem suite, plus what only it has: magazines, the depot between
 * CPUs, constructors run once per object, per-CPU flushing on reap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <mem/zone/zone.h>

#include "mem_suite.h"

static unsigned test_cpu;

static unsigned test_cpu_index(void)
{
	return test_cpu;
}

static const struct zone_sync test_sync = {
	.lock = mem_suite_lock,
	.unlock = mem_suite_unlock,
	.cpu = test_cpu_index,
};

static int zone_test_setup(const struct mem_backend *be, bool debug)
{
	test_cpu = 0;
	return zone_setup(be, &test_sync, debug);
}

/* Same-size churn is served by the magazines, not the slabs. */
static void test_magazine_hits(void **state)
{
	struct mem_info a, b;
	void *p[20];

	(void)state;
	mem_suite_begin(false, 0);
	for (int i = 0; i < 20; i++)
		p[i] = zone_mem_ops.alloc(64);
	for (int i = 0; i < 20; i++)
		zone_mem_ops.free(p[i], 0);
	zone_mem_ops.info(&a, NULL, 0);
	for (int round = 0; round < 1000; round++) {
		for (int i = 0; i < 20; i++)
			p[i] = zone_mem_ops.alloc(64);
		for (int i = 0; i < 20; i++)
			zone_mem_ops.free(p[i], 0);
	}
	zone_mem_ops.info(&b, NULL, 0);
	assert_int_equal(b.mag_hits - a.mag_hits, 40000);
	assert_int_equal(b.mag_misses, a.mag_misses);
	mem_suite_end();
}

/* What CPU 1 frees reaches CPU 0 through the depot, whole magazines at a time. */
static void test_depot_between_cpus(void **state)
{
	enum { N = 300 };
	void *p[N], *q[N];
	struct mem_info info;
	int same = 0;

	(void)state;
	mem_suite_begin(false, 0);
	for (int i = 0; i < N; i++)
		p[i] = zone_mem_ops.alloc(128);
	test_cpu = 1;
	for (int i = 0; i < N; i++)
		zone_mem_ops.free(p[i], 0);
	test_cpu = 0;
	for (int i = 0; i < N; i++)
		q[i] = zone_mem_ops.alloc(128);
	for (int i = 0; i < N; i++) {
		for (int j = 0; j < N; j++)
			same += q[i] == p[j];
	}
	/* All but the two magazines CPU 1 keeps come back through the depot. */
	assert_true(same >= N - 2 * ZONE_MAG_ROUNDS);
	for (int i = 0; i < N; i++)
		zone_mem_ops.free(q[i], 0);
	zone_reap(); /* CPU 0's magazines only */
	zone_mem_ops.info(&info, NULL, 0);
	assert_true(info.bytes_held > 0);
	test_cpu = 1;
	zone_reap();
	test_cpu = 0;
	zone_mem_ops.info(&info, NULL, 0);
	assert_int_equal(info.bytes_held, 0);
	assert_int_equal(mem_suite_backend_pages(), 0);
	mem_suite_end();
}

static unsigned ctor_runs;

static void count_ctor(void *obj)
{
	ctor_runs++;
	memset(obj, 0x5c, 32);
}

/* Constructors run when slabs are carved, not on every allocation. */
static void test_ctor_once_per_object(void **state)
{
	struct mem_cache_info ci[32];
	struct mem_cache *c;
	unsigned n, capacity = 0;

	(void)state;
	mem_suite_begin(false, 0);
	ctor_runs = 0;
	c = zone_mem_ops.cache_create("t-once", 32, 0, count_ctor);
	for (int i = 0; i < 5000; i++) {
		void *o = zone_mem_ops.cache_alloc(c);

		assert_non_null(o);
		zone_mem_ops.cache_free(c, o, 0);
	}
	n = zone_mem_ops.info(&(struct mem_info){ 0 }, ci, 32);
	for (unsigned i = 0; i < n; i++) {
		if (!strcmp(ci[i].name, "t-once"))
			capacity = (unsigned)ci[i].capacity;
	}
	assert_true(capacity > 0);
	assert_int_equal(ctor_runs, capacity);
	assert_int_equal(zone_mem_ops.cache_destroy(c), 0);
	mem_suite_end();
}

/* General objects are never page-aligned; large blocks always are. */
static void test_page_alignment_split(void **state)
{
	enum { N = 3000 };
	static void *p[N];

	(void)state;
	mem_suite_begin(false, 0);
	for (int i = 0; i < N; i++) {
		p[i] = zone_mem_ops.alloc(16 << (i % 8));
		assert_true((uintptr_t)p[i] & ZONE_PAGE_MASK);
	}
	for (int i = 0; i < N; i++)
		zone_mem_ops.free(p[i], 0);
	p[0] = zone_mem_ops.alloc(ZONE_GEN_MAX + 1);
	assert_int_equal((uintptr_t)p[0] & ZONE_PAGE_MASK, 0);
	zone_mem_ops.free(p[0], 0);
	mem_suite_end();
}

static const struct CMUnitTest zone_tests[] = {
	cmocka_unit_test(test_magazine_hits),
	cmocka_unit_test(test_depot_between_cpus),
	cmocka_unit_test(test_ctor_once_per_object),
	cmocka_unit_test(test_page_alignment_split),
};

int main(void)
{
	static const struct mem_suite_impl zone_impl = {
		.name = "zone",
		.ops = &zone_mem_ops,
		.setup = zone_test_setup,
		.reap = zone_reap,
	};
	int failed = mem_suite_run(&zone_impl);

	return failed + cmocka_run_group_tests(zone_tests, NULL, NULL);
}
