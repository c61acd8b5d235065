/*
 * Page faults and fork. A fault on a page of a region is resolved in one
 * of two ways: demand-zero (no page yet: map a zeroed frame) or
 * copy-on-write (a write to a private page that fork left shared and
 * read-only: copy it, or just make it writable when this space holds the
 * last reference). Everything else is the caller's error: no region or a
 * guard (-EFAULT), or an access the region's protection forbids (-EACCES).
 * A region backed by a memory object takes its pages from the object
 * (vm_fault_object); a page past the object's end is -ENXIO (SIGBUS).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/page.h>
#include <kern/pmap.h>
#include <kern/vm.h>
#include <uapi/errno.h>

#include "vm_priv.h"

#define VM_FAULT_AHEAD	8  /* pages a fault of a MEM_SEQUENTIAL file mapping reads ahead */
#define VM_FAULT_AROUND 16 /* the window of resident pages a file fault maps */
#define VM_SHRINK_BATCH 32 /* frames a fault short of memory asks the shrinkers for */

static int vm_access_allowed(const struct vm_region *r, unsigned access)
{
	if ((access & VM_WRITE) && !(r->prot & VM_WRITE))
		return 0;
	if ((access & VM_EXEC) && !(r->prot & VM_EXEC))
		return 0;
	return (r->prot & (VM_READ | VM_WRITE | VM_EXEC)) != 0;
}

/* A frame for a fault; short of memory, the shrinkers (the page cache's
 * clean pages) are asked first: a fault may sleep, the allocator may not. */
/* A frame for user memory (PAGE_NORESERVE: not out of the kernel's reserve). */
static uint64_t vm_frame(unsigned flags)
{
	uint64_t pa = page_alloc(0, flags | PAGE_NORESERVE);

	if (pa == 0 && page_shrink(VM_SHRINK_BATCH) != 0)
		pa = page_alloc(0, flags | PAGE_NORESERVE);
	return pa;
}

static int vm_fault_zero(struct vm_space *s, const struct vm_region *r, uint64_t va)
{
	uint64_t pa = vm_frame(PAGE_ZERO);

	if (pa == 0)
		return -ENOMEM;
	if (pmap_enter(s->root, va, pa, vm_pmap_prot(r)) != 0) {
		page_unref(pa);
		return -ENOMEM;
	}
	s->zero_faults++;
	return 0;
}

static int vm_fault_cow(struct vm_space *s, const struct vm_region *r, uint64_t va, uint64_t pa)
{
	uint64_t copy;

	if (page_refcount(pa) == 1)
		return pmap_protect(s->root, va, vm_pmap_prot(r));
	copy = vm_frame(0);
	if (copy == 0)
		return -ENOMEM;
	pmap_copy_page(copy, pa);
	pmap_remove(s->root, va);
	if (pmap_enter(s->root, va, copy, vm_pmap_prot(r)) != 0) {
		page_unref(copy);
		pmap_enter(s->root, va, pa, vm_pmap_prot(r) & ~VM_WRITE);
		return -ENOMEM;
	}
	page_unref(pa);
	s->cow_faults++;
	return 0;
}

/* MEM_SEQUENTIAL: read the next pages of the file into its object, so the
 * faults that come next find them resident. */
static void vm_fault_ahead(const struct vm_region *r, uint64_t va)
{
	uint64_t pa, pg = (va - r->start + r->offset) / PAGE_SIZE;

	for (uint64_t i = 1; i <= VM_FAULT_AHEAD && va + i * PAGE_SIZE < r->end; i++)
		if (vm_obj_fill(r->object, pg + i, VM_GET_CACHED, &pa, 0) == -ENOENT &&
		    vm_obj_fill(r->object, pg + i, 0, &pa, 0) != 0)
			break;
}

/* A file mapping's fault maps the resident pages around it too (an aligned
 * window of VM_FAULT_AROUND pages), so reading a cached file takes one
 * fault per window, not per page. */
static void vm_fault_around(struct vm_space *s, const struct vm_region *r, uint64_t va,
			    unsigned prot)
{
	uint64_t lo = va & ~(VM_FAULT_AROUND * PAGE_SIZE - 1),
		 hi = lo + VM_FAULT_AROUND * PAGE_SIZE;
	uint64_t pas[VM_FAULT_AROUND];
	unsigned n;

	lo = lo > r->start ? lo : r->start;
	hi = hi < r->end ? hi : r->end;
	n = (unsigned)((hi - lo) / PAGE_SIZE);
	if (vm_obj_resident(r->object, (lo - r->start + r->offset) / PAGE_SIZE, n, pas) == 0)
		return;
	for (unsigned i = 0; i < n; i++) {
		uint64_t a = lo + (uint64_t)i * PAGE_SIZE;

		if (pas[i] && (a == va || pmap_enter(s->root, a, pas[i], prot) != 0))
			page_unref(pas[i]); /* the faulting page, or one already mapped */
	}
}

