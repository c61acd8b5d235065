/*
 * The AVL tree under a region set (see vm_region_tree.h).
 *
 * AVL rather than red-black: its stricter balance keeps lookups, the hot
 * operation (every page fault), a little shorter, and its code is smaller.
 *
 * Nodes carry parent links so that in-order neighbours are found without a
 * stack and rebalancing walks up iteratively: nothing here recurses, which
 * matters on a small kernel stack. Unlinking a node with two children
 * relinks its successor in its place instead of copying the successor's
 * contents, so region pointers held by callers stay valid.
 */
#include <stddef.h>
#include <stdint.h>

#include <uapi/errno.h>

#include "vm_region_tree.h"

static int vmr_height(const struct vm_region *n)
{
	return n ? n->height : 0;
}

static void vmr_fix_height(struct vm_region *n)
{
	int l = vmr_height(n->left), r = vmr_height(n->right);

	n->height = 1 + (l > r ? l : r);
}

/* Put @nw where @old hangs below @parent (or at the root). */
static void vmr_replace_child(struct vm_regions *rs, struct vm_region *parent,
			      struct vm_region *old, struct vm_region *nw)
{
	if (!parent)
		rs->root = nw;
	else if (parent->left == old)
		parent->left = nw;
	else
		parent->right = nw;
	if (nw)
		nw->parent = parent;
}

static struct vm_region *vmr_rotate_left(struct vm_regions *rs, struct vm_region *x)
{
	struct vm_region *y = x->right;

	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	vmr_replace_child(rs, x->parent, x, y);
	y->left = x;
	x->parent = y;
	vmr_fix_height(x);
	vmr_fix_height(y);
	return y;
}

static struct vm_region *vmr_rotate_right(struct vm_regions *rs, struct vm_region *x)
{
	struct vm_region *y = x->left;

	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	vmr_replace_child(rs, x->parent, x, y);
	y->right = x;
	x->parent = y;
	vmr_fix_height(x);
	vmr_fix_height(y);
	return y;
}

/* Restore the AVL property at @n; return the node now in its place. */
static struct vm_region *vmr_balance(struct vm_regions *rs, struct vm_region *n)
{
	int bf = vmr_height(n->left) - vmr_height(n->right);

	if (bf > 1) {
		if (vmr_height(n->left->left) < vmr_height(n->left->right))
			vmr_rotate_left(rs, n->left);
		return vmr_rotate_right(rs, n);
	}
	if (bf < -1) {
		if (vmr_height(n->right->right) < vmr_height(n->right->left))
			vmr_rotate_right(rs, n->right);
		return vmr_rotate_left(rs, n);
	}
	vmr_fix_height(n);
	return n;
}

/* Rebalance from @n up to the root: O(log n). */
static void vmr_rebalance(struct vm_regions *rs, struct vm_region *n)
{
	while (n)
		n = vmr_balance(rs, n)->parent;
}

/* Hang @n into the tree by its start; it must overlap no region. */
void vm_rtree_link(struct vm_regions *rs, struct vm_region *n)
{
	struct vm_region **link = &rs->root, *parent = NULL;

	while (*link) {
		parent = *link;
		link = n->start < parent->start ? &parent->left : &parent->right;
	}
	n->parent = parent;
	n->left = NULL;
	n->right = NULL;
	n->height = 1;
	*link = n;
	rs->count++;
	vmr_rebalance(rs, parent);
}

/* Take @n out of the tree (without freeing it). */
void vm_rtree_unlink(struct vm_regions *rs, struct vm_region *n)
{
	struct vm_region *fix;

	if (n->left && n->right) {
		struct vm_region *s = n->right;

		while (s->left)
			s = s->left;
		fix = s;
		if (s->parent != n) {
			fix = s->parent;
			vmr_replace_child(rs, s->parent, s, s->right);
			s->right = n->right;
			s->right->parent = s;
		}
		/* s takes n's place; its height is redone on the way up. */
		vmr_replace_child(rs, n->parent, n, s);
		s->left = n->left;
		s->left->parent = s;
	} else {
		fix = n->parent;
		vmr_replace_child(rs, n->parent, n, n->left ? n->left : n->right);
	}
	rs->count--;
	vmr_rebalance(rs, fix);
}

static struct vm_region *vmr_leftmost(struct vm_region *n)
{
	while (n && n->left)
		n = n->left;
	return n;
}

static struct vm_region *vmr_rightmost(struct vm_region *n)
{
	while (n && n->right)
		n = n->right;
	return n;
}

struct vm_region *vm_rtree_first(const struct vm_regions *rs)
{
	return vmr_leftmost(rs->root);
}

struct vm_region *vm_rtree_last(const struct vm_regions *rs)
{
	return vmr_rightmost(rs->root);
}

struct vm_region *vm_rtree_next(const struct vm_region *n)
{
	if (n->right)
		return vmr_leftmost(n->right);
	while (n->parent && n == n->parent->right)
		n = n->parent;
	return n->parent;
}

struct vm_region *vm_rtree_prev(const struct vm_region *n)
{
	if (n->left)
		return vmr_rightmost(n->left);
	while (n->parent && n == n->parent->left)
		n = n->parent;
	return n->parent;
}

struct vm_region *vm_rtree_first_after(const struct vm_regions *rs, uint64_t addr)
{
	struct vm_region *n = rs->root, *best = NULL;

	while (n) {
		if (n->end > addr) {
			best = n;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return best;
}

/* Bottom-up, unhooking each leaf before freeing it: no rebalancing. */
void vm_rtree_free_all(struct vm_regions *rs)
{
	struct vm_region *n = rs->root, *p;

	while (n) {
		if (n->left) {
			n = n->left;
			continue;
		}
		if (n->right) {
			n = n->right;
			continue;
		}
		p = n->parent;
		if (p && p->left == n)
			p->left = NULL;
		else if (p)
			p->right = NULL;
		rs->free(n);
		n = p;
	}
	rs->root = NULL;
	rs->count = 0;
}

/*
 * Walk both trees in lockstep: down into a child not copied yet, else up.
 * The copy has the same shape, so it is an AVL tree too, built in O(n).
 */
int vm_rtree_copy(struct vm_regions *dst, const struct vm_regions *src)
{
	const struct vm_region *s = src->root;
	struct vm_region *d = NULL, *n, **link = &dst->root;

	while (s) {
		if (link) {
			n = dst->alloc(sizeof(*n));
			if (!n)
				return -ENOMEM;
			*n = *s;
			n->left = n->right = NULL;
			n->parent = d;
			*link = n;
			dst->count++;
			d = n;
			link = NULL;
		}
		if (s->left && !d->left) {
			s = s->left;
			link = &d->left;
		} else if (s->right && !d->right) {
			s = s->right;
			link = &d->right;
		} else {
			s = s->parent;
			d = d->parent;
		}
	}
	return 0;
}
