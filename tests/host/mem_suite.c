/*
 * tests/host/mem_suite.c - the shared suite every `mem` provider must pass.
 *
 * Functional tests check what mem.h promises (alignment, sizes, contents,
 * no overlap between live blocks, caches, exhaustion and recovery, counts)
 * and that, once everything is freed and the allocator reaped, every page
 * is back in the backend. Debug tests provoke each misuse and check that it
 * reaches the fatal hook with a message naming it and the address, with the
 * caller passed in, and with no allocator lock held.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mem_suite.h"
#include "mem_suite_bed.h"

#define PAGE 4096UL

#define OPS  (mem_suite_impl->ops)
#define impl mem_suite_impl

const struct mem_ops *mem_suite_ops(void)
{
	return impl->ops;
}

/* After everything was freed: reap gives every page back. */
static void assert_all_returned(void)
{
	struct mem_info info;

	impl->reap();
	OPS->info(&info, NULL, 0);
	assert_int_equal(info.bytes_held, 0);
	assert_int_equal(tb.pages, 0);
	assert_int_equal(tb.fatals, 0);
}

/* ---- helpers: fill/check patterns, a set of live intervals ---- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void check_fill(const void *p, size_t n, uint8_t v)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++) {
		if (b[i] != v)
			fail_msg("byte %zu of %p is %#x, expected %#x", i, p, b[i], v);
	}
}

struct iv {
	uintptr_t lo, hi;
};

struct ivset {
	struct iv *v;
	size_t n, cap;
};

static size_t ivset_pos(const struct ivset *s, uintptr_t lo)
{
	size_t a = 0, b = s->n;

	while (a < b) {
		size_t m = (a + b) / 2;

		if (s->v[m].lo < lo)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

/* Add [p, p + n) (n at least 1); fail if it overlaps a live interval. */
static void ivset_add(struct ivset *s, const void *p, size_t n)
{
	uintptr_t lo = (uintptr_t)p, hi = lo + (n ? n : 1);
	size_t i = ivset_pos(s, lo);

	if ((i < s->n && s->v[i].lo < hi) || (i > 0 && s->v[i - 1].hi > lo))
		fail_msg("block %p+%zu overlaps a live block", p, n);
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
	}
	memmove(&s->v[i + 1], &s->v[i], (s->n - i) * sizeof(*s->v));
	s->v[i] = (struct iv){ lo, hi };
	s->n++;
}

static void ivset_del(struct ivset *s, const void *p)
{
	size_t i = ivset_pos(s, (uintptr_t)p);

	assert_true(i < s->n && s->v[i].lo == (uintptr_t)p);
	memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof(*s->v));
	s->n--;
}

static void check_align(const void *p, size_t size)
{
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % 16, 0);
	if (size >= PAGE)
		assert_int_equal((uintptr_t)p % PAGE, 0);
}

/* ---- functional tests ---- */

/* Allocate every size in [lo, hi], all live at once; check, then free. */
static void sizes_live_at_once(size_t lo, size_t hi, size_t step)
{
	size_t n = (hi - lo) / step + 1, k = 0;
	void **p = calloc(n, sizeof(*p));
	struct ivset set = { 0 };

	for (size_t sz = lo; sz <= hi; sz += step, k++) {
		p[k] = OPS->alloc(sz);
		check_align(p[k], sz);
		ivset_add(&set, p[k], sz);
		memset(p[k], (int)(k & 0xff), sz);
	}
	k = 0;
	for (size_t sz = lo; sz <= hi; sz += step, k++) {
		check_fill(p[k], sz, (uint8_t)(k & 0xff));
		OPS->free(p[k], 0);
	}
	free(p);
	free(set.v);
}

static void test_size_classes(void **state)
{
	(void)state;
	mem_suite_begin(false, 0);
	for (size_t c = 16; c <= 8192; c *= 2) {
		sizes_live_at_once(c - 1, c + 1, 1);
		sizes_live_at_once(c, c, 1);
	}
	assert_all_returned();
	mem_suite_end();
}

