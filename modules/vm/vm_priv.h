/*
 * Private to the vm module: the address-space record and the small-object
 * pool its bookkeeping comes from (vm loads before mem, so it cannot use
 * mem_alloc()).
 */
#ifndef VM_VM_PRIV_H_
#define VM_VM_PRIV_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/vm.h>

#include "vm_region.h"

struct vm_space {
	uint64_t root;		   /* page-table root (pmap) */
	struct vm_regions regions; /* ordered set of regions */
	uint64_t cow_faults;
	uint64_t zero_faults;
};

void *vm_pool_alloc(size_t size);
void vm_pool_free(void *p);

unsigned vm_pmap_prot(const struct vm_region *r);
void vm_drop_pages(void *arg, const struct vm_region *piece);

extern const struct vm_ops vm_zero_ops;

int vm_space_fault(struct vm_space *s, uint64_t addr, unsigned access);
struct vm_space *vm_space_fork(struct vm_space *parent);

#endif /* VM_VM_PRIV_H_ */
