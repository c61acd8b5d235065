/* Host tests of modules/vm/vm_region.c and vm_region_tree.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <uapi/errno.h>
#include <vm/vm_region.h>

#include "vm_region_fixture.h"

#define PG   PAGE_SIZE
#define P(n) ((uint64_t)(n)*PG)
#define R    VM_READ
#define RW   (VM_READ | VM_WRITE)
#define RX   (VM_READ | VM_EXEC)
#define ANON VM_REGION_ANON

static void add(struct vm_regions *rs, uint64_t s, uint64_t e, unsigned prot, unsigned flags,
		void *obj, uint64_t off)
{
	assert_int_equal(vm_regions_insert(rs, P(s), P(e), prot, flags, obj, P(off)), 0);
	vmrfix_check_set(rs);
}

static void assert_region(const struct vm_region *r, uint64_t s, uint64_t e, unsigned prot,
			  void *obj, uint64_t off)
{
	assert_non_null(r);
	assert_int_equal(r->start, P(s));
	assert_int_equal(r->end, P(e));
	assert_int_equal(r->prot, prot);
	assert_ptr_equal(r->object, obj);
	assert_int_equal(r->offset, P(off));
}

static char obj_a, obj_b; /* stand-ins for backing objects */

/* ---- Tests -------------------------------------------------------------- */

static void test_insert_find(void **state)
{
	struct vm_regions *rs = *state;

	assert_null(vm_regions_find(rs, 0));
	add(rs, 10, 20, RW, ANON, NULL, 0);
	add(rs, 30, 31, R, 0, &obj_a, 7);
	add(rs, 40, 50, RX, VM_REGION_SHARED, &obj_b, 0);
	assert_int_equal(rs->count, 3);

	assert_region(vm_regions_find(rs, P(10)), 10, 20, RW, NULL, 0);
	assert_region(vm_regions_find(rs, P(20) - 1), 10, 20, RW, NULL, 0);
	assert_region(vm_regions_find(rs, P(30) + 123), 30, 31, R, &obj_a, 7);
	assert_region(vm_regions_find(rs, P(45)), 40, 50, RX, &obj_b, 0);
	assert_int_equal(vm_regions_find(rs, P(45))->flags, VM_REGION_SHARED);
	assert_null(vm_regions_find(rs, P(10) - 1));
	assert_null(vm_regions_find(rs, P(20)));
	assert_null(vm_regions_find(rs, P(31)));
	assert_null(vm_regions_find(rs, P(50)));
	assert_null(vm_regions_find(rs, UINT64_MAX));
}

static void test_insert_invalid(void **state)
{
	struct vm_regions *rs = *state;
	struct vmrfix_list before, after;

	add(rs, 10, 20, RW, ANON, NULL, 0);
	vmrfix_take(rs, &before);
	assert_int_equal(vm_regions_insert(rs, P(1) + 8, P(2), R, ANON, NULL, 0), -EINVAL);
	assert_int_equal(vm_regions_insert(rs, P(1), P(2) - 1, R, ANON, NULL, 0), -EINVAL);
	assert_int_equal(vm_regions_insert(rs, P(1), P(2), R, 0, &obj_a, 100), -EINVAL);
	assert_int_equal(vm_regions_insert(rs, P(2), P(2), R, ANON, NULL, 0), -EINVAL);
	assert_int_equal(vm_regions_insert(rs, P(3), P(2), R, ANON, NULL, 0), -EINVAL);
	assert_int_equal(vm_regions_insert(rs, P(1), P(2), 8, ANON, NULL, 0), -EINVAL);
	assert_int_equal(vm_regions_insert(rs, P(1), P(2), R, 0x100, NULL, 0), -EINVAL);
	assert_int_equal(vm_regions_insert(rs, P(1), P(2), R, VM_REGION_GUARD, NULL, 0), -EINVAL);
	/* Invalid arguments win over an overlap. */
	assert_int_equal(vm_regions_insert(rs, P(12), P(11), R, ANON, NULL, 0), -EINVAL);
	vmrfix_take(rs, &after);
	vmrfix_assert_same(&before, &after);
	assert_int_equal(vmrfix_mem.live, 1);
}

