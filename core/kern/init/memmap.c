/*
 * Boot-time memory: fill the bootstrap frame allocator from the multiboot2
 * memory map, keep the kernel, the boot information, the modules and the
 * first megabyte (BIOS data, VGA, future DMA bounce buffers) out of it, and
 * switch to the kernel's own W^X page tables.
 */
#include <stdint.h>

#include <arch/mmu.h>
#include <core/boot.h>
#include <kern/bootmem.h>
#include <kern/page.h>
#include <kern/panic.h>
#include <kern/printk.h>
#include <core/bootmem.h>

#define BOOT_LOW_RESERVED 0x100000ULL

extern char _kernel_phys_start[], _kernel_phys_end[];

static struct bootmem boot_mem;
static uint64_t boot_mem_limit = KERN_BOOT_MAPPED;

struct bootmem *boot_bootmem(void)
{
	return &boot_mem;
}

uint64_t boot_direct_limit(void)
{
	return boot_mem_limit;
}

/* One frame: from bootmem until the `page` provider takes over, then from it. */
uint64_t boot_frame(void)
{
	return page_alloc(0, 0);
}

static void boot_mem_fill(const struct mb2_info *info, uint64_t mbi_phys, uint64_t mbi_len)
{
	bootmem_init(&boot_mem);
	for (unsigned i = 0; i < info->nmmap; i++) {
		const struct mb2_mmap_entry *e = &info->mmap[i];

		if (e->type == MB2_MEM_AVAILABLE && e->len <= UINT64_MAX - e->base)
			bootmem_add(&boot_mem, e->base, e->base + e->len);
	}
	bootmem_reserve(&boot_mem, 0, BOOT_LOW_RESERVED);
	bootmem_reserve(&boot_mem, (uint64_t)_kernel_phys_start, (uint64_t)_kernel_phys_end);
	bootmem_reserve(&boot_mem, mbi_phys, mbi_phys + mbi_len);
	for (unsigned i = 0; i < info->nmods; i++)
		bootmem_reserve(&boot_mem, info->mods[i].start, info->mods[i].end);
	if (boot_mem.dropped)
		pr_warn("bootmem: %u memory ranges did not fit the table and are unused\n",
			boot_mem.dropped);
}

void boot_memory_init(const struct mb2_info *info, uint64_t mbi_phys, uint64_t mbi_len)
{
	uint64_t max;
	int rc;

	boot_mem_fill(info, mbi_phys, mbi_len);
	max = bootmem_max_addr(&boot_mem);
	if (bootmem_free_bytes(&boot_mem) == 0)
		panic("bootmem: no usable memory in the boot loader's memory map");
	rc = arch_paging_init(boot_frame, max);
	if (rc)
		panic("paging: cannot build the kernel page tables (error %d)", rc);
	boot_mem_limit = max;
	printk("bootmem: %lu MiB free for the bootstrap allocator; direct map up to %#lx; "
	       "kernel mapped W^X\n",
	       bootmem_free_bytes(&boot_mem) >> 20, max);
}
