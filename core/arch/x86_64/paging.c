/*
 * The kernel's page tables. The direct map uses 2 MiB pages; the kernel
 * image and everything mapped later (module segments, MMIO) use 4 KiB pages
 * so that each can carry its own protection: text read-execute, rodata
 * read-only, data read-write and no-execute. No page is writable and
 * executable. Page-table pages come from the caller's frame allocator and
 * are reached through the direct map.
 */
#include <stdint.h>

#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/paging.h>
#include <kern/string.h>
#include <uapi/errno.h>

#define PTE_P 0x001ULL
#define PTE_W 0x002ULL
#define PTE_PWT 0x008ULL
#define PTE_PCD 0x010ULL
#define PTE_PS 0x080ULL
#define PTE_G 0x100ULL
#define PTE_NX (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL
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

/* The entry for va at `level` (0 = PTE), creating tables above it. */
static uint64_t *paging_walk(uint64_t va, int level, int create)
{
	uint64_t *table = paging_pml4;

	for (int l = 3; l > level; l--) {
		uint64_t *e = &table[paging_index(va, l)];

		if (!(*e & PTE_P)) {
			uint64_t pa = create ? paging_frame_alloc() : 0;

			if (pa == 0)
				return NULL;
			memset(paging_virt(pa), 0, PAGE_SIZE);
			*e = pa | PTE_P | PTE_W;
		} else if (*e & PTE_PS) {
			return NULL;
		}
		table = paging_virt(*e & PTE_ADDR);
	}
	return &table[paging_index(va, level)];
}

static uint64_t paging_bits(unsigned prot)
{
	uint64_t bits = PTE_P | PTE_G;

	if (prot & ARCH_PROT_WRITE)
		bits |= PTE_W;
	if (!(prot & ARCH_PROT_EXEC))
		bits |= PTE_NX;
	if (prot & ARCH_PROT_DEVICE)
		bits |= PTE_PCD | PTE_PWT;
	return bits;
}

int arch_map_page(uint64_t va, uint64_t pa, unsigned prot)
{
	uint64_t *pte;

	if ((va | pa) & (PAGE_SIZE - 1) || va < KERN_DIRECT_BASE ||
	    ((prot & ARCH_PROT_WRITE) && (prot & ARCH_PROT_EXEC)))
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

	if ((prot & ARCH_PROT_WRITE) && (prot & ARCH_PROT_EXEC))
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
		*prot = ARCH_PROT_READ | ((e & PTE_W) ? ARCH_PROT_WRITE : 0) |
			((e & PTE_NX) ? 0 : ARCH_PROT_EXEC);
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
	memset(paging_pml4, 0, PAGE_SIZE);
	phys_max = (phys_max + LARGE_PAGE - 1) & ~(LARGE_PAGE - 1);
	if (phys_max < KERN_BOOT_MAPPED)
		phys_max = KERN_BOOT_MAPPED; /* VGA, boot data, low devices */
	rc = paging_map_direct(phys_max);
	if (rc == 0)
		rc = paging_map_range(_text_start, _text_end, ARCH_PROT_READ | ARCH_PROT_EXEC);
	if (rc == 0)
		rc = paging_map_range(_rodata_start, _rodata_end, ARCH_PROT_READ);
	if (rc == 0)
		rc = paging_map_range(_data_start, _data_end, ARCH_PROT_READ | ARCH_PROT_WRITE);
	if (rc)
		return rc;
	arch_write_cr3(root);
	return 0;
}
