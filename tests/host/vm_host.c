/*
 * The vm's memory objects on the host, for the VFS's page cache in the io
 * and ext2 host tests: the real modules/vm object code (vm_obj.c,
 * vm_obj_page.c, the region set, the record pool) behind the kern/vm.h
 * wrappers the VFS calls, over the host's page tables (core/arch/host/mmu.c)
 * and buf_fakes.c's frames, with reference counts kept here.
 */
#include <stdint.h>
#include <stdlib.h>

#include <kern/lock.h>
#include <kern/vm.h>

#include "../../modules/vm/vm_priv.h"

void page_free(uint64_t pa, unsigned order);

#define VMH_SLOTS (1u << 20) /* frames counted at once, open addressing */

static struct {
	uint64_t pa;
	unsigned refs;
} vmh_refs[VMH_SLOTS];

static unsigned *vmh_slot(uint64_t pa, int make)
{
	for (unsigned i = (unsigned)(pa >> 12) % VMH_SLOTS, n = 0; n < VMH_SLOTS;
	     i = (i + 1) % VMH_SLOTS, n++) {
		if (vmh_refs[i].pa == pa)
			return &vmh_refs[i].refs;
		if (vmh_refs[i].pa == 0 && make) {
			vmh_refs[i].pa = pa;
			return &vmh_refs[i].refs;
		}
		if (vmh_refs[i].pa == 0)
			return NULL;
	}
	abort(); /* the table is full */
}

/* A frame with no entry has the one reference page_alloc() gave it. */
unsigned page_ref(uint64_t pa)
{
	unsigned *r = vmh_slot(pa, 1);

	if (*r == 0)
		*r = 1;
	return ++*r;
}

unsigned page_refcount(uint64_t pa)
{
	unsigned *r = vmh_slot(pa, 0);

	return r && *r ? *r : 1;
}

unsigned page_unref(uint64_t pa)
{
	unsigned *r = vmh_slot(pa, 0);

	if (r && *r > 1)
		return --*r;
	if (r)
		*r = 0; /* the slot stays (tombstone): a frame may come back at the same address */
	page_free(pa, 0);
	return 0;
}

__attribute__((weak)) int thr_sleep_mutex(const void *wchan, struct mutex *m, uint64_t timeout_ns)
{
	(void)wchan, (void)m, (void)timeout_ns;
	abort(); /* a busy page in a one-thread test: a fill never ended */
}

struct vm_object *vm_obj_create_pager(uint64_t size, const struct vm_pager *pg, void *owner)
{
	return vm_obj_new_paged(size, pg, owner);
}

struct vm_object *vm_obj_create(uint64_t size)
{
	return vm_obj_new(size);
}

int vm_obj_get_page(struct vm_object *o, uint64_t pgoff, unsigned flags, uint64_t *pa)
{
	return vm_obj_get(o, pgoff, flags, pa);
}

int vm_obj_resize(struct vm_object *o, uint64_t size)
{
	return vm_obj_set_size(o, size);
}

void vm_obj_ref(struct vm_object *o)
{
	if (o)
		vm_obj_hold(o);
}

void vm_obj_unref(struct vm_object *o)
{
	if (o)
		vm_obj_release(o);
}

void vm_obj_info(struct vm_object *o, struct vm_obj_info *info)
{
	vm_obj_get_info(o, info);
}

unsigned vm_obj_take_dirty(struct vm_object *o, uint64_t *pgoffs, uint64_t *pas, unsigned max)
{
	return vm_obj_take(o, pgoffs, pas, max);
}

uint64_t vm_obj_shrink(struct vm_object *o, uint64_t n)
{
	return vm_obj_drop_clean(o, n);
}
