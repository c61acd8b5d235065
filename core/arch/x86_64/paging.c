/*
 * The kernel's page tables. The direct map uses 2 MiB pages; the kernel
 * image and everything mapped later (module segments, MMIO) use 4 KiB pages
 * so that each can carry its own protection: text read-execute, rodata
 * read-only, data read-write and no-execute. No page is writable and
 * executable. Page-table pages come from the caller's frame allocator and
 * are reached through the direct map.
 */
#include <stdint.h>

#include <machine/cpufunc.h>
#include <arch/mmu.h>
#include <arch/string.h>
#include <kern/kmod.h>
#include <kern/pmap.h>
#include <kern/string.h>
#include <uapi/errno.h>

#define PTE_P	   0x001ULL
#define PTE_W	   0x002ULL
#define PTE_U	   0x004ULL
#define PTE_PWT	   0x008ULL
#define PTE_PCD	   0x010ULL
#define PTE_A	   0x020ULL
#define PTE_D	   0x040ULL
#define PTE_PS	   0x080ULL
#define PTE_G	   0x100ULL
#define PTE_NX	   (1ULL << 63)
#define PTE_ADDR   0x000ffffffffff000ULL
#define LARGE_PAGE (2ULL << 20)

extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _data_start[], _data_end[];

static uint64_t *paging_pml4;
static uint64_t (*paging_frame_alloc)(void);

static uint64_t *paging_virt(uint64_t pa)
{
	return (uint64_t *)(KERN_DIRECT_BASE + pa);
}

static unsigned paging_index(uint64_t va, int level)
{
	return (va >> (12 + 9 * level)) & 511;
}

/*
 * The index of the first present entry of t in [i, last], or last + 1.
 * Tables are mostly empty where this runs (sparse address spaces), so
 * it tests four entries per step while it can.
 */
static unsigned paging_scan(const uint64_t *t, unsigned i, unsigned last)
{
	while (i <= last && (i & 3))
		if (t[i++] & PTE_P)
			return i - 1;
	while (i + 3 <= last && !((t[i] | t[i + 1] | t[i + 2] | t[i + 3]) & PTE_P))
		i += 4;
	while (i <= last && !(t[i] & PTE_P))
		i++;
	return i;
}

/* The entry for va at `level` (0 = PTE) under `root`, creating tables above it. */
static uint64_t *paging_walk_in(uint64_t *root, uint64_t va, int level, int create, int user)
{
	uint64_t *table = root;

	for (int l = 3; l > level; l--) {
		uint64_t *e = &table[paging_index(va, l)];

		if (!(*e & PTE_P)) {
			uint64_t pa = create ? paging_frame_alloc() : 0;

			if (pa == 0)
				return NULL;
			arch_page_zero(paging_virt(pa));
			*e = pa | PTE_P | PTE_W | (user ? PTE_U : 0);
		} else if (*e & PTE_PS) {
			return NULL;
		}
		table = paging_virt(*e & PTE_ADDR);
	}
	return &table[paging_index(va, level)];
}

static uint64_t *paging_walk(uint64_t va, int level, int create)
{
	return paging_walk_in(paging_pml4, va, level, create, 0);
}

static uint64_t paging_bits(unsigned prot)
{
	uint64_t bits = PTE_P | PTE_G;

	if (prot & VM_WRITE)
		bits |= PTE_W;
	if (!(prot & VM_EXEC))
		bits |= PTE_NX;
	if (prot & VM_DEVICE)
		bits |= PTE_PCD | PTE_PWT;
	return bits;
}

int arch_map_page(uint64_t va, uint64_t pa, unsigned prot)
{
	uint64_t *pte;

	if ((va | pa) & (PAGE_SIZE - 1) || va < KERN_DIRECT_BASE ||
	    ((prot & VM_WRITE) && (prot & VM_EXEC)))
		return -EINVAL;
	pte = paging_walk(va, 0, 1);
	if (pte == NULL)
		return -ENOMEM;
	if (*pte & PTE_P)
		return -EEXIST;
	*pte = pa | paging_bits(prot);
	return 0;
}

