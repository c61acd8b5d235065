/*
 * The region set of an address space (see vm_region.h); the AVL tree it
 * stands on is in vm_region_tree.c.
 *
 * Why a tree and not a sorted array with binary search: the page-fault path
 * looks a region up on every fault (O(log n) either way), but the vm module
 * also keeps pointers to regions across calls, and an array would move them
 * on every insert and grow by reallocation; a tree of separately allocated
 * nodes never moves a region and changes in O(log n).
 *
 * Every operation that can fail for want of memory allocates all it needs
 * before it changes anything, so -ENOMEM always means "nothing happened".
 * Merging never needs memory: an insert beside an equal region grows it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <uapi/errno.h>

#include "vm_region.h"
#include "vm_region_tree.h"

/* ---- Regions: validation, splitting, merging -------------------------- */

static bool vmr_aligned(uint64_t x)
{
	return (x & (PAGE_SIZE - 1)) == 0;
}

static bool vmr_range_ok(uint64_t start, uint64_t end)
{
	return vmr_aligned(start) && vmr_aligned(end) && start < end;
}

/* Can @b, which must start where @a ends, be folded into @a? */
static bool vmr_mergeable(const struct vm_region *a, const struct vm_region *b)
{
	return a->end == b->start && a->prot == b->prot && a->flags == b->flags &&
	       a->object == b->object &&
	       (!a->object || a->offset + (a->end - a->start) == b->offset);
}

/* Fold the successor of @r into @r if they are mergeable. */
static bool vmr_merge_next(struct vm_regions *rs, struct vm_region *r)
{
	struct vm_region *next = vm_rtree_next(r);

	if (!next || !vmr_mergeable(r, next))
		return false;
	r->end = next->end;
	vm_rtree_unlink(rs, next);
	rs->free(next);
	return true;
}

/* Merge every mergeable pair from @r up to the first region past @end. */
static void vmr_merge_range(struct vm_regions *rs, struct vm_region *r, uint64_t end)
{
	while (r && r->start < end) {
		if (!vmr_merge_next(rs, r))
			r = vm_rtree_next(r);
	}
}

/*
 * Cut @r at @at, strictly inside it: @r keeps [start, at), the unused node
 * @right takes [at, end) with the same attributes and a moved offset.
 */
static void vmr_split(struct vm_regions *rs, struct vm_region *r, uint64_t at,
		      struct vm_region *right)
{
	right->start = at;
	right->end = r->end;
	right->prot = r->prot;
	right->flags = r->flags;
	right->object = r->object;
	right->offset = r->offset + (at - r->start);
	r->end = at;
	vm_rtree_link(rs, right);
}

/* ---- The interface ------------------------------------------------------ */

void vm_regions_init(struct vm_regions *rs, void *(*alloc)(size_t), void (*free)(void *))
{
	rs->root = NULL;
	rs->count = 0;
	rs->alloc = alloc;
	rs->free = free;
}

static bool vmr_args_ok(uint64_t start, uint64_t end, unsigned prot, unsigned flags,
			uint64_t offset)
{
	if (!vmr_range_ok(start, end) || !vmr_aligned(offset))
		return false;
	if ((prot & ~(unsigned)VM_PROT_ALL) || (flags & ~(unsigned)VM_REGION_FLAGS_ALL))
		return false;
	return !(flags & VM_REGION_GUARD) || prot == 0;
}

int vm_regions_insert(struct vm_regions *rs, uint64_t start, uint64_t end, unsigned prot,
		      unsigned flags, void *object, uint64_t offset)
{
	const struct vm_region key = {
		.start = start,
		.end = end,
		.prot = prot,
		.flags = flags,
		.object = object,
		.offset = offset,
	};
	struct vm_region *next, *prev, *n;

	if (!vmr_args_ok(start, end, prot, flags, offset))
		return -EINVAL;
	next = vm_rtree_first_after(rs, start);
	if (next && next->start < end)
		return -EEXIST;
	prev = next ? vm_rtree_prev(next) : vm_rtree_last(rs);
	if (prev && vmr_mergeable(prev, &key)) {
		prev->end = end;
		vmr_merge_next(rs, prev);
		return 0;
	}
	if (next && vmr_mergeable(&key, next)) {
		next->start = start;
		next->offset = offset;
		return 0;
	}
	n = rs->alloc(sizeof(*n));
	if (!n)
		return -ENOMEM;
	*n = key;
	vm_rtree_link(rs, n);
	return 0;
}

struct vm_region *vm_regions_find(struct vm_regions *rs, uint64_t addr)
{
	struct vm_region *r = vm_rtree_first_after(rs, addr);

	return r && r->start <= addr ? r : NULL;
}

int vm_regions_find_free(const struct vm_regions *rs, uint64_t len, uint64_t lo, uint64_t hi,
			 uint64_t *addr)
{
	const struct vm_region *r;
	uint64_t cur = lo;

	if (!len || !vmr_aligned(len) || !vmr_aligned(lo) || !vmr_aligned(hi))
		return -EINVAL;
	for (r = vm_rtree_first_after(rs, lo); r && r->start < hi; r = vm_rtree_next(r)) {
		if (r->start >= cur && r->start - cur >= len)
			break;
		if (r->end > cur)
			cur = r->end;
	}
	if (cur >= hi || hi - cur < len)
		return -ENOMEM;
	*addr = cur;
	return 0;
}

