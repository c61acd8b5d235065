/*
 * The boot log's summary of what GRUB handed over: the memory map with its
 * totals, and the modules with their argument strings and ranges.
 */
#include <stdint.h>

#include <core/boot.h>
#include <kern/printk.h>

static void bootinfo_mmap(const struct mb2_info *info)
{
	printk("memory map (%u entries%s):\n", info->nmmap,
	       info->mmap_truncated ? ", truncated" : "");
	for (unsigned i = 0; i < info->nmmap; i++) {
		const struct mb2_mmap_entry *e = &info->mmap[i];

		printk("  [0x%012lx-0x%012lx) %8lu KiB %s\n", e->base, e->base + e->len,
		       e->len >> 10, mb2_mem_type_name(e->type));
	}
	printk("memory: %lu MiB available, %lu KiB reserved\n",
	       mb2_mem_total(info, MB2_MEM_AVAILABLE) >> 20,
	       (mb2_mem_total(info, MB2_MEM_RESERVED) + mb2_mem_total(info, MB2_MEM_ACPI) +
		mb2_mem_total(info, MB2_MEM_NVS)) >>
		   10);
}

static void bootinfo_modules(const struct mb2_info *info)
{
	printk("modules from the boot loader: %u%s\n", info->nmods,
	       info->mods_truncated ? " (more were given than fit)" : "");
	for (unsigned i = 0; i < info->nmods; i++) {
		const struct mb2_module *m = &info->mods[i];

		printk("  module %u: '%s' at [%#lx-%#lx) %lu bytes\n", i, m->cmdline, m->start,
		       m->end, m->end - m->start);
	}
}

void boot_print_info(const struct mb2_info *info)
{
	if (info->fb.present)
		printk("framebuffer: %ux%u, %u bpp at %#lx\n", info->fb.width, info->fb.height,
		       info->fb.bpp, info->fb.addr);
	bootinfo_mmap(info);
	bootinfo_modules(info);
}
