/*
 * modules/page/page_buddy_mod.c - kernel glue of the buddy `page` provider.
 *
 * The module's init hands the core its table; page_register() then calls
 * the table's takeover with the bootstrap allocator, after which every
 * frame of the machine is the module's. Frames are reached through the
 * core's direct map (page_virt()). The provider is pinned: no fini.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/kmod.h>
#include <kern/page.h>
#include <kern/printk.h>

#include "buddy.h"

static void page_buddy_report(void)
{
	const struct buddy *b = buddy_page_state();
	struct page_stats st;
	uint64_t dma_kib, normal_mib;

	page_stats(&st);
	dma_kib = st.zone[PAGE_ZONE_DMA].total * (PAGE_SIZE / 1024);
	normal_mib = st.zone[PAGE_ZONE_NORMAL].total * PAGE_SIZE >> 20;
	printk("page: buddy: DMA %lu KiB (%lu free frames), NORMAL %lu MiB (%lu free frames)\n",
	       dma_kib, st.zone[PAGE_ZONE_DMA].free, normal_mib, st.zone[PAGE_ZONE_NORMAL].free);
	printk("page: buddy: %lu frames boot-reserved, %lu for %u frame records, "
	       "water marks %lu/%lu frames\n",
	       st.boot_reserved, b->meta_frames, b->nframes, st.low_water, st.high_water);
}

static int page_buddy_init(const char *args)
{
	int rc;

	(void)args;
	buddy_page_set_virt(page_virt);
	rc = page_register(&buddy_page_ops);
	if (rc) {
		pr_err("page: buddy: registration failed (error %d)\n", rc);
		return rc;
	}
	page_buddy_report();
	return 0;
}

KMOD(.name = "page", .version = "1.0.0", .role = "page", .init = page_buddy_init);
