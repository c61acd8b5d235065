/*
 * The module area allocator behind the loader's ldr_env. Addresses are
 * handed out upwards and never reused (the area is 1 GiB; boot loads a few
 * dozen modules); frames come from the bootstrap allocator, and frames of
 * unloaded modules go on a free list threaded through the frames
 * themselves (reached by the direct map), to be used first next time.
 */
#include <stdint.h>

#include <arch/mmu.h>
#include <core/boot.h>
#include <core/modmem.h>
#include <core/module.h>
#include <kern/page.h>
#include <kern/string.h>
#include <uapi/errno.h>

static uint64_t modmem_next = KERN_MODULE_BASE;
static uint64_t modmem_free_list; /* physical address of the first free frame */
static uint64_t modmem_bytes;

static int modmem_paged; /* the page module took over: use page_alloc/page_free */

static uint64_t modmem_frame(void)
{
	uint64_t pa = modmem_free_list;

	if (modmem_paged)
		return page_alloc(0, 0);
	if (pa) {
		modmem_free_list = *(uint64_t *)(KERN_DIRECT_BASE + pa);
		return pa;
	}
	return boot_frame();
}

static void modmem_release(uint64_t pa)
{
	if (modmem_paged) {
		page_free(pa, 0);
		return;
	}
	*(uint64_t *)(KERN_DIRECT_BASE + pa) = modmem_free_list;
	modmem_free_list = pa;
}

/* Frames kept for reuse were handed out by bootmem, so after the takeover
 * the page module counts them in use: give them to it as free frames. */
void modmem_handoff(void)
{
	modmem_paged = 1;
	while (modmem_free_list) {
		uint64_t pa = modmem_free_list;

		modmem_free_list = *(uint64_t *)(KERN_DIRECT_BASE + pa);
		page_free(pa, 0);
	}
}

static void modmem_unmap(uint64_t va, size_t size)
{
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		uint64_t pa = arch_unmap_page(va + off);

		if (pa) {
			modmem_release(pa);
			modmem_bytes -= PAGE_SIZE;
		}
	}
}

static int modmem_alloc(void *ctx, size_t size, unsigned prot, uint64_t *target, void **host)
{
	uint64_t va = modmem_next;

	(void)ctx;
	(void)prot;
	if (size == 0 || size % PAGE_SIZE || size > KERN_MODULE_END - va - PAGE_SIZE)
		return -ENOMEM;
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		uint64_t pa = modmem_frame();

		if (pa == 0 || arch_map_page(va + off, pa, VM_READ | VM_WRITE)) {
			if (pa)
				modmem_release(pa);
			modmem_unmap(va, off);
			return -ENOMEM;
		}
		modmem_bytes += PAGE_SIZE;
	}
	memset((void *)va, 0, size);
	modmem_next = va + size + PAGE_SIZE; /* an unmapped guard page between segments */
	*target = va;
	*host = (void *)va;
	return 0;
}

static void modmem_free(void *ctx, uint64_t target, void *host, size_t size)
{
	(void)ctx;
	(void)host;
	modmem_unmap(target, size);
}

static int modmem_resolve(void *ctx, const char *name, uint64_t *addr)
{
	(void)ctx;
	return module_resolve(name, addr);
}

static const struct ldr_env modmem_ldr_env = {
	.alloc = modmem_alloc,
	.free = modmem_free,
	.resolve = modmem_resolve,
	.ctx = NULL,
};

const struct ldr_env *modmem_env(void)
{
	return &modmem_ldr_env;
}

int modmem_seal(const struct ldr_module *mod)
{
	for (unsigned s = 0; s < LDR_NSEG; s++) {
		const struct ldr_segment *seg = &mod->seg[s];

		for (size_t off = 0; off < seg->size; off += PAGE_SIZE)
			if (arch_protect_page(seg->target + off, seg->prot))
				return -EINVAL;
	}
	return 0;
}

uint64_t modmem_used(void)
{
	return modmem_bytes;
}