static void test_overlap_refused(void **state)
{
	struct vm_regions *rs = *state;
	struct vmrfix_list before, after;
	static const uint64_t bad[][2] = {
		{ 10, 20 }, { 5, 11 }, { 19, 25 }, { 12, 13 }, { 0, 100 }, { 10, 11 }, { 19, 20 },
	};

	add(rs, 10, 20, RW, ANON, NULL, 0);
	add(rs, 30, 40, R, ANON, NULL, 0);
	vmrfix_take(rs, &before);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(vm_regions_insert(rs, P(bad[i][0]), P(bad[i][1]), R, 0, &obj_a, 0),
				 -EEXIST);
	assert_int_equal(vm_regions_insert(rs, P(15), P(35), R, 0, &obj_a, 0), -EEXIST);
	vmrfix_take(rs, &after);
	vmrfix_assert_same(&before, &after);
	/* Touching either end is no overlap. */
	add(rs, 20, 30, R, 0, &obj_a, 0);
	add(rs, 9, 10, R, 0, &obj_b, 0);
	assert_int_equal(rs->count, 4);
}

static void test_merge_on_insert(void **state)
{
	struct vm_regions *rs = *state;

	/* Anonymous memory side by side grows one region; no offset to keep. */
	add(rs, 10, 12, RW, ANON, NULL, 0);
	add(rs, 12, 14, RW, ANON, NULL, 0);
	add(rs, 8, 10, RW, ANON, NULL, 0);
	assert_int_equal(rs->count, 1);
	assert_region(vm_regions_find(rs, P(13)), 8, 14, RW, NULL, 0);
	/* Different prot, flags or object: separate. */
	add(rs, 14, 15, R, ANON, NULL, 0);
	add(rs, 15, 16, R, ANON | VM_REGION_STACK, NULL, 0);
	add(rs, 16, 17, R, 0, &obj_a, 0);
	assert_int_equal(rs->count, 4);
	/* Same object: only contiguous offsets merge. */
	add(rs, 17, 18, R, 0, &obj_a, 1);
	assert_int_equal(rs->count, 4);
	assert_region(vm_regions_find(rs, P(17)), 16, 18, R, &obj_a, 0);
	add(rs, 18, 19, R, 0, &obj_a, 5);
	assert_int_equal(rs->count, 5);
	/* Filling a hole joins three regions into one, with no allocation. */
	add(rs, 30, 32, RW, 0, &obj_b, 10);
	add(rs, 34, 36, RW, 0, &obj_b, 14);
	assert_int_equal(rs->count, 7);
	vmrfix_mem.budget = 0;
	add(rs, 32, 34, RW, 0, &obj_b, 12);
	assert_int_equal(rs->count, 6);
	assert_region(vm_regions_find(rs, P(33)), 30, 36, RW, &obj_b, 10);
	/* Growing a region downwards takes the new start's offset. */
	add(rs, 28, 30, RW, 0, &obj_b, 8);
	assert_region(vm_regions_find(rs, P(35)), 28, 36, RW, &obj_b, 8);
	assert_int_equal(vmrfix_mem.failed, 0);
}

static void test_find_free(void **state)
{
	struct vm_regions *rs = *state;
	uint64_t a = 0;

	/* Empty: lo itself. */
	assert_int_equal(vm_regions_find_free(rs, P(4), P(100), P(200), &a), 0);
	assert_int_equal(a, P(100));
	add(rs, 10, 20, RW, ANON, NULL, 0);
	add(rs, 22, 30, R, ANON, NULL, 0);
	add(rs, 33, 40, RW, ANON, NULL, 0);
	/* First fit: the gap of 2 at 20 is the lowest for 1 or 2 pages. */
	assert_int_equal(vm_regions_find_free(rs, P(1), P(10), P(100), &a), 0);
	assert_int_equal(a, P(20));
	assert_int_equal(vm_regions_find_free(rs, P(2), P(10), P(100), &a), 0);
	assert_int_equal(a, P(20));
	/* Exact fit of 3 at 30, before the open space from 40. */
	assert_int_equal(vm_regions_find_free(rs, P(3), P(10), P(100), &a), 0);
	assert_int_equal(a, P(30));
	assert_int_equal(vm_regions_find_free(rs, P(4), P(10), P(100), &a), 0);
	assert_int_equal(a, P(40));
	/* lo inside a region or a gap. */
	assert_int_equal(vm_regions_find_free(rs, P(1), P(15), P(100), &a), 0);
	assert_int_equal(a, P(20));
	assert_int_equal(vm_regions_find_free(rs, P(1), P(21), P(100), &a), 0);
	assert_int_equal(a, P(21));
	assert_int_equal(vm_regions_find_free(rs, P(5), P(0), P(100), &a), 0);
	assert_int_equal(a, P(0));
	/* hi: an exact fit up to hi, then one page too many. */
	assert_int_equal(vm_regions_find_free(rs, P(5), P(10), P(45), &a), 0);
	assert_int_equal(a, P(40));
	a = 12345;
	assert_int_equal(vm_regions_find_free(rs, P(6), P(10), P(45), &a), -ENOMEM);
	assert_int_equal(vm_regions_find_free(rs, P(3), P(10), P(32), &a), -ENOMEM);
	assert_int_equal(vm_regions_find_free(rs, P(1), P(12), P(18), &a), -ENOMEM);
	assert_int_equal(vm_regions_find_free(rs, P(1), P(50), P(50), &a), -ENOMEM);
	assert_int_equal(vm_regions_find_free(rs, P(1), P(60), P(50), &a), -ENOMEM);
	assert_int_equal(a, 12345);
	/* Bad arguments. */
	assert_int_equal(vm_regions_find_free(rs, 0, P(0), P(100), &a), -EINVAL);
	assert_int_equal(vm_regions_find_free(rs, 100, P(0), P(100), &a), -EINVAL);
	assert_int_equal(vm_regions_find_free(rs, P(1), 1, P(100), &a), -EINVAL);
	assert_int_equal(vm_regions_find_free(rs, P(1), 0, P(100) + 1, &a), -EINVAL);
}