uint64_t arch_unmap_page(uint64_t va)
{
	uint64_t *pte = paging_walk(va, 0, 0);
	uint64_t pa;

	if (pte == NULL || !(*pte & PTE_P))
		return 0;
	pa = *pte & PTE_ADDR;
	*pte = 0;
	arch_invlpg(va);
	return pa;
}

int arch_protect_page(uint64_t va, unsigned prot)
{
	uint64_t *pte = paging_walk(va, 0, 0);

	if ((prot & VM_WRITE) && (prot & VM_EXEC))
		return -EINVAL;
	if (pte == NULL || !(*pte & PTE_P))
		return -ENOENT;
	*pte = (*pte & PTE_ADDR) | paging_bits(prot);
	arch_invlpg(va);
	return 0;
}

uint64_t arch_translate(uint64_t va, unsigned *prot)
{
	uint64_t *table = paging_pml4;
	uint64_t e = 0;
	int l;

	for (l = 3; l >= 0; l--) {
		e = table[paging_index(va, l)];
		if (!(e & PTE_P))
			return ~0ULL;
		if (l == 0 || (e & PTE_PS))
			break;
		table = paging_virt(e & PTE_ADDR);
	}
	if (prot)
		*prot = VM_READ | ((e & PTE_W) ? VM_WRITE : 0) | ((e & PTE_NX) ? 0 : VM_EXEC);
	uint64_t span = 1ULL << (12 + 9 * l);

	return (e & PTE_ADDR & ~(span - 1)) | (va & (span - 1));
}

static int paging_map_direct(uint64_t phys_max)
{
	for (uint64_t pa = 0; pa < phys_max; pa += LARGE_PAGE) {
		uint64_t *pde = paging_walk(KERN_DIRECT_BASE + pa, 1, 1);

		if (pde == NULL)
			return -ENOMEM;
		*pde = pa | PTE_P | PTE_W | PTE_PS | PTE_G | PTE_NX;
	}
	return 0;
}

static int paging_map_range(char *start, char *end, unsigned prot)
{
	for (uint64_t va = (uint64_t)start; va < (uint64_t)end; va += PAGE_SIZE) {
		int rc = arch_map_page(va, va - KERN_VMA, prot);

		if (rc)
			return rc;
	}
	return 0;
}

int arch_paging_init(uint64_t (*frame_alloc)(void), uint64_t phys_max)
{
	uint64_t root = frame_alloc();
	int rc;

	if (root == 0)
		return -ENOMEM;
	paging_frame_alloc = frame_alloc;
	paging_pml4 = paging_virt(root);
	arch_page_zero(paging_pml4);
	phys_max = (phys_max + LARGE_PAGE - 1) & ~(LARGE_PAGE - 1);
	if (phys_max < KERN_BOOT_MAPPED)
		phys_max = KERN_BOOT_MAPPED; /* VGA, boot data, low devices */
	rc = paging_map_direct(phys_max);
	if (rc == 0)
		rc = paging_map_range(_text_start, _text_end, VM_READ | VM_EXEC);
	if (rc == 0)
		rc = paging_map_range(_rodata_start, _rodata_end, VM_READ);
	if (rc == 0)
		rc = paging_map_range(_data_start, _data_end, VM_READ | VM_WRITE);
	if (rc)
		return rc;
	arch_write_cr3(root);
	return 0;
}

/*
 * Address spaces of user processes: a PML4 whose lower half is private and
 * whose upper half points at the kernel's own tables, so every space sees
 * the same kernel. User pages carry the U bit; their protection is what the
 * vm module asks for.
 */

static void (*paging_frame_free)(uint64_t pa);

void arch_paging_set_frames(uint64_t (*frame_alloc)(void), void (*frame_free)(uint64_t pa))
{
	paging_frame_alloc = frame_alloc;
	paging_frame_free = frame_free;
}

uint64_t pmap_kernel(void)
{
	return (uint64_t)paging_pml4 - KERN_DIRECT_BASE;
}
KERN_EXPORT(pmap_kernel);

uint64_t pmap_create(void)
{
	uint64_t root = paging_frame_alloc();
	uint64_t *t;

	if (root == 0)
		return 0;
	t = paging_virt(root);
	memset(t, 0, PAGE_SIZE / 2);
	memcpy(t + 256, paging_pml4 + 256, PAGE_SIZE / 2);
	return root;
}
KERN_EXPORT(pmap_create);

