/*
 * A pool of fixed 128-byte slots for the vm module's own records (regions,
 * spaces), carved from whole frames. vm registers before mem (the roles
 * load in the order page, vm, mem), so it keeps this small allocator of
 * its own instead of using mem_alloc().
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/page.h>
#include <kern/pmap.h>

#include "vm_priv.h"

#define VM_POOL_SLOT 128

struct vm_pool_slot {
	struct vm_pool_slot *next;
};

static struct vm_pool_slot *vm_pool_free_list;

static int vm_pool_grow(void)
{
	uint64_t pa = page_alloc(0, 0);
	char *base;

	if (pa == 0)
		return -1;
	base = page_virt(pa);
	for (size_t off = 0; off + VM_POOL_SLOT <= PAGE_SIZE; off += VM_POOL_SLOT) {
		struct vm_pool_slot *s = (struct vm_pool_slot *)(base + off);

		s->next = vm_pool_free_list;
		vm_pool_free_list = s;
	}
	return 0;
}

void *vm_pool_alloc(size_t size)
{
	struct vm_pool_slot *s;

	if (size > VM_POOL_SLOT || (vm_pool_free_list == NULL && vm_pool_grow() != 0))
		return NULL;
	s = vm_pool_free_list;
	vm_pool_free_list = s->next;
	return s;
}

void vm_pool_free(void *p)
{
	struct vm_pool_slot *s = p;

	if (p == NULL)
		return;
	s->next = vm_pool_free_list;
	vm_pool_free_list = s;
}