static void test_find_free_top(void **state)
{
	struct vm_regions *rs = *state;
	const uint64_t top = UINT64_MAX - PG + 1; /* the last page */
	uint64_t a = 0;

	/* Near the top of the address space nothing may wrap around. */
	assert_int_equal(vm_regions_insert(rs, top - P(4), top - P(2), R, ANON, NULL, 0), 0);
	assert_int_equal(vm_regions_find_free(rs, P(2), top - P(8), top, &a), 0);
	assert_int_equal(a, top - P(8));
	assert_int_equal(vm_regions_find_free(rs, P(4), top - P(4), top, &a), -ENOMEM);
	assert_int_equal(vm_regions_find_free(rs, P(2), top - P(4), top, &a), 0);
	assert_int_equal(a, top - P(2));
	assert_int_equal(vm_regions_find_free(rs, top, 0, top, &a), -ENOMEM);
	assert_int_equal(vm_regions_find_free(rs, top - P(4), 0, top, &a), 0);
	assert_int_equal(a, 0);
	assert_int_equal(vm_regions_find_free(rs, UINT64_MAX & ~(PG - 1), P(1), top, &a), -ENOMEM);
}

static void test_remove_split_three(void **state)
{
	struct vm_regions *rs = *state;
	struct vmrfix_list pc = { 0 };

	add(rs, 10, 20, RW, 0, &obj_a, 100);
	assert_int_equal(vm_regions_remove(rs, P(13), P(15), vmrfix_record, &pc), 0);
	vmrfix_check_set(rs);
	assert_int_equal(rs->count, 2);
	assert_region(vm_regions_find(rs, P(10)), 10, 13, RW, &obj_a, 100);
	assert_region(vm_regions_find(rs, P(15)), 15, 20, RW, &obj_a, 105);
	assert_null(vm_regions_find(rs, P(13)));
	assert_null(vm_regions_find(rs, P(14)));
	assert_int_equal(pc.n, 1);
	assert_region(&pc.r[0], 13, 15, RW, &obj_a, 103);
	/* Inserting the middle back (same offset) restores the one region. */
	add(rs, 13, 15, RW, 0, &obj_a, 103);
	assert_int_equal(rs->count, 1);
	assert_region(vm_regions_find(rs, P(14)), 10, 20, RW, &obj_a, 100);
}