static void sizes_0_to_5000(bool debug)
{
	mem_suite_begin(debug, 0);
	sizes_live_at_once(0, 5000, 1);
	assert_all_returned();
	mem_suite_end();
}

static void test_sizes_0_to_5000(void **state)
{
	(void)state;
	sizes_0_to_5000(false);
}

static void test_large(void **state)
{
	static const size_t sizes[] = { 4096, 4097, 65536, 65536 + 100, 1 << 20, 3 << 20 };
	void *p[6];

	(void)state;
	mem_suite_begin(false, 0);
	for (int i = 0; i < 6; i++) {
		p[i] = OPS->alloc(sizes[i]);
		check_align(p[i], sizes[i]);
		memset(p[i], i + 1, sizes[i]);
	}
	for (int i = 0; i < 6; i++) {
		check_fill(p[i], sizes[i], (uint8_t)(i + 1));
		OPS->free(p[i], 0);
	}
	assert_null(OPS->alloc((size_t)64 << 20));
	assert_null(OPS->alloc(SIZE_MAX));
	assert_all_returned();
	mem_suite_end();
}

/* Many large blocks at once, scattered over the address space the
 * backend hands out: each keeps its data, each frees, all pages return. */
static void test_many_large(void **state)
{
	enum { N = 3000 };
	static char *p[N];
	static size_t len[N];

	(void)state;
	mem_suite_begin(false, 0);
	rng_state = 77;
	for (int i = 0; i < N; i++) {
		len[i] = 2049 + rng() % (4 * 4096);
		p[i] = OPS->alloc(len[i]);
		assert_non_null(p[i]);
		check_align(p[i], len[i]);
		memset(p[i], (uint8_t)i, len[i]);
	}
	for (int i = 1; i < N; i += 2)
		OPS->free(p[i], 0);
	for (int i = 0; i < N; i += 2) {
		check_fill(p[i], len[i], (uint8_t)i);
		OPS->free(p[i], 0);
	}
	assert_all_returned();
	mem_suite_end();
}

static size_t random_size(void)
{
	uint64_t r = rng();

	switch (r % 100) {
	case 0:
		return (r >> 8) % 70000;
	case 1 ... 12:
		return (r >> 8) % 5001;
	case 13 ... 40:
		return (r >> 8) % 2049;
	default:
		return (r >> 8) % 129;
	}
}

/* Random alloc/free against a model: contents, alignment, no overlap, counts. */
static void random_model(bool debug, unsigned ops)
{
	enum { SLOTS = 1024 };
	struct {
		void *p;
		size_t n;
	} slot[SLOTS] = { 0 };
	struct ivset set = { 0 };
	struct mem_info a, b;
	uint64_t allocs = 0, frees = 0;

	mem_suite_begin(debug, 0);
	rng_state = 0x9e3779b97f4a7c15ULL;
	OPS->info(&a, NULL, 0);
	for (unsigned i = 0; i < ops; i++) {
		unsigned k = (unsigned)(rng() % SLOTS);

		if (slot[k].p) {
			check_fill(slot[k].p, slot[k].n, (uint8_t)k);
			ivset_del(&set, slot[k].p);
			OPS->free(slot[k].p, 0);
			slot[k].p = NULL;
			frees++;
			continue;
		}
		slot[k].n = random_size();
		slot[k].p = OPS->alloc(slot[k].n);
		check_align(slot[k].p, slot[k].n);
		ivset_add(&set, slot[k].p, slot[k].n);
		memset(slot[k].p, k & 0xff, slot[k].n);
		allocs++;
	}
	OPS->info(&b, NULL, 0);
	assert_int_equal(b.allocs - a.allocs, allocs);
	assert_int_equal(b.frees - a.frees, frees);
	for (unsigned k = 0; k < SLOTS; k++)
		OPS->free(slot[k].p, 0);
	free(set.v);
	assert_all_returned();
	mem_suite_end();
}

