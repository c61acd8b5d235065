/*
 * tests/host/vm_region_fixture.c - fixture of the region set's host tests.
 *
 * See vm_region_fixture.h. The invariant checks read the tree links of
 * struct vm_region directly, so a broken rotation shows up at once, not
 * only when a lookup later goes wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vm_region_fixture.h"

struct vmrfix_mem vmrfix_mem = { .budget = -1 };
uint64_t vmrfix_rng = 1;

unsigned vmrfix_below(unsigned n)
{
	/* xorshift64*: the same sequence for the same seed on every host. */
	vmrfix_rng ^= vmrfix_rng >> 12;
	vmrfix_rng ^= vmrfix_rng << 25;
	vmrfix_rng ^= vmrfix_rng >> 27;
	return (unsigned)((vmrfix_rng * 2685821657736338717ULL) >> 33) % n;
}

/* ---- Allocation hooks ---------------------------------------------------- */

void *vmrfix_alloc(size_t size)
{
	struct vmrfix_mem *m = &vmrfix_mem;
	void *p;

	assert_int_equal(size, sizeof(struct vm_region));
	if (m->budget == 0 || (m->fail_pct && vmrfix_below(100) < m->fail_pct)) {
		m->failed++;
		return NULL;
	}
	if (m->budget > 0)
		m->budget--;
	p = malloc(size);
	assert_non_null(p);
	/* Garbage, so code that trusts fresh memory to be zero fails. */
	memset(p, 0xa5, size);
	m->live++;
	return p;
}

void vmrfix_free(void *p)
{
	assert_non_null(p);
	vmrfix_mem.live--;
	free(p);
}

int vmrfix_setup(void **state)
{
	struct vm_regions *rs = malloc(sizeof(*rs));

	if (!rs)
		return -1;
	vm_regions_init(rs, vmrfix_alloc, vmrfix_free);
	vmrfix_mem = (struct vmrfix_mem){ .budget = -1 };
	*state = rs;
	return 0;
}

int vmrfix_teardown(void **state)
{
	struct vm_regions *rs = *state;

	vmrfix_mem.budget = -1;
	vmrfix_mem.fail_pct = 0;
	vm_regions_destroy(rs, NULL, NULL);
	free(rs);
	return vmrfix_mem.live == 0 ? 0 : -1;
}

/* ---- Lists ------------------------------------------------------------------ */

void vmrfix_record(void *arg, const struct vm_region *piece)
{
	struct vmrfix_list *l = arg;

	assert_true(l->n < VMRFIX_MAX);
	l->r[l->n++] = *piece;
}

static int vmrfix_take_one(void *arg, const struct vm_region *r)
{
	vmrfix_record(arg, r);
	return 0;
}

void vmrfix_take(const struct vm_regions *rs, struct vmrfix_list *l)
{
	l->n = 0;
	assert_int_equal(vm_regions_walk(rs, vmrfix_take_one, l), 0);
	assert_int_equal(l->n, rs->count);
}

bool vmrfix_same(const struct vm_region *a, const struct vm_region *b)
{
	return a->start == b->start && a->end == b->end && a->prot == b->prot &&
	       a->flags == b->flags && a->object == b->object && a->offset == b->offset;
}

void vmrfix_assert_same(const struct vmrfix_list *a, const struct vmrfix_list *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		assert_true(vmrfix_same(&a->r[i], &b->r[i]));
}

/* ---- Invariants --------------------------------------------------------------- */

bool vmrfix_mergeable(const struct vm_region *a, const struct vm_region *b)
{
	if (a->end != b->start || a->prot != b->prot || a->flags != b->flags)
		return false;
	if (a->object != b->object)
		return false;
	return a->object == NULL || b->offset - a->offset == a->end - a->start;
}

/* Check the subtree @n hanging below @parent inside [lo, hi); return its height. */
static int vmrfix_subtree(const struct vm_region *n, const struct vm_region *parent, uint64_t lo,
			  uint64_t hi, size_t *count)
{
	int l, r;

	if (!n)
		return 0;
	assert_ptr_equal(n->parent, parent);
	assert_true(n->start >= lo && n->end <= hi && n->start < n->end);
	l = vmrfix_subtree(n->left, n, lo, n->start, count);
	r = vmrfix_subtree(n->right, n, n->end, hi, count);
	assert_true(l - r <= 1 && r - l <= 1);
	assert_int_equal(n->height, 1 + (l > r ? l : r));
	++*count;
	return n->height;
}

size_t vmrfix_check_tree(const struct vm_regions *rs)
{
	size_t count = 0;

	vmrfix_subtree(rs->root, NULL, 0, UINT64_MAX, &count);
	return count;
}

void vmrfix_check_set(const struct vm_regions *rs)
{
	struct vmrfix_list list, *l = &list;

	assert_int_equal(vmrfix_check_tree(rs), rs->count);
	vmrfix_take(rs, l);
	for (size_t i = 0; i < l->n; i++) {
		const struct vm_region *r = &l->r[i];

		assert_true(r->start % PAGE_SIZE == 0 && r->end % PAGE_SIZE == 0);
		if (i) {
			assert_true(r[-1].end <= r->start);
			assert_false(vmrfix_mergeable(&r[-1], r));
		}
	}
	assert_int_equal((long)rs->count, vmrfix_mem.live);
}