static void test_remove_spanning(void **state)
{
	struct vm_regions *rs = *state;
	struct vmrfix_list pc = { 0 };

	add(rs, 0, 4, RW, 0, &obj_a, 0);
	add(rs, 6, 10, R, ANON, NULL, 0);
	add(rs, 12, 16, RX, 0, &obj_b, 50);
	add(rs, 20, 24, RW, ANON, NULL, 0);
	/* Needs no memory: nothing is cut in three. */
	vmrfix_mem.budget = 0;
	assert_int_equal(vm_regions_remove(rs, P(2), P(14), vmrfix_record, &pc), 0);
	vmrfix_check_set(rs);
	assert_int_equal(pc.n, 3);
	assert_region(&pc.r[0], 2, 4, RW, &obj_a, 2);
	assert_region(&pc.r[1], 6, 10, R, NULL, 0);
	assert_region(&pc.r[2], 12, 14, RX, &obj_b, 50);
	assert_int_equal(rs->count, 3);
	assert_region(vm_regions_find(rs, P(1)), 0, 2, RW, &obj_a, 0);
	assert_region(vm_regions_find(rs, P(14)), 14, 16, RX, &obj_b, 52);
	assert_region(vm_regions_find(rs, P(20)), 20, 24, RW, NULL, 0);
	for (uint64_t p = 2; p < 14; p++)
		assert_null(vm_regions_find(rs, P(p)));
	/* A range with no region at all, and exact whole regions. */
	pc.n = 0;
	assert_int_equal(vm_regions_remove(rs, P(4), P(14), vmrfix_record, &pc), 0);
	assert_int_equal(pc.n, 0);
	assert_int_equal(vm_regions_remove(rs, P(14), P(24), vmrfix_record, &pc), 0);
	assert_int_equal(pc.n, 2);
	assert_region(&pc.r[0], 14, 16, RX, &obj_b, 52);
	assert_region(&pc.r[1], 20, 24, RW, NULL, 0);
	assert_int_equal(vm_regions_remove(rs, 0, UINT64_MAX & ~(PG - 1), NULL, NULL), 0);
	assert_int_equal(rs->count, 0);
	assert_int_equal(vmrfix_mem.live, 0);
	assert_int_equal(vm_regions_remove(rs, P(1), P(1), NULL, NULL), -EINVAL);
	assert_int_equal(vm_regions_remove(rs, P(1) + 1, P(2), NULL, NULL), -EINVAL);
	assert_int_equal(vm_regions_remove(rs, P(3), P(2), NULL, NULL), -EINVAL);
}

static void test_protect_split_merge(void **state)
{
	struct vm_regions *rs = *state;

	add(rs, 0, 10, RW, 0, &obj_a, 20);
	assert_int_equal(vm_regions_protect(rs, P(3), P(5), R), 0);
	vmrfix_check_set(rs);
	assert_int_equal(rs->count, 3);
	assert_region(vm_regions_find(rs, P(2)), 0, 3, RW, &obj_a, 20);
	assert_region(vm_regions_find(rs, P(4)), 3, 5, R, &obj_a, 23);
	assert_region(vm_regions_find(rs, P(5)), 5, 10, RW, &obj_a, 25);
	/* Widening the change joins the left part; then all back to one. */
	assert_int_equal(vm_regions_protect(rs, P(0), P(4), R), 0);
	vmrfix_check_set(rs);
	assert_int_equal(rs->count, 2);
	assert_region(vm_regions_find(rs, P(0)), 0, 5, R, &obj_a, 20);
	assert_int_equal(vm_regions_protect(rs, P(0), P(5), RW), 0);
	vmrfix_check_set(rs);
	assert_int_equal(rs->count, 1);
	assert_region(vm_regions_find(rs, P(9)), 0, 10, RW, &obj_a, 20);
	/* Across two regions that end up equal: they merge. */
	add(rs, 10, 12, R, 0, &obj_a, 30);
	assert_int_equal(rs->count, 2);
	assert_int_equal(vm_regions_protect(rs, P(10), P(12), RW), 0);
	vmrfix_check_set(rs);
	assert_int_equal(rs->count, 1);
	assert_region(vm_regions_find(rs, P(11)), 0, 12, RW, &obj_a, 20);
	/* Unchanged prot needs no split and so no memory. */
	vmrfix_mem.budget = 0;
	assert_int_equal(vm_regions_protect(rs, P(3), P(4), RW), 0);
	assert_int_equal(rs->count, 1);
	assert_int_equal(vm_regions_protect(rs, P(3), P(4), R), -ENOMEM);
	assert_int_equal(vm_regions_protect(rs, P(0), P(12), R), 0);
	assert_region(vm_regions_find(rs, P(11)), 0, 12, R, &obj_a, 20);
	vmrfix_check_set(rs);
	/* Bad arguments. */
	assert_int_equal(vm_regions_protect(rs, P(1), P(1), R), -EINVAL);
	assert_int_equal(vm_regions_protect(rs, P(1), P(2) + 4, R), -EINVAL);
	assert_int_equal(vm_regions_protect(rs, P(1), P(2), 9), -EINVAL);
}

