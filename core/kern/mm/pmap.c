/*
 * pmap: the machine-independent face of the page tables, exported to the
 * vm module (modules never include <arch/...>). The PMAP_* protection bits
 * are the ARCH_PROT_* bits.
 */
#include <stdint.h>

#include <arch/layout.h>
#include <arch/paging.h>
#include <kern/kmod.h>
#include <kern/pmap.h>
#include <kern/string.h>

_Static_assert(PMAP_READ == ARCH_PROT_READ && PMAP_WRITE == ARCH_PROT_WRITE &&
		   PMAP_EXEC == ARCH_PROT_EXEC,
	       "pmap and arch protection bits differ");

uint64_t pmap_create(void)
{
	return arch_space_create();
}
KERN_EXPORT(pmap_create);

void pmap_destroy(uint64_t root)
{
	arch_space_destroy(root);
}
KERN_EXPORT(pmap_destroy);

int pmap_enter(uint64_t root, uint64_t va, uint64_t pa, unsigned prot)
{
	return arch_space_map(root, va, pa, prot);
}
KERN_EXPORT(pmap_enter);

uint64_t pmap_remove(uint64_t root, uint64_t va)
{
	return arch_space_unmap(root, va);
}
KERN_EXPORT(pmap_remove);

int pmap_protect(uint64_t root, uint64_t va, unsigned prot)
{
	return arch_space_protect(root, va, prot);
}
KERN_EXPORT(pmap_protect);

uint64_t pmap_extract(uint64_t root, uint64_t va, unsigned *prot)
{
	return arch_space_lookup(root, va, prot);
}
KERN_EXPORT(pmap_extract);

void pmap_activate(uint64_t root)
{
	arch_space_activate(root);
}
KERN_EXPORT(pmap_activate);

uint64_t pmap_kernel(void)
{
	return arch_kernel_space();
}
KERN_EXPORT(pmap_kernel);

void pmap_copy_page(uint64_t dst_pa, uint64_t src_pa)
{
	memcpy((void *)(KERN_DIRECT_BASE + dst_pa), (const void *)(KERN_DIRECT_BASE + src_pa),
	       PAGE_SIZE);
}
KERN_EXPORT(pmap_copy_page);
