/*
 * The memory report: frames per zone from `page`, the allocator's totals
 * and caches from `mem`, module memory from the module area. The system
 * call that copies it to user space (for `meminfo`) comes with the
 * system-call issue; the boot log prints its summary now.
 */
#include <stdint.h>

#include <kern/mem.h>
#include <core/meminfo.h>
#include <core/modmem.h>
#include <kern/page.h>
#include <kern/printk.h>
#include <core/role.h>
#include <kern/string.h>

static void meminfo_name(char *dst, const char *src)
{
	size_t n = src ? strnlen(src, MEMINFO_NAME - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

static void meminfo_pages(struct meminfo *mi)
{
	static const char *const names[2] = { "DMA", "Normal" };
	struct page_stats st;

	page_stats(&st);
	meminfo_name(mi->page_provider, page_provider());
	for (unsigned z = 0; z < 2; z++) {
		memcpy(mi->zones[z].name, names[z], strlen(names[z]) + 1);
		mi->zones[z].total_kib = st.zone[z].total * 4;
		mi->zones[z].free_kib = st.zone[z].free * 4;
	}
	mi->boot_reserved_kib = st.boot_reserved * 4;
	mi->reclaimable_kib = st.reclaimable * 4;
	mi->reclaimed_pages = st.reclaimed;
	mi->written_back_pages = page_written_back();
	mi->modules_kib = modmem_used() >> 10;
}

void meminfo_get(struct meminfo *mi)
{
	struct mem_cache_info caches[MEMINFO_MAX_CACHES];
	struct mem_info info;

	memset(mi, 0, sizeof(*mi));
	meminfo_pages(mi);
	meminfo_name(mi->mem_provider, role_provider("mem"));
	mi->ncaches = mem_info(&info, caches, MEMINFO_MAX_CACHES);
	meminfo_name(mi->allocator, info.allocator);
	mi->heap_in_use = info.bytes_in_use;
	mi->heap_held = info.bytes_held;
	mi->allocs = info.allocs;
	mi->frees = info.frees;
	mi->mag_hits = info.mag_hits;
	mi->mag_misses = info.mag_misses;
	if (info.mag_hits + info.mag_misses)
		mi->hit_permille = info.mag_hits * 1000 / (info.mag_hits + info.mag_misses);
	for (unsigned i = 0; i < mi->ncaches; i++) {
		meminfo_name(mi->caches[i].name, caches[i].name);
		mi->caches[i].objsize = caches[i].objsize;
		mi->caches[i].in_use = caches[i].in_use;
		mi->caches[i].capacity = caches[i].capacity;
	}
}

void meminfo_print(void)
{
	static struct meminfo mi;

	meminfo_get(&mi);
	printk("memory: page=%s: %s %lu/%lu KiB free, %s %lu/%lu KiB free, %lu KiB boot, "
	       "%lu KiB modules\n",
	       mi.page_provider, mi.zones[0].name, mi.zones[0].free_kib, mi.zones[0].total_kib,
	       mi.zones[1].name, mi.zones[1].free_kib, mi.zones[1].total_kib, mi.boot_reserved_kib,
	       mi.modules_kib);
	if (mi.mem_provider[0])
		printk("memory: mem=%s (%s): %u caches, %lu bytes in use of %lu KiB held, "
		       "magazine hit rate %u.%u%%\n",
		       mi.mem_provider, mi.allocator, mi.ncaches, mi.heap_in_use,
		       mi.heap_held >> 10, mi.hit_permille / 10, mi.hit_permille % 10);
}
