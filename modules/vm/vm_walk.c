/*
 * The region walker /proc/<pid>/maps uses (kern/vm_walk.h): every region
 * of a space in address order, as a struct vm_region_desc. The vm role's
 * mutex is held by the core around the walk. Object-backed regions are
 * described as shared or private with their offset; naming them (a
 * shared-memory object's name, a file) is for the objects that have names.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/string.h>
#include <kern/vm_walk.h>

#include "vm_priv.h"

struct vm_walk_ctx {
	vm_walk_fn *fn;
	void *arg;
};

static int vm_walk_one(void *arg, const struct vm_region *r)
{
	struct vm_walk_ctx *c = arg;
	struct vm_region_desc d;

	memset(&d, 0, sizeof(d));
	d.start = r->start;
	d.end = r->end;
	d.prot = r->prot;
	d.flags = (r->flags & VM_REGION_SHARED ? VM_DESC_SHARED : 0) |
		  (r->flags & VM_REGION_GUARD ? VM_DESC_GUARD : 0) |
		  (r->flags & VM_REGION_STACK ? VM_DESC_STACK : 0);
	d.offset = r->object ? r->offset : 0;
	d.object = r->object;
	if (r->object) {
		struct vm_object *o = r->object;

		if (o->pager && o->pager->describe)
			o->pager->describe(o->owner, &d);
	}
	return c->fn(c->arg, &d);
}

int vm_walk_regions(struct vm_space *s, vm_walk_fn *fn, void *arg)
{
	struct vm_walk_ctx c = { fn, arg };

	return vm_regions_walk(&s->regions, vm_walk_one, &c);
}