static void test_protect_hole(void **state)
{
	struct vm_regions *rs = *state;
	struct vmrfix_list before, after;

	add(rs, 0, 4, RW, ANON, NULL, 0);
	add(rs, 5, 8, R, 0, &obj_a, 0);
	add(rs, 8, 9, VM_EXEC, 0, &obj_a, 3);
	vmrfix_take(rs, &before);
	assert_int_equal(vm_regions_protect(rs, P(2), P(6), R), -ENOMEM);
	assert_int_equal(vm_regions_protect(rs, P(3), P(5), R), -ENOMEM);
	assert_int_equal(vm_regions_protect(rs, P(4), P(5), R), -ENOMEM);
	assert_int_equal(vm_regions_protect(rs, P(6), P(10), R), -ENOMEM);
	assert_int_equal(vm_regions_protect(rs, P(9), P(10), R), -ENOMEM);
	assert_int_equal(vm_regions_protect(rs, P(100), P(101), R), -ENOMEM);
	vmrfix_take(rs, &after);
	vmrfix_assert_same(&before, &after);
	/* Mapped without a hole across two regions: fine. */
	assert_int_equal(vm_regions_protect(rs, P(6), P(9), RW), 0);
	vmrfix_check_set(rs);
	assert_region(vm_regions_find(rs, P(8)), 6, 9, RW, &obj_a, 1);
}

static void test_guard(void **state)
{
	struct vm_regions *rs = *state;
	struct vmrfix_list before, after;

	add(rs, 0, 8, RW, ANON | VM_REGION_STACK, NULL, 0);
	add(rs, 8, 9, 0, VM_REGION_GUARD, NULL, 0);
	add(rs, 9, 10, 0, VM_REGION_GUARD, NULL, 0);
	assert_int_equal(rs->count, 2);
	vmrfix_take(rs, &before);
	assert_int_equal(vm_regions_protect(rs, P(8), P(9), RW), -EACCES);
	assert_int_equal(vm_regions_protect(rs, P(8), P(10), 0), -EACCES);
	assert_int_equal(vm_regions_protect(rs, P(4), P(9), R), -EACCES);
	/* A hole is reported before a guard. */
	assert_int_equal(vm_regions_protect(rs, P(4), P(11), R), -ENOMEM);
	vmrfix_take(rs, &after);
	vmrfix_assert_same(&before, &after);
	/* munmap of a guard page is allowed. */
	assert_int_equal(vm_regions_remove(rs, P(8), P(9), NULL, NULL), 0);
	assert_int_equal(vm_regions_find(rs, P(9))->flags, VM_REGION_GUARD);
}

/* Fill @rs with @n separate regions of assorted kinds. */
static void fill(struct vm_regions *rs, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		void *obj = i % 3 == 0 ? NULL : i % 3 == 1 ? (void *)&obj_a : (void *)&obj_b;

		add(rs, 3 * i, 3 * i + 1 + i % 2, i % 2 ? RW : R, obj ? 0 : ANON, obj, i);
	}
}

static void test_clone(void **state)
{
	struct vm_regions *rs = *state;
	struct vm_regions dst;
	struct vmrfix_list a, b;

	fill(rs, 100);
	vm_regions_init(&dst, vmrfix_alloc, vmrfix_free);
	assert_int_equal(vm_regions_clone(&dst, rs), 0);
	assert_int_equal(vmrfix_mem.live, 200);
	vmrfix_take(rs, &a);
	vmrfix_take(&dst, &b);
	vmrfix_assert_same(&a, &b);
	assert_int_equal(vmrfix_check_tree(&dst), dst.count);
	for (unsigned i = 0; i < 100; i++) {
		struct vm_region *x = vm_regions_find(rs, P(3 * i)),
				 *y = vm_regions_find(&dst, P(3 * i));

		assert_true(x != y && vmrfix_same(x, y));
	}
	/* Independent: changing the copy leaves the source alone. */
	assert_int_equal(vm_regions_remove(&dst, 0, P(30), NULL, NULL), 0);
	vmrfix_take(rs, &b);
	vmrfix_assert_same(&a, &b);
	assert_int_equal(vm_regions_clone(&dst, rs), -EINVAL);
	vm_regions_destroy(&dst, NULL, NULL);
	assert_int_equal(vmrfix_mem.live, 100);
	/* An empty source gives an empty copy. */
	vm_regions_destroy(rs, NULL, NULL);
	assert_int_equal(vm_regions_clone(&dst, rs), 0);
	assert_null(dst.root);
	assert_int_equal(dst.count, 0);
}