static void paging_free_table(uint64_t pa, int level)
{
	const uint64_t *t = paging_virt(pa);

	if (level > 1) {
		for (unsigned i = paging_scan(t, 0, 511); i < 512; i = paging_scan(t, i + 1, 511))
			if (!(t[i] & PTE_PS))
				paging_free_table(t[i] & PTE_ADDR, level - 1);
	}
	if (paging_frame_free)
		paging_frame_free(pa);
}

void pmap_destroy(uint64_t root)
{
	uint64_t *t = paging_virt(root);

	if (root == pmap_kernel())
		return;
	if (arch_read_cr3() == root)
		arch_write_cr3(pmap_kernel());
	for (unsigned i = paging_scan(t, 0, 255); i < 256; i = paging_scan(t, i + 1, 255))
		paging_free_table(t[i] & PTE_ADDR, 3);
	if (paging_frame_free)
		paging_frame_free(root);
}
KERN_EXPORT(pmap_destroy);

/* A user page: the kernel's bits for @prot, not global, with the U bit. */
static uint64_t paging_user_bits(unsigned prot)
{
	return (paging_bits(prot & ~VM_DEVICE) & ~PTE_G) | PTE_U;
}

int pmap_enter(uint64_t root, uint64_t va, uint64_t pa, unsigned prot)
{
	uint64_t *pte;

	if ((va | pa) & (PAGE_SIZE - 1) || va >= USER_TOP)
		return -EINVAL;
	pte = paging_walk_in(paging_virt(root), va, 0, 1, 1);
	if (pte == NULL)
		return -ENOMEM;
	if (*pte & PTE_P)
		return -EEXIST;
	*pte = pa | paging_user_bits(prot);
	return 0;
}
KERN_EXPORT(pmap_enter);

uint64_t pmap_remove(uint64_t root, uint64_t va)
{
	uint64_t *pte = paging_walk_in(paging_virt(root), va, 0, 0, 1);
	uint64_t pa;

	if (va >= USER_TOP || pte == NULL || !(*pte & PTE_P))
		return 0;
	pa = *pte & PTE_ADDR;
	*pte = 0;
	if (arch_read_cr3() == root)
		arch_invlpg(va);
	return pa;
}
KERN_EXPORT(pmap_remove);

int pmap_protect(uint64_t root, uint64_t va, unsigned prot)
{
	uint64_t *pte = paging_walk_in(paging_virt(root), va, 0, 0, 1);

	if (va >= USER_TOP || pte == NULL || !(*pte & PTE_P))
		return -ENOENT;
	*pte = (*pte & (PTE_ADDR | PTE_A | PTE_D)) | paging_user_bits(prot);
	if (arch_read_cr3() == root)
		arch_invlpg(va);
	return 0;
}
KERN_EXPORT(pmap_protect);

int pmap_clear_dirty(uint64_t root, uint64_t va)
{
	uint64_t *pte = paging_walk_in(paging_virt(root), va, 0, 0, 1);

	if (va >= USER_TOP || pte == NULL || !(*pte & PTE_P) || !(*pte & PTE_D))
		return 0;
	*pte &= ~PTE_D;
	if (arch_read_cr3() == root)
		arch_invlpg(va);
	return 1;
}
KERN_EXPORT(pmap_clear_dirty);

uint64_t pmap_extract(uint64_t root, uint64_t va, unsigned *prot)
{
	uint64_t *pte = paging_walk_in(paging_virt(root), va, 0, 0, 1);

	if (va >= USER_TOP || pte == NULL || !(*pte & PTE_P))
		return PMAP_NONE;
	if (prot)
		*prot = VM_READ | ((*pte & PTE_W) ? VM_WRITE : 0) | ((*pte & PTE_NX) ? 0 : VM_EXEC);
	return (*pte & PTE_ADDR) | (va & (PAGE_SIZE - 1));
}
KERN_EXPORT(pmap_extract);