static void test_random_model(void **state)
{
	(void)state;
	random_model(false, 100000);
}

static unsigned ctor_calls;

static void ctor_mark(void *obj)
{
	ctor_calls++;
	memcpy(obj, "CTOR", 4);
}

/* Objects of a cache: ctor'd, aligned, disjoint, usable over their whole size. */
static void cache_round(const char *name, size_t size, size_t align, size_t want_align)
{
	enum { N = 300 };
	struct mem_cache *c = OPS->cache_create(name, size, align, ctor_mark);
	void *o[N];
	struct ivset set = { 0 };

	assert_non_null(c);
	for (int i = 0; i < N; i++) {
		o[i] = OPS->cache_alloc(c);
		assert_non_null(o[i]);
		assert_int_equal((uintptr_t)o[i] % want_align, 0);
		assert_memory_equal(o[i], "CTOR", 4);
		ivset_add(&set, o[i], size);
		memset(o[i], i & 0xff, size);
	}
	assert_true(ctor_calls >= N);
	for (int i = 0; i < N; i++) {
		check_fill(o[i], size, (uint8_t)(i & 0xff));
		memcpy(o[i], "CTOR", 4); /* hand it back constructed */
		OPS->cache_free(c, o[i], 0);
	}
	OPS->cache_free(c, NULL, 0);
	assert_int_equal(OPS->cache_destroy(c), 0);
	free(set.v);
}

static void test_cache_ctor_align(void **state)
{
	(void)state;
	mem_suite_begin(false, 0);
	cache_round("t-48", 48, 0, 16);
	cache_round("t-24", 24, 0, 8);
	cache_round("t-100x64", 100, 64, 64);
	cache_round("t-5x8", 5, 8, 8);
	cache_round("t-700x256", 700, 256, 256);
	cache_round("t-3000xpage", 3000, 4096, 4096);
	cache_round("t-20000", 20000, 0, 16);
	assert_null(OPS->cache_create("t-bad", 64, 24, NULL));
	assert_null(OPS->cache_create("t-zero", 0, 0, NULL));
	assert_all_returned();
	mem_suite_end();
}

/* Aligned objects between blocks of every 16-byte phase. */
static void test_mixed_alignment(void **state)
{
	enum { N = 600 };
	struct mem_cache *c[2];
	void *g[N], *o[N];
	struct ivset set = { 0 };

	(void)state;
	mem_suite_begin(false, 0);
	c[0] = OPS->cache_create("t-al64", 48, 64, NULL);
	c[1] = OPS->cache_create("t-al256", 200, 256, NULL);
	for (int i = 0; i < N; i++) {
		size_t gs = i % 50 ? (size_t)16 * (1 + i % 9) : PAGE + 16 * (size_t)i;

		g[i] = OPS->alloc(gs);
		check_align(g[i], gs);
		ivset_add(&set, g[i], gs);
		o[i] = OPS->cache_alloc(c[i % 2]);
		assert_int_equal((uintptr_t)o[i] % (i % 2 ? 256 : 64), 0);
		ivset_add(&set, o[i], i % 2 ? 200 : 48);
		memset(o[i], 0x77, i % 2 ? 200 : 48);
	}
	for (int i = 0; i < N; i++) {
		check_fill(o[i], i % 2 ? 200 : 48, 0x77);
		OPS->cache_free(c[i % 2], o[i], 0);
		OPS->free(g[i], 0);
	}
	assert_int_equal(OPS->cache_destroy(c[0]), 0);
	assert_int_equal(OPS->cache_destroy(c[1]), 0);
	free(set.v);
	assert_all_returned();
	mem_suite_end();
}