static void test_alloc_failure(void **state)
{
	struct vm_regions *rs = *state;
	struct vm_regions dst;
	struct vmrfix_list pc = { 0 };
	struct vmrfix_list before, after;

	fill(rs, 40);
	add(rs, 200, 210, RW, 0, &obj_a, 0);
	vmrfix_take(rs, &before);
	vmrfix_mem.budget = 0;
	assert_int_equal(vm_regions_insert(rs, P(300), P(301), R, ANON, NULL, 0), -ENOMEM);
	assert_int_equal(vm_regions_remove(rs, P(202), P(204), vmrfix_record, &pc), -ENOMEM);
	assert_int_equal(pc.n, 0);
	assert_int_equal(vm_regions_protect(rs, P(202), P(204), R), -ENOMEM);
	/* Two splits, memory for one: the first spare must go back. */
	vmrfix_mem.budget = 1;
	assert_int_equal(vm_regions_protect(rs, P(202), P(204), R), -ENOMEM);
	vmrfix_take(rs, &after);
	vmrfix_assert_same(&before, &after);
	vmrfix_check_set(rs);
	/* Clone failing at every possible point leaves dst empty, no leak. */
	vm_regions_init(&dst, vmrfix_alloc, vmrfix_free);
	for (long n = 0; n < (long)rs->count; n++) {
		vmrfix_mem.budget = n;
		assert_int_equal(vm_regions_clone(&dst, rs), -ENOMEM);
		assert_null(dst.root);
		assert_int_equal(dst.count, 0);
		assert_int_equal(vmrfix_mem.live, (long)rs->count);
	}
	vmrfix_mem.budget = (long)rs->count;
	assert_int_equal(vm_regions_clone(&dst, rs), 0);
	vmrfix_take(&dst, &after);
	vmrfix_assert_same(&before, &after);
	vm_regions_destroy(&dst, NULL, NULL);
	/* With memory again the same operations work. */
	vmrfix_mem.budget = -1;
	assert_int_equal(vm_regions_protect(rs, P(202), P(204), R), 0);
	vmrfix_check_set(rs);
	assert_int_equal(rs->count, before.n + 2);
}

static int stop_at(void *arg, const struct vm_region *r)
{
	struct vmrfix_list *s = arg;

	vmrfix_record(s, r);
	return r->start == P(6) ? 42 : 0;
}

static void test_walk_destroy(void **state)
{
	struct vm_regions *rs = *state;
	struct vmrfix_list s = { 0 };
	struct vmrfix_list pc = { 0 };

	fill(rs, 10);
	assert_int_equal(vm_regions_walk(rs, stop_at, &s), 42);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.r[0].start, 0);
	assert_int_equal(s.r[1].start, P(3));
	vmrfix_take(rs, &s);
	vm_regions_destroy(rs, vmrfix_record, &pc);
	assert_int_equal(pc.n, 10);
	for (size_t i = 0; i < 10; i++)
		assert_true(vmrfix_same(&pc.r[i], &s.r[i]));
	assert_null(rs->root);
	assert_int_equal(rs->count, 0);
	assert_int_equal(vmrfix_mem.live, 0);
	/* Reusable after destroy. */
	add(rs, 1, 2, R, ANON, NULL, 0);
	assert_non_null(vm_regions_find(rs, P(1)));
}

/* ---- Randomised test against a page-granular model --------------------- */

#define NPAGES 256
#define BASE   0x40000000ULL
#define A(p)   (BASE + P(p))

struct mpage {
	bool mapped;
	unsigned prot, flags;
	void *obj;
	uint64_t off; /* offset of this page; meaningful when obj != NULL */
};

static struct mpage model[NPAGES];

/* Outcomes seen, so the test can tell that it exercised every path. */
static unsigned seen_eexist, seen_enomem, seen_eacces, seen_hole, seen_merge, seen_free;

/* Does @r describe model page @p (and is it NULL where nothing is mapped)? */
static void check_page(const struct vm_region *r, unsigned p)
{
	const struct mpage *m = &model[p];

	if (!m->mapped) {
		assert_null(r);
		return;
	}
	assert_non_null(r);
	assert_true(r->start <= A(p) && A(p) < r->end);
	assert_int_equal(r->prot, m->prot);
	assert_int_equal(r->flags, m->flags);
	assert_ptr_equal(r->object, m->obj);
	if (m->obj)
		assert_int_equal(r->offset + (A(p) - r->start), m->off);
}

/* May model page @b, right after @a, share a region with it? */
static bool mpage_joins(const struct mpage *a, const struct mpage *b)
{
	return a->mapped && b->mapped && a->prot == b->prot && a->flags == b->flags &&
	       a->obj == b->obj && (!a->obj || a->off + PG == b->off);
}