/* First touch of an object's page: map the object's frame (shared, or a
 * private mapping's read), or a copy of it (a private mapping's write). */
static int vm_fault_object(struct vm_space *s, const struct vm_region *r, uint64_t va,
			   unsigned access)
{
	uint64_t pa, copy;
	unsigned prot = vm_pmap_prot(r);
	uint64_t pg = (va - r->start + r->offset) / PAGE_SIZE;
	int rc = vm_obj_page(r->object, pg, &pa);

	if (rc == -ENOMEM && page_shrink(VM_SHRINK_BATCH) != 0)
		rc = vm_obj_page(r->object, pg, &pa);
	if (rc)
		return rc; /* -ENXIO past the end: the core sends SIGBUS */
	if (!(r->flags & VM_REGION_SHARED) && (access & VM_WRITE)) {
		copy = vm_frame(0);
		if (copy == 0)
			return -ENOMEM;
		pmap_copy_page(copy, pa);
		pa = copy;
		s->cow_faults++;
	} else {
		page_ref(pa);
		if (!(r->flags & VM_REGION_SHARED))
			prot &= ~VM_WRITE;
	}
	if (pmap_enter(s->root, va, pa, prot) != 0) {
		page_unref(pa);
		return -ENOMEM;
	}
	if (((struct vm_object *)r->object)->pager == NULL)
		return 0;
	if (r->flags & VM_REGION_SEQ)
		vm_fault_ahead(r, va);
	vm_fault_around(s, r, va, r->flags & VM_REGION_SHARED ? prot : prot & ~VM_WRITE);
	return 0;
}

int vm_space_fault(struct vm_space *s, uint64_t addr, unsigned access)
{
	const struct vm_region *r = vm_regions_find(&s->regions, addr);
	uint64_t va = addr & ~(PAGE_SIZE - 1), pa;
	unsigned cur;

	if (r == NULL || (r->flags & VM_REGION_GUARD))
		return -EFAULT;
	if (!vm_access_allowed(r, access))
		return -EACCES;
	pa = pmap_extract(s->root, va, &cur);
	if (pa == PMAP_NONE)
		return r->object ? vm_fault_object(s, r, va, access) : vm_fault_zero(s, r, va);
	pa &= ~(PAGE_SIZE - 1);
	if ((access & VM_WRITE) && !(cur & VM_WRITE) && !(r->flags & VM_REGION_SHARED))
		return vm_fault_cow(s, r, va, pa);
	/* Already mapped as asked: a stale TLB entry. Reload it and retry. */
	return pmap_protect(s->root, va, cur);
}

struct vm_fork_ctx {
	struct vm_space *parent;
	struct vm_space *child;
	int rc;
};

/* Share every present page of a region with the child; private ones
 * become read-only in both until written (copy-on-write). */
static int vm_fork_region(void *arg, const struct vm_region *r)
{
	struct vm_fork_ctx *c = arg;
	uint64_t root = c->parent->root;

	if (r->flags & VM_REGION_DONTFORK)
		return vm_regions_remove(&c->child->regions, r->start, r->end, NULL, NULL)
			   ? c->rc = -ENOMEM
			   : 0;

	for (uint64_t va = pmap_next(root, r->start, r->end); va < r->end;
	     va = pmap_next(root, va + PAGE_SIZE, r->end)) {
		unsigned prot;
		uint64_t pa = pmap_extract(c->parent->root, va, &prot);

		if (pa == PMAP_NONE)
			continue;
		pa &= ~(PAGE_SIZE - 1);
		if (!(r->flags & VM_REGION_SHARED)) {
			prot &= ~VM_WRITE;
			pmap_protect(c->parent->root, va, prot);
		}
		if (pmap_enter(c->child->root, va, pa, prot) != 0)
			return c->rc = -ENOMEM;
		page_ref(pa);
	}
	return 0;
}

struct vm_space *vm_space_fork(struct vm_space *parent)
{
	struct vm_space *child = region_vm_ops.space_create();
	struct vm_fork_ctx c = { .parent = parent, .child = child, .rc = 0 };

	if (child == NULL)
		return NULL;
	if (vm_regions_clone(&child->regions, &parent->regions) != 0 ||
	    vm_obj_fork_links(child, parent) != 0 ||
	    vm_regions_walk(&parent->regions, vm_fork_region, &c) != 0 || c.rc != 0) {
		region_vm_ops.space_destroy(child);
		return NULL;
	}
	vm_obj_prune(child, 0); /* objects only MEM_DONTFORK regions mapped */
	return child;
}