static void test_cache_destroy_busy(void **state)
{
	struct mem_cache *c;
	struct mem_info a, b;
	void *o;

	(void)state;
	mem_suite_begin(false, 0);
	OPS->info(&a, NULL, 0);
	c = OPS->cache_create("t-busy", 40, 0, NULL);
	OPS->info(&b, NULL, 0);
	assert_int_equal(b.ncaches, a.ncaches + 1);
	o = OPS->cache_alloc(c);
	assert_int_equal(OPS->cache_destroy(c), -16 /* EBUSY */);
	OPS->cache_free(c, o, 0);
	assert_int_equal(OPS->cache_destroy(c), 0);
	OPS->info(&b, NULL, 0);
	assert_int_equal(b.ncaches, a.ncaches);
	assert_all_returned();
	mem_suite_end();
}

/* Allocate @size blocks until NULL (at most @max); return how many, freeing none. */
static size_t fill_until_null(void **p, size_t max, size_t size)
{
	size_t n = 0;

	while (n < max && (p[n] = OPS->alloc(size)) != NULL)
		memset(p[n++], 0x11, size);
	assert_true(n < max);
	return n;
}

static void free_all(void **p, size_t n)
{
	while (n)
		OPS->free(p[--n], 0);
}

static void test_exhaustion(void **state)
{
	enum { BUDGET = 128, MAX = 1 << 16 };
	const size_t bytes = BUDGET * PAGE;
	void **p = calloc(MAX, sizeof(*p));
	struct mem_info before, after;
	size_t n;

	(void)state;
	mem_suite_begin(false, BUDGET);
	n = fill_until_null(p, MAX, 64);
	assert_true(n * 64 <= bytes && n * 64 >= bytes / 2);
	free_all(p, n);
	n = fill_until_null(p, MAX, 1000);
	assert_true(n * 1000 <= bytes && n * 1000 >= bytes / 2);
	free_all(p, n);
	n = fill_until_null(p, MAX, 65536);
	assert_true(n >= 2 && n * 65536 <= bytes);
	free_all(p, n);
	p[0] = OPS->alloc(100);
	assert_non_null(p[0]);
	OPS->free(p[0], 0);
	OPS->info(&before, NULL, 0);
	assert_true(before.bytes_held > 0 && before.bytes_held <= bytes);
	assert_int_equal(before.bytes_in_use, 0);
	impl->reap();
	OPS->info(&after, NULL, 0);
	assert_true(after.bytes_held < before.bytes_held);
	assert_all_returned();
	free(p);
	mem_suite_end();
}

static const struct mem_cache_info *find_cache(const struct mem_cache_info *ci, unsigned n,
					       const char *name)
{
	for (unsigned i = 0; i < n; i++) {
		if (!strcmp(ci[i].name, name))
			return &ci[i];
	}
	return NULL;
}

static void test_info_counts(void **state)
{
	struct mem_cache_info ci[64];
	const struct mem_cache_info *t;
	struct mem_info a, b, d;
	struct mem_cache *c;
	void *p[10], *o[7];
	unsigned n;

	(void)state;
	mem_suite_begin(false, 0);
	c = OPS->cache_create("t-info-cache-with-a-long-name", 40, 0, NULL);
	OPS->info(&a, NULL, 0);
	assert_true(a.allocator[0] != '\0');
	for (int i = 0; i < 10; i++)
		p[i] = OPS->alloc(100);
	for (int i = 0; i < 7; i++)
		o[i] = OPS->cache_alloc(c);
	n = OPS->info(&b, ci, 64);
	assert_true(n >= 1 && n <= b.ncaches);
	assert_int_equal(b.allocs - a.allocs, 17);
	assert_true(b.bytes_in_use - a.bytes_in_use >= 10 * 100 + 7 * 40);
	assert_true(b.bytes_held >= b.bytes_in_use);
	t = find_cache(ci, n, "t-info-cache-with-a-lon"); /* cut to MEM_NAME_MAX - 1 */
	assert_non_null(t);
	assert_int_equal(t->in_use, 7);
	assert_true(t->objsize >= 40 && t->capacity >= 7);
	assert_int_equal(OPS->info(&d, ci, 1), 1);
	for (int i = 0; i < 10; i++)
		OPS->free(p[i], 0);
	for (int i = 0; i < 7; i++)
		OPS->cache_free(c, o[i], 0);
	n = OPS->info(&d, ci, 64);
	assert_int_equal(d.frees - b.frees, 17);
	assert_int_equal(d.bytes_in_use, a.bytes_in_use);
	assert_int_equal(find_cache(ci, n, "t-info-cache-with-a-lon")->in_use, 0);
	assert_int_equal(OPS->cache_destroy(c), 0);
	assert_all_returned();
	mem_suite_end();
}