/* The set must be exactly the maximal merge of the model's pages. */
static void check_model(struct vm_regions *rs)
{
	struct vmrfix_list s;
	size_t i = 0;

	vmrfix_check_set(rs);
	for (unsigned p = 0; p < NPAGES; p++)
		check_page(vm_regions_find(rs, A(p) + vmrfix_below(PG)), p);
	assert_null(vm_regions_find(rs, A(0) - 1));
	assert_null(vm_regions_find(rs, A(NPAGES)));
	vmrfix_take(rs, &s);
	for (unsigned p = 0, q; p < NPAGES; p = q) {
		q = p + 1;
		if (!model[p].mapped)
			continue;
		while (q < NPAGES && mpage_joins(&model[q - 1], &model[q]))
			q++;
		assert_true(i < s.n);
		assert_int_equal(s.r[i].start, A(p));
		assert_int_equal(s.r[i].end, A(q));
		i++;
	}
	assert_int_equal(i, s.n);
}

static void rnd_range(unsigned maxlen, unsigned *s, unsigned *e)
{
	*s = vmrfix_below(NPAGES);
	*e = *s + 1 + vmrfix_below(maxlen);
	if (*e > NPAGES)
		*e = NPAGES;
}

/*
 * Half the time a range inside one run of mapped (or free) pages, often
 * reaching an end of the run: uniform ranges mostly hit both kinds at once.
 */
static void rnd_range_in(bool mapped, unsigned maxlen, unsigned *s, unsigned *e)
{
	unsigned p = vmrfix_below(NPAGES), a = p, b = p + 1;

	if (vmrfix_below(2) || model[p].mapped != mapped) {
		rnd_range(maxlen, s, e);
		return;
	}
	while (a > 0 && model[a - 1].mapped == mapped)
		a--;
	while (b < NPAGES && model[b].mapped == mapped)
		b++;
	*s = vmrfix_below(2) ? a : a + vmrfix_below(p - a + 1);
	*e = vmrfix_below(2) ? b : p + 1 + vmrfix_below(b - p);
}

static unsigned count_mapped(unsigned s, unsigned e, unsigned flag)
{
	unsigned n = 0;

	for (unsigned p = s; p < e; p++)
		n += model[p].mapped && (model[p].flags & flag) == flag;
	return n;
}

static void op_insert(struct vm_regions *rs)
{
	static const unsigned prots[] = { R, RW, RW, RX };
	static const unsigned kinds[] = { ANON,
					  ANON,
					  ANON | VM_REGION_SHARED,
					  0,
					  VM_REGION_SHARED,
					  0,
					  ANON | VM_REGION_STACK,
					  VM_REGION_GUARD };
	unsigned s, e, flags = kinds[vmrfix_below(8)], failed = vmrfix_mem.failed;
	unsigned prot = flags & VM_REGION_GUARD ? 0 : prots[vmrfix_below(4)];
	void *obj = flags & (ANON | VM_REGION_GUARD) ? NULL : flags ? (void *)&obj_b : &obj_a;
	/* Mostly the offset that lets neighbours merge; sometimes another. */
	uint64_t off;
	size_t before = rs->count;
	int rc;

	rnd_range_in(false, 8, &s, &e);
	off = obj ? P(vmrfix_below(4) ? s : vmrfix_below(64)) : 0;
	rc = vm_regions_insert(rs, A(s), A(e), prot, flags, obj, off);
	if (count_mapped(s, e, 0)) {
		assert_int_equal(rc, -EEXIST);
		seen_eexist++;
		return;
	}
	if (rc == -ENOMEM) {
		assert_true(vmrfix_mem.failed > failed);
		seen_enomem++;
		return;
	}
	assert_int_equal(rc, 0);
	seen_merge += rs->count <= before;
	for (unsigned p = s; p < e; p++)
		model[p] = (struct mpage){ .mapped = true,
					   .prot = prot,
					   .flags = flags,
					   .obj = obj,
					   .off = off + P(p - s) };
}

/* The pieces remove() reported are exactly the mapped pages of [s, e). */
static void check_pieces(const struct vmrfix_list *pc, unsigned s, unsigned e)
{
	uint64_t prev_end = A(s);
	unsigned covered = 0;

	for (size_t i = 0; i < pc->n; i++) {
		const struct vm_region *r = &pc->r[i];

		assert_true(r->start >= prev_end && r->start < r->end && r->end <= A(e));
		for (uint64_t a = r->start; a < r->end; a += PG, covered++) {
			const struct mpage *m = &model[(a - BASE) / PG];

			assert_true(m->mapped && m->prot == r->prot && m->flags == r->flags);
			assert_ptr_equal(m->obj, r->object);
			if (m->obj)
				assert_int_equal(m->off, r->offset + (a - r->start));
		}
		prev_end = r->end;
	}
	assert_int_equal(covered, count_mapped(s, e, 0));
}