/* Remove the part of @r inside [start, end); @r must not stick out both sides. */
static void vmr_cut(struct vm_regions *rs, struct vm_region *r, uint64_t start, uint64_t end,
		    vm_region_drop_fn *drop, void *arg)
{
	struct vm_region piece = *r;

	piece.left = piece.right = piece.parent = NULL;
	if (r->start < start) {
		piece.start = start;
		piece.offset = r->offset + (start - r->start);
		if (drop)
			drop(arg, &piece);
		r->end = start;
	} else if (r->end > end) {
		piece.end = end;
		if (drop)
			drop(arg, &piece);
		r->offset += end - r->start;
		r->start = end;
	} else {
		if (drop)
			drop(arg, r);
		vm_rtree_unlink(rs, r);
		rs->free(r);
	}
}

int vm_regions_remove(struct vm_regions *rs, uint64_t start, uint64_t end, vm_region_drop_fn *drop,
		      void *arg)
{
	struct vm_region *r, *next;

	if (!vmr_range_ok(start, end))
		return -EINVAL;
	r = vm_rtree_first_after(rs, start);
	if (r && r->start < start && r->end > end) {
		struct vm_region *right = rs->alloc(sizeof(*right));

		if (!right)
			return -ENOMEM;
		vmr_split(rs, r, end, right);
	}
	while (r && r->start < end) {
		next = vm_rtree_next(r);
		vmr_cut(rs, r, start, end, drop, arg);
		r = next;
	}
	return 0;
}

/* Check that [start, end) is all mapped, from @r (vm_rtree_first_after(start)) on. */
static int vmr_check_protect(const struct vm_region *r, uint64_t start, uint64_t end)
{
	uint64_t cur = start;
	bool guard = false;

	for (; r && r->start < end; r = vm_rtree_next(r)) {
		if (r->start > cur)
			return -ENOMEM;
		guard |= (r->flags & VM_REGION_GUARD) != 0;
		cur = r->end;
	}
	if (cur < end)
		return -ENOMEM;
	return guard ? -EACCES : 0;
}

/* Allocate @n (at most 2) nodes into @spare, all or none. */
static int vmr_get_spares(struct vm_regions *rs, struct vm_region *spare[2], int n)
{
	for (int i = 0; i < n; i++) {
		spare[i] = rs->alloc(sizeof(*spare[i]));
		if (!spare[i]) {
			while (i-- > 0)
				rs->free(spare[i]);
			return -ENOMEM;
		}
	}
	return 0;
}

/* Would the change (a protection, or -1; flags set and cleared) alter @p r? */
static bool vmr_differs(const struct vm_region *r, int prot, unsigned set, unsigned clear)
{
	return (prot >= 0 && r->prot != (unsigned)prot) || ((r->flags | set) & ~clear) != r->flags;
}

/* Change every region of [start, end): its protection (unless @p prot is
 * -1) and flags, splitting the two at the ends first, merging after. */
static int vmr_change(struct vm_regions *rs, uint64_t start, uint64_t end, int prot, unsigned set,
		      unsigned clear)
{
	struct vm_region *first, *last, *r, *spare[2];
	bool cut_first, cut_last;
	int err, used = 0;

	first = vm_rtree_first_after(rs, start);
	err = vmr_check_protect(first, start, end);
	if (err)
		return err;
	last = vm_regions_find(rs, end - 1);
	cut_first = vmr_differs(first, prot, set, clear) && first->start < start;
	cut_last = vmr_differs(last, prot, set, clear) && last->end > end;
	err = vmr_get_spares(rs, spare, cut_first + cut_last);
	if (err)
		return err;
	if (cut_first) {
		vmr_split(rs, first, start, spare[used]);
		if (last == first)
			last = spare[used];
		first = spare[used++];
	}
	if (cut_last)
		vmr_split(rs, last, end, spare[used]);
	for (r = first; r && r->start < end; r = vm_rtree_next(r)) {
		if (prot >= 0)
			r->prot = (unsigned)prot;
		r->flags = (r->flags | set) & ~clear;
	}
	r = vm_rtree_prev(first);
	vmr_merge_range(rs, r ? r : first, end);
	return 0;
}

int vm_regions_protect(struct vm_regions *rs, uint64_t start, uint64_t end, unsigned prot)
{
	if (!vmr_range_ok(start, end) || (prot & ~(unsigned)VM_PROT_ALL))
		return -EINVAL;
	return vmr_change(rs, start, end, (int)prot, 0, 0);
}

int vm_regions_mark(struct vm_regions *rs, uint64_t start, uint64_t end, unsigned set,
		    unsigned clear)
{
	if (!vmr_range_ok(start, end) || ((set | clear) & ~(unsigned)VM_REGION_HINTS))
		return -EINVAL;
	return vmr_change(rs, start, end, -1, set, clear);
}

int vm_regions_clone(struct vm_regions *dst, const struct vm_regions *src)
{
	if (dst->count || dst->root)
		return -EINVAL;
	if (vm_rtree_copy(dst, src)) {
		vm_rtree_free_all(dst);
		return -ENOMEM;
	}
	return 0;
}

void vm_regions_destroy(struct vm_regions *rs, vm_region_drop_fn *drop, void *arg)
{
	struct vm_region *r;

	if (drop) {
		for (r = vm_rtree_first(rs); r; r = vm_rtree_next(r))
			drop(arg, r);
	}
	vm_rtree_free_all(rs);
}

int vm_regions_walk(const struct vm_regions *rs, vm_region_walk_fn *fn, void *arg)
{
	const struct vm_region *r;
	int rc;

	for (r = vm_rtree_first(rs); r; r = vm_rtree_next(r)) {
		rc = fn(arg, r);
		if (rc)
			return rc;
	}
	return 0;
}