static void test_zero_and_null(void **state)
{
	void *a, *b;

	(void)state;
	mem_suite_begin(false, 0);
	a = OPS->alloc(0);
	b = OPS->alloc(0);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	OPS->free(NULL, 0);
	OPS->free(a, 0);
	OPS->free(b, 0);
	assert_all_returned();
	mem_suite_end();
}

static void test_debug_sizes_and_random(void **state)
{
	(void)state;
	sizes_0_to_5000(true);
	random_model(true, 30000);
}

/* ---- debug mode: each misuse reaches the fatal hook ---- */

#define CALLER ((uintptr_t)0xc0ffee10)

/* Run @stmt, which must end in a fatal report whose message has @what and @p. */
#define EXPECT_FATAL(stmt, what, p)                                                                \
	do {                                                                                       \
		jmp_buf jb_;                                                                       \
		char addr_[32];                                                                    \
		tb.jmp = &jb_;                                                                     \
		if (!setjmp(jb_)) {                                                                \
			stmt;                                                                      \
			tb.jmp = NULL;                                                             \
			fail_msg("no fatal report from: %s", #stmt);                               \
		}                                                                                  \
		tb.jmp = NULL;                                                                     \
		snprintf(addr_, sizeof(addr_), "%p", (void *)(p));                                 \
		if (!strstr(tb.msg, what) || !strstr(tb.msg, addr_))                               \
			fail_msg("message '%s' lacks '%s' or '%s'", tb.msg, what, addr_);          \
		assert_false(tb.locked_at_fatal);                                                  \
		tb.fatals = 0;                                                                     \
	} while (0)

/* The allocator still works after a report. */
static void still_works(void)
{
	void *p = OPS->alloc(64);

	assert_non_null(p);
	memset(p, 1, 64);
	OPS->free(p, 0);
}

static void test_dbg_double_free(void **state)
{
	struct mem_cache *c;
	char *p, *o;

	(void)state;
	mem_suite_begin(true, 0);
	p = OPS->alloc(64);
	(void)OPS->alloc(64); /* keep a live neighbour */
	OPS->free(p, 1);
	EXPECT_FATAL(OPS->free(p, CALLER), "double free", p);
	assert_int_equal(tb.caller, CALLER);
	p = OPS->alloc(3 * 4096); /* a large block */
	OPS->free(p, 1);
	EXPECT_FATAL(OPS->free(p, CALLER), "double free", p);
	EXPECT_FATAL(OPS->free(p + 4096, CALLER), "free of", p + 4096);
	c = OPS->cache_create("t-dbl", 40, 0, NULL);
	o = OPS->cache_alloc(c);
	(void)OPS->cache_alloc(c);
	OPS->cache_free(c, o, 1);
	EXPECT_FATAL(OPS->cache_free(c, o, CALLER + 1), "double free", o);
	assert_non_null(strstr(tb.msg, "t-dbl"));
	assert_int_equal(tb.caller, CALLER + 1);
	still_works();
	mem_suite_end();
}

static void test_dbg_invalid_free(void **state)
{
	static _Alignas(64) char foreign[256];
	struct mem_cache *a, *b;
	char *p, *o;

	(void)state;
	mem_suite_begin(true, 0);
	p = OPS->alloc(100);
	EXPECT_FATAL(OPS->free(p + 16, CALLER), "invalid free", p + 16);
	assert_int_equal(tb.caller, CALLER);
	EXPECT_FATAL(OPS->free(foreign + 64, CALLER + 2), "invalid free", foreign + 64);
	assert_int_equal(tb.caller, CALLER + 2);
	a = OPS->cache_create("t-a", 64, 0, NULL);
	b = OPS->cache_create("t-b", 64, 0, NULL);
	o = OPS->cache_alloc(a);
	EXPECT_FATAL(OPS->cache_free(b, o, CALLER + 3), "invalid free", o);
	assert_int_equal(tb.caller, CALLER + 3);
	EXPECT_FATAL(OPS->free(o, CALLER + 4), "invalid free", o);
	OPS->cache_free(a, o, 0);
	OPS->free(p, 0);
	still_works();
	mem_suite_end();
}

static void test_dbg_red_zones(void **state)
{
	struct mem_cache *c;
	char *p, *q, *o;

	(void)state;
	mem_suite_begin(true, 0);
	p = OPS->alloc(50);
	memset(p, 0, 50); /* the whole block is fine */
	p[50] = 'x';
	EXPECT_FATAL(OPS->free(p, CALLER), "red zone", p);
	assert_non_null(strstr(tb.msg, "overrun"));
	assert_int_equal(tb.caller, CALLER);
	q = OPS->alloc(64);
	q[-1] = 'x';
	EXPECT_FATAL(OPS->free(q, CALLER + 5), "red zone", q);
	assert_non_null(strstr(tb.msg, "underrun"));
	c = OPS->cache_create("t-rz", 40, 0, NULL);
	o = OPS->cache_alloc(c);
	o[40] = 'x';
	EXPECT_FATAL(OPS->cache_free(c, o, CALLER + 6), "red zone", o);
	assert_non_null(strstr(tb.msg, "t-rz"));
	assert_int_equal(tb.caller, CALLER + 6);
	still_works();
	mem_suite_end();
}

static void test_dbg_write_after_free(void **state)
{
	struct mem_cache *c;
	char *p, *o;

	(void)state;
	mem_suite_begin(true, 0);
	p = OPS->alloc(64);
	OPS->free(p, CALLER);
	p[8] = 'x';
	EXPECT_FATAL((void)OPS->alloc(64), "write after free", p);
	assert_int_equal(tb.caller, CALLER);
	c = OPS->cache_create("t-waf", 100, 0, NULL);
	o = OPS->cache_alloc(c);
	OPS->cache_free(c, o, CALLER + 7);
	o[99] = 'x';
	EXPECT_FATAL((void)OPS->cache_alloc(c), "write after free", o);
	assert_non_null(strstr(tb.msg, "t-waf"));
	assert_int_equal(tb.caller, CALLER + 7);
	still_works();
	mem_suite_end();
}

static const struct CMUnitTest mem_suite_tests[] = {
	cmocka_unit_test(test_size_classes),	cmocka_unit_test(test_sizes_0_to_5000),
	cmocka_unit_test(test_large),		cmocka_unit_test(test_many_large),
	cmocka_unit_test(test_random_model),	cmocka_unit_test(test_cache_ctor_align),
	cmocka_unit_test(test_mixed_alignment), cmocka_unit_test(test_cache_destroy_busy),
	cmocka_unit_test(test_exhaustion),	cmocka_unit_test(test_info_counts),
	cmocka_unit_test(test_zero_and_null),	cmocka_unit_test(test_debug_sizes_and_random),
	cmocka_unit_test(test_dbg_double_free), cmocka_unit_test(test_dbg_invalid_free),
	cmocka_unit_test(test_dbg_red_zones),	cmocka_unit_test(test_dbg_write_after_free),
};

int mem_suite_run(const struct mem_suite_impl *i)
{
	int failed;

	impl = i;
	failed = cmocka_run_group_tests(mem_suite_tests, NULL, NULL);
	mem_suite_release_all();
	return failed;
}