static void op_remove(struct vm_regions *rs)
{
	struct vmrfix_list pc = { 0 };
	unsigned s, e, failed = vmrfix_mem.failed;
	int rc;

	rnd_range(8, &s, &e);
	rc = vm_regions_remove(rs, A(s), A(e), vmrfix_record, &pc);
	if (rc == -ENOMEM) {
		assert_true(vmrfix_mem.failed > failed);
		assert_int_equal(pc.n, 0);
		seen_enomem++;
		return;
	}
	assert_int_equal(rc, 0);
	check_pieces(&pc, s, e);
	for (unsigned p = s; p < e; p++)
		model[p].mapped = false;
}

static void op_protect(struct vm_regions *rs)
{
	static const unsigned prots[] = { 0, R, RW, RX, RW, R };
	unsigned s, e, prot = prots[vmrfix_below(6)], failed = vmrfix_mem.failed;
	int rc;

	rnd_range_in(true, 16, &s, &e);
	rc = vm_regions_protect(rs, A(s), A(e), prot);
	if (count_mapped(s, e, 0) < e - s) {
		assert_int_equal(rc, -ENOMEM);
		assert_int_equal(vmrfix_mem.failed, failed);
		seen_hole++;
		return;
	}
	if (count_mapped(s, e, VM_REGION_GUARD)) {
		assert_int_equal(rc, -EACCES);
		seen_eacces++;
		return;
	}
	if (rc == -ENOMEM) {
		assert_true(vmrfix_mem.failed > failed);
		seen_enomem++;
		return;
	}
	assert_int_equal(rc, 0);
	for (unsigned p = s; p < e; p++)
		model[p].prot = prot;
}

static void op_find_free(struct vm_regions *rs)
{
	unsigned len = 1 + vmrfix_below(8), lo = vmrfix_below(NPAGES);
	unsigned hi = lo + vmrfix_below(NPAGES - lo + 1);
	uint64_t addr = 0;
	int rc = vm_regions_find_free(rs, P(len), A(lo), A(hi), &addr);

	for (unsigned a = lo; a + len <= hi; a++) {
		if (count_mapped(a, a + len, 0) == 0) {
			assert_int_equal(rc, 0);
			assert_int_equal(addr, A(a));
			seen_free++;
			return;
		}
	}
	assert_int_equal(rc, -ENOMEM);
}

static void op_clone(struct vm_regions *rs)
{
	struct vm_regions dst;
	struct vmrfix_list a, b;
	int rc;

	vm_regions_init(&dst, vmrfix_alloc, vmrfix_free);
	rc = vm_regions_clone(&dst, rs);
	if (rc == -ENOMEM) {
		assert_null(dst.root);
		assert_int_equal(dst.count, 0);
		seen_enomem++;
		return;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(vmrfix_check_tree(&dst), rs->count);
	vmrfix_take(rs, &a);
	vmrfix_take(&dst, &b);
	vmrfix_assert_same(&a, &b);
	vm_regions_destroy(&dst, NULL, NULL);
}

static void test_random(void **state)
{
	struct vm_regions *rs = *state;
	unsigned op;

	vmrfix_rng = 0x9e3779b97f4a7c15ULL;
	memset(model, 0, sizeof(model));
	vmrfix_mem.fail_pct = 5;
	for (unsigned i = 0; i < 20000; i++) {
		op = vmrfix_below(100);
		if (op < 38)
			op_insert(rs);
		else if (op < 58)
			op_remove(rs);
		else if (op < 83)
			op_protect(rs);
		else if (op < 97)
			op_find_free(rs);
		else
			op_clone(rs);
		check_model(rs);
	}
	vmrfix_mem.fail_pct = 0;
	assert_true(seen_eexist && seen_enomem && seen_eacces && seen_hole && seen_merge &&
		    seen_free);
}

/* Every test gets a fresh set and must leave no region behind. */
#define TEST(f) cmocka_unit_test_setup_teardown(f, vmrfix_setup, vmrfix_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_insert_find),
		TEST(test_insert_invalid),
		TEST(test_overlap_refused),
		TEST(test_merge_on_insert),
		TEST(test_find_free),
		TEST(test_find_free_top),
		TEST(test_remove_split_three),
		TEST(test_remove_spanning),
		TEST(test_protect_split_merge),
		TEST(test_protect_hole),
		TEST(test_guard),
		TEST(test_clone),
		TEST(test_alloc_failure),
		TEST(test_walk_destroy),
		TEST(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
