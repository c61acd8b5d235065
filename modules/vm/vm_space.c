/*
 * Address spaces: regions (vm_region.c) over page tables (kern/pmap.h).
 * Pages of private regions are filled on demand (vm_fault.c); pages of
 * shared regions are filled when mapped, so that a fork shares every one
 * of them (without a backing object, a page first touched after the fork
 * could not be shared). Frames are reference-counted by `page`.
 *
 * Invariants, true whenever the vm role's lock is free:
 *  - the regions of a space are sorted, never overlap, and lie inside
 *    [VM_USER_MIN, VM_USER_MAX); each starts and ends on a page boundary;
 *  - a guard region has no page mapped, ever;
 *  - a present page-table entry of a private region maps a frame whose
 *    reference count counts every space that maps it; an entry mapped
 *    read-only in a writable private region is copy-on-write: the fault
 *    copies it when the count is above 1, or takes it back writable when
 *    this space is its last holder;
 *  - every page of a shared region is present from vm_map() on, so that a
 *    fork maps the very same frames;
 *  - resident counts in vm_space_info follow the present entries;
 *  - a space has one link (vm_obj.c) to each object that one of its
 *    regions maps, and no other: every removal of regions prunes them.
 * The core's wrapper holds the vm role's mutex around every entry point,
 * so nothing here runs concurrently with itself.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/fmt.h>
#include <kern/page.h>
#include <kern/pmap.h>
#include <kern/string.h>
#include <kern/vm.h>
#include <uapi/errno.h>

#include "vm_priv.h"

/* Regions, pmap and the arch share one set of protection bits. */
unsigned vm_pmap_prot(const struct vm_region *r)
{
	return r->prot & VM_PROT_ALL;
}

struct vm_drop {
	struct vm_object *obj; /* the piece's object when its written pages are tracked */
	const struct vm_region *piece;
};

static void vm_drop_one(void *arg, uint64_t va, uint64_t pa, int dirty)
{
	const struct vm_drop *d = arg;

	if (d->obj && dirty) /* a file page written through it */
		vm_obj_note_dirty(d->obj, (va - d->piece->start + d->piece->offset) / PAGE_SIZE);
	page_unref(pa);
}

/* Drop callback of the region set: unmap the piece's pages, drop the frames. */
void vm_drop_pages(void *arg, const struct vm_region *piece)
{
	struct vm_space *s = arg;
	struct vm_object *o = piece->object;
	int track = o && (piece->flags & VM_REGION_SHARED) && o->pager && o->pager->dirtied;
	struct vm_drop d = { .obj = track ? o : NULL, .piece = piece };

	pmap_remove_range(s->root, piece->start, piece->end, vm_drop_one, &d);
}

static struct vm_space *vm_space_new(void)
{
	struct vm_space *s = vm_pool_alloc(sizeof(*s));

	if (s == NULL)
		return NULL;
	memset(s, 0, sizeof(*s));
	s->root = pmap_create();
	if (s->root == 0) {
		vm_pool_free(s);
		return NULL;
	}
	vm_regions_init(&s->regions, vm_pool_alloc, vm_pool_free);
	return s;
}

static void vm_space_free(struct vm_space *s)
{
	vm_regions_destroy(&s->regions, vm_drop_pages, s);
	vm_obj_prune(s, 1);
	pmap_destroy(s->root);
	vm_pool_free(s);
}

static int vm_populate(struct vm_space *s, uint64_t start, uint64_t end, unsigned prot)
{
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		uint64_t pa = page_alloc(0, PAGE_ZERO);

		if (pa == 0)
			return -ENOMEM;
		if (pmap_enter(s->root, va, pa, prot) != 0) {
			page_unref(pa);
			return -ENOMEM;
		}
	}
	return 0;
}

/* Pick the range of a new mapping: *start is the fixed address (whose old
 * contents go) or the hint; *len is rounded up to pages. */
static int vm_space_place(struct vm_space *s, uint64_t *start, uint64_t *len, unsigned prot,
			  unsigned flags)
{
	int rc;

	if (*len == 0 || *len > VM_USER_MAX || (prot & ~(VM_READ | VM_WRITE | VM_EXEC)))
		return -EINVAL;
	*len = (*len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (flags & VM_FIXED) {
		if (*start & (PAGE_SIZE - 1) || *start < PAGE_SIZE || *start > VM_USER_MAX - *len)
			return -EINVAL;
		rc = vm_regions_remove(&s->regions, *start, *start + *len, vm_drop_pages, s);
		vm_obj_prune(s, 0);
		return rc;
	}
	/* The hint is only a lower bound, rounded up to a page. */
	uint64_t lo =
	    *start > VM_USER_MIN ? (*start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1) : VM_USER_MIN;

	if (lo >= VM_USER_MAX ||
	    vm_regions_find_free(&s->regions, *len, lo, VM_USER_MAX, start) != 0)
		return -ENOMEM;
	return 0;
}

static int vm_space_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot,
			unsigned flags)
{
	unsigned rflags = VM_REGION_ANON;
	uint64_t start = *addr;
	int rc = vm_space_place(s, &start, &len, prot, flags);

	if (rc)
		return rc;
	if (flags & VM_SHARED)
		rflags |= VM_REGION_SHARED;
	if (flags & VM_GUARD) {
		rflags |= VM_REGION_GUARD;
		prot = 0;
	}
	rc = vm_regions_insert(&s->regions, start, start + len, prot, rflags, NULL, 0);
	if (rc == 0 && (flags & VM_SHARED) && !(flags & VM_GUARD)) {
		struct vm_region r = { .prot = prot };

		rc = vm_populate(s, start, start + len, vm_pmap_prot(&r));
		if (rc)
			vm_regions_remove(&s->regions, start, start + len, vm_drop_pages, s);
	}
	if (rc == 0)
		*addr = start;
	return rc;
}