uint64_t pmap_kextract(const void *p)
{
	uint64_t va = (uint64_t)p, *table = paging_pml4;

	if (va < KERN_DIRECT_BASE)
		return PMAP_NONE;
	if (va < KERN_STACK_BASE)
		return va - KERN_DIRECT_BASE;
	for (int l = 3; l >= 0; l--) { /* large pages (the kernel image's) end the walk early */
		uint64_t e = table[paging_index(va, l)], span = 1ULL << (12 + 9 * l);

		if (!(e & PTE_P))
			return PMAP_NONE;
		if (l == 0 || (l < 3 && (e & PTE_PS)))
			return (e & PTE_ADDR & ~(span - 1)) | (va & (span - 1));
		table = paging_virt(e & PTE_ADDR);
	}
	return PMAP_NONE;
}
KERN_EXPORT(pmap_kextract);

/*
 * The first present leaf at or above va in table t (at `level`, covering
 * va), below end. The scan looks at the present bits only, and an absent
 * entry skips its whole span (512 GiB, 1 GiB, 2 MiB or a page), so the walk
 * costs a few instructions per entry of the tables that exist.
 */
static uint64_t paging_next_in(const uint64_t *t, int level, uint64_t va, uint64_t end)
{
	unsigned shift = 12 + 9 * level;
	uint64_t base = va & ~((1ULL << shift << 9) - 1); /* the table's first address */
	uint64_t last = (end - 1 - base) >> shift;	  /* end > va >= base */

	if (last > 511)
		last = 511;
	for (unsigned i = paging_scan(t, paging_index(va, level), last); i <= last;
	     i = paging_scan(t, i + 1, last)) {
		uint64_t e = t[i], at = base + ((uint64_t)i << shift), r;

		if (at < va)
			at = va;
		if (level == 0 || (e & PTE_PS))
			return at;
		r = paging_next_in(paging_virt(e & PTE_ADDR), level - 1, at, end);
		if (r < end)
			return r;
	}
	return end;
}

/* The present leaves of t (at `level`, covering va) in [va, end): each is
 * cleared, its TLB entry dropped when the space is active, then handed to
 * fn. Large leaves (never made for user pages) are left alone. */
static uint64_t paging_remove_in(uint64_t *t, int level, uint64_t va, uint64_t end, int active,
				 pmap_removed_fn *fn, void *arg)
{
	unsigned shift = 12 + 9 * level;
	uint64_t base = va & ~((1ULL << shift << 9) - 1);
	uint64_t last = (end - 1 - base) >> shift, n = 0;

	if (last > 511)
		last = 511;
	for (unsigned i = paging_scan(t, paging_index(va, level), last); i <= last;
	     i = paging_scan(t, i + 1, last)) {
		uint64_t e = t[i], at = base + ((uint64_t)i << shift);

		if (level == 0) {
			t[i] = 0;
			if (active)
				arch_invlpg(at);
			fn(arg, at, e & PTE_ADDR, (e & PTE_D) != 0);
			n++;
		} else if (!(e & PTE_PS)) {
			n += paging_remove_in(paging_virt(e & PTE_ADDR), level - 1,
					      at < va ? va : at, end, active, fn, arg);
		}
	}
	return n;
}

uint64_t pmap_remove_range(uint64_t root, uint64_t va, uint64_t end, pmap_removed_fn *fn, void *arg)
{
	uint64_t stop = end < USER_TOP ? end : USER_TOP;

	va &= ~(PAGE_SIZE - 1);
	if (va >= stop)
		return 0;
	return paging_remove_in(paging_virt(root), 3, va, stop, arch_read_cr3() == root, fn, arg);
}
KERN_EXPORT(pmap_remove_range);

uint64_t pmap_next(uint64_t root, uint64_t va, uint64_t end)
{
	uint64_t stop = end < USER_TOP ? end : USER_TOP;

	va &= ~(PAGE_SIZE - 1);
	if (va >= stop)
		return end;
	va = paging_next_in(paging_virt(root), 3, va, stop);
	return va < stop ? va : end;
}
KERN_EXPORT(pmap_next);

void pmap_activate(uint64_t root)
{
	if (arch_read_cr3() != root)
		arch_write_cr3(root);
}
KERN_EXPORT(pmap_activate);

void pmap_copy_page(uint64_t dst_pa, uint64_t src_pa)
{
	arch_page_copy(paging_virt(dst_pa), paging_virt(src_pa));
}
KERN_EXPORT(pmap_copy_page);
