/*
 * The fake architecture's page tables: one small table of mappings, each
 * tagged with the root of its space (the kernel's is 1), so that host
 * tests can map, look up and unmap pages and see the arch's checks (W^X,
 * alignment, double mappings). Nothing is mapped for real.
 */
#include <stdint.h>
#include <string.h>

#include <arch/mmu.h>
#include <kern/pmap.h>
#include <uapi/errno.h>

#define HOST_MAPPINGS	256
#define HOST_KERN_SPACE 1

struct host_mapping {
	uint64_t root;
	uint64_t va;
	uint64_t pa;
	unsigned prot;
	int dirty; /* a writable entry counts as written once (no CPU sets it here) */
};

static struct host_mapping host_map[HOST_MAPPINGS];
static uint64_t host_next_root = HOST_KERN_SPACE + 1;
static uint64_t host_active = HOST_KERN_SPACE;

static struct host_mapping *host_find(uint64_t root, uint64_t va)
{
	for (unsigned i = 0; i < HOST_MAPPINGS; i++)
		if (host_map[i].root == root && host_map[i].va == (va & ~(PAGE_SIZE - 1)))
			return &host_map[i];
	return NULL;
}

static int host_enter(uint64_t root, uint64_t va, uint64_t pa, unsigned prot)
{
	struct host_mapping *m;

	if ((va | pa) & (PAGE_SIZE - 1) || ((prot & VM_WRITE) && (prot & VM_EXEC)))
		return -EINVAL;
	if (host_find(root, va))
		return -EEXIST;
	m = host_find(0, 0);
	if (m == NULL)
		return -ENOMEM;
	*m = (struct host_mapping){ .root = root,
				    .va = va,
				    .pa = pa,
				    .prot = prot | VM_READ,
				    .dirty = !!(prot & VM_WRITE) };
	return 0;
}

static uint64_t host_remove(uint64_t root, uint64_t va)
{
	struct host_mapping *m = host_find(root, va);
	uint64_t pa;

	if (m == NULL)
		return 0;
	pa = m->pa;
	memset(m, 0, sizeof(*m));
	return pa;
}

static int host_protect(uint64_t root, uint64_t va, unsigned prot)
{
	struct host_mapping *m = host_find(root, va);

	if ((prot & VM_WRITE) && (prot & VM_EXEC))
		return -EINVAL;
	if (m == NULL)
		return -ENOENT;
	m->prot = prot | VM_READ;
	return 0;
}

static uint64_t host_lookup(uint64_t root, uint64_t va, unsigned *prot)
{
	struct host_mapping *m = host_find(root, va);

	if (m == NULL)
		return ~0ULL;
	if (prot)
		*prot = m->prot;
	return m->pa | (va & (PAGE_SIZE - 1));
}

int arch_paging_init(uint64_t (*frame_alloc)(void), uint64_t phys_max)
{
	(void)frame_alloc;
	(void)phys_max;
	return 0;
}

int arch_map_page(uint64_t va, uint64_t pa, unsigned prot)
{
	return host_enter(HOST_KERN_SPACE, va, pa, prot);
}

uint64_t arch_unmap_page(uint64_t va)
{
	return host_remove(HOST_KERN_SPACE, va);
}

int arch_protect_page(uint64_t va, unsigned prot)
{
	return host_protect(HOST_KERN_SPACE, va, prot);
}

uint64_t arch_translate(uint64_t va, unsigned *prot)
{
	return host_lookup(HOST_KERN_SPACE, va, prot);
}

void arch_paging_set_frames(uint64_t (*frame_alloc)(void), void (*frame_free)(uint64_t pa))
{
	(void)frame_alloc;
	(void)frame_free;
}

uint64_t pmap_kernel(void)
{
	return HOST_KERN_SPACE;
}

uint64_t pmap_create(void)
{
	return host_next_root++;
}

void pmap_destroy(uint64_t root)
{
	for (unsigned i = 0; i < HOST_MAPPINGS; i++)
		if (host_map[i].root == root && root != HOST_KERN_SPACE)
			memset(&host_map[i], 0, sizeof(host_map[i]));
	if (host_active == root)
		host_active = HOST_KERN_SPACE;
}

int pmap_enter(uint64_t root, uint64_t va, uint64_t pa, unsigned prot)
{
	if (va >= USER_TOP)
		return -EINVAL;
	return host_enter(root, va, pa, prot);
}

uint64_t pmap_remove(uint64_t root, uint64_t va)
{
	return host_remove(root, va);
}

int pmap_protect(uint64_t root, uint64_t va, unsigned prot)
{
	return host_protect(root, va, prot);
}

int pmap_clear_dirty(uint64_t root, uint64_t va)
{
	struct host_mapping *m = va < USER_TOP ? host_find(root, va) : NULL;
	int was = m && m->root && m->dirty;

	if (m)
		m->dirty = 0;
	return was;
}

uint64_t pmap_extract(uint64_t root, uint64_t va, unsigned *prot)
{
	return host_lookup(root, va, prot);
}

/* Host "physical" addresses are host addresses (the fakes' page_virt() is the identity). */
uint64_t pmap_kextract(const void *va)
{
	return (uint64_t)(uintptr_t)va;
}

uint64_t pmap_next(uint64_t root, uint64_t va, uint64_t end)
{
	uint64_t best = end;

	va &= ~(PAGE_SIZE - 1);
	for (unsigned i = 0; i < HOST_MAPPINGS; i++)
		if (host_map[i].root == root && host_map[i].va >= va && host_map[i].va < best)
			best = host_map[i].va;
	return best;
}

uint64_t pmap_remove_range(uint64_t root, uint64_t va, uint64_t end, pmap_removed_fn *fn, void *arg)
{
	uint64_t n = 0;

	for (va = pmap_next(root, va, end); va < end; va = pmap_next(root, va + PAGE_SIZE, end)) {
		int dirty = pmap_clear_dirty(root, va);
		uint64_t pa = pmap_remove(root, va);

		fn(arg, va, pa, dirty);
		n++;
	}
	return n;
}

void pmap_activate(uint64_t root)
{
	host_active = root;
}

/* Host frames are not memory: nothing to copy. */
void pmap_copy_page(uint64_t dst_pa, uint64_t src_pa)
{
	(void)dst_pa;
	(void)src_pa;
}