/* An object's pages come on demand (vm_fault.c); the space links the
 * object (one reference) for as long as one of its regions maps it. */
static int vm_space_obj_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot,
			    unsigned flags, struct vm_object *o, uint64_t off)
{
	uint64_t start = *addr;
	int rc;

	if ((off & (PAGE_SIZE - 1)) || off > VM_OBJ_MAX || (flags & VM_GUARD) ||
	    !(flags & VM_SHARED) == !(flags & VM_PRIVATE))
		return -EINVAL;
	rc = vm_space_place(s, &start, &len, prot, flags);
	if (rc == 0)
		rc = vm_obj_link(s, o);
	if (rc == 0)
		rc = vm_regions_insert(&s->regions, start, start + len, prot,
				       flags & VM_SHARED ? VM_REGION_SHARED : 0, o, off);
	if (rc)
		vm_obj_prune(s, 0);
	if (rc == 0)
		*addr = start;
	return rc;
}

static int vm_space_unmap(struct vm_space *s, uint64_t addr, uint64_t len)
{
	int rc;

	if (addr & (PAGE_SIZE - 1) || len == 0 || addr >= VM_USER_MAX || len > VM_USER_MAX - addr)
		return -EINVAL;
	len = (len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	rc = vm_regions_remove(&s->regions, addr, addr + len, vm_drop_pages, s);
	vm_obj_prune(s, 0);
	return rc;
}

/* Present pages follow the new protection, except that a private page
 * still shared after a fork stays read-only until its copy-on-write fault. */
static int vm_space_protect(struct vm_space *s, uint64_t addr, uint64_t len, unsigned prot)
{
	int rc;

	if (addr & (PAGE_SIZE - 1) || len == 0 || addr >= VM_USER_MAX || len > VM_USER_MAX - addr)
		return -EINVAL;
	len = (len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	rc = vm_regions_protect(&s->regions, addr, addr + len, prot);
	if (rc)
		return rc;
	for (uint64_t va = pmap_next(s->root, addr, addr + len); va < addr + len;
	     va = pmap_next(s->root, va + PAGE_SIZE, addr + len)) {
		const struct vm_region *r = vm_regions_find(&s->regions, va);
		uint64_t pa = pmap_extract(s->root, va, NULL);
		unsigned p;

		if (r == NULL || pa == PMAP_NONE)
			continue;
		p = vm_pmap_prot(r);
		if (!(r->flags & VM_REGION_SHARED) && page_refcount(pa & ~(PAGE_SIZE - 1)) > 1)
			p &= ~VM_WRITE;
		pmap_protect(s->root, va, p);
	}
	return 0;
}

static void vm_space_activate(struct vm_space *s)
{
	pmap_activate(s->root);
}

static int vm_space_describe(struct vm_space *s, uint64_t addr, char *buf, size_t len)
{
	const struct vm_region *r = vm_regions_find(&s->regions, addr);

	if (r == NULL)
		return -ENOENT;
	fmt_snprintf(buf, len, "[%#lx-%#lx) %c%c%c %s %s%s", r->start, r->end,
		     r->prot & VM_READ ? 'r' : '-', r->prot & VM_WRITE ? 'w' : '-',
		     r->prot & VM_EXEC ? 'x' : '-',
		     r->flags & VM_REGION_SHARED ? "shared" : "private",
		     r->object ? "object" : "anon", r->flags & VM_REGION_GUARD ? " guard" : "");
	return 0;
}

struct vm_info_ctx {
	struct vm_space *s;
	struct vm_space_info *info;
};

static int vm_info_walk(void *arg, const struct vm_region *r)
{
	struct vm_info_ctx *c = arg;

	c->info->regions++;
	c->info->mapped += r->end - r->start;
	for (uint64_t va = pmap_next(c->s->root, r->start, r->end); va < r->end;
	     va = pmap_next(c->s->root, va + PAGE_SIZE, r->end))
		c->info->resident += PAGE_SIZE;
	return 0;
}

static void vm_space_get_info(struct vm_space *s, struct vm_space_info *info)
{
	struct vm_info_ctx c = { .s = s, .info = info };

	memset(info, 0, sizeof(*info));
	vm_regions_walk(&s->regions, vm_info_walk, &c);
	info->cow_faults = s->cow_faults;
	info->zero_faults = s->zero_faults;
}

const struct vm_ops region_vm_ops = {
	.version = VM_OPS_VERSION,
	.space_create = vm_space_new,
	.space_destroy = vm_space_free,
	.map = vm_space_map,
	.unmap = vm_space_unmap,
	.protect = vm_space_protect,
	.fork = vm_space_fork,
	.fault = vm_space_fault,
	.activate = vm_space_activate,
	.describe = vm_space_describe,
	.info = vm_space_get_info,
	.obj_create = vm_obj_new,
	.obj_resize = vm_obj_set_size,
	.obj_map = vm_space_obj_map,
	.obj_ref = vm_obj_hold,
	.obj_unref = vm_obj_release,
	.obj_info = vm_obj_get_info,
	.obj_create_pager = vm_obj_new_paged,
	.obj_get_page = vm_obj_get,
	.obj_take_dirty = vm_obj_take,
	.sync = vm_space_sync,
	.obj_shrink = vm_obj_drop_clean,
	.advise = vm_space_advise,
};
